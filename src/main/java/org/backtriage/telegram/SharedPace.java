package org.backtriage.telegram;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The pace all chats share: a token bucket, and a line of those short of a token. One timer
 * takes each token as it comes due and hands it to the one at the head of the line, which is
 * then run again; so a backlog of many chats costs one wake-up per message, not one per waiting
 * chat. Whoever comes while others wait joins the line behind them. When Telegram asks the bot to
 * slow down (429), the pause holds everyone.
 */
final class SharedPace {
    /** Runs a task after a delay in nanoseconds (0: as soon as a thread is free). */
    interface Scheduler {
        void later(Runnable task, long nanos);
    }

    private final TokenBucket bucket;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final Deque<Runnable> line = new ArrayDeque<>();
    /** Those in line that were handed a token and have yet to use it. */
    private final Set<Runnable> handed = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean timerSet;
    /** Until when ({@code nanoClock}) nobody sends: Telegram asked the bot to wait. */
    private long pausedUntil;
    private boolean paused;

    /** {@code nanoClock} as {@link System#nanoTime}, the bucket's own. */
    SharedPace(TokenBucket bucket, Scheduler scheduler, LongSupplier nanoClock) {
        this.bucket = bucket;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
    }

    /**
     * True when {@code waiter} may send now: it used the token it was handed, or took one. False
     * when it joined the line: it is run again once a token is handed to it.
     */
    synchronized boolean take(Runnable waiter) {
        boolean wasHanded = handed.remove(waiter);
        long pause = pauseLeft();
        if (pause > 0) {
            // A token handed out before the pause began waits too, still first in line.
            if (wasHanded) {
                line.addFirst(waiter);
            } else {
                line.add(waiter);
            }
            setTimer(pause);
            return false;
        }
        if (wasHanded) {
            return true;
        }
        if (line.isEmpty() && bucket.tryTake() == 0) {
            return true;
        }
        line.add(waiter);
        setTimer(bucket.waitNanos());
        return false;
    }

    /**
     * Telegram answered a call with 429 and {@code retry_after}: its flood limit is usually the
     * bot's, not one chat's, so nobody sends for {@code nanos}; those who come meanwhile wait in
     * line, in order. A longer pause already under way is kept.
     */
    synchronized void pause(long nanos) {
        long until = nanoClock.getAsLong() + nanos;
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    /** Nanoseconds left of the pause, 0 when there is none. */
    private long pauseLeft() {
        if (!paused) {
            return 0;
        }
        long left = pausedUntil - nanoClock.getAsLong();
        if (left <= 0) {
            paused = false;
            return 0;
        }
        return left;
    }

    private void setTimer(long nanos) {
        if (!timerSet) {
            timerSet = true;
            scheduler.later(this::handOut, nanos);
        }
    }

    /** Hands each token there is to the head of the line, then sets the timer for when the next is due. */
    private synchronized void handOut() {
        timerSet = false;
        while (!line.isEmpty()) {
            long wait = pauseLeft();
            if (wait == 0) {
                wait = bucket.tryTake();
            }
            if (wait > 0) {
                setTimer(wait);
                return;
            }
            Runnable waiter = line.poll();
            handed.add(waiter);
            scheduler.later(waiter, 0);
        }
    }
}
