package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Turn;
import org.backtriage.store.SessionStoreContract;
import org.backtriage.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqliteCheckInsTest extends FreshDatabase {
    private static final Instant NOW = SessionStoreContract.CLOCK.instant();
    private final MovableClock clock = new MovableClock(NOW);
    private SqliteCheckIns checkIns;

    @BeforeEach
    void setUp() {
        checkIns = new SqliteCheckIns(database, clock);
    }

    private void set(long chatId, CheckIn.Stage stage, Instant dueAt) {
        apply(chatId, new Turn.CheckInChange.Set(new CheckIn(dueAt, stage, Optional.empty())));
    }

    private void apply(long chatId, Turn.CheckInChange change) {
        database.transaction(() -> {
            checkIns.apply(chatId, change);
            return null;
        });
    }

    private List<String> stored() {
        return rows.query("SELECT chat_id || ' ' || stage || ' ' || due_at || ' ' || created_at FROM check_ins ORDER BY chat_id");
    }

    @Test
    void theDueChatsAreThoseWithAPlannedCheckInDueByNowLongestDueFirst() {
        set(1, CheckIn.Stage.SCHEDULED, NOW.minusSeconds(10));
        set(2, CheckIn.Stage.SCHEDULED, NOW.minusSeconds(20));
        set(3, CheckIn.Stage.SCHEDULED, NOW.plusSeconds(10));
        set(4, CheckIn.Stage.ASKED, NOW.minusSeconds(30));
        set(5, CheckIn.Stage.SCHEDULED, NOW);

        assertThat(database.transaction(() -> checkIns.dueChats(NOW))).containsExactly(2L, 1L, 5L);
    }

    @Test
    void aCheckInIsDueOnlyWhilePlannedAndItsTimeHasCome() {
        set(1, CheckIn.Stage.SCHEDULED, NOW.minusSeconds(10));
        set(3, CheckIn.Stage.SCHEDULED, NOW.plusSeconds(10));

        assertThat(database.transaction(() -> List.of(checkIns.isDue(1, NOW), checkIns.isDue(3, NOW), checkIns.isDue(9, NOW))))
                .containsExactly(true, false, false);
        set(1, CheckIn.Stage.ASKED, NOW.minusSeconds(10));
        assertThat(database.transaction(() -> checkIns.isDue(1, NOW))).isFalse();
    }

    @Test
    void settingAgainMovesTheCheckInOnAndKeepsWhenItWasFirstPlanned() {
        set(1, CheckIn.Stage.SCHEDULED, NOW);
        clock.advance(Duration.ofDays(7));
        set(1, CheckIn.Stage.ASKED, clock.instant());

        assertThat(stored()).containsExactly("1 ASKED " + clock.millis() + " " + NOW.toEpochMilli());
    }

    @Test
    void clearingDeletesItAndKeepingLeavesItAsItIs() {
        set(1, CheckIn.Stage.SCHEDULED, NOW);
        set(2, CheckIn.Stage.SCHEDULED, NOW);

        apply(1, new Turn.CheckInChange.Clear());
        apply(2, new Turn.CheckInChange.Keep());

        assertThat(stored()).containsExactly("2 SCHEDULED " + NOW.toEpochMilli() + " " + NOW.toEpochMilli());
    }

    @Test
    void droppingLeavesACheckInAlreadyAsked() {
        set(1, CheckIn.Stage.SCHEDULED, NOW);
        set(2, CheckIn.Stage.ASKED, NOW);

        database.transaction(() -> {
            checkIns.dropPlanned(1);
            checkIns.dropPlanned(2);
            return null;
        });

        assertThat(stored()).containsExactly("2 ASKED " + NOW.toEpochMilli() + " " + NOW.toEpochMilli());
    }
}
