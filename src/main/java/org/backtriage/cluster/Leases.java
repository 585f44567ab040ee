package org.backtriage.cluster;

import java.time.Duration;
import java.util.Optional;
import org.backtriage.chat.Outbox;

/**
 * Named leases of one bot, so that when several instances share a store exactly one of them
 * sends ({@link #SENDER}) or polls ({@link #POLLER}) at a time. A lease lasts its TTL unless
 * renewed; once expired, another holder may take it over, and the epoch grows. A holder paused
 * past its TTL (a long GC, a frozen VM) may wake up still believing it holds the lease: what it
 * writes through {@link #fenced} is refused, so it cannot act after the takeover.
 */
public interface Leases {
    /** The lease of the instance that sends the outbox. */
    String SENDER = "sender";
    /** The lease of the instance that polls for updates. */
    String POLLER = "poller";

    /**
     * Whether other instances may hold these leases: false for a store only one process uses,
     * where every lease is always its own (then nobody needs to hear of them).
     */
    default boolean shared() {
        return true;
    }

    /**
     * Takes the lease {@code name} for {@code holder} for {@code ttl}, if nobody holds it, the
     * holder's lease has expired, or {@code holder} holds it already (then this renews it, keeping
     * the epoch); empty while another holder's lease runs. {@code holder} names one instance
     * (e.g. host, process and a random part), never shared by two.
     */
    Optional<Lease> acquire(String name, String holder, Duration ttl);

    /**
     * Extends {@code lease} by {@code ttl} from now, keeping its epoch; empty when it was taken
     * over since (then the caller must stop acting as its holder).
     */
    Optional<Lease> renew(Lease lease, Duration ttl);

    /** Gives {@code lease} up at once, so another holder need not wait for it to expire. Does nothing once lost. */
    void release(Lease lease);

    /**
     * The outbox as the holder of {@code lease} changes it: removing replies ({@link Outbox#delivered},
     * {@link Outbox#dropPending}) throws {@link LeaseLostException} and removes nothing once the lease
     * was taken over, whatever the caller believes.
     */
    Outbox fenced(Lease lease);
}
