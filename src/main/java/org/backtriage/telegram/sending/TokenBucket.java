package org.backtriage.telegram.sending;

import java.util.function.LongSupplier;

/**
 * Paces sending: holds up to {@code burst} tokens, refilled at {@code perSecond}; each message
 * takes one. In any one second at most {@code burst + perSecond} messages go out.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    /** {@code nanoClock} as {@link System#nanoTime}. */
    TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a rate above 0 and a burst of at least 1: "
                    + perSecond + "/s, burst " + burst);
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Nanoseconds until a token is there (0: now), taking nothing. */
    synchronized long waitNanos() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Takes a token and returns 0 when one is there; otherwise takes nothing and returns {@link #waitNanos}. */
    synchronized long tryTake() {
        long wait = waitNanos();
        if (wait == 0) {
            tokens -= 1;
        }
        return wait;
    }

    /** Nanoseconds until the bucket is full again (0: full): until then it remembers recent sending. */
    synchronized long nanosUntilFull() {
        refill();
        return tokens >= capacity ? 0 : (long) Math.ceil((capacity - tokens) / perNano);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
