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
        return condition.entrySet().stream().allMatch(wanted -> answers.stream()
                .anyMatch(a -> a.questionId().equals(wanted.getKey())
                        && a.optionIds().stream().anyMatch(wanted.getValue()::contains)));
    }

    /** The chosen options that {@code condition} names, question by question in answer order. */
    static List<Answer> namedIn(Map<String, List<String>> condition, List<Answer> answers) {
        List<Answer> named = new ArrayList<>();
        for (Answer answer : answers) {
            List<String> listed = condition.getOrDefault(answer.questionId(), List.of());
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
