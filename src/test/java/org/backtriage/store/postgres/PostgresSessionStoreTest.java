package org.backtriage.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Leases;
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.SessionStoreContract;
import org.backtriage.store.StoredRows;
import org.backtriage.store.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's contract on a real PostgreSQL database of this class's own (emptied before each
 * test; reopening the store proves what is durable), and what only this store does: a bot id in
 * every key, so one database serves several bots.
 */
@NeedsPostgres
class PostgresSessionStoreTest extends SessionStoreContract {
    static final long BOT = 123456789;
    @RegisterExtension
    static final TestPostgres database = TestPostgres.perClass();

    @BeforeEach
    void emptyTheTables() {
        database.empty();
    }

    @Override
    protected SessionStore open(Clock clock) {
        return open(BOT, clock);
    }

    @Override
    protected Leases leasesOf(SessionStore store) {
        return ((PostgresSessionStore) store).leases();
    }

    PostgresSessionStore open(long bot, Clock clock) {
        return PostgresSessionStore.open(database.url(), Optional.empty(), bot, clock);
    }

    @Override
    protected StoredRows rows() {
        return new PostgresRows(database);
    }

    @Test
    void twoBotsShareOneDatabaseEachSeeingOnlyItsOwnRows() {
        long otherBot = 987654321;
        try (PostgresSessionStore first = open(BOT, CLOCK); PostgresSessionStore second = open(otherBot, CLOCK)) {
            // The same chat and update ids, as two bots talking to one person would have.
            first.runQueued(1, 500, Optional.empty(), saved -> save(MIDWAY));
            assertThat(second.peek(1)).as("the other bot's session").isEmpty();
            assertThat(second.runQueued(1, 500, Optional.empty(), saved -> save(MIDWAY))).as("update 500 of the other bot")
                    .isPresent();
            assertThat(first.pendingReplies()).extracting(Outgoing::chatId).containsExactly(1L);

            second.run(1, OptionalLong.of(501), saved -> new Turn.Forget(List.of(HELLO)));

            assertThat(first.peek(1)).as("forgotten by the other bot only").isPresent();
            assertThat(first.pendingReplies()).hasSize(1);
            assertThat(first.runQueued(1, 500, Optional.empty(), saved -> save(MIDWAY))).as("still seen by this bot").isEmpty();
        }
        assertThat(database.query("SELECT bot_id || ' ' || chat_id FROM sessions")).containsExactly(BOT + " 1");
    }

    /**
     * Issue 18, point 4: on PostgreSQL a deleted row stays in the table's pages, dead, until a
     * VACUUM; the hourly purge runs one on the tables that hold people's rows, so what /forget and
     * the purge deleted is cleared within the hour rather than whenever autovacuum gets round to it.
     */
    @Test
    void theHourlyPurgeVacuumsTheTablesThatHoldPeoplesRows() {
        try (PostgresSessionStore store = open(BOT, CLOCK)) {
            store.runQueued(1, 500, Optional.empty(), saved -> save(MIDWAY));
            store.run(2, OptionalLong.of(501), saved -> new Turn.Forget(List.of(HELLO)));
            java.util.Map<String, Long> before = vacuums();

            assertThat(store.purgeIdleSince(CLOCK.instant().plus(java.time.Duration.ofDays(1)))).isEqualTo(1);

            org.backtriage.Waits.upTo(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(vacuums())
                    .containsOnlyKeys("check_ins", "outbox", "processed_updates", "sessions")
                    .allSatisfy((table, count) -> assertThat(count).as(table).isEqualTo(before.get(table) + 1)));
        }
    }

    /** How often each of the tables holding people's rows was vacuumed by hand (not by autovacuum). */
    private static java.util.Map<String, Long> vacuums() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (String row : database.query("SELECT relname || ' ' || vacuum_count FROM pg_stat_user_tables"
                + " WHERE relname IN ('sessions', 'outbox', 'check_ins', 'processed_updates')")) {
            counts.put(row.substring(0, row.indexOf(' ')), Long.parseLong(row.substring(row.indexOf(' ') + 1)));
        }
        return counts;
    }
}
