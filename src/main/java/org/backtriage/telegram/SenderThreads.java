package org.backtriage.telegram;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Sender}'s few named threads: a task now or after a wait. Once they are shut down a
 * task is dropped, not run: what is left of the outbox stays there for the next start.
 */
final class SenderThreads {
    private final ScheduledThreadPoolExecutor threads;

    SenderThreads(int count, String namePrefix) {
        AtomicInteger made = new AtomicInteger();
        this.threads = new ScheduledThreadPoolExecutor(count, task -> new Thread(task, namePrefix + made.incrementAndGet()));
        // A cancelled wait leaves the queue at once, not when its time comes.
        this.threads.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} at once, or after {@code nanos} when that is above 0; dropped when shut down. */
    void later(Runnable task, long nanos) {
        try {
            if (nanos <= 0) {
                threads.execute(task);
            } else {
                threads.schedule(task, nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            // Closing: what is left stays in the outbox for the next start.
        }
    }

    /** Runs {@code task} at once; false when the threads are shut down. */
    boolean execute(Runnable task) {
        try {
            threads.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Stops at once: a running task is interrupted, waiting ones are dropped. */
    void shutdownNow() {
        threads.shutdownNow();
    }

    /** Whether every thread ended within {@code timeout}. */
    boolean awaitTermination(Duration timeout) {
        try {
            return threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
