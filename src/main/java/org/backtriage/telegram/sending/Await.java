package org.backtriage.telegram.sending;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting on an object's monitor for a condition, up to a deadline. */
final class Await {
    private Await() {
    }

    /**
     * Waits on {@code lock}, which the caller holds, until {@code done} is true; false when
     * {@code deadline} ({@link System#nanoTime}) passed first or the thread was interrupted.
     */
    static boolean until(Object lock, BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
