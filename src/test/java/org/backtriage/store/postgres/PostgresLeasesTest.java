package org.backtriage.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.backtriage.Waits;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.LeaseLostException;
import org.backtriage.cluster.Leases;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leases on PostgreSQL as two instances (two stores, two pools) see them: held until they expire
 * by the database's clock, renewed by their holder, taken over once expired with a greater
 * epoch, and a paused old holder fenced.
 */
class PostgresLeasesTest extends TwoPostgresInstances {
    /** Long enough that a test's few statements fit in it on a busy machine, short enough to wait out. */
    static final Duration TTL = Duration.ofSeconds(2);

    @Test
    void aHeldLeaseIsRefusedToAnotherUntilItExpiresThenTakenOverWithAGreaterEpoch() {
        Lease a = first.leases().acquire(Leases.SENDER, "a", TTL).orElseThrow();

        assertThat(second.leases().acquire(Leases.SENDER, "b", TTL)).as("held by a").isEmpty();
        Lease b = Waits.upTo(TTL.multipliedBy(3)).until(() -> second.leases().acquire(Leases.SENDER, "b", TTL),
                Optional::isPresent).orElseThrow();

        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
        assertThat(b.expiresAt()).isAfter(a.expiresAt());
        assertThat(first.leases().acquire(Leases.SENDER, "a", TTL)).as("now held by b").isEmpty();
        assertThat(rows()).containsExactly("sender b " + b.epoch());
    }

    @Test
    void renewingKeepsTheLeaseWithItsEpochPastTheFirstTtl() throws Exception {
        Lease a = first.leases().acquire(Leases.SENDER, "a", TTL).orElseThrow();
        long until = System.nanoTime() + TTL.multipliedBy(2).toNanos();

        while (System.nanoTime() < until) {
            a = first.leases().renew(a, TTL).orElseThrow();
            assertThat(second.leases().acquire(Leases.SENDER, "b", TTL)).as("renewed by a").isEmpty();
            Thread.sleep(TTL.toMillis() / 4);
        }

        assertThat(a.epoch()).isEqualTo(1);
        assertThat(first.leases().acquire(Leases.SENDER, "a", TTL)).as("its own holder takes it again, same epoch")
                .map(Lease::epoch).contains(1L);
    }

    @Test
    void aPausedHolderThatLostItsLeaseCanNeitherRemoveRepliesNorRenew() {
        List<Outgoing> sent = first.runQueued(1, 1, Optional.empty(), saved -> new Turn.Save(new StoredSession("v1",
                Session.begun()), List.of(new Reply.Send("one", Keyboard.NONE), new Reply.Send("two", Keyboard.NONE)))).orElseThrow();
        Lease old = first.leases().acquire(Leases.SENDER, "a", TTL).orElseThrow();
        // a pauses past its TTL; b takes over.
        Lease current = Waits.upTo(TTL.multipliedBy(3)).until(() -> second.leases().acquire(Leases.SENDER, "b", TTL),
                Optional::isPresent).orElseThrow();

        assertThatThrownBy(() -> first.leases().fenced(old).delivered(sent.get(0).id()))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("epoch " + old.epoch());
        assertThatThrownBy(() -> first.leases().fenced(old).dropPending(1)).isInstanceOf(LeaseLostException.class);
        assertThat(first.leases().renew(old, TTL)).isEmpty();
        assertThat(first.pendingReplies()).as("nothing removed by the old holder").hasSize(2);

        second.leases().fenced(current).delivered(sent.get(0).id());
        assertThat(first.pendingReplies()).as("the holder removes what it sent").containsExactly(sent.get(1));
    }

    /**
     * An instance stopped inside a fenced write (SIGSTOP, a frozen VM) holds its FOR SHARE lock on
     * the lease's row: PostgreSQL ends its session once it has sat in the open transaction for
     * {@link PostgresAddress#IDLE_IN_TRANSACTION}, so the takeover is not held back by it.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHolderStoppedInsideAFencedWriteDoesNotHoldTheTakeoverBack() throws Exception {
        Lease old = first.leases().acquire(Leases.SENDER, "a", TTL).orElseThrow();
        try (Connection stopped = PostgresAddress.of(database.url(), Optional.empty()).dataSource().getConnection()) {
            stopped.setAutoCommit(false);
            try (Statement st = stopped.createStatement()) {
                st.executeQuery("SELECT 1 FROM leases WHERE bot_id = " + BOT + " AND name = 'sender' AND epoch = "
                        + old.epoch() + " FOR SHARE").close();
            }
            long stoppedAt = System.nanoTime();

            Lease taken = Waits.upTo(TTL.multipliedBy(3)).until(() -> second.leases().acquire(Leases.SENDER, "b", TTL),
                    Optional::isPresent).orElseThrow();

            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("the takeover, from the stop")
                    .isLessThan(TTL.plus(PostgresAddress.IDLE_IN_TRANSACTION).plusSeconds(1));
            assertThat(taken.epoch()).isEqualTo(old.epoch() + 1);
            assertThatThrownBy(stopped::commit).as("the stopped one's transaction, ended by the server")
                    .isInstanceOf(SQLException.class);
        }
        assertThat(rows()).containsExactly("sender b " + (old.epoch() + 1));
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceByAnotherWithAGreaterEpoch() {
        Lease a = first.leases().acquire(Leases.POLLER, "a", Duration.ofMinutes(5)).orElseThrow();

        first.leases().release(a);
        Optional<Lease> b = second.leases().acquire(Leases.POLLER, "b", Duration.ofMinutes(5));

        assertThat(b).map(Lease::epoch).contains(a.epoch() + 1);
        assertThatThrownBy(() -> first.leases().fenced(a).delivered(List.of(1L))).isInstanceOf(LeaseLostException.class);
    }

    @Test
    void eachLeaseIsItsOwnPerNameAndPerBot() {
        try (PostgresSessionStore otherBot = open(42, Clock.systemUTC())) {
            assertThat(first.leases().acquire(Leases.SENDER, "a", TTL)).isPresent();

            assertThat(second.leases().acquire(Leases.POLLER, "b", TTL)).as("another name").isPresent();
            assertThat(otherBot.leases().acquire(Leases.SENDER, "c", TTL)).as("another bot's").isPresent();
        }
        assertThat(database.query("SELECT bot_id || ' ' || name || ' ' || holder FROM leases ORDER BY bot_id, name"))
                .containsExactly("42 sender c", BOT + " poller b", BOT + " sender a");
    }

    private List<String> rows() {
        return database.query("SELECT name || ' ' || holder || ' ' || epoch FROM leases ORDER BY name");
    }
}
