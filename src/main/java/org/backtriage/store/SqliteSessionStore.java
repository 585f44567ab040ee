package org.backtriage.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.backtriage.chat.Event;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Handled;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Sessions in one SQLite file: WAL, a busy timeout, and one IMMEDIATE transaction per turn that
 * holds the session change and the processed update id together. One connection, used by one
 * transaction at a time; the health check has a second one to itself.
 */
public final class SqliteSessionStore implements SessionStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteSessionStore.class);
    /**
     * Attempts a due check-in gets before it is dropped. Counted in memory: a restart gives a
     * failing one its attempts again, which still bounds it, and needs no schema change.
     */
    static final int CHECK_IN_ATTEMPTS = 3;
    /** Telegram keeps undelivered updates for 24 hours; remembering ids for a week is ample. */
    private static final Duration KEEP_PROCESSED_IDS = Duration.ofDays(7);

    private final Connection connection;
    /**
     * A second connection for the health check alone: WAL lets it read while the main one writes,
     * so /healthz never waits behind a batch or a round of check-ins for the store's lock.
     */
    private final Connection healthCheck;
    private volatile boolean closed;
    private final Clock clock;
    /**
     * One transaction at a time on the one connection. Fair, so whoever has waited longest goes
     * next: the poller with its batch gets in between the check-ins of a round, or between
     * removals of sent replies, instead of being overtaken by a thread that lets go and takes
     * the lock straight back.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Statements prepared once and reused: this store's one connection runs them all, under {@link #lock}. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Failed attempts of the check-ins that failed, by chat, until one succeeds or is dropped. */
    private final Map<Long, Integer> checkInFailures = new ConcurrentHashMap<>();

    private SqliteSessionStore(Connection connection, Connection healthCheck, Clock clock) {
        this.connection = connection;
        this.healthCheck = healthCheck;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed, readable by the owner only) the database at {@code file},
     * checks its integrity and brings its schema up to date.
     */
    public static SqliteSessionStore open(Path file, Clock clock) {
        createOwnerOnly(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw notUsable(file, e);
        }
        Connection healthCheck = null;
        try {
            checkIntegrity(connection, file);
            Migrations.apply(connection, clock.millis());
            healthCheck = config.createConnection("jdbc:sqlite:" + file);
            SqliteSessionStore store = new SqliteSessionStore(connection, healthCheck, clock);
            store.forgetOldUpdateIds();
            return store;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (healthCheck != null) {
                closeQuietly(healthCheck);
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("database " + file + " is not a usable backtriage database: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<List<Reply>> run(long chatId, OptionalLong updateId,
                                                 Function<Optional<StoredSession>, Turn> work) {
        return transaction(() -> turn(chatId, updateId, work).map(Turn::replies));
    }

    @Override
    public Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                                          Function<Optional<StoredSession>, Turn> work) {
        return transaction(() -> {
            Optional<Turn> turn = turn(chatId, OptionalLong.of(updateId), work);
            if (turn.isEmpty()) {
                return Optional.empty();
            }
            List<Outgoing> queued = new ArrayList<>();
            for (Reply reply : turn.get().replies()) {
                queued.add(enqueue(chatId, press, reply));
            }
            return Optional.of(queued);
        });
    }

    @Override
    public List<Handled> runQueuedBatch(List<Event> events, BiFunction<Event, Optional<StoredSession>, Turn> work) {
        return transaction(() -> {
            List<Handled> handled = new ArrayList<>(events.size());
            // Prepared once like every other statement: a savepoint per update costs no parsing.
            PreparedStatement savepoint = prepared("SAVEPOINT update_turn");
            PreparedStatement release = prepared("RELEASE update_turn");
            for (Event event : events) {
                // A savepoint per update: one that fails is undone alone, the rest of the batch stands.
                long started = System.nanoTime();
                savepoint.execute();
                try {
                    Optional<Turn> turn = turn(event.chatId(), OptionalLong.of(event.updateId()),
                            saved -> work.apply(event, saved));
                    List<Outgoing> queued = new ArrayList<>();
                    for (Reply reply : turn.map(Turn::replies).orElse(List.of())) {
                        queued.add(enqueue(event.chatId(), event.press(), reply));
                    }
                    release.execute();
                    handled.add(new Handled(event, queued, Optional.empty(), Duration.ofNanos(System.nanoTime() - started)));
                } catch (SQLException | RuntimeException e) {
                    prepared("ROLLBACK TO update_turn").execute();
                    release.execute();
                    RuntimeException failure = e instanceof RuntimeException re ? re
                            : new StoreException("database error for update " + event.updateId() + ": " + e.getMessage(), e);
                    handled.add(new Handled(event, List.of(), Optional.of(failure), Duration.ofNanos(System.nanoTime() - started)));
                }
            }
            return handled;
        });
    }

    @Override
    public List<Outgoing> pendingReplies() {
        return transaction(() -> {
            List<Outgoing> pending = new ArrayList<>();
            PreparedStatement st = prepared(
                    "SELECT id, chat_id, kind, html, keyboard, transcript, press_id, press_message_id, created_at"
                            + " FROM outbox ORDER BY id");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pending.add(outgoing(rs));
                }
            }
            return pending;
        });
    }

    @Override
    public void delivered(List<Long> outgoingIds) {
        if (outgoingIds.isEmpty()) {
            return;
        }
        transaction(() -> {
            for (long id : outgoingIds) {
                update("DELETE FROM outbox WHERE id = ?", id);
            }
            return null;
        });
    }

    @Override
    public void dropPending(long chatId) {
        transaction(() -> update("DELETE FROM outbox WHERE chat_id = ?", chatId));
    }

    @Override
    public int purgeIdleSince(Instant cutoff) {
        return transaction(() -> {
            List<Long> idle = new ArrayList<>();
            {
            PreparedStatement st = prepared("SELECT chat_id FROM sessions WHERE updated_at < ?");
                st.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        idle.add(rs.getLong(1));
                    }
                }
            }
            for (long chatId : idle) {
                forget(chatId);
            }
            // The same hourly round keeps processed_updates from growing without bound, rows that
            // name no chat (a group's update, a /forget) included: no session purge reaches those.
            forgetOldUpdateIds();
            return idle.size();
        });
    }

    @Override
    public Optional<StoredSession> peek(long chatId) {
        return transaction(() -> load(chatId));
    }

    /**
     * Each due check-in in a transaction of its own, so the poller gets in between them and one
     * that fails stands alone: it is rolled back and tried again next round, up to
     * {@link #CHECK_IN_ATTEMPTS} times in all, then dropped.
     */
    @Override
    public List<Outgoing> runDueCheckIns(Instant now, Function<Optional<StoredSession>, Turn> work) {
        List<Long> due = transaction(() -> {
            List<Long> chats = new ArrayList<>();
            PreparedStatement st = prepared(
                    "SELECT chat_id FROM check_ins WHERE stage = 'SCHEDULED' AND due_at <= ? ORDER BY due_at");
            st.setLong(1, now.toEpochMilli());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    chats.add(rs.getLong(1));
                }
            }
            return chats;
        });
        List<Outgoing> queued = new ArrayList<>();
        for (long chatId : due) {
            try {
                queued.addAll(transaction(() -> checkIn(chatId, now, work)));
                checkInFailures.remove(chatId);
            } catch (RuntimeException e) {
                checkInFailed(chatId, e);
            }
        }
        return queued;
    }

    /** One check-in: unless the person changed it since the round began (answered, /forget), its turn and replies. */
    private List<Outgoing> checkIn(long chatId, Instant now, Function<Optional<StoredSession>, Turn> work) throws SQLException {
        PreparedStatement st = prepared("SELECT 1 FROM check_ins WHERE chat_id = ? AND stage = 'SCHEDULED' AND due_at <= ?");
        st.setLong(1, chatId);
        st.setLong(2, now.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return List.of();
            }
        }
        List<Outgoing> rows = new ArrayList<>();
        Turn turn = turn(chatId, OptionalLong.empty(), work).orElseThrow();
        for (Reply reply : turn.replies()) {
            rows.add(enqueue(chatId, Optional.empty(), reply));
        }
        return rows;
    }

    /** Counts a failed check-in; at the last attempt, deletes it, so it is not tried every round for ever. */
    private void checkInFailed(long chatId, RuntimeException failure) {
        int failures = checkInFailures.merge(chatId, 1, Integer::sum);
        if (failures < CHECK_IN_ATTEMPTS) {
            log.warn("The check-in for chat {} failed (attempt {} of {}); trying again next round: {}", chatId, failures,
                    CHECK_IN_ATTEMPTS, failure.toString());
            return;
        }
        try {
            transaction(() -> update("DELETE FROM check_ins WHERE chat_id = ? AND stage = 'SCHEDULED'", chatId));
            checkInFailures.remove(chatId);
            log.error("The check-in for chat {} failed {} times; dropped, it is not tried again: {}", chatId, failures,
                    failure.toString());
        } catch (RuntimeException e) {
            log.error("The check-in for chat {} failed {} times and could not be dropped; trying again next round: {}",
                    chatId, failures, e.toString());
        }
    }

    private void apply(long chatId, Turn.CheckInChange change) throws SQLException {
        if (change instanceof Turn.CheckInChange.Clear) {
            update("DELETE FROM check_ins WHERE chat_id = ?", chatId);
        } else if (change instanceof Turn.CheckInChange.Set set) {
            {
            PreparedStatement st = prepared(
                    "INSERT INTO check_ins (chat_id, due_at, stage, feeling, created_at, outcome, asking, seen) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (chat_id) DO UPDATE SET due_at = excluded.due_at, stage = excluded.stage, "
                            + "feeling = excluded.feeling, outcome = excluded.outcome, asking = excluded.asking, "
                            + "seen = excluded.seen");
                CheckIn checkIn = set.checkIn();
                st.setLong(1, chatId);
                st.setLong(2, checkIn.dueAt().toEpochMilli());
                st.setString(3, checkIn.stage().name());
                st.setString(4, checkIn.feeling().orElse(null));
                st.setLong(5, clock.millis());
                st.setString(6, checkIn.outcomeId().orElse(null));
                st.setString(7, checkIn.asking().orElse(null));
                st.setString(8, checkIn.seen().map(seen -> seen ? "yes" : "no").orElse(null));
                st.executeUpdate();
            }
        }
    }

    /** Runs the turn unless {@code updateId} was processed; applies and records it. Inside a transaction. */
    private Optional<Turn> turn(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> work)
            throws SQLException {
        if (updateId.isPresent() && alreadyProcessed(updateId.getAsLong())) {
            return Optional.empty();
        }
        Turn turn = work.apply(load(chatId));
        OptionalLong markedChat = OptionalLong.of(chatId);
        if (turn instanceof Turn.Save save) {
            save(chatId, save.session());
            apply(chatId, save.checkIn());
        } else if (turn instanceof Turn.Forget) {
            forget(chatId);
            markedChat = OptionalLong.empty();
        } else {
            // Stateless (a group): nothing about that chat is kept, not even which update came from it.
            markedChat = OptionalLong.empty();
        }
        if (updateId.isPresent()) {
            markProcessed(updateId.getAsLong(), markedChat);
        }
        return Optional.of(turn);
    }

    /**
     * Runs {@code work} in one transaction, holding the store's lock: committed if it returns,
     * rolled back if it throws.
     */
    private <T> T transaction(SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private Integer update(String sql, long value) throws SQLException {
        {
            PreparedStatement st = prepared(sql);
            st.setLong(1, value);
            return st.executeUpdate();
        }
    }

    private Outgoing enqueue(long chatId, Optional<Press> press, Reply reply) throws SQLException {
        String kind;
        String html;
        Keyboard keyboard = Keyboard.NONE;
        boolean transcript = false;
        if (reply instanceof Reply.Send send) {
            kind = "send";
            html = send.html();
            keyboard = send.keyboard();
        } else if (reply instanceof Reply.EditPressed edit) {
            kind = "edit";
            html = edit.html();
            keyboard = edit.keyboard();
            transcript = edit.transcript();
        } else {
            Reply.Notice notice = (Reply.Notice) reply;
            kind = notice.alert() ? "alert" : "notice";
            html = notice.text();
        }
        {
            PreparedStatement st = prepared(
                "INSERT INTO outbox (chat_id, kind, html, keyboard, transcript, press_id, press_message_id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
            st.setLong(1, chatId);
            st.setString(2, kind);
            st.setString(3, html);
            st.setString(4, ReplyCodec.encode(keyboard));
            st.setInt(5, transcript ? 1 : 0);
            if (press.isPresent()) {
                st.setString(6, press.get().id());
                st.setLong(7, press.get().messageId());
            } else {
                st.setNull(6, java.sql.Types.VARCHAR);
                st.setNull(7, java.sql.Types.INTEGER);
            }
            long now = clock.millis();
            st.setLong(8, now);
            try (ResultSet keys = st.executeQuery()) {
                keys.next();
                return new Outgoing(keys.getLong(1), chatId, press, reply, Instant.ofEpochMilli(now));
            }
        }
    }

    private static Outgoing outgoing(ResultSet rs) throws SQLException {
        String html = rs.getString(4);
        Keyboard keyboard = ReplyCodec.decode(rs.getString(5));
        Reply reply = switch (rs.getString(3)) {
            case "send" -> new Reply.Send(html, keyboard);
            case "edit" -> new Reply.EditPressed(html, keyboard, rs.getInt(6) != 0);
            case "alert" -> new Reply.Notice(html, true);
            default -> new Reply.Notice(html);
        };
        String pressId = rs.getString(7);
        Optional<Press> press = pressId == null ? Optional.empty() : Optional.of(new Press(pressId, rs.getLong(8)));
        return new Outgoing(rs.getLong(1), rs.getLong(2), press, reply, Instant.ofEpochMilli(rs.getLong(9)));
    }

    /**
     * True when the database answers one cheap query (for the health check), asked on a
     * connection of its own: it does not wait for the store's lock.
     */
    public boolean answers() {
        synchronized (healthCheck) {
            if (closed) {
                return false;
            }
            try (Statement st = healthCheck.createStatement()) {
                st.setQueryTimeout(2);
                st.executeQuery("SELECT count(*) FROM sqlite_master").close();
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearParameters();
        return statement;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    log.debug("closing a statement failed: {}", e.getMessage());
                }
            }
            statements.clear();
            closeQuietly(connection);
        } finally {
            lock.unlock();
        }
        synchronized (healthCheck) {
            closed = true;
            closeQuietly(healthCheck);
        }
    }

    private Optional<StoredSession> load(long chatId) throws SQLException {
        {
            // The check-in (if any) in the same statement: one lookup per update, not two.
            PreparedStatement st = prepared(
                "SELECT s.tree_version, s.started, s.answers, s.draft, s.updated_at, s.language,"
                        + " f.due_at, f.stage, f.feeling, s.finished_at, f.outcome, f.asking, f.seen"
                        + " FROM sessions s LEFT JOIN check_ins f ON f.chat_id = s.chat_id WHERE s.chat_id = ?");
            st.setLong(1, chatId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String treeVersion = rs.getString(1);
                Instant updatedAt = Instant.ofEpochMilli(rs.getLong(5));
                Optional<String> language = Optional.ofNullable(rs.getString(6));
                Optional<List<Answer>> answers = SessionCodec.decodeAnswers(rs.getString(3));
                if (answers.isEmpty()) {
                    // Only a hand-edited row gets here. An answer no tree has makes the chat layer
                    // tell the person the questions changed and start again.
                    log.warn("a session row has unreadable answers; that person will start again");
                    return Optional.of(new StoredSession(treeVersion, new Session(true,
                            List.of(new Answer("unreadable", List.of("unreadable"))), List.of()), updatedAt, language));
                }
                Session session = new Session(rs.getInt(2) != 0, answers.get(), SessionCodec.decodeOptions(rs.getString(4)));
                Optional<CheckIn> checkIn = rs.getString(8) == null ? Optional.empty()
                        : Optional.of(new CheckIn(Instant.ofEpochMilli(rs.getLong(7)), CheckIn.Stage.valueOf(rs.getString(8)),
                                Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(11)),
                                Optional.ofNullable(rs.getString(12)), Optional.ofNullable(rs.getString(13)).map("yes"::equals)));
                long finished = rs.getLong(10);
                Optional<Instant> finishedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
                return Optional.of(new StoredSession(treeVersion, session, updatedAt, language, checkIn, finishedAt));
            }
        }
    }

    private void save(long chatId, StoredSession stored) throws SQLException {
        long now = clock.millis();
        {
            PreparedStatement st = prepared(
                "INSERT INTO sessions (chat_id, tree_version, started, answers, draft, created_at, updated_at, language, "
                        + "finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (chat_id) DO UPDATE SET tree_version = excluded.tree_version, "
                        + "started = excluded.started, answers = excluded.answers, draft = excluded.draft, "
                        + "updated_at = excluded.updated_at, language = excluded.language, finished_at = excluded.finished_at");
            Session session = stored.session();
            st.setLong(1, chatId);
            st.setString(2, stored.treeVersion());
            st.setInt(3, session.started() ? 1 : 0);
            st.setString(4, SessionCodec.encodeAnswers(session.answers()));
            st.setString(5, SessionCodec.encodeOptions(session.draft()));
            st.setLong(6, now);
            st.setLong(7, now);
            st.setString(8, stored.language().orElse(null));
            if (stored.finishedAt().isPresent()) {
                st.setLong(9, stored.finishedAt().get().toEpochMilli());
            } else {
                st.setNull(9, java.sql.Types.INTEGER);
            }
            st.executeUpdate();
        }
    }

    private void forget(long chatId) throws SQLException {
        // Every table that holds a chat id; a test scans the schema to keep this list whole.
        for (String sql : List.of("DELETE FROM sessions WHERE chat_id = ?", "DELETE FROM processed_updates WHERE chat_id = ?",
                "DELETE FROM outbox WHERE chat_id = ?", "DELETE FROM check_ins WHERE chat_id = ?")) {
            update(sql, chatId);
        }
    }

    private boolean alreadyProcessed(long updateId) throws SQLException {
        {
            PreparedStatement st = prepared("SELECT 1 FROM processed_updates WHERE update_id = ?");
            st.setLong(1, updateId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void markProcessed(long updateId, OptionalLong chatId) throws SQLException {
        {
            PreparedStatement st = prepared(
                "INSERT INTO processed_updates (update_id, chat_id, processed_at) VALUES (?, ?, ?)");
            st.setLong(1, updateId);
            if (chatId.isPresent()) {
                st.setLong(2, chatId.getAsLong());
            } else {
                st.setNull(2, java.sql.Types.INTEGER);
            }
            st.setLong(3, clock.millis());
            st.executeUpdate();
        }
    }

    private void forgetOldUpdateIds() throws SQLException {
        {
            PreparedStatement st = prepared("DELETE FROM processed_updates WHERE processed_at < ?");
            st.setLong(1, clock.millis() - KEEP_PROCESSED_IDS.toMillis());
            st.executeUpdate();
        }
    }

    private static void checkIntegrity(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new StoreException("database " + file + " failed its integrity check (" + result
                        + "); it was left untouched. Restore a backup or point BACKTRIAGE_DB elsewhere.");
            }
        } catch (SQLException e) {
            throw notUsable(file, e);
        }
    }

    private static StoreException notUsable(Path file, SQLException e) {
        boolean damaged = e instanceof SQLiteException se
                && (se.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB || se.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT);
        if (damaged) {
            return new StoreException("database " + file + " is corrupt or not an SQLite database; it was left untouched."
                    + " Restore a backup or point BACKTRIAGE_DB elsewhere. (" + e.getMessage() + ")", e);
        }
        return new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }

    /**
     * Creates the folders and an empty file, if absent, usable by the owner only: the database
     * holds people's answers, and SQLite writes its journal files beside it.
     */
    private static void createOwnerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && posix) {
                // Only the folders made here; one that exists (e.g. a mounted volume) is left as it is.
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.notExists(file)) {
                try {
                    if (posix) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; fine
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot create database file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the database failed: {}", e.getMessage());
        }
    }
}
