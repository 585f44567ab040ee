package org.backtriage.telegram;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The pace all chats share: a token bucket, and a line of those short of a token. One timer
 * takes each token as it comes due and hands it to the one at the head of the line, which is
 * then run again; so a backlog of many chats costs one wake-up per message, not one per waiting
 * chat. Whoever comes while others wait joins the line behind them.
 */
final class SharedPace {
    /** Runs a task after a delay in nanoseconds (0: as soon as a thread is free). */
    interface Scheduler {
        void later(Runnable task, long nanos);
    }

    private final TokenBucket bucket;
    private final Scheduler scheduler;
    private final Deque<Runnable> line = new ArrayDeque<>();
    /** Those in line that were handed a token and have yet to use it. */
    private final Set<Runnable> handed = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean timerSet;

    SharedPace(TokenBucket bucket, Scheduler scheduler) {
        this.bucket = bucket;
        this.scheduler = scheduler;
    }

    /**
     * True when {@code waiter} may send now: it used the token it was handed, or took one. False
     * when it joined the line: it is run again once a token is handed to it.
     */
    synchronized boolean take(Runnable waiter) {
        if (handed.remove(waiter)) {
            return true;
        }
        if (line.isEmpty() && bucket.tryTake() == 0) {
            return true;
        }
        line.add(waiter);
        if (!timerSet) {
            timerSet = true;
            scheduler.later(this::handOut, bucket.waitNanos());
        }
        return false;
    }

    /** Hands each token there is to the head of the line, then sets the timer for when the next is due. */
    private synchronized void handOut() {
        timerSet = false;
        while (!line.isEmpty()) {
            long wait = bucket.tryTake();
            if (wait > 0) {
                timerSet = true;
                scheduler.later(this::handOut, wait);
                return;
            }
            Runnable waiter = line.poll();
            handed.add(waiter);
            scheduler.later(waiter, 0);
        }
    }
}
