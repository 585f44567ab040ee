package org.backtriage.triage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ending. Its text is the title, optionally the person's answers, optionally the reasons of
 * the rules that chose it (under {@code reasonsKey}), the body paragraphs, and the clinician
 * advice every ending must carry.
 */
public record Outcome(
        String id,
        Urgency urgency,
        String titleKey,
        List<String> bodyKeys,
        String clinicianKey,
        Optional<String> reasonsKey,
        boolean showAnswers,
        boolean massageRequest) implements Node {

    public Outcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(titleKey, "titleKey");
        bodyKeys = List.copyOf(bodyKeys);
        Objects.requireNonNull(clinicianKey, "clinicianKey");
        Objects.requireNonNull(reasonsKey, "reasonsKey");
    }
}
