package org.backtriage.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backtriage.store.StoredRows;

/** The rows of an SQLite store's file, read on a connection of their own. */
final class SqliteRows implements StoredRows {
    private final Path file;

    SqliteRows(Path file) {
        this.file = file;
    }

    @Override
    public List<String> sessionChats() {
        return query("SELECT chat_id FROM sessions ORDER BY chat_id");
    }

    @Override
    public List<String> sessionAnswers(long chatId) {
        return query("SELECT answers FROM sessions WHERE chat_id = " + chatId);
    }

    @Override
    public List<String> processedUpdateIds() {
        return query("SELECT update_id FROM processed_updates ORDER BY update_id");
    }

    @Override
    public List<String> processedUpdates() {
        return query("SELECT update_id || '/' || IFNULL(chat_id, '-') FROM processed_updates ORDER BY update_id");
    }

    @Override
    public List<String> outboxChats() {
        return query("SELECT chat_id FROM outbox ORDER BY id");
    }

    @Override
    public Map<String, Long> rowsAbout(long chatId) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : query("SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
                + "WHERE m.type = 'table' AND c.name = 'chat_id' ORDER BY m.name")) {
            counts.put(table, Long.valueOf(query("SELECT COUNT(*) FROM " + table + " WHERE chat_id = " + chatId).get(0)));
        }
        return counts;
    }

    /** The first column of every row {@code sql} returns, as text. */
    List<String> query(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return values;
    }
}
