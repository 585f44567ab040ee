package org.backtriage.store.sqlite;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.backtriage.chat.Outbox;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.Leases;

/**
 * One process's leases: an SQLite file is used by one process only, so there is nobody to take
 * a lease over; every lease is held by whoever asks, at epoch 1, and nothing is ever fenced.
 */
final class SqliteLeases implements Leases {
    private final Outbox outbox;
    private final Clock clock;

    SqliteLeases(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Optional<Lease> acquire(String name, String holder, Duration ttl) {
        return Optional.of(new Lease(name, holder, 1, clock.instant().plus(ttl)));
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration ttl) {
        return acquire(lease.name(), lease.holder(), ttl);
    }

    @Override
    public void release(Lease lease) {
    }

    @Override
    public Outbox fenced(Lease lease) {
        return outbox;
    }
}
