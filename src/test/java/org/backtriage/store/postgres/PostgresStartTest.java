package org.backtriage.store.postgres;

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
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.StoreException;
import org.backtriage.store.TestPostgres;
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
                    + " WHERE version IS NOT NULL")).containsExactly("1 V1__schema.sql true",
                    "2 V2__clinician_agreed_and_check_in_screen.sql true");
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
                    .hasMessageContaining("has schema version 99 but this build knows only up to 2; use a newer build");
        } finally {
            fresh.close();
        }
    }

    @Test
    void aVersion1SchemaKeepsItsCheckInsWithWhatTheyKnewOfTheVisitAndNoClinicianAgreementYet() {
        TestPostgres fresh = TestPostgres.create(PostgresStartTest.class);
        try {
            org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(fresh.url(), null, null)
                    .locations(PostgresMigrations.LOCATION).target("1").load().migrate();
            for (long chat : List.of(7L, 8L, 9L)) {
                fresh.execute("INSERT INTO sessions (bot_id, chat_id, tree_version, started, answers, draft, language,"
                        + " created_at, updated_at, finished_at) VALUES (1, " + chat + ", 'v1', true, 'emergency=none', '',"
                        + " 'en', now(), now(), '2026-11-24T18:30:00Z')");
            }
            fresh.execute("INSERT INTO check_ins (bot_id, chat_id, due_at, stage, feeling, outcome, asking, seen, created_at)"
                    + " VALUES (1, 7, '2026-12-01T18:30:00Z', 'FEELING_GIVEN', 'worse', 'urgent_doctor', 'emergency', true,"
                    + " now()), (1, 8, '2026-12-01T18:30:00Z', 'FEELING_GIVEN', 'same', 'clinician_first', 'emergency',"
                    + " false, now()), (1, 9, '2026-12-01T18:30:00Z', 'FEELING_GIVEN', 'same', 'clinician_first', 'seen',"
                    + " NULL, now())");

            try (PostgresSessionStore store = open(fresh.url(), Optional.empty())) {
                assertThat(store.peek(7).orElseThrow().checkIn().orElseThrow()).isEqualTo(new org.backtriage.chat.CheckIn(
                        java.time.Instant.parse("2026-12-01T18:30:00Z"), org.backtriage.chat.CheckIn.Stage.FEELING_GIVEN,
                        Optional.of("worse"), Optional.of("urgent_doctor"), Optional.of("emergency"), Optional.of("seen"),
                        List.of(), List.of()));
                assertThat(store.peek(8).orElseThrow().checkIn().orElseThrow().visit()).contains("not_yet");
                assertThat(store.peek(9).orElseThrow().checkIn().orElseThrow().asking())
                        .contains(org.backtriage.chat.CheckIn.VISIT);
                assertThat(store.peek(9).orElseThrow().finishedAt()).contains(java.time.Instant.parse("2026-11-24T18:30:00Z"));
                assertThat(store.peek(9).orElseThrow().agreedAt()).isEmpty();
            }
        } finally {
            fresh.close();
        }
    }
}
