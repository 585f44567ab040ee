package org.backtriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a rule or a report block asks of the answers: for every question it names, at least one
 * of the listed options was chosen. An empty condition asks nothing and always holds.
 */
final class Conditions {
    private Conditions() {
    }

    static boolean hold(Map<String, List<String>> condition, List<Answer> answers) {
        // Plain loops: the tests judge every one of the tree's tens of millions of routes with this.
        for (Map.Entry<String, List<String>> wanted : condition.entrySet()) {
            if (!chosenAny(answers, wanted.getKey(), wanted.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean chosenAny(List<Answer> answers, String questionId, List<String> options) {
        for (Answer answer : answers) {
            if (answer.questionId().equals(questionId)) {
                for (String chosen : answer.optionIds()) {
                    if (options.contains(chosen)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The chosen options that {@code condition} names, question by question in answer order. */
    static List<Answer> namedIn(Map<String, List<String>> condition, List<Answer> answers) {
        if (condition.isEmpty()) {
            return List.of();
        }
        List<Answer> named = new ArrayList<>();
        for (Answer answer : answers) {
            List<String> listed = condition.get(answer.questionId());
            if (listed == null) {
                continue;
            }
            List<String> chosen = answer.optionIds().stream().filter(listed::contains).toList();
            if (!chosen.isEmpty()) {
                named.add(new Answer(answer.questionId(), chosen));
            }
        }
        return named;
    }

    static Map<String, List<String>> copy(Map<String, List<String>> condition) {
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        condition.forEach((question, options) -> copy.put(question, List.copyOf(options)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
