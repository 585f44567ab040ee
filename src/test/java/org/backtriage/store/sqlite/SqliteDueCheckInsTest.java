package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.store.SessionStoreContract;
import org.backtriage.store.internal.CheckInAttempts;
import org.backtriage.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqliteDueCheckInsTest extends FreshDatabase {
    private static final Instant NOW = SessionStoreContract.CLOCK.instant();
    private static final Function<Optional<StoredSession>, Turn> FAILS = saved -> {
        throw new IllegalStateException("this check-in cannot be made");
    };
    private final MovableClock clock = new MovableClock(NOW);
    private SqliteTurns turns;
    private SqliteOutbox outbox;
    private SqliteDueCheckIns dueCheckIns;

    @BeforeEach
    void setUp() {
        SqliteCheckIns checkIns = new SqliteCheckIns(database, clock);
        turns = new SqliteTurns(database, checkIns, clock);
        outbox = new SqliteOutbox(database, clock);
        dueCheckIns = new SqliteDueCheckIns(database, checkIns, turns, outbox);
    }

    private void plan(long chatId, Instant dueAt) {
        database.transaction(() -> turns.run(chatId, OptionalLong.empty(), saved -> SessionStoreContract.planCheckIn(dueAt)));
    }

    private List<String> stages() {
        return rows.query("SELECT chat_id || ' ' || stage FROM check_ins ORDER BY chat_id");
    }

    @Test
    void theDueCheckInsAreMadeLongestDueFirstEachWithItsRepliesQueued() {
        plan(1, NOW.minusSeconds(10));
        plan(2, NOW.minusSeconds(20));
        plan(3, NOW.plusSeconds(10));

        List<Outgoing> queued = dueCheckIns.run(NOW, SessionStoreContract::askCheckIn);

        assertThat(queued).extracting(Outgoing::chatId).containsExactly(2L, 1L);
        assertThat(database.transaction(outbox::pending)).isEqualTo(queued);
        assertThat(stages()).containsExactly("1 ASKED", "2 ASKED", "3 SCHEDULED");
    }

    @Test
    void aFailingCheckInIsRolledBackTriedAgainEachRoundAndDroppedAtTheLastAttempt() {
        plan(1, NOW);

        for (int attempt = 1; attempt < CheckInAttempts.ATTEMPTS; attempt++) {
            assertThat(dueCheckIns.run(NOW, FAILS)).isEmpty();
            assertThat(stages()).as("after attempt %d", attempt).containsExactly("1 SCHEDULED");
        }
        assertThat(dueCheckIns.run(NOW, FAILS)).isEmpty();

        assertThat(stages()).isEmpty();
        assertThat(rows.sessionChats()).as("the session stays").containsExactly("1");
    }

    @Test
    void aCheckInMadeAfterFailuresStartsItsCountAgain() {
        plan(1, NOW);
        for (int attempt = 1; attempt < CheckInAttempts.ATTEMPTS; attempt++) {
            dueCheckIns.run(NOW, FAILS);
        }
        // Made at last, by a turn that plans it again for later.
        Instant later = NOW.plus(Duration.ofDays(1));
        assertThat(dueCheckIns.run(NOW, saved -> SessionStoreContract.planCheckIn(later))).isEmpty();

        for (int attempt = 1; attempt < CheckInAttempts.ATTEMPTS; attempt++) {
            dueCheckIns.run(later, FAILS);
        }

        assertThat(stages()).as("failed %d times since it was made", CheckInAttempts.ATTEMPTS - 1).containsExactly("1 SCHEDULED");
    }
}
