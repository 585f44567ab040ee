package org.backtriage.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Input;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Question;
import org.backtriage.triage.Step;

/**
 * Where a person is, as they see it in one language: a question with its progress and buttons
 * (ticks on a multiple choice, Back, Why, Done), the welcome, a question shown with the answer
 * given to it, the "you have finished" line.
 */
final class QuestionView {
    private final Messages messages;
    /** The question the body map answers, and the button that opens the map, when the map is served. */
    private final Optional<String> mapQuestion;
    private final Optional<Button> mapButton;

    QuestionView(Messages messages) {
        this(messages, Optional.empty(), Optional.empty());
    }

    /** {@code mapUrl}: where the body map page is served (https), for a button on {@code mapQuestion}. */
    QuestionView(Messages messages, Optional<String> mapQuestion, Optional<String> mapUrl) {
        this.messages = messages;
        this.mapQuestion = mapUrl.isPresent() ? mapQuestion : Optional.empty();
        this.mapButton = mapUrl.map(url -> Button.webApp(messages.text("button.body_map"),
                url + "/bodymap/?lang=" + messages.language()));
    }

    /** The message that brings a person back to where they are, without repeating a whole report. */
    Reply remind(Step step) {
        return switch (step) {
            case Step.Asked asked -> new Reply.Send(text(asked), keyboard(asked));
            case Step.Finished _ -> new Reply.Send(messages.text("finished.already"), Keyboard.NONE);
            case Step.NotStarted _ -> new Reply.Send(messages.text("welcome"), new Keyboard(List.of(List.of(
                    new Button(messages.text("button.begin"), encode(new Input.Begin()))))));
        };
    }

    /** "Delete everything?", with Yes and No. */
    Reply forgetQuestion() {
        return new Reply.Send(messages.text("forget.confirm"), new Keyboard(List.of(List.of(
                new Button(messages.text("forget.yes"), ButtonData.encode(ButtonData.Forget.YES)),
                new Button(messages.text("forget.no"), ButtonData.encode(ButtonData.Forget.NO))))));
    }

    /** Every language this bot speaks, each in its own name. */
    Reply languageQuestion(Map<String, String> languageNames) {
        return new Reply.Send(messages.text("language.choose"), new Keyboard(languageNames.entrySet().stream()
                .map(language -> List.of(new Button(language.getValue(), ButtonData.encode(new ButtonData.Language(language.getKey())))))
                .toList()));
    }

    /** "Continue where you left off, or start again?" after a long rest. */
    Reply welcomeBack() {
        return new Reply.Send(messages.text("welcome_back"), new Keyboard(List.of(List.of(
                new Button(messages.text("button.continue"), ButtonData.encode(new ButtonData.Continue())),
                new Button(messages.text("button.restart"), encode(new Input.Restart()))))));
    }

    /** "Step n of m", then the question. */
    String text(Step.Asked asked) {
        return messages.format("progress", Map.of(
                "step", Integer.toString(asked.progress().step()),
                "total", Integer.toString(asked.progress().total())))
                + "\n" + messages.text(asked.question().textKey());
    }

    /** A question as a check-in asks it again: its check-in wording when it has one, without progress. */
    String checkInText(Step.Asked asked) {
        Question question = asked.question();
        return messages.text(question.checkInTextKey().orElse(question.textKey()));
    }

    /** The question with the answer given to it, for the pressed message once its buttons go. */
    String answered(String questionHtml, String answer) {
        return messages.format("answered", Map.of("question", questionHtml, "answer", answer));
    }

    /** The labels of the chosen options, joined for one line. */
    String labels(Question question, List<String> optionIds) {
        return String.join("; ", optionIds.stream()
                .map(id -> messages.text(question.option(id).orElseThrow().labelKey()))
                .toList());
    }

    /** The question's buttons in the conversation, with the body map's on the question it answers. */
    Keyboard keyboard(Step.Asked asked) {
        Optional<Button> map = mapButton.filter(b -> mapQuestion.filter(asked.question().id()::equals).isPresent());
        return keyboard(asked, ButtonData.Answer::new, map);
    }

    /** The question's buttons as the check-in asks it again: each press given by {@code press}. */
    Keyboard keyboard(Step.Asked asked, Function<Input, ButtonData.Press> press) {
        return keyboard(asked, press, Optional.empty());
    }

    private Keyboard keyboard(Step.Asked asked, Function<Input, ButtonData.Press> press, Optional<Button> map) {
        Question question = asked.question();
        List<List<Button>> rows = new ArrayList<>();
        for (Option option : question.buttons()) {
            String label = messages.text(option.labelKey());
            if (question.choice() == Choice.MULTIPLE && !option.exclusive()) {
                // An exclusive option answers at once, so it is a plain button, not a box to tick.
                String toggle = asked.selection().contains(option.id()) ? "toggle.on" : "toggle.off";
                label = messages.format(toggle, Map.of("label", label));
            }
            rows.add(List.of(new Button(label, ButtonData.encode(press.apply(new Input.Pick(question.id(), option.id()))))));
        }
        map.ifPresent(button -> rows.add(List.of(button)));
        List<Button> last = new ArrayList<>();
        if (asked.canGoBack()) {
            last.add(new Button(messages.text("button.back"), ButtonData.encode(press.apply(new Input.Back()))));
        }
        question.whyKey().ifPresent(key -> last.add(new Button(messages.text("button.why"),
                ButtonData.encode(new ButtonData.Why(question.id())))));
        if (question.choice() == Choice.MULTIPLE) {
            last.add(new Button(messages.text("button.done"), ButtonData.encode(press.apply(new Input.Done(question.id())))));
        }
        if (!last.isEmpty()) {
            rows.add(last);
        }
        return new Keyboard(rows);
    }

    private static String encode(Input input) {
        return ButtonData.encode(new ButtonData.Answer(input));
    }
}
