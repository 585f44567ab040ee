package org.backtriage.telegram.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.backtriage.telegram.sending.Timing;

/**
 * Time a test moves by hand, as OkHttp's TaskFaker does: it stands still until the test
 * {@link #advance}s it, and a thread asleep in it wakes once it reaches the end of its sleep. A
 * test waits for the threads it expects to fall asleep ({@link #awaitSleepers}), then moves time
 * exactly as far as it wants to look: what happens, and when, is then exact, and a wait of
 * seconds takes none. Every sleep asked is remembered, in order ({@link #sleepsAsked}).
 */
public final class FakeTiming implements Timing {
    /** How long, in real time, a test waits for threads to fall asleep before failing. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Not 0, as a real nanoTime is not: nothing may take 0 for "never". */
    private long now = TimeUnit.HOURS.toNanos(1);
    private final List<Sleeper> sleepers = new ArrayList<>();
    private final List<Duration> asked = new ArrayList<>();

    /** One thread's sleep, until {@code wakeAt}; {@code woken} once time got there. */
    private static final class Sleeper {
        final long wakeAt;
        final String thread;
        boolean woken;

        Sleeper(long wakeAt, String thread) {
            this.wakeAt = wakeAt;
            this.thread = thread;
        }
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        lock.lockInterruptibly();
        try {
            Sleeper sleeper = new Sleeper(now + nanos, Thread.currentThread().getName());
            sleepers.add(sleeper);
            asked.add(Duration.ofNanos(nanos));
            changed.signalAll();
            try {
                while (!sleeper.woken) {
                    changed.await();
                }
            } finally {
                // Interrupted: no longer asleep. Woken: advance() took it off already.
                sleepers.remove(sleeper);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Now, as a duration since this fake began: for messages. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime() - TimeUnit.HOURS.toNanos(1));
    }

    /** A wall clock that shows {@code start} now and moves with this time. */
    public java.time.Clock clock(java.time.Instant start) {
        long origin = nanoTime();
        return new java.time.Clock() {
            @Override
            public java.time.Instant instant() {
                return start.plusNanos(nanoTime() - origin);
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    /** Moves time on by {@code by}, waking (at once, before returning) every thread whose sleep then ends. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves on: " + by);
        }
        lock.lock();
        try {
            now += by.toNanos();
            sleepers.removeIf(sleeper -> {
                sleeper.woken = now - sleeper.wakeAt >= 0;
                return sleeper.woken;
            });
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (in real time) until at least {@code count} threads are asleep; fails saying who sleeps when they do not. */
    public void awaitSleepers(int count) {
        awaitReal(() -> sleepers.size() >= count, "%d threads asleep".formatted(count));
    }

    /** How long until the first sleeper wakes, once at least one sleeps. */
    public Duration untilNextWake() {
        awaitSleepers(1);
        lock.lock();
        try {
            long first = sleepers.stream().mapToLong(sleeper -> sleeper.wakeAt - now).min().orElseThrow();
            return Duration.ofNanos(Math.max(0, first));
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a sleeper, then moves time to the end of the first sleep; returns how far time moved. */
    public Duration advanceToNextWake() {
        Duration step = untilNextWake();
        advance(step);
        return step;
    }

    /**
     * Moves time on from one sleep's end to the next until {@code done}: for a test that wants
     * everything to happen and does not look at when. Between steps it waits (in real time) for
     * {@code done} or for a thread to fall asleep.
     */
    public void runUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            lock.lock();
            try {
                if (sleepers.isEmpty()) {
                    // Work under way on other threads: look again soon, or as soon as one sleeps.
                    changed.await(1, TimeUnit.MILLISECONDS);
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("not done within " + PATIENCE + " of real time, and nobody asleep");
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } finally {
                lock.unlock();
            }
            advanceToNextWake();
        }
    }

    /** Every sleep asked so far, in the order asked. */
    public List<Duration> sleepsAsked() {
        lock.lock();
        try {
            return List.copyOf(asked);
        } finally {
            lock.unlock();
        }
    }

    /** How many threads sleep now. */
    public int sleepers() {
        lock.lock();
        try {
            return sleepers.size();
        } finally {
            lock.unlock();
        }
    }

    private void awaitReal(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + what + " within " + PATIENCE + " of real time; asleep: "
                            + sleepers.stream().map(s -> s.thread + " until +" + Duration.ofNanos(s.wakeAt - now)).toList());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }
}
