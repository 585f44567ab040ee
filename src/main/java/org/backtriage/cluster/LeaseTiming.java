package org.backtriage.cluster;

import java.time.Duration;

/**
 * How instances sharing a store hand the sender's and the poller's leases on: a lease lasts
 * {@code ttl} unless renewed, its holder renews it (and a standby tries to take it) every
 * {@code renewEvery}, and the sender reads the outbox for replies it was not told of every
 * {@code rescanEvery}. A standby takes over at most {@code ttl + renewEvery} after its holder died.
 */
public record LeaseTiming(Duration ttl, Duration renewEvery, Duration rescanEvery) {
    /** Production: a lease of 15 s, renewed every 5 s; a rescan every 5 s. */
    public static final LeaseTiming DEFAULT = ofTtl(Duration.ofSeconds(15));

    public LeaseTiming {
        if (ttl.compareTo(renewEvery.multipliedBy(2)) < 0 || renewEvery.isZero() || renewEvery.isNegative()
                || rescanEvery.isZero() || rescanEvery.isNegative()) {
            throw new IllegalArgumentException("a lease needs renewing at least twice within its TTL: ttl " + ttl
                    + ", renewed every " + renewEvery + ", rescan every " + rescanEvery);
        }
    }

    /** A lease of {@code ttl}, renewed every third of it; a rescan as often, but at least every 5 s. */
    public static LeaseTiming ofTtl(Duration ttl) {
        Duration renew = ttl.dividedBy(3);
        Duration rescan = renew.compareTo(Duration.ofSeconds(5)) < 0 ? renew : Duration.ofSeconds(5);
        return new LeaseTiming(ttl, renew, rescan);
    }
}
