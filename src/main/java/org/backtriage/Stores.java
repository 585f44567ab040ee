package org.backtriage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.backtriage.chat.SessionStore;
import org.backtriage.config.Database;
import org.backtriage.config.Settings;
import org.backtriage.store.postgres.PostgresSessionStore;
import org.backtriage.store.sqlite.SqliteSessionStore;

/** The store {@link Settings#DATABASE} chose, for the bot and the console alike. */
final class Stores {
    private Stores() {
    }

    /** PostgreSQL for a jdbc:postgresql: URL, else the SQLite file; {@code botId} keeps bots apart in one PostgreSQL database. */
    static SessionStore open(Settings settings, long botId) {
        return switch (settings.database()) {
            case Database.Postgres(String url, Optional<String> password) ->
                    PostgresSessionStore.open(url, password, botId, Clock.systemUTC());
            case Database.SqliteFile(Path file) -> SqliteSessionStore.open(file, Clock.systemUTC());
        };
    }
}
