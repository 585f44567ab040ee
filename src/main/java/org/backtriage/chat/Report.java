package org.backtriage.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private final DateTimeFormatter dates;

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
     * The longest message {@code outcome} could ever be, whatever the answers: every heading, every
     * answer line at its longest, every sign and reason its rules can give, every paragraph. Each
     * real message holds a selection of these parts, so none is longer.
     */
    int longestPossible(Outcome outcome) {
        int answerLines = 0;
        // An ending shown once a clinician agreed is reached by the rules of the ending that waited for it.
        Outcome decided = tree.outcomes().stream().filter(o -> o.afterAgreement().filter(outcome.id()::equals).isPresent())
                .findFirst().orElse(outcome);
        List<String> blocks = new ArrayList<>();
        blocks.add(messages.text(outcome.titleKey()));
        if (outcome.showAnswers()) {
            String longestDate = "";
            for (int month = 1; month <= 12; month++) {
                String date = dates.format(LocalDate.of(2000, month, 28));
                longestDate = date.length() > longestDate.length() ? date : longestDate;
            }
            blocks.add(messages.format("outcome.made_on", Map.of("date", longestDate)));
            if (decided != outcome) {
                blocks.add(messages.format("outcome.agreed_on", Map.of("date", longestDate)));
            }
            Set<Answer> ruledOut = ruledOut(decided);
            Set<String> headings = new LinkedHashSet<>();
            for (Question question : tree.questions()) {
                if (!longestLines(question, question.options().stream().map(Option::id).toList()).stream().allMatch(String::isEmpty)) {
                    headings.add(heading(question));
                }
            }
            ordered(headings).forEach(heading -> blocks.add(messages.text(heading)));
            // Each answer line goes under its heading, after a line break.
            answerLines = Math.max(0, longestRoute(tree.start(), ruledOut, new HashMap<>()));
        }
        List<Rule> rules = tree.rules().stream().filter(r -> r.outcomeId().equals(decided.id())).toList();
        outcome.signsKey().ifPresent(heading -> blocks.add(list(heading, rules.stream()
                .flatMap(rule -> rule.when().entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(option -> signLine(new Answer(e.getKey(), List.of(option))))))
                .distinct().toList())));
        outcome.reasonsKey().ifPresent(heading -> blocks.add(list(heading, longestReasons(rules))));
        List<Block> body = outcome.body();
        for (int i = 0; i < body.size(); i++) {
            Block block = body.get(i);
            // Of two paragraphs where one shows exactly when the other does not, only the longer counts.
            Block other = body.stream().filter(b -> b != block && !(b.when().isEmpty() && b.unless().isEmpty())
                    && b.when().equals(block.unless()) && b.unless().equals(block.when())).findFirst().orElse(null);
            if (other == null || body.indexOf(other) > i) {
                String text = messages.text(block.textKey());
                String alternative = other == null ? "" : messages.text(other.textKey());
                blocks.add(text.length() >= alternative.length() ? text : alternative);
            }
        }
        blocks.add(messages.text(outcome.clinicianKey()));
        blocks.add(messages.text(outcome.footerKey().orElse(Outcome.FOOTER)));
        return String.join("\n\n", blocks).length() + answerLines;
    }

    /**
     * The most characters the answer lines of any route from {@code at} to the end can take, each
     * line with its line break, leaving out the options {@code ruledOut}; {@link Integer#MIN_VALUE}
     * when no route from there reaches an end. Lines two questions share are counted twice, so
     * the real message is never longer.
     */
    private int longestRoute(String at, Set<Answer> ruledOut, Map<String, Integer> known) {
        Optional<Question> found = tree.question(at);
        if (found.isEmpty()) {
            return at.equals(Tree.BACK) ? Integer.MIN_VALUE : 0; // an end; "back" is no route
        }
        Integer memo = known.get(at);
        if (memo != null) {
            return memo;
        }
        Question question = found.get();
        List<Option> open = question.options().stream()
                .filter(o -> !ruledOut.contains(new Answer(question.id(), List.of(o.id())))).toList();
        int best = Integer.MIN_VALUE;
        if (question.choice() == org.backtriage.triage.Choice.SINGLE) {
            for (Option option : open) {
                best = Math.max(best, plus(linesLength(question, List.of(option.id())),
                        longestRoute(option.next().orElseThrow(), ruledOut, known)));
            }
        } else {
            List<String> ordinary = open.stream().filter(o -> !o.exclusive() && o.next().isEmpty()).map(Option::id).toList();
            String next = question.next().orElseThrow();
            if (!ordinary.isEmpty()) {
                best = plus(linesLength(question, ordinary), longestRoute(next, ruledOut, known));
            }
            for (Option option : open) {
                if (option.exclusive()) {
                    best = Math.max(best, plus(linesLength(question, List.of(option.id())), longestRoute(next, ruledOut, known)));
                } else if (option.next().isPresent()) {
                    // A place that asks to confirm a sign first: the ordinary places may come with it.
                    List<String> with = new ArrayList<>(ordinary);
                    with.add(option.id());
                    best = Math.max(best, plus(linesLength(question, with),
                            longestRoute(option.next().get(), ruledOut, known)));
                }
            }
        }
        known.put(at, best);
        return best;
    }

    /**
     * The reason lines of {@code rules} that give the longest list: every reason, but of two rules
     * that cannot both match (they ask one single-choice question for different answers, such as
     * "started before 20" and "started after 50") only one.
     */
    private List<String> longestReasons(List<Rule> rules) {
        List<Rule> reasons = rules.stream().filter(r -> r.reasonKey().isPresent()).toList();
        if (reasons.size() > 20) {
            return reasons.stream().flatMap(r -> r.reasonKey().stream()).distinct().map(this::reasonLine).toList();
        }
        List<String> longest = List.of();
        int most = -1;
        for (int set = 0; set < 1 << reasons.size(); set++) {
            List<Rule> chosen = new ArrayList<>();
            for (int i = 0; i < reasons.size(); i++) {
                if ((set & 1 << i) != 0) {
                    chosen.add(reasons.get(i));
                }
            }
            if (chosen.stream().anyMatch(a -> chosen.stream().anyMatch(b -> exclusive(a, b)))) {
                continue;
            }
            List<String> lines = chosen.stream().flatMap(r -> r.reasonKey().stream()).distinct().map(this::reasonLine).toList();
            int length = String.join("\n", lines).length();
            if (length > most) {
                most = length;
                longest = lines;
            }
        }
        return longest;
    }

    private boolean exclusive(Rule a, Rule b) {
        return a.when().entrySet().stream().anyMatch(asked -> b.when().containsKey(asked.getKey())
                && tree.question(asked.getKey()).filter(q -> q.choice() == org.backtriage.triage.Choice.SINGLE).isPresent()
                && b.when().get(asked.getKey()).stream().noneMatch(asked.getValue()::contains));
    }

    private int linesLength(Question question, List<String> optionIds) {
        return lines(question, optionIds).stream().mapToInt(line -> line.length() + 1).sum();
    }

    private static int plus(int lines, int rest) {
        return rest == Integer.MIN_VALUE ? Integer.MIN_VALUE : lines + rest;
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
    private static List<String> ordered(Set<String> headings) {
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
        if (!plain.isEmpty() && question.listed()) {
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
            return ids.stream().map(id -> String.join("\n", lines(question, List.of(id)))).toList();
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
