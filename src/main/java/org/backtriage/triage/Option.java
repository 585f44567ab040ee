package org.backtriage.triage;

import java.util.Objects;
import java.util.Optional;

/**
 * One answer button. {@code next} is set on single-choice questions, and on a multiple-choice
 * question only on an option the body map alone gives ({@code mapOnly}: never shown as a
 * button), which then leads the conversation there first (to confirm a red flag); an exclusive
 * option of a multiple-choice question ("No, none of these") rules out the others and answers
 * the question at once. {@code reportKey}, when set, is how the forwarded message words this
 * answer for a reader who never saw the question (e.g. "Red flags checked: none of ...").
 */
public record Option(String id, String labelKey, Optional<String> next, boolean exclusive, Optional<String> reportKey,
                     boolean mapOnly) {
    public Option {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(labelKey, "labelKey");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(reportKey, "reportKey");
    }

    /** A button. */
    public Option(String id, String labelKey, Optional<String> next, boolean exclusive, Optional<String> reportKey) {
        this(id, labelKey, next, exclusive, reportKey, false);
    }

    /** An option reported by its label. */
    public Option(String id, String labelKey, Optional<String> next, boolean exclusive) {
        this(id, labelKey, next, exclusive, Optional.empty());
    }
}
