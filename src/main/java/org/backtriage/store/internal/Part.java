package org.backtriage.store.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.chat.Outgoing;
import org.backtriage.store.StoreException;

/** What became of work run under a savepoint: what it returned, or what it threw (its changes undone). */
public record Part<T>(Optional<T> result, Optional<Exception> failure) {

    /**
     * One update of a batch, as its handler learns of it: the replies it queued (none when it was
     * delivered before), or why it failed, and how long it took.
     */
    public static Handled handled(Event event, Part<Optional<List<Outgoing>>> part, Duration took) {
        Optional<RuntimeException> failure = part.failure().map(e -> e instanceof RuntimeException re ? re
                : new StoreException("database error for update " + event.updateId() + ": " + e.getMessage(), e));
        return new Handled(event, part.result().flatMap(queued -> queued).orElse(List.of()), failure, took);
    }
}
