package org.backtriage.triage;

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
        when = Conditions.copy(when);
        Objects.requireNonNull(outcomeId, "outcomeId");
        Objects.requireNonNull(reasonKey, "reasonKey");
    }

    public boolean isCatchAll() {
        return when.isEmpty();
    }

    boolean matches(List<Answer> answers) {
        return Conditions.hold(when, answers);
    }

    /** The chosen options this rule matched on: the signs to list back to the person. */
    List<Answer> matchedIn(List<Answer> answers) {
        return Conditions.namedIn(when, answers);
    }
}
