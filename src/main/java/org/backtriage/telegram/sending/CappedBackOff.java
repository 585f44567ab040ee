package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait between failed getUpdates calls (the intake hands it to the library as its BackOff),
 * and between failed calls for a reply or a press: doubling from {@code initial} up to {@code max},
 * each wait shortened by up to {@code jitter} of itself at random, never giving up, and back to
 * {@code initial} after a success. The library's own back-off waits 15 minutes a time once it
 * has failed for 15 minutes, which would leave people unanswered long after Telegram is back.
 */
public final class CappedBackOff {
    static final Duration INITIAL = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(30);
    public static final double JITTER = 0.2;

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;
    private long nextMillis;

    CappedBackOff() {
        this(INITIAL, MAX, JITTER, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} gives numbers in [0, 1). */
    public CappedBackOff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max: " + initial + ", " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
        this.nextMillis = initialMillis;
    }

    /** A call succeeded: the next wait is {@code initial} again. */
    public synchronized void reset() {
        nextMillis = initialMillis;
    }

    /** The next wait, in milliseconds. */
    public synchronized long nextBackOffMillis() {
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        // Shortening only (never lengthening) keeps every wait within the cap.
        return Math.max(1, wait - (long) (wait * jitter * random.getAsDouble()));
    }
}
