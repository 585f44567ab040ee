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
import org.backtriage.chat.Button;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
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
            List.of(new Answer("emergency", List.of("none")), new Answer("urgent_symptoms", List.of("none"))), List.of());
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
        assertThat(seen).containsExactly(Optional.of(new StoredSession("v1", MIDWAY, CLOCK.instant())));
    }

    @Test
    void multipleChoiceTicksInProgressSurviveReopen() {
        Session ticking = new Session(true, MIDWAY.answers(), List.of("sink", "running"));
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> save(ticking));
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> {
                assertThat(saved).contains(new StoredSession("v1", ticking, CLOCK.instant()));
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
        assertThat(rows("SELECT answers FROM sessions WHERE chat_id = 1")).containsExactly("emergency=none;urgent_symptoms=none");
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

        assertThat(rows("SELECT version || ' ' || script FROM schema_version ORDER BY version"))
                .containsExactly("1 V1__sessions.sql", "2 V2__outbox.sql", "3 V3__language.sql", "4 V4__follow_ups.sql",
                        "5 V5__finished_and_check_in.sql", "6 V6__check_ins.sql");
        assertThat(rows("PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void aVersion1DatabaseIsUpgradedKeepingItsSessions() throws Exception {
        databaseAtVersion(1,
                "INSERT INTO sessions VALUES (7, 'v1', 1, 'emergency=none', '', 0, 0)");

        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(7, OptionalLong.empty(), saved -> {
                assertThat(saved.orElseThrow().session().answers()).containsExactly(new Answer("emergency", List.of("none")));
                return save(saved.get().session());
            });
            assertThat(store.pendingReplies()).isEmpty();
        }
        assertThat(rows("SELECT MAX(version) FROM schema_version")).containsExactly("6");
    }

    @Test
    void aVersion4DatabaseGainsTheFinishTimeAndTheCheckInColumnsKeepingItsRowsUnderTheCheckInName() throws Exception {
        databaseAtVersion(4,
                "INSERT INTO sessions VALUES (7, 'v1', 1, 'emergency=none', 'low_back_one_side', 0, 1000, 'es')",
                "INSERT INTO follow_ups VALUES (7, 5000, 'FEELING_GIVEN', 'worse', 0)",
                "INSERT INTO outbox (chat_id, kind, html, keyboard, transcript, created_at) VALUES (7, 'send', 'hello', '[]', 0, 0)",
                "INSERT INTO processed_updates VALUES (300, 7, " + CLOCK.millis() + ")");

        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            assertThat(store.peek(7)).contains(new StoredSession("v1",
                    new Session(true, List.of(new Answer("emergency", List.of("none"))), List.of("low_back_one_side")),
                    Instant.ofEpochMilli(1000), Optional.of("es"),
                    Optional.of(new CheckIn(Instant.ofEpochMilli(5000), CheckIn.Stage.FEELING_GIVEN, Optional.of("worse"))),
                    Optional.empty()));
            assertThat(store.pendingReplies()).extracting(Outgoing::chatId, Outgoing::reply).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(7L, HELLO));
            assertThat(store.run(7, OptionalLong.of(300), saved -> save(Session.begun()))).as("update 300 seen before").isEmpty();
        }
        assertThat(rows("SELECT version || ' ' || script FROM schema_version WHERE version > 4"))
                .containsExactly("5 V5__finished_and_check_in.sql", "6 V6__check_ins.sql");
        assertThat(rows("SELECT IFNULL(finished_at, '-') FROM sessions")).containsExactly("-");
        assertThat(rows("SELECT IFNULL(outcome, '-') || IFNULL(asking, '-') || IFNULL(seen, '-') FROM check_ins"))
                .containsExactly("---");
    }

    @Test
    void theFinishTimeAndEveryPartOfACheckInSurviveReopen() {
        Instant finished = Instant.parse("2026-11-24T18:30:12.345Z");
        Instant due = Instant.parse("2026-12-01T18:30:12.345Z");
        CheckIn askingAfterNotSeen = new CheckIn(due, CheckIn.Stage.FEELING_GIVEN, Optional.of("better"),
                Optional.of("urgent_doctor"), Optional.of("urgent_history"), Optional.of(false));
        CheckIn askingAfterSeen = new CheckIn(due, CheckIn.Stage.FEELING_GIVEN, Optional.of("worse"),
                Optional.of("clinician_first"), Optional.of("emergency"), Optional.of(true));
        CheckIn askingSeen = new CheckIn(due, CheckIn.Stage.FEELING_GIVEN, Optional.of("same"),
                Optional.of("clinician_first"), Optional.of(CheckIn.SEEN), Optional.empty());
        CheckIn planned = new CheckIn(due, CheckIn.Stage.SCHEDULED, Optional.empty(), Optional.of("general"),
                Optional.empty(), Optional.empty());
        List<CheckIn> checkIns = List.of(askingAfterNotSeen, askingAfterSeen, askingSeen, planned);
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            for (int chat = 1; chat <= checkIns.size(); chat++) {
                // The last one never reached an ending: no finish time.
                Optional<Instant> finishedAt = chat < checkIns.size() ? Optional.of(finished) : Optional.empty();
                CheckIn checkIn = checkIns.get(chat - 1);
                store.runQueued(chat, chat, Optional.empty(), saved -> new Turn.Save(new StoredSession("v1", MIDWAY,
                        Instant.EPOCH, Optional.of("en"), Optional.empty(), finishedAt), List.of(HELLO),
                        new Turn.CheckInChange.Set(checkIn)));
            }
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            for (int chat = 1; chat <= checkIns.size(); chat++) {
                Optional<Instant> finishedAt = chat < checkIns.size() ? Optional.of(finished) : Optional.empty();
                assertThat(store.peek(chat)).as("chat %d", chat).contains(new StoredSession("v1", MIDWAY, CLOCK.instant(),
                        Optional.of("en"), Optional.of(checkIns.get(chat - 1)), finishedAt));
            }
        }
    }

    @Test
    void databaseFileIsReadableByItsOwnerOnly() throws Exception {
        SqliteSessionStore.open(db(), CLOCK).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db()))).isEqualTo("rw-------");
    }

    @Test
    void theHourlyTidyUpForgetsProcessedUpdateIdsAfterAWeekThoseWithoutAChatToo() {
        MovingClock clock = new MovingClock(CLOCK.instant());
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), clock)) {
            store.run(1, OptionalLong.of(100), saved -> save(MIDWAY));
            store.run(-5, OptionalLong.of(101), saved -> new Turn.Stateless(List.of(HELLO)));
            store.run(2, OptionalLong.of(102), saved -> new Turn.Forget(List.of(HELLO)));
            clock.advance(java.time.Duration.ofDays(8));
            store.run(1, OptionalLong.of(103), saved -> save(MIDWAY));
            assertThat(rows("SELECT update_id FROM processed_updates ORDER BY update_id")).containsExactly("100", "101", "102", "103");

            // What the bot runs every hour: nobody is idle for 30 days, but the ids are a week old.
            int purged = store.purgeIdleSince(clock.instant().minus(java.time.Duration.ofDays(30)));

            assertThat(purged).isZero();
            assertThat(rows("SELECT update_id FROM processed_updates ORDER BY update_id")).containsExactly("103");
            assertThat(rows("SELECT chat_id FROM sessions")).containsExactly("1");
        }
    }

    @Test
    void aRoundOfCheckInsLetsThePollerInBetweenThem() throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
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
                    awaitWaiting(poller);
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

    /** Waits until {@code thread} is waiting for a lock (up to 5 s). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && thread.getState() != Thread.State.BLOCKED
                && thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState()).isIn(Thread.State.BLOCKED, Thread.State.WAITING);
    }

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("a test clock stays in UTC");
        }
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

    @Test
    void queuedRepliesAreWrittenWithTheTurnAndSurviveReopen() {
        Reply edit = new Reply.EditPressed("<b>Q</b>\n\nanswer", Keyboard.NONE, true);
        Reply question = new Reply.Send("next?", new Keyboard(List.of(List.of(new Button("Yes", "p:q:yes")),
                List.of(new Button("\u25c0 Back", "b"), new Button("Done", "d:q")))));
        Reply notice = new Reply.Notice("stale");
        Optional<Press> press = Optional.of(new Press("query-1", 77));
        List<Outgoing> queued;
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            queued = store.runQueued(1, 900, press,
                    saved -> new Turn.Save(new StoredSession("v1", MIDWAY), List.of(notice, edit, question))).orElseThrow();
            store.runQueued(2, 901, Optional.empty(), saved -> save(MIDWAY));
        }

        assertThat(queued).extracting(Outgoing::reply).containsExactly(notice, edit, question);
        assertThat(queued).allSatisfy(o -> assertThat(o.press()).isEqualTo(press));
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            List<Outgoing> pending = store.pendingReplies();
            assertThat(pending.subList(0, 3)).isEqualTo(queued);
            assertThat(pending.get(3)).isEqualTo(new Outgoing(pending.get(3).id(), 2, Optional.empty(), HELLO, CLOCK.instant()));
            assertThat(store.runQueued(1, 900, press, saved -> save(Session.begun()))).isEmpty();

            store.delivered(queued.get(0).id());
            store.dropPending(2);
            assertThat(store.pendingReplies()).containsExactly(queued.get(1), queued.get(2));
        }
    }

    @Test
    void aBatchIsOneTransactionInWhichAFailingUpdateIsUndoneAlone() {
        List<org.backtriage.chat.Event> events = List.of(
                new org.backtriage.chat.Event(1, 10, Optional.empty(), new org.backtriage.chat.Incoming.Text(), Optional.empty()),
                new org.backtriage.chat.Event(2, 11, Optional.empty(), new org.backtriage.chat.Incoming.Text(), Optional.empty()),
                new org.backtriage.chat.Event(3, 12, Optional.empty(), new org.backtriage.chat.Incoming.Text(), Optional.empty()));
        List<org.backtriage.chat.Handled> handled;
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            handled = store.runQueuedBatch(events, (event, saved) -> {
                if (event.chatId() == 2) {
                    throw new IllegalStateException("turn 2 fails");
                }
                return save(MIDWAY);
            });
            assertThat(store.runQueuedBatch(events.subList(0, 1), (event, saved) -> save(Session.begun())).get(0).queued()).isEmpty();
        }

        assertThat(handled).extracting(h -> h.queued().size()).containsExactly(1, 0, 1);
        assertThat(handled.get(1).failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("turn 2 fails"));
        assertThat(rows("SELECT chat_id FROM sessions ORDER BY chat_id")).containsExactly("1", "3");
        assertThat(rows("SELECT update_id FROM processed_updates ORDER BY update_id")).containsExactly("10", "12");
        assertThat(rows("SELECT chat_id FROM outbox ORDER BY id")).containsExactly("1", "3");
    }

    @Test
    void aFailingQueuedTurnQueuesNothing() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            assertThatThrownBy(() -> store.runQueued(1, 5, Optional.empty(), saved -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(store.pendingReplies()).isEmpty();
        }
        assertThat(rows("SELECT COUNT(*) FROM processed_updates")).containsExactly("0");
    }

    @Test
    void idleSessionsArePurgedWithEveryRowAboutThem() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.runQueued(1, 1, Optional.empty(), saved -> save(MIDWAY));
        }
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(31));
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), later)) {
            store.runQueued(2, 2, Optional.empty(), saved -> save(MIDWAY));

            assertThat(store.purgeIdleSince(later.instant().minus(java.time.Duration.ofDays(30)))).isEqualTo(1);
        }
        assertThat(rows("SELECT chat_id FROM sessions")).containsExactly("2");
        assertThat(rows("SELECT DISTINCT chat_id FROM outbox")).containsExactly("2");
        assertThat(rows("SELECT chat_id FROM processed_updates")).containsExactly("2");
    }

    @Test
    void aStatelessTurnStoresNoSession() {
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.run(-100, OptionalLong.of(3), saved -> new Turn.Stateless(List.of(HELLO)));
        }
        assertThat(rows("SELECT COUNT(*) FROM sessions")).containsExactly("0");
        assertThat(rows("SELECT update_id || '/' || IFNULL(chat_id, '-') FROM processed_updates")).containsExactly("3/-");
    }

    @Test
    void forgetReachesEveryTableThatHoldsAChatIdAndOnlyTheConfirmationWaitsToBeSent() {
        List<Outgoing> confirmation;
        try (SqliteSessionStore store = SqliteSessionStore.open(db(), CLOCK)) {
            store.runQueued(1, 1, Optional.of(new Press("q", 5)), saved -> new Turn.Save(new StoredSession("v1", MIDWAY),
                    List.of(HELLO), new Turn.CheckInChange.Set(new CheckIn(CLOCK.instant(), CheckIn.Stage.SCHEDULED, Optional.empty()))));
            confirmation = store.runQueued(1, 2, Optional.empty(), saved -> new Turn.Forget(List.of(HELLO))).orElseThrow();
            assertThat(store.pendingReplies()).isEqualTo(confirmation);
            store.delivered(confirmation.get(0).id());
        }
        List<String> tables = rows("SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
                + "WHERE m.type = 'table' AND c.name = 'chat_id' ORDER BY m.name");
        assertThat(tables).containsExactly("check_ins", "outbox", "processed_updates", "sessions");
        for (String table : tables) {
            assertThat(rows("SELECT COUNT(*) FROM " + table + " WHERE chat_id = 1")).as(table).containsExactly("0");
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
            for (String script : Migrations.SCRIPTS.subList(0, version)) {
                for (String sql : new String(getClass().getResourceAsStream("/db/" + script).readAllBytes()).split(";")) {
                    if (!sql.replaceAll("--.*", "").isBlank()) {
                        st.executeUpdate(sql);
                    }
                }
                st.executeUpdate("INSERT INTO schema_version VALUES (" + (Migrations.SCRIPTS.indexOf(script) + 1) + ", '"
                        + script + "', 0)");
            }
            for (String insert : inserts) {
                st.executeUpdate(insert);
            }
        }
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
