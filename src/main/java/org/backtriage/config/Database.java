package org.backtriage.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the sessions are kept: an SQLite file (the default), or a PostgreSQL database several instances can share. */
public sealed interface Database {
    /** The URL prefix that selects PostgreSQL in {@link Settings#DATABASE}. */
    String POSTGRES_PREFIX = "jdbc:postgresql:";

    /** One SQLite file, for one process. */
    record SqliteFile(Path file) implements Database {
        public SqliteFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /**
     * A PostgreSQL database at a pgjdbc {@code url}, with its {@code password} given apart or in
     * the URL. Shown without the URL's parameters or anything before an '@', so never with a password.
     */
    record Postgres(String url, Optional<String> password) implements Database {
        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            String shown = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            int at = shown.lastIndexOf('@');
            return at < 0 ? shown : POSTGRES_PREFIX + "//" + shown.substring(at + 1);
        }
    }
}
