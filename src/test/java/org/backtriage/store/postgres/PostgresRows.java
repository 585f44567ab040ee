package org.backtriage.store.postgres;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backtriage.store.StoredRows;
import org.backtriage.store.TestPostgres;

/** The rows of a PostgreSQL store's database, every bot's, read on connections of their own. */
final class PostgresRows implements StoredRows {
    private final TestPostgres database;

    PostgresRows(TestPostgres database) {
        this.database = database;
    }

    @Override
    public List<String> sessionChats() {
        return database.query("SELECT chat_id FROM sessions ORDER BY chat_id");
    }

    @Override
    public List<String> sessionAnswers(long chatId) {
        return database.query("SELECT answers FROM sessions WHERE chat_id = " + chatId);
    }

    @Override
    public List<String> processedUpdateIds() {
        return database.query("SELECT update_id FROM processed_updates ORDER BY update_id");
    }

    @Override
    public List<String> processedUpdates() {
        return database.query("SELECT update_id || '/' || COALESCE(chat_id::text, '-') FROM processed_updates ORDER BY update_id");
    }

    @Override
    public List<String> outboxChats() {
        return database.query("SELECT chat_id FROM outbox ORDER BY id");
    }

    @Override
    public Map<String, Long> rowsAbout(long chatId) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : database.query("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND column_name = 'chat_id' ORDER BY table_name")) {
            counts.put(table, Long.valueOf(database.query("SELECT COUNT(*) FROM " + table + " WHERE chat_id = " + chatId).get(0)));
        }
        return counts;
    }
}
