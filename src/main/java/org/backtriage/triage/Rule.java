package org.backtriage.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the decision table: if, for every question named in {@code when}, the person chose
 * at least one of the listed options, the conversation ends in {@code outcomeId}. A rule with an
 * empty {@code when} matches everything (the catch-all).
 */
public record Rule(String id, Map<String, List<String>> when, String outcomeId, Optional<String> reasonKey) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        when.forEach((question, options) -> copy.put(question, List.copyOf(options)));
        when = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(outcomeId, "outcomeId");
        Objects.requireNonNull(reasonKey, "reasonKey");
    }

    public boolean isCatchAll() {
        return when.isEmpty();
    }

    boolean matches(List<Answer> answers) {
        return when.entrySet().stream().allMatch(condition -> answers.stream()
                .anyMatch(a -> a.questionId().equals(condition.getKey())
                        && a.optionIds().stream().anyMatch(condition.getValue()::contains)));
    }
}
