package org.backtriage.store.postgres;

import static org.backtriage.store.postgres.PostgresDatabase.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Turn;
import org.backtriage.store.internal.SessionCodec;

/**
 * The check_ins table of one bot on PostgreSQL: written as a turn changes it, and claimed when
 * due so that of several instances running rounds at once, each check-in is made by one. Every
 * method runs inside the caller's {@link PostgresDatabase#transaction}, on its connection.
 */
final class PostgresCheckIns {
    private final long botId;
    private final Clock clock;

    PostgresCheckIns(long botId, Clock clock) {
        this.botId = botId;
        this.clock = clock;
    }

    /** Does to the chat's check-in what a turn said: keeps, sets (plans or moves on) or clears it. */
    void apply(Connection c, long chatId, Turn.CheckInChange change) throws SQLException {
        switch (change) {
            case Turn.CheckInChange.Keep _ -> {
            }
            case Turn.CheckInChange.Clear _ -> clear(c, chatId);
            case Turn.CheckInChange.Set(CheckIn checkIn) -> set(c, chatId, checkIn);
        }
    }

    private void clear(Connection c, long chatId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM check_ins WHERE bot_id = ? AND chat_id = ?")) {
            st.setLong(1, botId);
            st.setLong(2, chatId);
            st.executeUpdate();
        }
    }

    private void set(Connection c, long chatId, CheckIn checkIn) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO check_ins (bot_id, chat_id, due_at, stage, feeling, created_at, outcome, asking, visit,"
                        + " answers, draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (bot_id, chat_id) DO UPDATE SET due_at = excluded.due_at, stage = excluded.stage,"
                        + " feeling = excluded.feeling, outcome = excluded.outcome, asking = excluded.asking,"
                        + " visit = excluded.visit, answers = excluded.answers, draft = excluded.draft")) {
            st.setLong(1, botId);
            st.setLong(2, chatId);
            setInstant(st, 3, checkIn.dueAt());
            st.setString(4, checkIn.stage().name());
            st.setString(5, checkIn.feeling().orElse(null));
            setInstant(st, 6, clock.instant());
            st.setString(7, checkIn.outcomeId().orElse(null));
            st.setString(8, checkIn.asking().orElse(null));
            st.setString(9, checkIn.visit().orElse(null));
            st.setString(10, SessionCodec.encodeAnswers(checkIn.answers()));
            st.setString(11, SessionCodec.encodeOptions(checkIn.draft()));
            st.executeUpdate();
        }
    }

    /**
     * Claims the check-in due longest by {@code now}, leaving out {@code passed} and any that
     * another transaction has claimed (SKIP LOCKED: two instances' rounds share the work instead
     * of making one check-in twice). The claim holds its row and its chat's lock until the
     * transaction ends. A chat whose lock another transaction holds, a turn of that person under
     * way, is not waited for (waiting while holding the row could deadlock with that turn, which
     * may change the row): its chat is returned as {@link Claim#busy}, to be passed over.
     */
    Optional<Claim> claimDue(Connection c, Instant now, Collection<Long> passed) throws SQLException {
        long chatId;
        try (PreparedStatement st = c.prepareStatement("SELECT chat_id FROM check_ins WHERE bot_id = ? AND stage = 'SCHEDULED'"
                + " AND due_at <= ? AND NOT (chat_id = ANY (?)) ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            st.setLong(1, botId);
            setInstant(st, 2, now);
            st.setArray(3, c.createArrayOf("bigint", passed.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                chatId = rs.getLong(1);
            }
        }
        return Optional.of(new Claim(chatId, !PostgresDatabase.tryLockChat(c, botId, chatId)));
    }

    /** A due check-in found: its chat, and whether a turn of that chat holds its lock (then it is not made now). */
    record Claim(long chatId, boolean busy) {
    }

    /** Deletes the chat's check-in if it is still only planned. */
    void dropPlanned(Connection c, long chatId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM check_ins WHERE bot_id = ? AND chat_id = ? AND stage = 'SCHEDULED'")) {
            st.setLong(1, botId);
            st.setLong(2, chatId);
            st.executeUpdate();
        }
    }
}
