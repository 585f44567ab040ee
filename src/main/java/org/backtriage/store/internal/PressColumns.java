package org.backtriage.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.backtriage.chat.Press;

/**
 * An outbox row's press, in its two columns, the same in both stores: the press's query id and
 * the message it edits; both empty for a reply that belongs to no press, the query id alone empty
 * for an edit with no press to answer (the body map's answer).
 */
public final class PressColumns {
    private PressColumns() {
    }

    public static void write(PreparedStatement st, int queryColumn, int messageColumn, Optional<Press> press) throws SQLException {
        Optional<String> queryId = press.flatMap(Press::queryId);
        if (queryId.isPresent()) {
            st.setString(queryColumn, queryId.get());
        } else {
            st.setNull(queryColumn, Types.VARCHAR);
        }
        if (press.isPresent()) {
            st.setLong(messageColumn, press.get().messageId());
        } else {
            st.setNull(messageColumn, Types.BIGINT);
        }
    }

    public static Optional<Press> read(ResultSet rs, int queryColumn, int messageColumn) throws SQLException {
        Optional<String> queryId = Optional.ofNullable(rs.getString(queryColumn));
        long messageId = rs.getLong(messageColumn);
        return rs.wasNull() ? Optional.empty() : Optional.of(new Press(queryId, messageId));
    }
}
