package org.backtriage.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Block;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;

/**
 * The final message: self-contained, so that it still makes sense when forwarded to a massage
 * therapist who never saw the questions. Title; for forwardable endings the date it was made and
 * the answers, grouped under their headings; the signs and reasons that chose the ending; the
 * paragraphs the answers show; clinician advice; the footer. Blocks are separated by blank lines.
 */
final class Report {
    static final String ANSWERS_HEADING = "outcome.answers_heading";

    private final Tree tree;
    private final Messages messages;
    private final DateTimeFormatter dates;

    Report(Tree tree, Messages messages) {
        this.tree = tree;
        this.messages = messages;
        this.dates = DateTimeFormatter.ofPattern(messages.text("date.format"), Locale.forLanguageTag(messages.language()));
    }

    String render(Step.Finished finished, LocalDate madeOn) {
        Outcome outcome = finished.outcome();
        List<String> blocks = new ArrayList<>();
        blocks.add(messages.text(outcome.titleKey()));
        if (outcome.showAnswers()) {
            blocks.add(messages.format("outcome.made_on", Map.of("date", dates.format(madeOn))));
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
     * The longest message {@code outcome} could ever be, whatever the answers: every heading, every
     * answer line at its longest, every sign and reason its rules can give, every paragraph. Each
     * real message holds a selection of these parts, so none is longer.
     */
    int longestPossible(Outcome outcome) {
        List<String> blocks = new ArrayList<>();
        blocks.add(messages.text(outcome.titleKey()));
        if (outcome.showAnswers()) {
            String longestDate = "";
            for (int month = 1; month <= 12; month++) {
                String date = dates.format(LocalDate.of(2000, month, 28));
                longestDate = date.length() > longestDate.length() ? date : longestDate;
            }
            blocks.add(messages.format("outcome.made_on", Map.of("date", longestDate)));
            Set<Answer> ruledOut = ruledOut(outcome);
            // A question with only one possible line gives it for sure; equal sure lines are listed once, as in render.
            Map<String, Set<String>> sure = new LinkedHashMap<>();
            Map<String, List<String>> longest = new LinkedHashMap<>();
            for (Question question : tree.questions()) {
                List<String> ids = question.options().stream().map(Option::id)
                        .filter(id -> !ruledOut.contains(new Answer(question.id(), List.of(id)))).toList();
                if (ids.isEmpty()) {
                    continue;
                }
                List<String> lines = longestLines(question, ids);
                Set<String> distinct = new LinkedHashSet<>(lines);
                if (question.choice() == org.backtriage.triage.Choice.SINGLE && distinct.size() == 1) {
                    sure.computeIfAbsent(heading(question), key -> new LinkedHashSet<>()).addAll(distinct);
                } else {
                    longest.computeIfAbsent(heading(question), key -> new ArrayList<>())
                            .add(lines.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow());
                }
            }
            Set<String> headings = new LinkedHashSet<>(sure.keySet());
            headings.addAll(longest.keySet());
            for (String heading : headings) {
                List<String> lines = new ArrayList<>(sure.getOrDefault(heading, Set.of()));
                lines.addAll(longest.getOrDefault(heading, List.of()));
                blocks.add(list(heading, lines));
            }
        }
        List<Rule> rules = tree.rules().stream().filter(r -> r.outcomeId().equals(outcome.id())).toList();
        outcome.signsKey().ifPresent(heading -> blocks.add(list(heading, rules.stream()
                .flatMap(rule -> rule.when().entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(option -> signLine(new Answer(e.getKey(), List.of(option))))))
                .distinct().toList())));
        outcome.reasonsKey().ifPresent(heading -> blocks.add(list(heading, rules.stream()
                .flatMap(rule -> rule.reasonKey().stream()).distinct().map(this::reasonLine).toList())));
        List<Block> body = outcome.body();
        for (int i = 0; i < body.size(); i++) {
            Block block = body.get(i);
            // Of two paragraphs where one shows exactly when the other does not, only the longer counts.
            Block other = body.stream().filter(b -> b != block && !b.when().isEmpty() && b.when().equals(block.unless())
                    && b.unless().equals(block.when())).findFirst().orElse(null);
            if (other == null || body.indexOf(other) > i) {
                String text = messages.text(block.textKey());
                String alternative = other == null ? "" : messages.text(other.textKey());
                blocks.add(text.length() >= alternative.length() ? text : alternative);
            }
        }
        blocks.add(messages.text(outcome.clinicianKey()));
        blocks.add(messages.text(outcome.footerKey().orElse(Outcome.FOOTER)));
        return String.join("\n\n", blocks).length();
    }

    /** Answer lines by heading (message key), in the order the questions were answered. */
    private Map<String, List<String>> answers(List<Answer> answers) {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (Answer answer : answers) {
            Question question = tree.question(answer.questionId()).orElseThrow();
            groups.computeIfAbsent(heading(question), key -> new LinkedHashSet<>()).addAll(lines(question, answer.optionIds()));
        }
        Map<String, List<String>> lines = new LinkedHashMap<>();
        groups.forEach((heading, set) -> lines.put(heading, List.copyOf(set)));
        return lines;
    }

    /**
     * An option with its own report wording gets a line of its own; the others share one line,
     * "question: label; label". Repeated lines (the same "none of the signs" for several red-flag
     * questions) are listed once by {@link #answers}.
     */
    private List<String> lines(Question question, List<String> optionIds) {
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
        if (!plain.isEmpty()) {
            lines.add(0, messages.format("outcome.answer_line", Map.of(
                    "question", messages.text(question.summaryKey()), "answer", labels(question, plain))));
        }
        return lines;
    }

    /**
     * The lines one question's answer can give, from the options {@code ids}, one of which is
     * given: for a single choice each option's line; for a multiple one every ordinary option's
     * at once, or an exclusive one's alone.
     */
    private List<String> longestLines(Question question, List<String> ids) {
        if (question.choice() == org.backtriage.triage.Choice.SINGLE) {
            return ids.stream().map(id -> lines(question, List.of(id)).get(0)).toList();
        }
        List<String> candidates = new ArrayList<>();
        List<String> ordinary = ids.stream().filter(id -> !question.option(id).orElseThrow().exclusive()).toList();
        if (!ordinary.isEmpty()) {
            candidates.add(String.join("\n", lines(question, ordinary)));
        }
        ids.stream().filter(id -> question.option(id).orElseThrow().exclusive())
                .forEach(id -> candidates.add(String.join("\n", lines(question, List.of(id)))));
        return candidates;
    }

    /**
     * Options no route to {@code outcome} can hold: those that alone make a rule for another
     * ending match, where that rule comes before every rule for this one (first match wins).
     */
    private Set<Answer> ruledOut(Outcome outcome) {
        Set<Answer> ruledOut = new java.util.HashSet<>();
        boolean reachedByAnOption = tree.questions().stream().flatMap(q -> q.options().stream())
                .anyMatch(o -> o.next().filter(outcome.id()::equals).isPresent());
        if (reachedByAnOption) {
            return ruledOut; // the rules do not decide this ending, so they rule nothing out
        }
        for (Rule rule : tree.rules()) {
            if (rule.outcomeId().equals(outcome.id())) {
                break;
            }
            if (rule.when().size() == 1) {
                rule.when().forEach((question, options) -> options.forEach(option ->
                        ruledOut.add(new Answer(question, List.of(option)))));
            }
        }
        // A body-map option that leads to a confirmation whose every answer is ruled out or goes back
        // (a red flag marked on the map) cannot be among this ending's answers either.
        for (Question question : tree.questions()) {
            for (Option option : question.options()) {
                boolean confirmedElsewhere = question.choice() == org.backtriage.triage.Choice.MULTIPLE && option.next()
                        .flatMap(tree::question).filter(confirm -> confirm.options().stream().allMatch(o ->
                                o.next().filter(Tree.BACK::equals).isPresent()
                                        || ruledOut.contains(new Answer(confirm.id(), List.of(o.id()))))).isPresent();
                if (confirmedElsewhere) {
                    ruledOut.add(new Answer(question.id(), List.of(option.id())));
                }
            }
        }
        return ruledOut;
    }

    private String heading(Question question) {
        return question.headingKey().orElse(ANSWERS_HEADING);
    }

    private String signLine(Answer sign) {
        Question question = tree.question(sign.questionId()).orElseThrow();
        return messages.format("outcome.reason_line", Map.of("reason", labels(question, sign.optionIds())));
    }

    private String reasonLine(String reasonKey) {
        return messages.format("outcome.reason_line", Map.of("reason", messages.text(reasonKey)));
    }

    private String list(String headingKey, List<String> lines) {
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
