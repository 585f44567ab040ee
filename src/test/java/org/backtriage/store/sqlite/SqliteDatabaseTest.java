package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backtriage.store.StoreException;
import org.backtriage.store.internal.Part;
import org.junit.jupiter.api.Test;

class SqliteDatabaseTest extends FreshDatabase {
    private static final String RECORD = "INSERT INTO processed_updates (update_id, chat_id, processed_at) VALUES (?, NULL, 0)";

    @Test
    void workThatReturnsIsCommitted() {
        assertThat(database.transaction(() -> database.update(RECORD, 1))).isEqualTo(1);

        assertThat(rows.processedUpdateIds()).containsExactly("1");
    }

    @Test
    void workThatThrowsIsRolledBackAndItsFailureComesOutUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> database.transaction(() -> {
            database.update(RECORD, 1);
            throw boom;
        })).isSameAs(boom);
        assertThat(rows.processedUpdateIds()).isEmpty();
    }

    @Test
    void aDriverFailureIsRolledBackAndReportedAsAStoreExceptionAndTheNextTransactionWorks() {
        assertThatThrownBy(() -> database.transaction(() -> {
            database.update(RECORD, 1);
            return database.update(RECORD, 1);
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("database error: ").hasMessageContaining("UNIQUE")
                .satisfies(e -> assertThat(((StoreException) e).retryable()).as("a constraint fails every time").isFalse());
        assertThat(rows.processedUpdateIds()).isEmpty();

        database.transaction(() -> database.update(RECORD, 2));
        assertThat(rows.processedUpdateIds()).containsExactly("2");
    }

    @Test
    void aTransactionThatWaitedOutAnotherWriterFailsAloneAndTheNextOneCommits() throws Exception {
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
             java.sql.Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE"); // another writer holds the lock past the busy timeout

            assertThatThrownBy(() -> database.transaction(() -> database.update(RECORD, 1)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("SQLITE_BUSY")
                    .satisfies(e -> assertThat(((StoreException) e).retryable()).as("the file is free again later").isTrue());

            st.execute("ROLLBACK");
        }

        database.transaction(() -> database.update(RECORD, 2));
        assertThatThrownBy(() -> database.transaction(() -> {
            database.update(RECORD, 3);
            throw new IllegalStateException("undone");
        })).hasMessage("undone");
        assertThat(rows.processedUpdateIds()).as("the second committed in a transaction of its own, the third undone")
                .containsExactly("2");
    }

    @Test
    void aSavepointUndoesItsPartAloneAndTheRestOfTheTransactionStands() {
        List<Part<Integer>> parts = database.transaction(() -> {
            database.update(RECORD, 1);
            Part<Integer> thrown = database.savepoint(() -> {
                database.update(RECORD, 2);
                throw new IllegalStateException("part fails");
            });
            Part<Integer> refused = database.savepoint(() -> {
                database.update(RECORD, 3);
                return database.update(RECORD, 1);
            });
            Part<Integer> done = database.savepoint(() -> database.update(RECORD, 4));
            return List.of(thrown, refused, done);
        });

        assertThat(parts.get(0).result()).isEmpty();
        assertThat(parts.get(0).failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("part fails"));
        assertThat(parts.get(1).result()).isEmpty();
        assertThat(parts.get(1).failure()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(SQLException.class));
        assertThat(parts.get(2)).isEqualTo(new Part<>(Optional.of(1), Optional.empty()));
        assertThat(rows.processedUpdateIds()).containsExactly("1", "4");
    }

    @Test
    void aStatementIsPreparedOnceAndHandedOutAgainWithItsParametersCleared() {
        Optional<Long> again = database.transaction(() -> {
            PreparedStatement first = database.prepared("SELECT ?");
            first.setLong(1, 5);
            PreparedStatement second = database.prepared("SELECT ?");
            assertThat(second).isSameAs(first);
            try (ResultSet rs = second.executeQuery()) {
                rs.next();
                return Optional.ofNullable((Long) rs.getObject(1));
            }
        });

        assertThat(again).isEmpty();
    }

    @Test
    void theHealthCheckAnswersWhileAnotherThreadHoldsATransaction() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> database.transaction(() -> {
            database.update(RECORD, 1);
            inside.countDown();
            awaitQuietly(letGo);
            return null;
        }), "holder");
        holder.start();
        try {
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(database.answers()).isTrue();
        } finally {
            letGo.countDown();
            holder.join(5_000);
        }
    }

    @Test
    void theHealthCheckSaysNoOnceTheDatabaseIsClosed() {
        assertThat(database.answers()).isTrue();

        database.close();

        assertThat(database.answers()).isFalse();
    }

    @Test
    void openingRecordsEachMigrationWithItsTime() {
        Path file = dir.resolve("timed.db");

        SqliteDatabase.open(file, 1234, opened -> opened).close();

        assertThat(new SqliteRows(file).query("SELECT DISTINCT applied_at FROM schema_version")).containsExactly("1234");
        assertThat(new SqliteRows(file).query("SELECT COUNT(*) FROM schema_version"))
                .containsExactly(String.valueOf(SqliteMigrations.SCRIPTS.size()));
    }

    @Test
    void aFailureOfWhatIsBuiltOnTheDatabaseIsReportedNamingTheFile() {
        Path file = dir.resolve("other.db");

        assertThatThrownBy(() -> SqliteDatabase.open(file, 0, opened -> {
            throw new SQLException("cannot build");
        })).isInstanceOf(StoreException.class)
                .hasMessage("database " + file + " is not a usable backtriage database: cannot build");
        SqliteDatabase.open(file, 0, opened -> opened).close();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
