package org.backtriage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/**
 * Deletes sessions idle for longer than the retention, at once and then every {@link #EVERY},
 * on a daemon thread of its own; a failure is logged and tried again at the next round.
 */
final class RetentionSchedule implements AutoCloseable {
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = Subsystem.BOT.logger();

    private final IntSupplier purgeIdle;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "retention");
        thread.setDaemon(true);
        return thread;
    });

    private RetentionSchedule(IntSupplier purgeIdle, Duration retention) {
        this.purgeIdle = purgeIdle;
        this.retention = retention;
    }

    /** Runs {@code purgeIdle} (which answers how many sessions it deleted) now and every {@code every}. */
    static RetentionSchedule start(IntSupplier purgeIdle, Duration retention, Duration every) {
        RetentionSchedule schedule = new RetentionSchedule(purgeIdle, retention);
        schedule.timer.scheduleWithFixedDelay(schedule::purgeOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void purgeOnce() {
        try {
            int purged = purgeIdle.getAsInt();
            if (purged > 0) {
                LOG.info("deleted {} session(s) idle for over {} days", purged, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.error("deleting idle sessions failed; will try again in an hour: {}", e.getMessage());
        }
    }

    /** Whether the rounds' thread has ended: no round runs any more. */
    boolean ended() {
        return timer.isTerminated();
    }

    /** Ends the rounds: one under way is interrupted and, within a few seconds, over when this returns. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a round of deleting idle sessions is still under way while closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
