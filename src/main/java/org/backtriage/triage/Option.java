package org.backtriage.triage;

import java.util.Objects;
import java.util.Optional;

/**
 * One answer button. {@code next} is set on single-choice questions only; an exclusive option
 * of a multiple-choice question ("None of these") clears the others when picked.
 */
public record Option(String id, String labelKey, Optional<String> next, boolean exclusive) {
    public Option {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(labelKey, "labelKey");
        Objects.requireNonNull(next, "next");
    }
}
