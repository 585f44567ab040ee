package org.backtriage.cluster;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/**
 * Keeps one named lease of the bot for this instance: tries to take it every
 * {@link LeaseTiming#renewEvery} while another holds it, renews it as often while this one does,
 * and tells {@link Holding} when it is taken and when it is lost: renewal refused (another
 * instance took it over), or not confirmed within the TTL (the database unreachable), counted
 * from when the last renewal that succeeded was asked, so this instance stops before anyone can
 * take over. The callbacks run one at a time, on the keeper's threads (or the caller's of
 * {@link #start}).
 */
public final class LeaseKeeper {
    private static final Logger log = Subsystem.CLUSTER.logger();
    private static final String STANDING_BY = "standing by";

    /** What the holder does when it takes the lease and when it loses it. */
    public interface Holding {
        void acquired(Lease lease);

        void lost(Lease lease);

        /** The store said just now that another instance holds the lease. */
        default void standingBy() {
        }
    }

    /**
     * How this instance keeps the bot's leases: in which store, as which holder, on what timing;
     * {@code threads} renew and expire one lease (a test holds them, as a paused process would).
     */
    public record Terms(Leases leases, String holder, LeaseTiming timing, ScheduledThreadPoolExecutor threads) {
        /** Kept by {@code holder} on threads of the keeper's own, named for lease {@code name}. */
        public static Terms of(Leases leases, String holder, LeaseTiming timing, String name) {
            return new Terms(leases, holder, timing, LeaseKeeper.threads(name));
        }
    }

    private final Leases leases;
    private final String name;
    private final String holder;
    private final LeaseTiming timing;
    private final Holding holding;
    private final ScheduledThreadPoolExecutor threads;
    /** The lease held, if any. */
    private Lease held;
    /** Until when ({@link System#nanoTime}) the lease held is surely this instance's. */
    private long validUntil;
    /** Counts the times this instance took the lease: what is done under one holding never carries into the next. */
    private long timesTaken;
    private boolean closed;
    /** So that a standby or a failing renewal says so once, not every few seconds. */
    private String lastSaid = "";

    /** Keeps lease {@code name} on {@code terms}, telling {@code holding} when it is taken and lost. */
    public LeaseKeeper(String name, Terms terms, Holding holding) {
        this.leases = terms.leases();
        this.name = name;
        this.holder = terms.holder();
        this.timing = terms.timing();
        this.holding = holding;
        this.threads = terms.threads();
        this.threads.setRemoveOnCancelPolicy(true);
    }

    /** The keeper's own two threads: one renews, the other can say the lease expired meanwhile. */
    public static ScheduledThreadPoolExecutor threads(String name) {
        return new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "lease-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A name for this instance as a lease holder: its host (as the environment names it: no lookup
     * at start), its process and a random part, never shared by two.
     */
    public static String holderName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Tries to take the lease now, on this thread (so a lease nobody holds is held on return), then keeps at it. */
    public void start() {
        tick();
        threads.scheduleWithFixedDelay(this::tick, timing.renewEvery().toNanos(), timing.renewEvery().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Whether this instance holds the lease now. */
    public synchronized boolean holds() {
        return held != null;
    }

    /** The current holding, to ask {@link #surelyHolds} about: how many times this instance has taken the lease. */
    public synchronized long timesTaken() {
        return timesTaken;
    }

    /**
     * Whether this instance surely holds the lease right now, in holding {@code which}: taken then
     * and not lost since, and its last renewal asked less than the TTL ago, by this instance's own
     * clock. Asked before each act on the lease, not left to a renewal or expiry that may come too
     * late: a process paused past its TTL wakes with its threads racing its keeper.
     */
    public synchronized boolean surelyHolds(long which) {
        return held != null && timesTaken == which && validUntil - System.nanoTime() > 0;
    }

    /**
     * {@code lease} was refused by a fenced write: another instance took it over. Tells
     * {@link Holding#lost} unless a later lease is held meanwhile.
     */
    public synchronized void fenced(Lease lease) {
        if (held != null && held.epoch() == lease.epoch()) {
            held = null;
            log.warn("The {} lease (epoch {}) was taken over by another instance; this one stands by", name, lease.epoch());
            holding.lost(lease);
        }
    }

    /**
     * Stops trying and renewing; returns the lease held, which the caller releases
     * ({@link #release}) once it stopped acting on it. {@link Holding#lost} is not told.
     */
    public synchronized Optional<Lease> stop() {
        closed = true;
        threads.shutdownNow();
        Lease was = held;
        held = null;
        return Optional.ofNullable(was);
    }

    /** Gives the lease up, so a standby takes it at once; a failure is logged, and the lease then just expires. */
    public void release(Lease lease) {
        try {
            leases.release(lease);
            if (leases.shared()) {
                log.info("Released the {} lease", name);
            }
        } catch (RuntimeException e) {
            log.warn("Could not release the {} lease ({}); another instance takes it over once it expires", name,
                    e.getMessage());
        }
    }

    private void tick() {
        Lease asking;
        synchronized (this) {
            if (closed) {
                return;
            }
            asking = held;
        }
        long asked = System.nanoTime();
        Optional<Lease> answer;
        try {
            answer = asking == null ? leases.acquire(name, holder, timing.ttl()) : leases.renew(asking, timing.ttl());
        } catch (RuntimeException e) {
            say(asking == null ? "Cannot ask for the " + name + " lease (" + e.getMessage() + "); trying again every "
                    + timing.renewEvery().toMillis() + " ms"
                    : "Cannot renew the " + name + " lease (" + e.getMessage() + "); trying again, and stopping if it"
                    + " is not renewed within its TTL");
            return;
        }
        Lease late = null;
        synchronized (this) {
            if (closed) {
                late = answer.orElse(null);
            } else if (answer.isPresent()) {
                boolean taken = held == null;
                held = answer.get();
                validUntil = asked + timing.ttl().toNanos();
                if (taken) {
                    timesTaken++;
                }
                long deadline = validUntil;
                threads.schedule(() -> expire(deadline), deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (taken) {
                    lastSaid = "";
                    if (leases.shared()) {
                        log.info("This instance holds the {} lease now (epoch {})", name, held.epoch());
                    }
                    holding.acquired(held);
                }
            } else if (held != null && held == asking) {
                Lease lost = held;
                held = null;
                log.warn("The {} lease (epoch {}) was taken over by another instance; this one stands by", name, lost.epoch());
                holding.lost(lost);
            } else if (held == null) {
                if (!lastSaid.equals(STANDING_BY)) {
                    lastSaid = STANDING_BY;
                    log.info("Another instance holds the {} lease; this one stands by", name);
                }
                holding.standingBy();
            }
        }
        if (late != null) {
            release(late);
        }
    }

    /** The lease was not renewed in time: this instance can no longer be sure it holds it. */
    private synchronized void expire(long deadline) {
        if (held != null && validUntil == deadline && System.nanoTime() - validUntil >= 0) {
            Lease lost = held;
            held = null;
            log.warn("The {} lease (epoch {}) could not be renewed within its TTL of {} ms; this instance stops acting on it",
                    name, lost.epoch(), timing.ttl().toMillis());
            holding.lost(lost);
        }
    }

    private synchronized void say(String what) {
        if (!what.equals(lastSaid)) {
            lastSaid = what;
            log.warn(what);
        }
    }
}
