package org.backtriage.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Step;
import org.backtriage.triage.Urgency;

/**
 * The check-in a week after an ending, in one language: "how is your back now?"; for someone sent
 * to a clinician, whether they went; then every red-flag question of the tree again, one at a
 * time, judged by the tree's own rules; then advice that fits all of it.
 */
final class CheckInConversation {
    private static final List<String> FEELINGS = List.of("better", "same", "worse");

    private final Engine engine;
    private final Messages messages;
    private final Report report;
    private final Clock clock;
    private final Duration after;
    private final DateTimeFormatter dates;

    CheckInConversation(Engine engine, Messages messages, Report report, Clock clock, Duration after) {
        this.engine = engine;
        this.messages = messages;
        this.report = report;
        this.clock = clock;
        this.after = after;
        this.dates = DateTimeFormatter.ofPattern(messages.text("date.format"), Locale.forLanguageTag(messages.language()));
    }

    /** The button under an ending that plans the check-in. */
    Button offer() {
        return new Button(messages.text("button.check_in"), ButtonData.encode(new ButtonData.CheckInOffer()));
    }

    /** Whether a press is one of the check-in's buttons. */
    static boolean isCheckIn(ButtonData.Press press) {
        return press instanceof ButtonData.CheckInOffer || press instanceof ButtonData.CheckInFeeling
                || press instanceof ButtonData.CheckInSeen || press instanceof ButtonData.CheckInSign;
    }

    /** The check-in is due: ask how the back is now. */
    Answered due(CheckIn checkIn) {
        return new Answered(List.of(askFeeling()), Optional.of(checkIn.asked()));
    }

    /**
     * A press of a check-in button by a person whose session is {@code finished} (empty when they
     * are not at an ending). An empty {@link Answered#checkIn} ends the check-in.
     */
    Answered press(Optional<CheckIn> checkIn, Optional<Step.Finished> finished, ButtonData.Press press) {
        if (press instanceof ButtonData.CheckInOffer) {
            return plan(checkIn, finished);
        }
        if (checkIn.isEmpty() || checkIn.get().stage() == CheckIn.Stage.SCHEDULED) {
            return new Answered(List.of(notice("notice.stale")), checkIn);
        }
        CheckIn current = checkIn.get();
        if (current.stage() == CheckIn.Stage.ASKED && press instanceof ButtonData.CheckInFeeling feelingPressed) {
            Optional<String> feeling = Optional.of(feelingPressed.feeling());
            if (sentToAClinician(current)) {
                return new Answered(List.of(inPlace(askSeen())), Optional.of(current.feeling(feeling.get()).askingVisit()));
            }
            return firstSign(current.feeling(feeling.get()).screening(firstRecheck(), List.of(), List.of()));
        }
        Optional<String> asking = current.asking();
        if (asking.filter(CheckIn.VISIT::equals).isPresent() && press instanceof ButtonData.CheckInSeen seen) {
            return firstSign(current.visit(seen.yes() ? CheckIn.Visit.SEEN : CheckIn.Visit.NOT_YET)
                    .screening(firstRecheck(), List.of(), List.of()));
        }
        if (press instanceof ButtonData.CheckInSign sign && asking.filter(sign.questionId()::equals).isPresent()) {
            Question question = engine.tree().question(sign.questionId()).orElseThrow();
            Optional<Option> option = question.option(sign.optionId());
            if (option.isPresent()) {
                return sign(current, question, option.get());
            }
        }
        // A button of an earlier message: say so, and ask the current question again.
        List<Reply> replies = new ArrayList<>(List.of(notice("notice.stale")));
        if (current.stage() == CheckIn.Stage.ASKED) {
            replies.add(askFeeling());
            return new Answered(replies, checkIn);
        }
        if (asking.filter(CheckIn.VISIT::equals).isPresent()) {
            replies.add(askSeen());
            return new Answered(replies, checkIn);
        }
        String question = asking.filter(id -> engine.tree().question(id).isPresent()).orElse(firstRecheck());
        replies.add(askSign(question, false));
        return new Answered(replies, Optional.of(current.screening(question, List.of(), List.of())));
    }

    private Answered plan(Optional<CheckIn> checkIn, Optional<Step.Finished> finished) {
        if (checkIn.isPresent()) {
            return new Answered(List.of(notice("check_in.already")), checkIn);
        }
        if (finished.isEmpty() || finished.get().outcome().urgency() == Urgency.EMERGENCY) {
            return new Answered(List.of(notice("notice.stale")), checkIn);
        }
        Instant due = clock.instant().plus(after);
        String date = dates.format(LocalDate.ofInstant(due, ZoneOffset.UTC));
        String set = messages.format("check_in.set", Map.of("date", date));
        return new Answered(List.of(new Reply.Notice(set), new Reply.Send(set, Keyboard.NONE)),
                Optional.of(CheckIn.planned(due, finished.get().outcome().id())));
    }

