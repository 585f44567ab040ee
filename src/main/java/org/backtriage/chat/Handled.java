package org.backtriage.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one event of a batch: the replies queued for it (none for a re-delivered
 * update), or the failure that left it unhandled and unrecorded (so it is handled when it comes
 * again).
 */
public record Handled(Event event, List<Outgoing> queued, Optional<RuntimeException> failure) {
    public Handled {
        Objects.requireNonNull(event, "event");
        queued = List.copyOf(queued);
        Objects.requireNonNull(failure, "failure");
    }
}
