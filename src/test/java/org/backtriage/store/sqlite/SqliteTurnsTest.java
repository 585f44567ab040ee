package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.store.SessionStoreContract;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqliteTurnsTest extends FreshDatabase {
    private static final Instant START = SessionStoreContract.CLOCK.instant();
    private final MovableClock clock = new MovableClock(START);
    private SqliteTurns turns;

    @BeforeEach
    void setUp() {
        turns = new SqliteTurns(database, new SqliteCheckIns(database, clock), clock);
    }

    private Optional<Turn> run(long chatId, OptionalLong updateId, Turn turn) {
        return database.transaction(() -> turns.run(chatId, updateId, saved -> turn));
    }

    @Test
    void aSaveKeepsTheSessionWithItsCheckInAndRecordsTheUpdateUnderItsChat() {
        CheckIn planned = new CheckIn(START.plus(Duration.ofDays(7)), CheckIn.Stage.SCHEDULED, Optional.empty());

        run(1, OptionalLong.of(10), new Turn.Save(new StoredSession("v1", SessionStoreContract.MIDWAY), List.of(),
                new Turn.CheckInChange.Set(planned)));

        assertThat(database.transaction(() -> turns.load(1))).contains(new StoredSession("v1", SessionStoreContract.MIDWAY, START)
                .withCheckIn(planned));
        assertThat(rows.processedUpdates()).containsExactly("10/1");
    }

    @Test
    void anUpdateProcessedBeforeIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        for (int delivery = 0; delivery < 2; delivery++) {
            database.transaction(() -> turns.run(1, OptionalLong.of(10), saved -> {
                runs.incrementAndGet();
                return SessionStoreContract.save(Session.begun());
            }));
        }

        assertThat(runs).hasValue(1);
    }

    @Test
    void aSessionRowWithUnreadableAnswersIsReadAsAnAnswerNoTreeHas() {
        database.transaction(() -> database.prepared("INSERT INTO sessions (chat_id, tree_version, started, answers, draft, "
                + "created_at, updated_at, language) VALUES (1, 'v1', 1, 'not answers', '', 0, 1000, 'en')").executeUpdate());

        assertThat(database.transaction(() -> turns.load(1))).contains(new StoredSession("v1",
                new Session(true, List.of(new Answer("unreadable", List.of("unreadable"))), List.of()),
                Instant.ofEpochMilli(1000), Optional.of("en")));
    }

    @Test
    void aForgetDeletesEveryRowAboutTheChatAndRecordsItsUpdateWithoutIt() {
        run(1, OptionalLong.of(10), new Turn.Save(new StoredSession("v1", SessionStoreContract.MIDWAY), List.of(),
                new Turn.CheckInChange.Set(new CheckIn(START, CheckIn.Stage.SCHEDULED, Optional.empty()))));
        database.transaction(() -> new SqliteOutbox(database, clock).queue(1, Optional.empty(), List.of(SessionStoreContract.HELLO)));

        run(1, OptionalLong.of(11), new Turn.Forget(List.of()));

        assertThat(rows.rowsAbout(1)).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(rows.processedUpdates()).containsExactly("11/-");
    }

    @Test
    void aPurgeDeletesWhatWasIdleBeforeTheCutoffAndUpdateIdsOlderThanAWeek() {
        run(1, OptionalLong.of(1), SessionStoreContract.save(SessionStoreContract.MIDWAY));
        run(-5, OptionalLong.of(2), new Turn.Stateless(List.of()));
        clock.advance(Duration.ofDays(8));
        run(2, OptionalLong.of(3), SessionStoreContract.save(SessionStoreContract.MIDWAY));

        int purged = database.transaction(() -> turns.purgeIdleSince(START.plus(Duration.ofDays(1))));

        assertThat(purged).isEqualTo(1);
        assertThat(rows.sessionChats()).containsExactly("2");
        assertThat(rows.processedUpdates()).containsExactly("3/2");
    }
}
