package org.backtriage.store;

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

/**
 * Sessions in one SQLite file: one transaction per turn (or per batch of them) that holds the
 * session change, the processed update id and the replies queued. This class draws the
 * transactions; {@link SqliteDatabase} runs them, {@link TurnStore}, {@link SqliteOutbox} and
 * {@link CheckInTable} hold the rows, {@link DueCheckIns} makes a round of check-ins.
 */
public final class SqliteSessionStore implements SessionStore {
    private final SqliteDatabase database;
    private final TurnStore turns;
    private final SqliteOutbox outbox;
    private final DueCheckIns dueCheckIns;

    private SqliteSessionStore(SqliteDatabase database, TurnStore turns, SqliteOutbox outbox, DueCheckIns dueCheckIns) {
        this.database = database;
        this.turns = turns;
        this.outbox = outbox;
        this.dueCheckIns = dueCheckIns;
    }

    /**
     * Opens (creating if needed, readable by the owner only) the database at {@code file},
     * checks its integrity and brings its schema up to date.
     */
    public static SqliteSessionStore open(Path file, Clock clock) {
        return SqliteDatabase.open(file, clock.millis(), database -> {
            CheckInTable checkIns = new CheckInTable(database, clock);
            TurnStore turns = new TurnStore(database, checkIns, clock);
            SqliteOutbox outbox = new SqliteOutbox(database, clock);
            turns.forgetOldUpdateIds();
            return new SqliteSessionStore(database, turns, outbox, new DueCheckIns(database, checkIns, turns, outbox));
        });
    }

    @Override
    public Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> work) {
        return database.transaction(() -> turns.run(chatId, updateId, work).map(Turn::replies));
    }

    @Override
    public Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                              Function<Optional<StoredSession>, Turn> work) {
        return database.transaction(() -> queued(chatId, updateId, press, work));
    }

    @Override
    public List<Handled> runQueuedBatch(List<Event> events, BiFunction<Event, Optional<StoredSession>, Turn> work) {
        return database.transaction(() -> {
            List<Handled> handled = new ArrayList<>(events.size());
            for (Event event : events) {
                // A savepoint per update: one that fails is undone alone, the rest of the batch stands.
                long started = System.nanoTime();
                SqliteDatabase.Part<Optional<List<Outgoing>>> part = database.savepoint(() ->
                        queued(event.chatId(), event.updateId(), event.press(), saved -> work.apply(event, saved)));
                Optional<RuntimeException> failure = part.failure().map(e -> e instanceof RuntimeException re ? re
                        : new StoreException("database error for update " + event.updateId() + ": " + e.getMessage(), e));
                handled.add(new Handled(event, part.result().flatMap(queued -> queued).orElse(List.of()), failure,
                        Duration.ofNanos(System.nanoTime() - started)));
            }
            return handled;
        });
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

    /** See {@link DueCheckIns}: one transaction per check-in, {@link DueCheckIns#ATTEMPTS} attempts each. */
    @Override
    public List<Outgoing> runDueCheckIns(Instant now, Function<Optional<StoredSession>, Turn> work) {
        return dueCheckIns.run(now, work);
    }

    /**
     * True when the database answers one cheap query (for the health check), asked on a
     * connection of its own: it does not wait for the store's lock.
     */
    public boolean answers() {
        return database.answers();
    }

    @Override
    public void close() {
        database.close();
    }
}
