package org.backtriage.store.internal;

import java.time.Duration;

/** How long both stores remember that an update was processed, so a re-delivery of it changes nothing. */
public final class ProcessedUpdates {
    /** Telegram keeps undelivered updates for 24 hours; remembering ids for a week is ample. */
    public static final Duration KEPT_FOR = Duration.ofDays(7);

    private ProcessedUpdates() {
    }
}
