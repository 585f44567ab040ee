package org.backtriage.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backtriage.Waits;
import org.backtriage.chat.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the keeper of a lease tells its holder when the store refuses a renewal, or cannot be
 * asked: the store here is a stand-in whose answers each test sets (PostgresLeasedSendingTest
 * shows the real one).
 */
class LeaseKeeperTest {
    private static final LeaseTiming TIMING = new LeaseTiming(Duration.ofMillis(600), Duration.ofMillis(200),
            Duration.ofMillis(200));

    /** Leases that answer as told: renewals refused, or failing as an unreachable database does. */
    private static final class StandIn implements Leases {
        volatile boolean free = true;
        volatile boolean refuseRenewals;
        volatile boolean unreachable;
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Lease> acquire(String name, String holder, Duration ttl) {
            asked.add("acquire");
            if (unreachable) {
                throw new IllegalStateException("database unreachable");
            }
            return free ? Optional.of(new Lease(name, holder, 1, Instant.now().plus(ttl))) : Optional.empty();
        }

        @Override
        public Optional<Lease> renew(Lease lease, Duration ttl) {
            asked.add("renew");
            if (unreachable) {
                throw new IllegalStateException("database unreachable");
            }
            return refuseRenewals ? Optional.empty() : Optional.of(lease);
        }

        @Override
        public void release(Lease lease) {
            asked.add("release");
        }

        @Override
        public Outbox fenced(Lease lease) {
            throw new UnsupportedOperationException();
        }
    }

    private final StandIn leases = new StandIn();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final LeaseKeeper keeper = new LeaseKeeper(Leases.SENDER,
            LeaseKeeper.Terms.of(leases, "me", TIMING, Leases.SENDER), new LeaseKeeper.Holding() {
        @Override
        public void acquired(Lease lease) {
            told.add("acquired");
        }

        @Override
        public void lost(Lease lease) {
            told.add("lost");
        }

        @Override
        public void standingBy() {
            told.add("standing by");
        }
    });

    @AfterEach
    void stop() {
        keeper.stop();
    }

    @Test
    void aLeaseNobodyHoldsIsHeldOnReturnFromStartAndRenewedWhileTheStoreAgrees() {
        keeper.start();

        assertThat(keeper.holds()).isTrue();
        Waits.upTo(Duration.ofSeconds(5)).until(() -> leases.asked.stream().filter("renew"::equals).count() >= 3);
        assertThat(told).containsExactly("acquired");
    }

    @Test
    void aLeaseThatCannotBeRenewedWithinItsTtlIsGivenUp() {
        keeper.start();
        leases.unreachable = true;

        Waits.upTo(Duration.ofSeconds(5)).until(() -> told.contains("lost"));
        assertThat(keeper.holds()).isFalse();
        assertThat(told).containsExactly("acquired", "lost");

        leases.unreachable = false;
        Waits.upTo(Duration.ofSeconds(5)).until(keeper::holds);
        assertThat(told).containsExactly("acquired", "lost", "acquired");
    }

    @Test
    void aHoldingLostAndTakenBackIsANewOneTheOldOneNeverSureAgain() {
        keeper.start();
        long first = keeper.timesTaken();
        assertThat(keeper.surelyHolds(first)).isTrue();

        leases.unreachable = true;
        // Not renewed for longer than the TTL: not sure any more, whatever the expiry timer says, and when.
        Waits.upTo(Duration.ofSeconds(5)).until(() -> !keeper.surelyHolds(first));
        Waits.upTo(Duration.ofSeconds(5)).until(() -> told.contains("lost"));
        leases.unreachable = false;
        Waits.upTo(Duration.ofSeconds(5)).until(keeper::holds);

        // Taken back at the same epoch: a new holding; what was under the first stays unsure.
        assertThat(keeper.timesTaken()).isEqualTo(first + 1);
        assertThat(keeper.surelyHolds(first)).isFalse();
        assertThat(keeper.surelyHolds(first + 1)).isTrue();
    }

    @Test
    void aRenewalRefusedIsALossAndTheStandbyKeepsAsking() {
        keeper.start();
        leases.refuseRenewals = true;
        leases.free = false;

        Waits.upTo(Duration.ofSeconds(5)).until(() -> told.contains("standing by"));
        assertThat(keeper.holds()).isFalse();
        assertThat(told).startsWith("acquired", "lost", "standing by");

        leases.free = true;
        Waits.upTo(Duration.ofSeconds(5)).until(keeper::holds);
    }

    @Test
    void stoppingHandsBackTheLeaseHeldForTheCallerToRelease() {
        keeper.start();

        Optional<Lease> held = keeper.stop();

        assertThat(held).isPresent();
        assertThat(keeper.holds()).isFalse();
        assertThat(told).containsExactly("acquired");
    }
}
