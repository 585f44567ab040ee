package org.backtriage.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A check-in the person asked for: due at {@code dueAt}; then asked how the back is
 * ({@link Stage#ASKED}); then, with the answer in {@code feeling}, asked the emergency signs again.
 */
public record FollowUp(Instant dueAt, Stage stage, Optional<String> feeling) {
    public FollowUp {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(feeling, "feeling");
    }

    /** Where a check-in stands. */
    public enum Stage {
        SCHEDULED, ASKED, FEELING_GIVEN
    }
}