    private Answered firstSign(CheckIn next) {
        return new Answered(List.of(inPlace(askSign(next.asking().orElseThrow(), true))), Optional.of(next));
    }

    /** One red-flag question answered: the ending it calls for, the next question, or the closing advice. */
    private Answered sign(CheckIn current, Question question, Option option) {
        List<Reply> replies = new ArrayList<>();
        // The tree's own rules judge the answer, as they did the first time.
        Step.Finished screened = engine.screen(List.of(new Answer(question.id(), List.of(option.id()))));
        if (screened.outcome().urgency().isRedFlag()) {
            replies.add(new Reply.EditPressed(report.render(screened, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                    Keyboard.NONE, false));
            // What to do now, without the self-care and commands that follow an ending reached by the questions.
            screened.outcome().after().stream().findFirst()
                    .ifPresent(block -> replies.add(new Reply.Send(messages.text(block.textKey()), Keyboard.NONE)));
            return new Answered(replies, Optional.empty());
        }
        List<String> recheck = engine.tree().recheck();
        int at = recheck.indexOf(question.id());
        if (at >= 0 && at + 1 < recheck.size()) {
            replies.add(inPlace(askSign(recheck.get(at + 1), false)));
            return new Answered(replies, Optional.of(current.screening(recheck.get(at + 1), List.of(), List.of())));
        }
        replies.add(new Reply.EditPressed(String.join("\n\n", messages.text(closing(current)), messages.text("check_in.safety"),
                messages.text("outcome.footer_you")), Keyboard.NONE, false));
        return new Answered(replies, Optional.empty());
    }

    /** Someone told to see a clinician is told again if they have not, however the back is now. */
    private String closing(CheckIn checkIn) {
        boolean seen = checkIn.visit().flatMap(CheckIn.Visit::of).filter(CheckIn.Visit.NOT_YET::equals).isEmpty()
                && checkIn.visit().isPresent();
        Optional<Urgency> was = urgencyAt(checkIn);
        if (!seen && was.filter(Urgency.URGENT::equals).isPresent()) {
            return "check_in.not_seen_urgent";
        }
        if (!seen && was.filter(Urgency.SOON::equals).isPresent()) {
            return "check_in.not_seen_soon";
        }
        return checkIn.feeling().filter("better"::equals).isPresent() ? "check_in.better_end" : "check_in.clinician_end";
    }

    private boolean sentToAClinician(CheckIn checkIn) {
        return urgencyAt(checkIn).filter(u -> u == Urgency.URGENT || u == Urgency.SOON).isPresent();
    }

    private Optional<Urgency> urgencyAt(CheckIn checkIn) {
        return checkIn.outcomeId().flatMap(id -> engine.tree().outcome(id)).map(Outcome::urgency);
    }

    private String firstRecheck() {
        return engine.tree().recheck().isEmpty() ? engine.tree().start() : engine.tree().recheck().get(0);
    }

    private Reply.Send askFeeling() {
        return new Reply.Send(messages.text("check_in.ask"), new Keyboard(List.of(FEELINGS.stream()
                .map(feeling -> new Button(messages.text("check_in." + feeling),
                        ButtonData.encode(new ButtonData.CheckInFeeling(feeling)))).toList())));
    }

    private Reply.Send askSeen() {
        return new Reply.Send(messages.text("check_in.seen"), new Keyboard(List.of(List.of(
                new Button(messages.text("check_in.seen_yes"), ButtonData.encode(new ButtonData.CheckInSeen(true))),
                new Button(messages.text("check_in.seen_no"), ButtonData.encode(new ButtonData.CheckInSeen(false)))))));
    }

    private Reply.Send askSign(String questionId, boolean first) {
        Question question = engine.tree().question(questionId).orElseThrow();
        List<List<Button>> rows = question.options().stream()
                .map(o -> List.of(new Button(messages.text(o.labelKey()),
                        ButtonData.encode(new ButtonData.CheckInSign(question.id(), o.id()))))).toList();
        String text = messages.text(question.textKey());
        return new Reply.Send(first ? messages.text("check_in.signs") + "\n\n" + text : text, new Keyboard(rows));
    }

    /** The pressed check-in message becomes the next question: one message an answer. */
    private static Reply inPlace(Reply.Send next) {
        return new Reply.EditPressed(next.html(), next.keyboard(), false);
    }

    private Reply notice(String key) {
        return new Reply.Notice(messages.text(key));
    }

    /** The replies to a check-in press, and the check-in after it (empty: it is over). */
    record Answered(List<Reply> replies, Optional<CheckIn> checkIn) {
        Answered {
            replies = List.copyOf(replies);
        }

        Turn.CheckInChange change() {
            return checkIn.<Turn.CheckInChange>map(Turn.CheckInChange.Set::new).orElseGet(Turn.CheckInChange.Clear::new);
        }
    }
}
