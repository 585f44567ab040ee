package org.backtriage.telegram;

import java.time.Duration;

/** Short timings for tests, and copies of a tuning with one part changed. */
final class Tunings {
    /** So fast it never holds anything up. */
    static final Tuning.Pace UNPACED = new Tuning.Pace(10_000, 1_000);

    private Tunings() {
    }

    /** Retries from 20 ms up to 200 ms, no pacing, 1.5 s per call, 1 s to finish and to flush when closing. */
    static Tuning fast() {
        return new Tuning(4, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(200),
                UNPACED, UNPACED, UNPACED, Duration.ofMillis(1_500), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    static Tuning threads(Tuning t, int senderThreads) {
        return new Tuning(senderThreads, t.retryFirst(), t.retryMax(), t.pollRetryFirst(), t.pollRetryMax(), t.allChats(),
                t.privateChat(), t.groupChat(), t.callTimeout(), t.finishUpdate(), t.flush());
    }

    static Tuning retry(Tuning t, Duration first, Duration max) {
        return new Tuning(t.senderThreads(), first, max, t.pollRetryFirst(), t.pollRetryMax(), t.allChats(),
                t.privateChat(), t.groupChat(), t.callTimeout(), t.finishUpdate(), t.flush());
    }

    static Tuning pace(Tuning t, Tuning.Pace allChats, Tuning.Pace privateChat) {
        return new Tuning(t.senderThreads(), t.retryFirst(), t.retryMax(), t.pollRetryFirst(), t.pollRetryMax(), allChats,
                privateChat, t.groupChat(), t.callTimeout(), t.finishUpdate(), t.flush());
    }

    static Tuning callTimeout(Tuning t, Duration callTimeout) {
        return new Tuning(t.senderThreads(), t.retryFirst(), t.retryMax(), t.pollRetryFirst(), t.pollRetryMax(),
                t.allChats(), t.privateChat(), t.groupChat(), callTimeout, t.finishUpdate(), t.flush());
    }

    static Tuning flush(Tuning t, Duration flush) {
        return new Tuning(t.senderThreads(), t.retryFirst(), t.retryMax(), t.pollRetryFirst(), t.pollRetryMax(),
                t.allChats(), t.privateChat(), t.groupChat(), t.callTimeout(), t.finishUpdate(), flush);
    }
}
