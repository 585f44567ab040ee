package org.backtriage.fakebotapi;

import java.util.List;

/** What the fake's getUpdates serves: kept as Telegram keeps updates, until a later offset confirms them. */
public interface UpdateSource {
    /**
     * Confirms every update below {@code offset}, then returns the JSON of up to {@code limit}
     * from there on, waiting up to {@code timeoutMillis} while there are none.
     */
    List<byte[]> poll(long offset, int limit, long timeoutMillis) throws InterruptedException;

    /**
     * Webhook delivery: the bot answered the update {@code updateId} (taken by an earlier poll)
     * with a 2xx at {@code nanos}. Nothing to do for a source that learns it from the offsets.
     */
    default void answered(long updateId, long nanos) {
    }

    /** Ends every waiting poll with what it has; later polls do not wait. Nothing to end for a source that never waits. */
    default void close() {
    }
}
