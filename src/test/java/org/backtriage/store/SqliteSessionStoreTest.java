package org.backtriage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Reply;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SQLite file in a temporary folder; reopening it proves what is durable. */
class SqliteSessionStoreTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    static final Session MIDWAY = new Session(true,
            List.of(new Answer("emergency", List.of("none")), new Answer("urgent", List.of("none"))), List.of());
    static final Reply HELLO = new Reply.Send("hello", Keyboard.NONE);

    @TempDir
    Path dir;

    Path db() {
        return dir.resolve("data").resolve("sessions.db");
    }

    static Turn save(Session session) {
        return new Turn.Save(new StoredSession("v1", session), List.of(HELLO));
    }

    @Test
    void sessionSurvivesReopen() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.of(100), saved -> save(MIDWAY));
        }
        List<Optional<StoredSession>> seen = new ArrayList<>();
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.of(101), saved -> {
                seen.add(saved);
                return save(saved.orElseThrow().session());
            });
        }
        assertThat(seen).containsExactly(Optional.of(new StoredSession("v1", MIDWAY)));
    }

    @Test
    void multipleChoiceTicksInProgressSurviveReopen() {
        Session ticking = new Session(true, MIDWAY.answers(), List.of("sink", "running"));
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> save(ticking));
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> {
                assertThat(saved).contains(new StoredSession("v1", ticking));
                return save(ticking);
            });
        }
    }

    @Test
    void sameUpdateIdTwiceIsProcessedOnceEvenAfterReopen() {
        AtomicInteger turns = new AtomicInteger();
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            assertThat(store.run(1, OptionalLong.of(500), saved -> {
                turns.incrementAndGet();
                return save(MIDWAY);
            })).contains(List.of(HELLO));
            assertThat(store.run(1, OptionalLong.of(500), saved -> {
                turns.incrementAndGet();
                return save(Session.begun());
            })).isEmpty();
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            assertThat(store.run(1, OptionalLong.of(500), saved -> {
                turns.incrementAndGet();
                return save(Session.begun());
            })).isEmpty();
        }
        assertThat(turns).hasValue(1);
        assertThat(rows("SELECT answers FROM sessions WHERE chat_id = 1")).containsExactly("emergency=none;urgent=none");
    }

    @Test
    void aFailingTurnChangesNothingAndCanBeRetried() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.of(1), saved -> save(MIDWAY));
            assertThatThrownBy(() -> store.run(1, OptionalLong.of(2), saved -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(store.run(1, OptionalLong.of(2), saved -> save(Session.begun()))).contains(List.of(HELLO));
        }
        assertThat(rows("SELECT update_id FROM processed_updates ORDER BY update_id")).containsExactly("1", "2");
    }

    @Test
    void forgetDeletesTheSessionAndTheUpdateIdsKeyedToThePerson() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.of(1), saved -> save(MIDWAY));
            store.run(2, OptionalLong.of(2), saved -> save(MIDWAY));
            store.run(1, OptionalLong.of(3), saved -> new Turn.Forget(List.of(HELLO)));
        }
        assertThat(rows("SELECT chat_id FROM sessions")).containsExactly("2");
        assertThat(rows("SELECT update_id || '/' || IFNULL(chat_id, '-') FROM processed_updates ORDER BY update_id"))
                .containsExactly("2/2", "3/-");
    }

    @Test
    void schemaIsMigratedOnceAndRecorded() {
        SqliteSessionStore.open(db(), CLOCK).close();
        SqliteSessionStore.open(db(), CLOCK).close();

        assertThat(rows("SELECT version || ' ' || script FROM schema_version")).containsExactly("1 V1__sessions.sql");
        assertThat(rows("PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void databaseFileIsReadableByItsOwnerOnly() throws Exception {
        SqliteSessionStore.open(db(), CLOCK).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db()))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
        Files.createDirectories(db().getParent());
        byte[] notes = "my own notes, not a database\n".repeat(200).getBytes();
        Files.write(db(), notes);

        assertThatThrownBy(() -> SqliteSessionStore.open(db(), CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt or not an SQLite database")
                .hasMessageContaining("left untouched");
        assertThat(Files.readAllBytes(db())).isEqualTo(notes);
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() throws Exception {
        SqliteSessionStore.open(db(), CLOCK).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
        }

        assertThatThrownBy(() -> SqliteSessionStore.open(db(), CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void oldProcessedUpdateIdsArePrunedAtStart() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.of(1), saved -> save(MIDWAY));
        }
        Clock weekLater = Clock.offset(CLOCK, java.time.Duration.ofDays(8));
        SqliteSessionStore.open(db(), weekLater).close();

        assertThat(rows("SELECT update_id FROM processed_updates")).isEmpty();
        assertThat(rows("SELECT chat_id FROM sessions")).containsExactly("1");
    }

    private List<String> rows(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return values;
    }
}
