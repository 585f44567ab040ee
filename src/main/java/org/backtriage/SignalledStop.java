package org.backtriage;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/**
 * What a stop signal does to the running bot: the first starts the orderly stop on a thread of
 * its own and gives it a budget; a second signal, or a stop that overruns the budget, ends the
 * process at once with {@link #EXIT_AT_ONCE}.
 */
final class SignalledStop {
    /** Exit code when a second signal, or an overrun of the budget, cuts the stop short. */
    static final int EXIT_AT_ONCE = 130;
    private static final Logger LOG = Subsystem.BOT.logger();

    private final Runnable stop;
    private final Duration budget;
    private final IntConsumer halt;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();

    /** {@code stop} is the orderly stop; {@code halt} ends the process with an exit code, at once. */
    SignalledStop(Runnable stop, Duration budget, IntConsumer halt) {
        this.stop = stop;
        this.budget = budget;
        this.halt = halt;
    }

    /** A signal came, named {@code name} ("TERM", "INT"). */
    void signalled(String name) {
        if (signals.incrementAndGet() > 1) {
            LOG.warn("second {} signal: exiting at once", name);
            halt.accept(EXIT_AT_ONCE);
            return;
        }
        LOG.info("{} received: stopping (send it again to exit at once)", name);
        Thread stopper = new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "stopper");
        stopper.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!stopped.await(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("could not stop within {} s; exiting anyway", budget.toSeconds());
                    halt.accept(EXIT_AT_ONCE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Waits until a signal's orderly stop has run. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }
}
