package org.backtriage.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;

/**
 * The final message: self-contained, so that it still makes sense when forwarded to a massage
 * therapist. Title, the person's answers, the reasons, the body, clinician advice, and the
 * not-a-diagnosis footer, separated by blank lines.
 */
final class Report {
    private final Tree tree;
    private final Messages messages;

    Report(Tree tree, Messages messages) {
        this.tree = tree;
        this.messages = messages;
    }

    String render(Step.Finished finished) {
        Outcome outcome = finished.outcome();
        List<String> blocks = new ArrayList<>();
        blocks.add(messages.text(outcome.titleKey()));
        if (outcome.showAnswers() && !finished.answers().isEmpty()) {
            blocks.add(answers(finished.answers()));
        }
        outcome.reasonsKey().filter(key -> !finished.reasonKeys().isEmpty()).ifPresent(heading -> {
            List<String> lines = new ArrayList<>(List.of(messages.text(heading)));
            finished.reasonKeys().forEach(reason ->
                    lines.add(messages.format("outcome.reason_line", Map.of("reason", messages.text(reason)))));
            blocks.add(String.join("\n", lines));
        });
        outcome.bodyKeys().forEach(key -> blocks.add(messages.text(key)));
        blocks.add(messages.text(outcome.clinicianKey()));
        blocks.add(messages.text("outcome.footer"));
        return String.join("\n\n", blocks);
    }

    private String answers(List<Answer> answers) {
        List<String> lines = new ArrayList<>(List.of(messages.text("outcome.answers_heading")));
        for (Answer answer : answers) {
            Question question = tree.question(answer.questionId()).orElseThrow();
            lines.add(messages.format("outcome.answer_line", Map.of(
                    "question", messages.text(question.summaryKey()),
                    "answer", labels(question, answer.optionIds()))));
        }
        return String.join("\n", lines);
    }

    /** The labels of the chosen options, joined for one line. */
    String labels(Question question, List<String> optionIds) {
        return String.join("; ", optionIds.stream()
                .map(id -> messages.text(question.option(id).orElseThrow().labelKey()))
                .toList());
    }
}
