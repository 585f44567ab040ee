package org.backtriage.chat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Durable sessions, one per chat. */
public interface SessionStore extends Outbox, AutoCloseable {

    /**
     * Runs {@code turn} on the chat's saved session and applies its result, all in one
     * transaction together with recording {@code updateId} as processed. Returns the turn's
     * replies, or empty when {@code updateId} was processed before (a re-delivered update),
     * in which case {@code turn} is not run and nothing changes.
     */
    Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> turn);

    /**
     * Like {@link #run}, but the replies are also written to the {@link Outbox} in the same
     * transaction, so a crash after it loses none of them. Returns the queued replies in order,
     * or empty when {@code updateId} was processed before.
     */
    Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                       Function<Optional<StoredSession>, Turn> turn);

    /**
     * For every chat whose check-in is {@link CheckIn.Stage#SCHEDULED} and due by {@code now}:
     * runs {@code turn} and applies it with its replies queued, one transaction per chat, so
     * others get the store in between. One that fails is rolled back alone and tried again at a
     * later call, a bounded number of times, then dropped; either is logged. Returns everything
     * queued.
     */
    List<Outgoing> runDueCheckIns(java.time.Instant now, Function<Optional<StoredSession>, Turn> turn);

    /** The chat's saved session, read without changing or recording anything. */
    Optional<StoredSession> peek(long chatId);

    /**
     * Runs {@link #runQueued} for each event in order, all in ONE transaction (one commit per
     * batch of updates rather than per update). An event whose turn fails is rolled back alone
     * and reported in its {@link Handled}; the others still count.
     */
    List<Handled> runQueuedBatch(List<Event> events, java.util.function.BiFunction<Event, Optional<StoredSession>, Turn> turn);

    /**
     * Deletes every session last changed before {@code cutoff}, and every row about those chats;
     * returns how many. Also forgets processed update ids older than the store keeps them. Run hourly.
     */
    int purgeIdleSince(java.time.Instant cutoff);

    /** True when the store answers one cheap query, within a couple of seconds: for the health check. */
    boolean answers();

    @Override
    void close();
}
