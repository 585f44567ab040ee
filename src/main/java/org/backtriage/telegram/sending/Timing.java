package org.backtriage.telegram.sending;

import java.util.concurrent.TimeUnit;

/**
 * Time as the sending engine sees it: a monotonic clock, and a sleep that moves with it.
 * {@link #SYSTEM} in production; tests pass a fake they move by hand, so waits of seconds take
 * none and a test can say exactly when each call is made.
 */
public interface Timing {
    /** Now, in nanoseconds, as {@link System#nanoTime}: only differences mean anything. */
    long nanoTime();

    /** Sleeps for {@code nanos} (at once when 0 or less); an interrupt (the sender closing) ends it. */
    void sleep(long nanos) throws InterruptedException;

    Timing SYSTEM = new Timing() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
}
