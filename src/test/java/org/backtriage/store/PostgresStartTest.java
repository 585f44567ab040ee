package org.backtriage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.backtriage.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opening the PostgreSQL store as an operator starts it: the login, the password kept out of
 * every line, the schema migrated once however many instances start together, a schema from a
 * newer build refused.
 */
@NeedsPostgres
class PostgresStartTest {
    static final String PASSWORD = "correct-horse-battery-" + Long.toHexString(System.nanoTime());
    @RegisterExtension
    static final TestPostgres database = TestPostgres.perClass();

    static PostgresSessionStore open(String url, Optional<String> password) {
        return PostgresSessionStore.open(url, password, 1, Clock.systemUTC());
    }

    @Test
    void theRightPasswordGivenApartLogsIn() {
        String user = database.loginWithPassword(PASSWORD);
        try (PostgresSessionStore store = open(database.url(user), Optional.of(PASSWORD))) {
            assertThat(store.answers()).isTrue();
        }
    }

    @Test
    void aWrongPasswordFailsStartInOneLineThatNamesTheDatabaseButNeverAPassword() {
        String user = database.loginWithPassword(PASSWORD);
        String wrong = "not-the-" + PASSWORD;
        List<String> logged;
        StoreException refused;
        try (LogCapture captured = new LogCapture()) {
            refused = (StoreException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> open(database.url(user) + "&password=" + wrong, Optional.empty()));
            logged = captured.lines();
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage())
                .startsWith("cannot connect to PostgreSQL postgresql://127.0.0.1:")
                .contains(" as " + user + ": ", "password authentication failed")
                .doesNotContain("\n", wrong, PASSWORD);
        assertThat(logged).noneMatch(line -> line.contains(wrong) || line.contains(PASSWORD));
        assertThatThrownBy(() -> open(database.url(user), Optional.of(wrong)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(wrong);
    }

    @Test
    void aUrlTheDriverCannotReadIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> open("jdbc:postgresql://db:notaport/x?password=" + PASSWORD, Optional.empty()))
                .isInstanceOf(StoreException.class)
                .hasMessage("the database URL is not one the PostgreSQL driver reads; it looks like"
                        + " jdbc:postgresql://host:5432/database?user=name");
    }

    @Test
    void instancesStartingTogetherMigrateTheSchemaOnce() throws Exception {
        TestPostgres fresh = TestPostgres.create(PostgresStartTest.class);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CyclicBarrier start = new CyclicBarrier(3);
            List<Future<PostgresSessionStore>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starting.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return open(fresh.url(), Optional.empty());
                }));
            }
            for (Future<PostgresSessionStore> store : starting) {
                store.get(60, TimeUnit.SECONDS).close();
            }

            assertThat(fresh.query("SELECT version || ' ' || script || ' ' || success FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL")).containsExactly("1 V1__schema.sql true");
        } finally {
            threads.shutdownNow();
            fresh.close();
        }
    }

    @Test
    void aSchemaFromANewerBuildIsRefused() {
        TestPostgres fresh = TestPostgres.create(PostgresStartTest.class);
        try {
            open(fresh.url(), Optional.empty()).close();
            fresh.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0,"
                    + " 'postgres', 0, true)");

            assertThatThrownBy(() -> open(fresh.url(), Optional.empty()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("has schema version 99 but this build knows only up to 1; use a newer build");
        } finally {
            fresh.close();
        }
    }
}
