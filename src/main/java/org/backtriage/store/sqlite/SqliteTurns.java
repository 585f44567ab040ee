package org.backtriage.store.sqlite;

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
 * One turn applied to the database: the chat's session row read and written, its check-in
 * changed, its update id recorded as processed so a re-delivery changes nothing; and what is
 * deleted when a person is forgotten or idle too long. Every method runs inside the caller's
 * {@link SqliteDatabase#transaction}.
 */
final class SqliteTurns {
    private final SqliteDatabase database;
    private final SqliteCheckIns checkIns;
    private final Clock clock;

    SqliteTurns(SqliteDatabase database, SqliteCheckIns checkIns, Clock clock) {
        this.database = database;
        this.checkIns = checkIns;
        this.clock = clock;
    }

    /** Runs the turn unless {@code updateId} was processed (then empty); applies and records it. */
    Optional<Turn> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> work) throws SQLException {
        if (updateId.isPresent() && alreadyProcessed(updateId.getAsLong())) {
            return Optional.empty();
        }
        Turn turn = work.apply(load(chatId));
        OptionalLong markedChat = switch (turn) {
            case Turn.Save save -> {
                save(chatId, save.session());
                checkIns.apply(chatId, save.checkIn());
                yield OptionalLong.of(chatId);
            }
            case Turn.Forget _ -> {
                forget(chatId);
                yield OptionalLong.empty();
            }
            // A group's: nothing about that chat is kept, not even which update came from it.
            case Turn.Stateless _ -> OptionalLong.empty();
        };
        if (updateId.isPresent()) {
            markProcessed(updateId.getAsLong(), markedChat);
        }
        return Optional.of(turn);
    }

    /** The chat's saved session with its check-in, if it has one. */
    Optional<StoredSession> load(long chatId) throws SQLException {
        // The check-in (if any) in the same statement: one lookup per update, not two.
        PreparedStatement st = database.prepared(
                "SELECT s.tree_version, s.started, s.answers, s.draft, s.updated_at, s.language,"
                        + " f.due_at, f.stage, f.feeling, s.finished_at, f.outcome, f.asking, f.visit, f.answers, f.draft, s.agreed_at"
                        + " FROM sessions s LEFT JOIN check_ins f ON f.chat_id = s.chat_id WHERE s.chat_id = ?");
        st.setLong(1, chatId);
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Optional<CheckIn> checkIn = rs.getString(8) == null ? Optional.empty()
                    : Optional.of(StoredSessions.checkIn(Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9),
                            rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15)));
            Optional<Instant> finishedAt = millis(rs, 10);
            Optional<Instant> agreedAt = millis(rs, 16);
            return Optional.of(StoredSessions.of(rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getString(4),
                    Instant.ofEpochMilli(rs.getLong(5)), Optional.ofNullable(rs.getString(6)), checkIn, finishedAt, agreedAt));
        }
    }

    private static Optional<Instant> millis(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /**
     * Deletes every session last changed before {@code cutoff} with every row about those chats,
     * and the processed update ids older than a week; returns how many sessions.
     */
    int purgeIdleSince(Instant cutoff) throws SQLException {
        List<Long> idle = new ArrayList<>();
        PreparedStatement st = database.prepared("SELECT chat_id FROM sessions WHERE updated_at < ?");
        st.setLong(1, cutoff.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                idle.add(rs.getLong(1));
            }
        }
        for (long chatId : idle) {
            forget(chatId);
        }
        // The same hourly round keeps processed_updates from growing without bound, rows that
        // name no chat (a group's update, a /forget) included: no session purge reaches those.
        forgetOldUpdateIds();
        // Each round empties the write-ahead log, purged or not: a /forget whose emptying a reader held up is done now.
        database.scrubAfterCommit();
        return idle.size();
    }

    /** Deletes the processed update ids older than a week. */
    void forgetOldUpdateIds() throws SQLException {
        PreparedStatement st = database.prepared("DELETE FROM processed_updates WHERE processed_at < ?");
        st.setLong(1, clock.millis() - ProcessedUpdates.KEPT_FOR.toMillis());
        st.executeUpdate();
    }

    private void save(long chatId, StoredSession stored) throws SQLException {
        long now = clock.millis();
        PreparedStatement st = database.prepared(
                "INSERT INTO sessions (chat_id, tree_version, started, answers, draft, created_at, updated_at, language, "
                        + "finished_at, agreed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (chat_id) DO UPDATE SET tree_version = excluded.tree_version, "
                        + "started = excluded.started, answers = excluded.answers, draft = excluded.draft, "
                        + "updated_at = excluded.updated_at, language = excluded.language, finished_at = excluded.finished_at, "
                        + "agreed_at = excluded.agreed_at");
        Session session = stored.session();
        st.setLong(1, chatId);
        st.setString(2, stored.treeVersion());
        st.setInt(3, session.started() ? 1 : 0);
        st.setString(4, SessionCodec.encodeAnswers(session.answers()));
        st.setString(5, SessionCodec.encodeOptions(session.draft()));
        st.setLong(6, now);
        st.setLong(7, now);
        st.setString(8, stored.language().orElse(null));
        setMillis(st, 9, stored.finishedAt());
        setMillis(st, 10, stored.agreedAt());
        st.executeUpdate();
    }

    private static void setMillis(PreparedStatement st, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            st.setLong(index, instant.get().toEpochMilli());
        } else {
            st.setNull(index, Types.INTEGER);
        }
    }

    private void forget(long chatId) throws SQLException {
        // Gone from the disk too, not only from the tables, once the transaction commits.
        database.scrubAfterCommit();
        // Every table that holds a chat id; a test scans the schema to keep this list whole.
        for (String sql : List.of("DELETE FROM sessions WHERE chat_id = ?", "DELETE FROM processed_updates WHERE chat_id = ?",
                "DELETE FROM outbox WHERE chat_id = ?", "DELETE FROM check_ins WHERE chat_id = ?")) {
            database.update(sql, chatId);
        }
    }

    private boolean alreadyProcessed(long updateId) throws SQLException {
        PreparedStatement st = database.prepared("SELECT 1 FROM processed_updates WHERE update_id = ?");
        st.setLong(1, updateId);
        try (ResultSet rs = st.executeQuery()) {
            return rs.next();
        }
    }

    private void markProcessed(long updateId, OptionalLong chatId) throws SQLException {
        PreparedStatement st = database.prepared("INSERT INTO processed_updates (update_id, chat_id, processed_at) VALUES (?, ?, ?)");
        st.setLong(1, updateId);
        if (chatId.isPresent()) {
            st.setLong(2, chatId.getAsLong());
        } else {
            st.setNull(2, Types.INTEGER);
        }
        st.setLong(3, clock.millis());
        st.executeUpdate();
    }
}
