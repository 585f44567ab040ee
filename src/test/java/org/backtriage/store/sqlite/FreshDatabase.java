package org.backtriage.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of one part of the store on a new, migrated SQLite file of its own. */
abstract class FreshDatabase {
    @TempDir
    Path dir;
    SqliteDatabase database;
    SqliteRows rows;

    @BeforeEach
    void openDatabase() {
        Path file = dir.resolve("test.db");
        database = SqliteDatabase.open(file, 0, opened -> opened);
        rows = new SqliteRows(file);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
