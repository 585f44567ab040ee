package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stop a signal starts: orderly within its budget, or at once on a second signal or an overrun. */
class SignalledStopTest {
    final CompletableFuture<Integer> halted = new CompletableFuture<>();
    final CompletableFuture<String> stoppedOn = new CompletableFuture<>();
    final CountDownLatch stuck = new CountDownLatch(1);

    @AfterEach
    void unstick() {
        stuck.countDown();
    }

    @Test
    void theFirstSignalRunsTheStopOnAThreadOfItsOwnAndIsAwaited() throws Exception {
        SignalledStop stop = new SignalledStop(() -> stoppedOn.complete(Thread.currentThread().getName()),
                Duration.ofSeconds(10), halted::complete);

        stop.signalled("TERM");
        stop.awaitStopped();

        assertThat(stoppedOn.get(1, TimeUnit.SECONDS)).isEqualTo("stopper");
        assertThat(halted).isNotDone();
    }

    @Test
    void aSecondSignalExitsAtOnceWhileTheStopIsStillRunning() throws Exception {
        SignalledStop stop = new SignalledStop(this::waitUntilUnstuck, Duration.ofSeconds(10), halted::complete);

        stop.signalled("TERM");
        assertThat(halted).as("the first signal stops in order").isNotDone();
        stop.signalled("INT");

        assertThat(halted.get(1, TimeUnit.SECONDS)).isEqualTo(130);
    }

    @Test
    void aStopThatOverrunsItsBudgetExitsAnyway() throws Exception {
        SignalledStop stop = new SignalledStop(this::waitUntilUnstuck, Duration.ofMillis(300), halted::complete);
        long signalled = System.nanoTime();

        stop.signalled("TERM");

        assertThat(halted.get(10, TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private void waitUntilUnstuck() {
        try {
            stuck.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
