package org.backtriage.store.postgres;

import static org.backtriage.store.postgres.PostgresDatabase.instant;
import static org.backtriage.store.postgres.PostgresDatabase.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.store.internal.PressColumns;
import org.backtriage.store.internal.ReplyCodec;

/**
 * The outbox table of one bot on PostgreSQL: replies written in the transaction of the turn that
 * made them, announced to every instance (NOTIFY, delivered when that transaction commits), read
 * back in id order, deleted once delivered. Every method runs inside the caller's
 * {@link PostgresDatabase#transaction}, on its connection.
 */
final class PostgresOutbox {
    /** The channel new replies are announced on; the payload is the bot's id. */
    static final String CHANNEL = "backtriage_outbox";

    private final long botId;
    private final Clock clock;

    PostgresOutbox(long botId, Clock clock) {
        this.botId = botId;
        this.clock = clock;
    }

    /** Queues {@code replies} for {@code chatId} in order, each answering {@code press} if there is one. */
    List<Outgoing> queue(Connection c, long chatId, Optional<Press> press, List<Reply> replies) throws SQLException {
        List<Outgoing> queued = new ArrayList<>(replies.size());
        if (replies.isEmpty()) {
            return queued;
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO outbox (bot_id, chat_id, kind, html, keyboard, transcript, press_id, press_message_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            // timestamptz keeps microseconds: the reply returned is the one read back later.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            for (Reply reply : replies) {
                ReplyCodec.Columns columns = ReplyCodec.encode(reply);
                st.setLong(1, botId);
                st.setLong(2, chatId);
                st.setString(3, columns.kind());
                st.setString(4, columns.html());
                st.setString(5, columns.keyboard());
                st.setBoolean(6, columns.transcript());
                PressColumns.write(st, 7, 8, press);
                setInstant(st, 9, now);
                try (ResultSet keys = st.executeQuery()) {
                    keys.next();
                    queued.add(new Outgoing(keys.getLong(1), chatId, press, reply, now));
                }
            }
        }
        return queued;
    }

    /**
     * Tells every instance listening that this bot has new replies, once this transaction
     * commits (PostgreSQL sends one notification per transaction for the same payload, and none
     * if it rolls back).
     */
    void announce(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CHANNEL);
            st.setString(2, Long.toString(botId));
            st.executeQuery().close();
        }
    }

    /** Every reply of this bot not yet delivered, in id order (per chat, the order they are sent in). */
    List<Outgoing> pending(Connection c) throws SQLException {
        List<Outgoing> pending = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, chat_id, kind, html, keyboard, transcript, press_id, press_message_id, created_at"
                        + " FROM outbox WHERE bot_id = ? ORDER BY id")) {
            st.setLong(1, botId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Reply reply = ReplyCodec.decode(new ReplyCodec.Columns(rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6)));
                    Optional<Press> press = PressColumns.read(rs, 7, 8);
                    pending.add(new Outgoing(rs.getLong(1), rs.getLong(2), press, reply, instant(rs, 9).orElseThrow()));
                }
            }
        }
        return pending;
    }

    /** Deletes the replies with these ids, in one statement. */
    void delete(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM outbox WHERE bot_id = ? AND id = ANY (?)")) {
            st.setLong(1, botId);
            st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        }
    }

    /** Deletes every reply still waiting for {@code chatId}. */
    void dropPending(Connection c, long chatId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM outbox WHERE bot_id = ? AND chat_id = ?")) {
            st.setLong(1, botId);
            st.setLong(2, chatId);
            st.executeUpdate();
        }
    }
}
