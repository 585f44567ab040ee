package org.backtriage.chat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Block;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;

/**
 * How long an ending's final message can ever be, checked at start-up so that no answers can
 * make one Telegram will not send: a sound bound, and a close one. The answer lines are those of
 * the longest route to the ending (questions on other branches never add up), options that a rule
 * before the ending's would catch left out; reasons that cannot come together (one single-choice
 * question asked for different answers) count once.
 */
final class ReportBound {
    private final Tree tree;
    private final Messages messages;
    private final Report report;

    ReportBound(Tree tree, Messages messages, Report report) {
        this.tree = tree;
        this.messages = messages;
        this.report = report;
    }

    /**
     * The longest message {@code outcome} could ever be, whatever the answers: every heading, the
     * answer lines of the longest route to it, every sign its rules can give and the reasons that
     * can come together, every paragraph. Each real message holds a selection of these parts, so
     * none is longer.
     */
    int longest(Outcome outcome) {
        int answerLines = 0;
        // An ending shown once a clinician agreed is reached by the rules of the ending that waited for it.
        Outcome decided = tree.outcomes().stream().filter(o -> o.afterAgreement().filter(outcome.id()::equals).isPresent())
                .findFirst().orElse(outcome);
        List<String> blocks = new ArrayList<>();
        blocks.add(messages.text(outcome.titleKey()));
        if (outcome.showAnswers()) {
            String longestDate = "";
            for (int month = 1; month <= 12; month++) {
                String date = report.dates.format(LocalDate.of(2000, month, 28));
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
                    headings.add(report.heading(question));
                }
            }
            Report.ordered(headings).forEach(heading -> blocks.add(messages.text(heading)));
            // Each answer line goes under its heading, after a line break.
            answerLines = Math.max(0, longestRoute(tree.start(), ruledOut, new HashMap<>()));
        }
        List<Rule> rules = tree.rules().stream().filter(r -> r.outcomeId().equals(decided.id())).toList();
        outcome.signsKey().ifPresent(heading -> blocks.add(report.list(heading, rules.stream()
                .flatMap(rule -> rule.when().entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(option -> report.signLine(new Answer(e.getKey(), List.of(option))))))
                .distinct().toList())));
        outcome.reasonsKey().ifPresent(heading -> blocks.add(report.list(heading, longestReasons(rules))));
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
        if (question.choice() == Choice.SINGLE) {
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
            return reasons.stream().flatMap(r -> r.reasonKey().stream()).distinct().map(report::reasonLine).toList();
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
            List<String> lines = chosen.stream().flatMap(r -> r.reasonKey().stream()).distinct().map(report::reasonLine).toList();
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
                && tree.question(asked.getKey()).filter(q -> q.choice() == Choice.SINGLE).isPresent()
                && b.when().get(asked.getKey()).stream().noneMatch(asked.getValue()::contains));
    }

    private int linesLength(Question question, List<String> optionIds) {
        return report.lines(question, optionIds).stream().mapToInt(line -> line.length() + 1).sum();
    }

    private static int plus(int lines, int rest) {
        return rest == Integer.MIN_VALUE ? Integer.MIN_VALUE : lines + rest;
    }

    /**
     * The lines one question's answer can give, from the options {@code ids}, one of which is
     * given: for a single choice each option's line; for a multiple one every ordinary option's
     * at once, or an exclusive one's alone.
     */
    private List<String> longestLines(Question question, List<String> ids) {
        if (question.choice() == Choice.SINGLE) {
            return ids.stream().map(id -> String.join("\n", report.lines(question, List.of(id)))).toList();
        }
        List<String> candidates = new ArrayList<>();
        List<String> ordinary = ids.stream().filter(id -> !question.option(id).orElseThrow().exclusive()).toList();
        if (!ordinary.isEmpty()) {
            candidates.add(String.join("\n", report.lines(question, ordinary)));
        }
        ids.stream().filter(id -> question.option(id).orElseThrow().exclusive())
                .forEach(id -> candidates.add(String.join("\n", report.lines(question, List.of(id)))));
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
        return ruledOut;
    }
}
