package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Leases;
import org.backtriage.store.SessionStoreContract;
import org.backtriage.store.StoreException;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's contract on a real SQLite file in a temporary folder (reopening it proves what is
 * durable), and what only SQLite does: the file's permissions, a damaged file refused, WAL, the
 * migrations from older versions, one connection shared fairly.
 */
class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path dir;

    Path db() {
        return dir.resolve("data").resolve("sessions.db");
    }

    @Override
    protected SqliteSessionStore open(Clock clock) {
        return SqliteSessionStore.open(db(), clock);
    }

    @Override
    protected Leases leasesOf(SessionStore store) {
        return ((SqliteSessionStore) store).leases();
    }

    @Override
    protected SqliteRows rows() {
        return new SqliteRows(db());
    }

    private List<String> rows(String sql) {
        return rows().query(sql);
    }

    @Test
    void schemaIsMigratedOnceAndRecorded() {
        open(CLOCK).close();
        open(CLOCK).close();

        assertThat(rows("SELECT version || ' ' || script FROM schema_version ORDER BY version"))
                .containsExactly("1 V1__sessions.sql", "2 V2__outbox.sql", "3 V3__language.sql", "4 V4__follow_ups.sql",
                        "5 V5__finished_and_check_in.sql", "6 V6__check_ins.sql",
                        "7 V7__clinician_agreed_and_check_in_screen.sql");
        assertThat(rows("PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void aVersion1DatabaseIsUpgradedKeepingItsSessions() throws Exception {
        databaseAtVersion(1,
                "INSERT INTO sessions VALUES (7, 'v1', 1, 'emergency=none', '', 0, 0)");

        try (SqliteSessionStore store = open(CLOCK)) {
            store.run(7, OptionalLong.empty(), saved -> {
                assertThat(saved.orElseThrow().session().answers()).containsExactly(new Answer("emergency", List.of("none")));
                return save(saved.get().session());
            });
            assertThat(store.pendingReplies()).isEmpty();
        }
        assertThat(rows("SELECT MAX(version) FROM schema_version")).containsExactly("7");
    }

    @Test
    void aVersion4DatabaseGainsTheFinishTimeAndTheCheckInColumnsKeepingItsRowsUnderTheCheckInName() throws Exception {
        databaseAtVersion(4,
                "INSERT INTO sessions VALUES (7, 'v1', 1, 'emergency=none', 'low_back_one_side', 0, 1000, 'es')",
                "INSERT INTO follow_ups VALUES (7, 5000, 'FEELING_GIVEN', 'worse', 0)",
                "INSERT INTO outbox (chat_id, kind, html, keyboard, transcript, created_at) VALUES (7, 'send', 'hello', '[]', 0, 0)",
                "INSERT INTO processed_updates VALUES (300, 7, " + CLOCK.millis() + ")");

        try (SqliteSessionStore store = open(CLOCK)) {
            assertThat(store.peek(7)).contains(new StoredSession("v1",
                    new Session(true, List.of(new Answer("emergency", List.of("none"))), List.of("low_back_one_side")),
                    Instant.ofEpochMilli(1000), Optional.of("es"))
                    .withCheckIn(new CheckIn(Instant.ofEpochMilli(5000), CheckIn.Stage.FEELING_GIVEN, Optional.of("worse"))));
            assertThat(store.pendingReplies()).extracting(Outgoing::chatId, Outgoing::reply).containsExactly(tuple(7L, HELLO));
            assertThat(store.run(7, OptionalLong.of(300), saved -> save(Session.begun()))).as("update 300 seen before").isEmpty();
        }
        assertThat(rows("SELECT version || ' ' || script FROM schema_version WHERE version > 4"))
                .containsExactly("5 V5__finished_and_check_in.sql", "6 V6__check_ins.sql",
                        "7 V7__clinician_agreed_and_check_in_screen.sql");
        assertThat(rows("SELECT IFNULL(finished_at, '-') FROM sessions")).containsExactly("-");
        assertThat(rows("SELECT IFNULL(outcome, '-') || IFNULL(asking, '-') || IFNULL(visit, '-') FROM check_ins"))
                .containsExactly("---");
    }

    @Test
    void aVersion6DatabaseKeepsItsCheckInsWithWhatTheyKnewOfTheVisitAndNoClinicianAgreementYet() throws Exception {
        databaseAtVersion(6,
                "INSERT INTO sessions VALUES (7, 'v1', 1, 'emergency=none', '', 0, 1000, 'en', 900)",
                "INSERT INTO sessions VALUES (8, 'v1', 1, 'emergency=none', '', 0, 1000, 'en', 900)",
                "INSERT INTO sessions VALUES (9, 'v1', 1, 'emergency=none', '', 0, 1000, 'en', 900)",
                "INSERT INTO check_ins VALUES (7, 5000, 'FEELING_GIVEN', 'worse', 0, 'urgent_doctor', 'emergency', 'yes')",
                "INSERT INTO check_ins VALUES (8, 5000, 'FEELING_GIVEN', 'same', 0, 'clinician_first', 'emergency', 'no')",
                "INSERT INTO check_ins VALUES (9, 5000, 'FEELING_GIVEN', 'same', 0, 'clinician_first', 'seen', NULL)");

        try (SqliteSessionStore store = open(CLOCK)) {
            assertThat(store.peek(7).orElseThrow().checkIn().orElseThrow()).isEqualTo(new CheckIn(Instant.ofEpochMilli(5000),
                    CheckIn.Stage.FEELING_GIVEN, Optional.of("worse"), Optional.of("urgent_doctor"), Optional.of("emergency"),
                    Optional.of("seen"), List.of(), List.of()));
            assertThat(store.peek(8).orElseThrow().checkIn().orElseThrow().visit()).contains("not_yet");
            assertThat(store.peek(9).orElseThrow().checkIn().orElseThrow().asking()).contains(CheckIn.VISIT);
            assertThat(store.peek(9).orElseThrow().finishedAt()).contains(Instant.ofEpochMilli(900));
            assertThat(store.peek(9).orElseThrow().agreedAt()).isEmpty();
        }
    }

    @Test
    void databaseFileIsReadableByItsOwnerOnly() throws Exception {
        open(CLOCK).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db()))).isEqualTo("rw-------");
    }

    @Test
    void theFoldersItCreatesForTheDatabaseAreTheOwnersOnly() throws Exception {
        Path file = dir.resolve("new").resolve("deeper").resolve("sessions.db");

        SqliteSessionStore.open(file, CLOCK).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/deeper")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
        Files.createDirectories(db().getParent());
        byte[] notes = "my own notes, not a database\n".repeat(200).getBytes();
        Files.write(db(), notes);

        assertThatThrownBy(() -> open(CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt or not an SQLite database")
                .hasMessageContaining("left untouched");
        assertThat(Files.readAllBytes(db())).isEqualTo(notes);
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() throws Exception {
        open(CLOCK).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
        }

        assertThatThrownBy(() -> open(CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    /** One connection, shared fairly: a transaction that waits for it goes next. */
    @Test
    void aRoundOfCheckInsLetsThePollerInBetweenThem() throws Exception {
        try (SqliteSessionStore store = open(CLOCK)) {
            for (long chat : List.of(1L, 2L)) {
                store.run(chat, OptionalLong.empty(), saved -> new Turn.Save(new StoredSession("v1", MIDWAY), List.of(),
                        new Turn.CheckInChange.Set(new CheckIn(CLOCK.instant().minusSeconds(60 - chat), CheckIn.Stage.SCHEDULED,
                                Optional.empty()))));
            }
            Thread poller = new Thread(() -> store.runQueued(9, 500, Optional.empty(), saved -> save(MIDWAY)), "poller");
            List<String> seenAtTheSecond = new ArrayList<>();
            AtomicInteger checkIns = new AtomicInteger();

            List<Outgoing> queued = store.runDueCheckIns(CLOCK.instant(), saved -> {
                if (checkIns.incrementAndGet() == 1) {
                    // During the first check-in the poller comes with an update and has to wait.
                    poller.start();
                    awaitState(poller, Thread.State.BLOCKED, Thread.State.WAITING);
                } else {
                    seenAtTheSecond.addAll(rows("SELECT update_id FROM processed_updates"));
                }
                return new Turn.Save(saved.orElseThrow(), List.of(HELLO),
                        new Turn.CheckInChange.Set(new CheckIn(CLOCK.instant(), CheckIn.Stage.ASKED, Optional.empty())));
            });
            poller.join(5_000);

            assertThat(queued).hasSize(2);
            assertThat(seenAtTheSecond).as("the poller's update was saved before the second check-in").containsExactly("500");
        }
    }

    /**
     * A database as a build that knew only the first {@code version} migrations left it, holding
     * the rows {@code inserts} write in that schema.
     */
    private void databaseAtVersion(int version, String... inserts) throws Exception {
        Files.createDirectories(db().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            for (String script : SqliteMigrations.SCRIPTS.subList(0, version)) {
                for (String sql : new String(getClass().getResourceAsStream("/db/" + script).readAllBytes()).split(";")) {
                    if (!sql.replaceAll("--.*", "").isBlank()) {
                        st.executeUpdate(sql);
                    }
                }
                st.executeUpdate("INSERT INTO schema_version VALUES (" + (SqliteMigrations.SCRIPTS.indexOf(script) + 1) + ", '"
                        + script + "', 0)");
            }
            for (String insert : inserts) {
                st.executeUpdate(insert);
            }
        }
    }
}
