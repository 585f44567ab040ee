package org.backtriage.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;

/**
 * The final message: self-contained, so that it still makes sense when forwarded to a massage
 * therapist who never saw the questions. Title; for forwardable endings the date it was made (and
 * the day the person said a clinician agreed to the massage, for the ending that waited for it)
 * and the answers, the general ones first, then each heading's; the signs and reasons that chose
 * the ending; the paragraphs the answers show; clinician advice; the footer. Blocks are separated
 * by blank lines.
 */
final class Report {
    static final String ANSWERS_HEADING = "outcome.answers_heading";

    private final Tree tree;
    private final Messages messages;
    final DateTimeFormatter dates;

    Report(Tree tree, Messages messages) {
        this.tree = tree;
        this.messages = messages;
        this.dates = DateTimeFormatter.ofPattern(messages.text("date.format"), Locale.forLanguageTag(messages.language()));
    }

    String render(Step.Finished finished, LocalDate madeOn) {
        return render(finished, madeOn, Optional.empty());
    }

    /** The final message; {@code agreedOn}, the day a clinician agreed to the massage, when the ending waited for it. */
    String render(Step.Finished finished, LocalDate madeOn, Optional<LocalDate> agreedOn) {
        Outcome outcome = finished.outcome();
        List<String> blocks = new ArrayList<>();
        blocks.add(messages.text(outcome.titleKey()));
        if (outcome.showAnswers()) {
            blocks.add(messages.format("outcome.made_on", Map.of("date", dates.format(madeOn))));
            agreedOn.ifPresent(day -> blocks.add(messages.format("outcome.agreed_on", Map.of("date", dates.format(day)))));
            answers(finished.answers()).forEach((heading, lines) -> blocks.add(list(heading, lines)));
        }
        outcome.signsKey().filter(key -> !finished.signs().isEmpty()).ifPresent(heading ->
                blocks.add(list(heading, finished.signs().stream().map(this::signLine).toList())));
        outcome.reasonsKey().filter(key -> !finished.reasonKeys().isEmpty()).ifPresent(heading ->
                blocks.add(list(heading, finished.reasonKeys().stream().map(this::reasonLine).toList())));
        outcome.body().stream().filter(block -> block.shows(finished.answers()))
                .forEach(block -> blocks.add(messages.text(block.textKey())));
        blocks.add(messages.text(outcome.clinicianKey()));
        blocks.add(messages.text(outcome.footerKey().orElse(Outcome.FOOTER)));
        return String.join("\n\n", blocks);
    }

    /**
     * The longest message {@code outcome} could ever be, whatever the answers: a bound that each
     * real message stays within (see {@link ReportBound}).
     */
    int longestPossible(Outcome outcome) {
        return new ReportBound(tree, messages, this).longest(outcome);
    }

    /**
     * Answer lines by heading (message key), the general answers first, then each heading in the
     * order its first line was given; within a heading, in the order the questions were answered.
     */
    private Map<String, List<String>> answers(List<Answer> answers) {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (Answer answer : answers) {
            Question question = tree.question(answer.questionId()).orElseThrow();
            List<String> lines = lines(question, answer.optionIds());
            if (!lines.isEmpty()) {
                groups.computeIfAbsent(heading(question), key -> new LinkedHashSet<>()).addAll(lines);
            }
        }
        Map<String, List<String>> lines = new LinkedHashMap<>();
        ordered(groups.keySet()).forEach(heading -> lines.put(heading, List.copyOf(groups.get(heading))));
        return lines;
    }

    /** The general answers' heading first, the others in their order. */
    static List<String> ordered(Set<String> headings) {
        List<String> ordered = new ArrayList<>();
        if (headings.contains(ANSWERS_HEADING)) {
            ordered.add(ANSWERS_HEADING);
        }
        headings.stream().filter(h -> !h.equals(ANSWERS_HEADING)).forEach(ordered::add);
        return ordered;
    }

    /**
     * An option with its own report wording gets a line of its own; the others share one line,
     * "question: label; label", unless the question is not listed. Repeated lines are listed once
     * by {@link #answers}.
     */
    List<String> lines(Question question, List<String> optionIds) {
        List<String> lines = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String id : optionIds) {
            Option option = question.option(id).orElseThrow();
            if (option.reportKey().isPresent()) {
                lines.add(messages.format("outcome.report_line", Map.of("text", messages.text(option.reportKey().get()))));
            } else {
                plain.add(id);
            }
        }
        if (!plain.isEmpty() && question.listed()) {
            lines.add(0, messages.format("outcome.answer_line", Map.of(
                    "question", messages.text(question.summaryKey()), "answer", labels(question, plain))));
        }
        return lines;
    }

    String heading(Question question) {
        return question.headingKey().orElse(ANSWERS_HEADING);
    }

    String signLine(Answer sign) {
        Question question = tree.question(sign.questionId()).orElseThrow();
        return messages.format("outcome.reason_line", Map.of("reason", labels(question, sign.optionIds())));
    }

    String reasonLine(String reasonKey) {
        return messages.format("outcome.reason_line", Map.of("reason", messages.text(reasonKey)));
    }

    String list(String headingKey, List<String> lines) {
        List<String> all = new ArrayList<>(List.of(messages.text(headingKey)));
        all.addAll(lines);
        return String.join("\n", all);
    }

    /** The labels of the chosen options, joined for one line. */
    String labels(Question question, List<String> optionIds) {
        return String.join("; ", optionIds.stream()
                .map(id -> messages.text(question.option(id).orElseThrow().labelKey()))
                .toList());
    }
}
