package org.backtriage.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Turn;
import org.backtriage.store.internal.SessionCodec;

/**
 * The check_ins table: at most one check-in per chat, written as a turn changes it and looked
 * up when due. Every method runs inside the caller's {@link SqliteDatabase#transaction}.
 * (A session's own check-in is read with the session, in {@link SqliteTurns}.)
 */
final class SqliteCheckIns {
    private final SqliteDatabase database;
    private final Clock clock;

    SqliteCheckIns(SqliteDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Does to the chat's check-in what a turn said: keeps, sets (plans or moves on) or clears it. */
    void apply(long chatId, Turn.CheckInChange change) throws SQLException {
        switch (change) {
            case Turn.CheckInChange.Keep _ -> {
            }
            case Turn.CheckInChange.Clear _ -> database.update("DELETE FROM check_ins WHERE chat_id = ?", chatId);
            case Turn.CheckInChange.Set(CheckIn checkIn) -> set(chatId, checkIn);
        }
    }

    private void set(long chatId, CheckIn checkIn) throws SQLException {
        PreparedStatement st = database.prepared(
                "INSERT INTO check_ins (chat_id, due_at, stage, feeling, created_at, outcome, asking, visit, answers, "
                + "draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (chat_id) DO UPDATE SET due_at = excluded.due_at, stage = excluded.stage, "
                + "feeling = excluded.feeling, outcome = excluded.outcome, asking = excluded.asking, "
                + "visit = excluded.visit, answers = excluded.answers, draft = excluded.draft");
        st.setLong(1, chatId);
        st.setLong(2, checkIn.dueAt().toEpochMilli());
        st.setString(3, checkIn.stage().name());
        st.setString(4, checkIn.feeling().orElse(null));
        st.setLong(5, clock.millis());
        st.setString(6, checkIn.outcomeId().orElse(null));
        st.setString(7, checkIn.asking().orElse(null));
        st.setString(8, checkIn.visit().orElse(null));
        st.setString(9, SessionCodec.encodeAnswers(checkIn.answers()));
        st.setString(10, SessionCodec.encodeOptions(checkIn.draft()));
        st.executeUpdate();
    }

    /** The chats whose check-in is planned and due by {@code now}, the longest due first. */
    List<Long> dueChats(Instant now) throws SQLException {
        List<Long> chats = new ArrayList<>();
        PreparedStatement st = database.prepared(
                "SELECT chat_id FROM check_ins WHERE stage = 'SCHEDULED' AND due_at <= ? ORDER BY due_at");
        st.setLong(1, now.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                chats.add(rs.getLong(1));
            }
        }
        return chats;
    }

    /** True while the chat's check-in is still planned and due by {@code now} (not answered or forgotten since). */
    boolean isDue(long chatId, Instant now) throws SQLException {
        PreparedStatement st = database.prepared(
                "SELECT 1 FROM check_ins WHERE chat_id = ? AND stage = 'SCHEDULED' AND due_at <= ?");
        st.setLong(1, chatId);
        st.setLong(2, now.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
            return rs.next();
        }
    }

    /** Deletes the chat's check-in if it is still only planned. */
    void dropPlanned(long chatId) throws SQLException {
        database.update("DELETE FROM check_ins WHERE chat_id = ? AND stage = 'SCHEDULED'", chatId);
    }
}
