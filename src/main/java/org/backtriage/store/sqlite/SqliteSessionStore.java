package org.backtriage.store.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Leases;
import org.backtriage.store.internal.CheckInAttempts;
import org.backtriage.store.internal.Part;
import org.backtriage.store.internal.ReplySignal;

/**
 * Sessions in one SQLite file: one transaction per turn (or per batch of them) that holds the
 * session change, the processed update id and the replies queued. This class draws the
 * transactions; {@link SqliteDatabase} runs them, {@link SqliteTurns}, {@link SqliteOutbox} and
 * {@link SqliteCheckIns} hold the rows, {@link SqliteDueCheckIns} makes a round of check-ins.
 */
public final class SqliteSessionStore implements SessionStore {
    private final SqliteDatabase database;
    private final SqliteTurns turns;
    private final SqliteOutbox outbox;
    private final SqliteDueCheckIns dueCheckIns;
    private final ReplySignal signal = new ReplySignal();
    private final SqliteLeases leases;

    private SqliteSessionStore(SqliteDatabase database, Clock clock) {
        this.database = database;
        SqliteCheckIns checkIns = new SqliteCheckIns(database, clock);
        this.turns = new SqliteTurns(database, checkIns, clock);
        this.outbox = new SqliteOutbox(database, clock);
        this.dueCheckIns = new SqliteDueCheckIns(database, checkIns, turns, outbox);
        this.leases = new SqliteLeases(this, clock);
    }

    /**
     * Opens (creating if needed, readable by the owner only) the database at {@code file},
     * checks its integrity and brings its schema up to date.
     */
    public static SqliteSessionStore open(Path file, Clock clock) {
        return SqliteDatabase.open(file, clock.millis(), database -> {
            SqliteSessionStore store = new SqliteSessionStore(database, clock);
            store.turns.forgetOldUpdateIds();
            return store;
        });
    }

    @Override
    public Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> work) {
        return database.transaction(() -> turns.run(chatId, updateId, work).map(Turn::replies));
    }

    @Override
    public Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                              Function<Optional<StoredSession>, Turn> work) {
        Optional<List<Outgoing>> queued = database.transaction(() -> queued(chatId, updateId, press, work));
        queued.ifPresent(this::signal);
        return queued;
    }

    @Override
    public List<Handled> runQueuedBatch(List<Event> events, BiFunction<Event, Optional<StoredSession>, Turn> work) {
        List<Handled> batch = database.transaction(() -> {
            List<Handled> handled = new ArrayList<>(events.size());
            for (Event event : events) {
                // A savepoint per update: one that fails is undone alone, the rest of the batch stands.
                long started = System.nanoTime();
                Part<Optional<List<Outgoing>>> part = database.savepoint(() ->
                        queued(event.chatId(), event.updateId(), event.press(), saved -> work.apply(event, saved)));
                handled.add(Part.handled(event, part, Duration.ofNanos(System.nanoTime() - started)));
            }
            return handled;
        });
        signal(batch.stream().flatMap(handled -> handled.queued().stream()).toList());
        return batch;
    }

    /** Tells those listening for new replies, once they are committed, if there are any. */
    private void signal(List<Outgoing> queued) {
        if (!queued.isEmpty()) {
            signal.fire();
        }
    }

    /** The turn and its replies queued, or empty when {@code updateId} was processed before. Inside a transaction. */
    private Optional<List<Outgoing>> queued(long chatId, long updateId, Optional<Press> press,
                                            Function<Optional<StoredSession>, Turn> work) throws SQLException {
        Optional<Turn> turn = turns.run(chatId, OptionalLong.of(updateId), work);
        if (turn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(outbox.queue(chatId, press, turn.get().replies()));
    }

    @Override
    public List<Outgoing> pendingReplies() {
        return database.transaction(outbox::pending);
    }

    @Override
    public void delivered(List<Long> outgoingIds) {
        if (outgoingIds.isEmpty()) {
            return;
        }
        database.transaction(() -> {
            outbox.delete(outgoingIds);
            return null;
        });
    }

    @Override
    public void dropPending(long chatId) {
        database.transaction(() -> {
            outbox.dropPending(chatId);
            return null;
        });
    }

    @Override
    public int purgeIdleSince(Instant cutoff) {
        return database.transaction(() -> turns.purgeIdleSince(cutoff));
    }

    @Override
    public Optional<StoredSession> peek(long chatId) {
        return database.transaction(() -> turns.load(chatId));
    }

    /** See {@link SqliteDueCheckIns}: one transaction per check-in, {@link CheckInAttempts#ATTEMPTS} attempts each. */
    @Override
    public List<Outgoing> runDueCheckIns(Instant now, Function<Optional<StoredSession>, Turn> work) {
        List<Outgoing> queued = dueCheckIns.run(now, work);
        signal(queued);
        return queued;
    }

    /**
     * True when the database answers one cheap query (for the health check), asked on a
     * connection of its own: it does not wait for the store's lock.
     */
    @Override
    public boolean answers() {
        return database.answers();
    }

    /** Told on the thread that committed the replies, right after the commit. */
    @Override
    public void onNewReplies(Runnable listener) {
        signal.add(listener);
    }

    /** The leases of the instances sharing the store: one process uses the file, so every lease is its own (see {@link SqliteLeases}). */
    public Leases leases() {
        return leases;
    }

    @Override
    public void close() {
        database.close();
    }
}
