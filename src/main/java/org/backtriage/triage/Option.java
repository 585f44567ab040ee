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

    /** An option of a single-choice question, leading to {@code next}. */
    public static Option to(String id, String labelKey, String next) {
        return new Option(id, labelKey, Optional.of(next), false, Optional.empty(), false);
    }

    /** A box to tick on a multiple-choice question. */
    public static Option tick(String id, String labelKey) {
        return new Option(id, labelKey, Optional.empty(), false, Optional.empty(), false);
    }

    /** "None of these" on a multiple-choice question: it rules out the others and answers the question at once. */
    public static Option noneOfThese(String id, String labelKey) {
        return new Option(id, labelKey, Optional.empty(), true, Optional.empty(), false);
    }

    public Option withNext(String next) {
        return new Option(id, labelKey, Optional.of(next), exclusive, reportKey, mapOnly);
    }

    /** This option, worded in the forwarded message by {@code reportKey} rather than its label. */
    public Option withReport(String reportKey) {
        return new Option(id, labelKey, next, exclusive, Optional.of(reportKey), mapOnly);
    }
}
