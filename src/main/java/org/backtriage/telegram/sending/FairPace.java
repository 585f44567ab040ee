package org.backtriage.telegram.sending;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The pace all chats share: a token bucket, and a line of the chats' threads waiting for its
 * tokens, served first come, first served (a fair lock). Only the thread at the head of the line
 * sleeps until the next token; the others wait for the lock, so a backlog of many chats costs one
 * wake-up per message. When Telegram asks the bot to slow down (429), the pause holds the whole
 * line.
 */
final class FairPace {
    private final ReentrantLock line = new ReentrantLock(true);
    private final TokenBucket bucket;
    private final Timing timing;
    /** Until when ({@link Timing#nanoTime}) nobody sends: Telegram asked the bot to wait. Guarded by this. */
    private long pausedUntil;
    private boolean paused;

    FairPace(Tuning.Pace pace, Timing timing) {
        this.bucket = new TokenBucket(pace.perSecond(), pace.burst(), timing::nanoTime);
        this.timing = timing;
    }

    /** Waits in line until a token is there and no pause holds, and takes it. */
    void take() throws InterruptedException {
        line.lockInterruptibly();
        try {
            for (long wait = waitNanos(); wait > 0; wait = waitNanos()) {
                timing.sleep(wait);
            }
        } finally {
            line.unlock();
        }
    }

    /** Threads waiting in line behind the one at its head. */
    int waiting() {
        return line.getQueueLength();
    }

    /** 0 when a token was taken; otherwise how long to wait before asking again. */
    private long waitNanos() {
        long pause = pauseLeft();
        return pause > 0 ? pause : bucket.tryTake();
    }

    /**
     * Telegram answered a call with 429 and {@code retry_after}: its flood limit is usually the
     * bot's, not one chat's, so nobody sends for {@code nanos}. A longer pause under way is kept.
     */
    synchronized void pause(long nanos) {
        long until = timing.nanoTime() + nanos;
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    /** Nanoseconds left of the pause, 0 when there is none. */
    private synchronized long pauseLeft() {
        if (!paused) {
            return 0;
        }
        long left = pausedUntil - timing.nanoTime();
        if (left <= 0) {
            paused = false;
            return 0;
        }
        return left;
    }
}
