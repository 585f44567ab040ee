package org.backtriage.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.store.internal.PressColumns;
import org.backtriage.store.internal.ReplyCodec;

/**
 * The outbox table: replies written in the transaction of the turn that made them, read back in
 * id order (the order they are sent in, per chat), deleted once delivered. Every method runs
 * inside the caller's {@link SqliteDatabase#transaction}.
 */
final class SqliteOutbox {
    private final SqliteDatabase database;
    private final Clock clock;

    SqliteOutbox(SqliteDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Queues {@code replies} for {@code chatId} in order, each answering {@code press} if there is one. */
    List<Outgoing> queue(long chatId, Optional<Press> press, List<Reply> replies) throws SQLException {
        List<Outgoing> queued = new ArrayList<>(replies.size());
        for (Reply reply : replies) {
            queued.add(queue(chatId, press, reply));
        }
        return queued;
    }

    private Outgoing queue(long chatId, Optional<Press> press, Reply reply) throws SQLException {
        ReplyCodec.Columns columns = ReplyCodec.encode(reply);
        PreparedStatement st = database.prepared(
                "INSERT INTO outbox (chat_id, kind, html, keyboard, transcript, press_id, press_message_id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        st.setLong(1, chatId);
        st.setString(2, columns.kind());
        st.setString(3, columns.html());
        st.setString(4, columns.keyboard());
        st.setInt(5, columns.transcript() ? 1 : 0);
        PressColumns.write(st, 6, 7, press);
        long now = clock.millis();
        st.setLong(8, now);
        try (ResultSet keys = st.executeQuery()) {
            keys.next();
            return new Outgoing(keys.getLong(1), chatId, press, reply, Instant.ofEpochMilli(now));
        }
    }

    /** Every reply not yet delivered, oldest first. */
    List<Outgoing> pending() throws SQLException {
        List<Outgoing> pending = new ArrayList<>();
        PreparedStatement st = database.prepared(
                "SELECT id, chat_id, kind, html, keyboard, transcript, press_id, press_message_id, created_at"
                        + " FROM outbox ORDER BY id");
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                pending.add(outgoing(rs));
            }
        }
        return pending;
    }

    /** Deletes the replies with these ids. */
    void delete(List<Long> ids) throws SQLException {
        for (long id : ids) {
            database.update("DELETE FROM outbox WHERE id = ?", id);
        }
    }

    /** Deletes every reply still waiting for {@code chatId}. */
    void dropPending(long chatId) throws SQLException {
        database.update("DELETE FROM outbox WHERE chat_id = ?", chatId);
    }

    private static Outgoing outgoing(ResultSet rs) throws SQLException {
        Reply reply = ReplyCodec.decode(new ReplyCodec.Columns(rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6) != 0));
        Optional<Press> press = PressColumns.read(rs, 7, 8);
        return new Outgoing(rs.getLong(1), rs.getLong(2), press, reply, Instant.ofEpochMilli(rs.getLong(9)));
    }
}
