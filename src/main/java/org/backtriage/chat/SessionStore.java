package org.backtriage.chat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Durable sessions, one per chat. */
public interface SessionStore extends AutoCloseable {

    /**
     * Runs {@code turn} on the chat's saved session and applies its result, all in one
     * transaction together with recording {@code updateId} as processed. Returns the turn's
     * replies, or empty when {@code updateId} was processed before (a re-delivered update),
     * in which case {@code turn} is not run and nothing changes.
     */
    Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> turn);

    @Override
    void close();
}
