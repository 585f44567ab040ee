package org.backtriage.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.backtriage.store.internal.Part;
import org.backtriage.store.internal.ReplySignal;

/**
 * Sessions of one bot in a PostgreSQL database that several instances, and several bots, share:
 * the same meaning as the SQLite store (one transaction per turn or batch, holding the
 * session change, the claimed update id and the replies queued), made safe across instances by
 * a lock per chat, the update's row as its claim, check-ins claimed with SKIP LOCKED, and new
 * replies announced to every instance. This class draws the transactions; {@link
 * PostgresDatabase} runs them, {@link PostgresTurns}, {@link PostgresOutbox} and {@link
 * PostgresCheckIns} hold the rows, {@link PostgresLeases} the leases.
 */
public final class PostgresSessionStore implements SessionStore {
    private final PostgresDatabase database;
    private final long botId;
    private final PostgresTurns turns;
    private final PostgresOutbox outbox;
    private final PostgresDueCheckIns dueCheckIns;
    private final PostgresLeases leases;
    private final ReplySignal signal = new ReplySignal();
    private PostgresListener listener;

    private PostgresSessionStore(PostgresDatabase database, long botId, Clock clock) {
        this.database = database;
        this.botId = botId;
        PostgresCheckIns checkIns = new PostgresCheckIns(botId, clock);
        this.turns = new PostgresTurns(botId, checkIns, clock);
        this.outbox = new PostgresOutbox(botId, clock);
        this.dueCheckIns = new PostgresDueCheckIns(database, checkIns, turns, outbox);
        this.leases = new PostgresLeases(database, botId, outbox, this);
    }

    /**
     * Connects to the database at {@code url} (a pgjdbc URL; {@code password}, when present,
     * instead of one in the URL), brings its schema up to date and returns the store of the bot
     * {@code botId}. A failure is one line naming host, port, database and user, never the password.
     */
    public static PostgresSessionStore open(String url, Optional<String> password, long botId, Clock clock) {
        PostgresDatabase database = PostgresDatabase.open(PostgresAddress.of(url, password));
        try {
            PostgresSessionStore store = new PostgresSessionStore(database, botId, clock);
            database.transaction(c -> {
                store.turns.forgetOldUpdateIds(c);
                return null;
            });
            return store;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> work) {
        return database.transaction(c -> turns.run(c, chatId, updateId, work).map(Turn::replies));
    }

    @Override
    public Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                              Function<Optional<StoredSession>, Turn> work) {
        return database.transaction(c -> {
            Optional<List<Outgoing>> queued = queued(c, chatId, updateId, press, work);
            if (queued.isPresent() && !queued.get().isEmpty()) {
                outbox.announce(c);
            }
            return queued;
        });
    }

    @Override
    public List<Handled> runQueuedBatch(List<Event> events, BiFunction<Event, Optional<StoredSession>, Turn> work) {
        return database.transaction(c -> {
            // Every chat of the batch locked first, in one order for all transactions: two batches
            // of overlapping chats (a poller handing over to another) wait for each other, never deadlock.
            for (long chatId : events.stream().map(Event::chatId).distinct()
                    .sorted(Comparator.comparingLong(chat -> PostgresDatabase.chatLockKey(botId, chat))).toList()) {
                PostgresDatabase.lockChat(c, botId, chatId);
            }
            List<Handled> handled = new ArrayList<>(events.size());
            for (Event event : events) {
                // A savepoint per update: one that fails is undone alone, the rest of the batch stands.
                long started = System.nanoTime();
                Part<Optional<List<Outgoing>>> part = PostgresDatabase.savepoint(c, connection ->
                        queued(connection, event.chatId(), event.updateId(), event.press(), saved -> work.apply(event, saved)));
                handled.add(Part.handled(event, part, Duration.ofNanos(System.nanoTime() - started)));
            }
            if (handled.stream().anyMatch(h -> !h.queued().isEmpty())) {
                outbox.announce(c);
            }
            return handled;
        });
    }

    /** The turn and its replies queued, or empty when {@code updateId} was claimed before. Inside a transaction. */
    private Optional<List<Outgoing>> queued(Connection c, long chatId, long updateId, Optional<Press> press,
                                            Function<Optional<StoredSession>, Turn> work) throws SQLException {
        Optional<Turn> turn = turns.run(c, chatId, OptionalLong.of(updateId), work);
        if (turn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(outbox.queue(c, chatId, press, turn.get().replies()));
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
        database.transaction(c -> {
            outbox.delete(c, outgoingIds);
            return null;
        });
    }

    @Override
    public void dropPending(long chatId) {
        database.transaction(c -> {
            outbox.dropPending(c, chatId);
            return null;
        });
    }

    /**
     * Each idle chat in a transaction of its own, under its lock, so a person writing meanwhile on
     * any instance keeps their session, and two instances purging at once delete each chat once.
     * Then a VACUUM of the tables that hold people's rows: what this purge and the hour's /forget
     * deleted is cleared from their pages (they are small, so it is quick).
     */
    @Override
    public int purgeIdleSince(Instant cutoff) {
        int purged = 0;
        for (long chatId : database.transaction(c -> turns.idleSince(c, cutoff))) {
            if (database.transaction(c -> turns.purgeIfIdle(c, chatId, cutoff))) {
                purged++;
            }
        }
        database.transaction(c -> {
            turns.forgetOldUpdateIds(c);
            return null;
        });
        database.vacuum("sessions", "outbox", "check_ins", "processed_updates");
        return purged;
    }

    @Override
    public Optional<StoredSession> peek(long chatId) {
        return database.transaction(c -> turns.load(c, chatId));
    }

    /** See {@link PostgresDueCheckIns}: one transaction per check-in, each made by one instance. */
    @Override
    public List<Outgoing> runDueCheckIns(Instant now, Function<Optional<StoredSession>, Turn> work) {
        return dueCheckIns.run(now, work);
    }

    /** On a connection of the pool: the store answers when a turn could get one too. */
    @Override
    public boolean answers() {
        return database.answers();
    }

    /** The leases of the instances sharing the database: which one sends and which one polls. */
    public Leases leases() {
        return leases;
    }

    /**
     * Told on the store's listening thread when any instance committed replies of this bot (and
     * once after each time it connects); it starts listening with the first listener.
     */
    @Override
    public synchronized void onNewReplies(Runnable newReplies) {
        if (signal.add(newReplies)) {
            listener = PostgresListener.start(database.address(), botId, signal);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (listener != null) {
                listener.close();
            }
        }
        database.close();
    }
}
