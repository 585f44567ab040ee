package org.backtriage.store.sqlite;

import org.sqlite.SQLiteJDBCLoader;

/**
 * SQLite's native library, loaded ahead of {@link SqliteSessionStore#open}: the driver copies it
 * out of the jar and loads it on first use, about a tenth of a second that can overlap other
 * start-up work.
 */
public final class SqliteLibrary {
    private SqliteLibrary() {
    }

    /** Loads the library if it is not loaded yet; a failure is left for {@code open} to report. */
    public static void load() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // open() loads it again and reports the problem with the database's name.
        }
    }
}
