package org.backtriage.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A check-in the person asked for at an ending ({@code outcomeId}): due at {@code dueAt}; then
 * asked how the back is ({@link Stage#ASKED}); then, with the answer in {@code feeling}, asked
 * the check-in's questions in turn ({@link Stage#FEELING_GIVEN}), {@code asking} naming the one
 * waiting for an answer: {@link #SEEN} (has a clinician seen them?) or a red-flag question of
 * the tree. {@code seen} holds that answer once given.
 */
public record CheckIn(Instant dueAt, Stage stage, Optional<String> feeling, Optional<String> outcomeId,
                       Optional<String> asking, Optional<Boolean> seen) {
    /** What {@code asking} holds while the person is asked whether they saw a clinician. */
    public static final String SEEN = "seen";

    public CheckIn {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(feeling, "feeling");
        Objects.requireNonNull(outcomeId, "outcomeId");
        Objects.requireNonNull(asking, "asking");
        Objects.requireNonNull(seen, "seen");
    }

    /** A check-in that does not know the ending it was asked at. */
    public CheckIn(Instant dueAt, Stage stage, Optional<String> feeling) {
        this(dueAt, stage, feeling, Optional.empty(), Optional.empty(), Optional.empty());
    }

    CheckIn asked() {
        return new CheckIn(dueAt, Stage.ASKED, feeling, outcomeId, Optional.empty(), seen);
    }

    CheckIn asking(Optional<String> feeling, String question, Optional<Boolean> seen) {
        return new CheckIn(dueAt, Stage.FEELING_GIVEN, feeling, outcomeId, Optional.of(question), seen);
    }

    /** Where a check-in stands. */
    public enum Stage {
        SCHEDULED, ASKED, FEELING_GIVEN
    }
}
