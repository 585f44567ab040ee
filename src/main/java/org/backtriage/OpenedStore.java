package org.backtriage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.backtriage.chat.SessionStore;
import org.backtriage.cluster.Leases;
import org.backtriage.config.Database;
import org.backtriage.config.Settings;
import org.backtriage.store.postgres.PostgresSessionStore;
import org.backtriage.store.sqlite.SqliteSessionStore;

/**
 * The store {@link Settings#DATABASE} chose, for the bot and the console alike: its sessions with
 * their outbox, and the leases of the instances sharing it.
 */
record OpenedStore(SessionStore sessions, Leases leases) implements AutoCloseable {
    /** PostgreSQL for a jdbc:postgresql: URL, else the SQLite file; {@code botId} keeps bots apart in one PostgreSQL database. */
    static OpenedStore open(Settings settings, long botId) {
        return switch (settings.database()) {
            case Database.Postgres(String url, Optional<String> password) -> {
                PostgresSessionStore store = PostgresSessionStore.open(url, password, botId, Clock.systemUTC());
                yield new OpenedStore(store, store.leases());
            }
            case Database.SqliteFile(Path file) -> {
                SqliteSessionStore store = SqliteSessionStore.open(file, Clock.systemUTC());
                yield new OpenedStore(store, store.leases());
            }
        };
    }

    @Override
    public void close() {
        sessions.close();
    }
}
