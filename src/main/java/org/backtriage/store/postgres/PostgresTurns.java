package org.backtriage.store.postgres;

import static org.backtriage.store.postgres.PostgresDatabase.instant;
import static org.backtriage.store.postgres.PostgresDatabase.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.store.internal.ProcessedUpdates;
import org.backtriage.store.internal.SessionCodec;
import org.backtriage.store.internal.StoredSessions;
import org.backtriage.triage.Session;

/**
 * One turn applied to PostgreSQL for one bot: the chat locked against every other instance, the
 * update claimed (its id inserted first; a second delivery finds the row, or waits for the first
 * to commit and then finds it), the session row read and written, the check-in changed; and what
 * is deleted when a person is forgotten or idle too long. Every method runs inside the caller's
 * {@link PostgresDatabase#transaction}, on its connection.
 */
final class PostgresTurns {
    private final long botId;
    private final PostgresCheckIns checkIns;
    private final Clock clock;

    PostgresTurns(long botId, PostgresCheckIns checkIns, Clock clock) {
        this.botId = botId;
        this.checkIns = checkIns;
        this.clock = clock;
    }

    /** Runs the turn unless {@code updateId} was claimed before (then empty); applies and records it. */
    Optional<Turn> run(Connection c, long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> work)
            throws SQLException {
        PostgresDatabase.lockChat(c, botId, chatId);
        if (updateId.isPresent() && !claim(c, updateId.getAsLong(), chatId)) {
            return Optional.empty();
        }
        Turn turn = work.apply(load(c, chatId));
        switch (turn) {
            case Turn.Save save -> {
                save(c, chatId, save.session());
                checkIns.apply(c, chatId, save.checkIn());
            }
            case Turn.Forget _ -> {
                unlink(c, updateId);
                forget(c, chatId);
            }
            case Turn.Stateless _ -> unlink(c, updateId);
        }
        return Optional.of(turn);
    }

    /** After a Forget, or a group's turn: the update's row must not point back to the chat. */
    private void unlink(Connection c, OptionalLong updateId) throws SQLException {
        if (updateId.isPresent()) {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE processed_updates SET chat_id = NULL WHERE bot_id = ? AND update_id = ?")) {
                st.setLong(1, botId);
                st.setLong(2, updateId.getAsLong());
                st.executeUpdate();
            }
        }
    }

    /** The chat's saved session with its check-in, if it has one. */
    Optional<StoredSession> load(Connection c, long chatId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT s.tree_version, s.started, s.answers, s.draft, s.updated_at, s.language, s.finished_at,"
                        + " f.due_at, f.stage, f.feeling, f.outcome, f.asking, f.visit, f.answers, f.draft, s.agreed_at"
                        + " FROM sessions s LEFT JOIN check_ins f ON f.bot_id = s.bot_id AND f.chat_id = s.chat_id"
                        + " WHERE s.bot_id = ? AND s.chat_id = ?")) {
            st.setLong(1, botId);
            st.setLong(2, chatId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Optional<CheckIn> checkIn = rs.getString(9) == null ? Optional.empty()
                        : Optional.of(StoredSessions.checkIn(instant(rs, 8).orElseThrow(), rs.getString(9), rs.getString(10),
                                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15)));
                return Optional.of(StoredSessions.of(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5).orElseThrow(), Optional.ofNullable(rs.getString(6)), checkIn, instant(rs, 7),
                        instant(rs, 16)));
            }
        }
    }

    /** The chats of this bot whose session was last changed before {@code cutoff}. */
    List<Long> idleSince(Connection c, Instant cutoff) throws SQLException {
        List<Long> idle = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT chat_id FROM sessions WHERE bot_id = ? AND updated_at < ?")) {
            st.setLong(1, botId);
            setInstant(st, 2, cutoff);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    idle.add(rs.getLong(1));
                }
            }
        }
        return idle;
    }

    /**
     * Deletes the chat's session and every row about it if it is still idle since {@code cutoff}
     * once its lock is held (the person may have written meanwhile, on any instance); true if it was.
     */
    boolean purgeIfIdle(Connection c, long chatId, Instant cutoff) throws SQLException {
        PostgresDatabase.lockChat(c, botId, chatId);
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM sessions WHERE bot_id = ? AND chat_id = ? AND updated_at < ?")) {
            st.setLong(1, botId);
            st.setLong(2, chatId);
            setInstant(st, 3, cutoff);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        forget(c, chatId);
        return true;
    }

    /** Deletes this bot's processed update ids older than a week; any instance may, at any time. */
    void forgetOldUpdateIds(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM processed_updates WHERE bot_id = ? AND processed_at < ?")) {
            st.setLong(1, botId);
            setInstant(st, 2, clock.instant().minus(ProcessedUpdates.KEPT_FOR));
            st.executeUpdate();
        }
    }

    /**
     * Inserts the update's row unless it is there: true when this transaction claimed it. A
     * transaction of another instance holding the same claim uncommitted makes this wait for it.
     */
    private boolean claim(Connection c, long updateId, long chatId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO processed_updates (bot_id, update_id, chat_id, processed_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setLong(1, botId);
            st.setLong(2, updateId);
            st.setLong(3, chatId);
            setInstant(st, 4, clock.instant());
            return st.executeUpdate() == 1;
        }
    }

    private void save(Connection c, long chatId, StoredSession stored) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO sessions (bot_id, chat_id, tree_version, started, answers, draft, created_at, updated_at, language,"
                        + " finished_at, agreed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (bot_id, chat_id) DO UPDATE SET tree_version = excluded.tree_version,"
                        + " started = excluded.started, answers = excluded.answers, draft = excluded.draft,"
                        + " updated_at = excluded.updated_at, language = excluded.language, finished_at = excluded.finished_at,"
                        + " agreed_at = excluded.agreed_at")) {
            Instant now = clock.instant();
            Session session = stored.session();
            st.setLong(1, botId);
            st.setLong(2, chatId);
            st.setString(3, stored.treeVersion());
            st.setBoolean(4, session.started());
            st.setString(5, SessionCodec.encodeAnswers(session.answers()));
            st.setString(6, SessionCodec.encodeOptions(session.draft()));
            setInstant(st, 7, now);
            setInstant(st, 8, now);
            if (stored.language().isPresent()) {
                st.setString(9, stored.language().get());
            } else {
                st.setNull(9, Types.VARCHAR);
            }
            setInstant(st, 10, stored.finishedAt());
            setInstant(st, 11, stored.agreedAt());
            st.executeUpdate();
        }
    }

    private void forget(Connection c, long chatId) throws SQLException {
        // Every table that holds a chat id; a test scans the schema to keep this list whole.
        for (String table : List.of("sessions", "processed_updates", "outbox", "check_ins")) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE bot_id = ? AND chat_id = ?")) {
                st.setLong(1, botId);
                st.setLong(2, chatId);
                st.executeUpdate();
            }
        }
    }
}
