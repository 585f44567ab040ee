package org.backtriage.chat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one event of a batch: the replies queued for it (none for a re-delivered
 * update), or the failure that left it unhandled and unrecorded (so it is handled when it comes
 * again); and how long handling it took, its own part of the batch's transaction.
 */
public record Handled(Event event, List<Outgoing> queued, Optional<RuntimeException> failure, Duration took) {
    public Handled {
        Objects.requireNonNull(event, "event");
        queued = List.copyOf(queued);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(took, "took");
    }

    /** An event that failed before any of it was timed. */
    public static Handled failed(Event event, RuntimeException failure) {
        return new Handled(event, List.of(), Optional.of(failure), Duration.ZERO);
    }
}
