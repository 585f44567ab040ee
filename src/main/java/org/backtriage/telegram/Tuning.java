package org.backtriage.telegram;

import java.time.Duration;
import java.util.Objects;

/**
 * The adapter's timings and limits: {@link #DEFAULT} in production, shorter ones in tests.
 *
 * @param senderThreads threads delivering replies; each chat is served by one at a time
 * @param retryFirst first wait before resending after a 5xx, a timeout or a dropped connection
 * @param retryMax the longest such wait (the wait doubles up to it, minus up to 20% jitter)
 * @param pollRetryFirst first wait after a failed getUpdates
 * @param pollRetryMax the longest wait between failed getUpdates calls
 * @param allChats pace of messages over all chats (Telegram allows about 30 a second per bot)
 * @param privateChat pace of messages to one person (about one a second, short bursts tolerated)
 * @param groupChat pace of messages to one group (Telegram allows 20 a minute)
 * @param callTimeout longest time one call (not getUpdates) may take, connecting included
 * @param finishUpdate how long closing lets the update being handled finish
 * @param flush how long closing keeps sending what is queued; the rest stays in the outbox
 */
record Tuning(int senderThreads, Duration retryFirst, Duration retryMax, Duration pollRetryFirst,
              Duration pollRetryMax, Pace allChats, Pace privateChat, Pace groupChat, Duration callTimeout,
              Duration finishUpdate, Duration flush) {

    /**
     * Telegram allows about 30 messages a second per bot. A bucket passes its burst plus its rate
     * in any second: 28 a second with no burst lets 29 through, which leaves room for calls whose
     * tokens were taken just before a second to arrive within it.
     */
    static final Pace ALL_CHATS = new Pace(28, 1);

    static final Tuning DEFAULT = new Tuning(4, Duration.ofMillis(200), Duration.ofSeconds(30),
            CappedBackOff.INITIAL, CappedBackOff.MAX,
            ALL_CHATS, new Pace(1, 3), new Pace(0.3, 2),
            Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(4));

    /**
     * The production timings without pacing: for a local Bot API stand-in (benchmarks, tests)
     * that, unlike Telegram, sets no message limits.
     */
    static final Tuning UNPACED = new Tuning(DEFAULT.senderThreads(), DEFAULT.retryFirst(), DEFAULT.retryMax(),
            DEFAULT.pollRetryFirst(), DEFAULT.pollRetryMax(), Pace.NONE, Pace.NONE, Pace.NONE,
            DEFAULT.callTimeout(), DEFAULT.finishUpdate(), DEFAULT.flush());

    Tuning {
        if (senderThreads < 1) {
            throw new IllegalArgumentException("senderThreads must be at least 1: " + senderThreads);
        }
        for (Object part : new Object[] {retryFirst, retryMax, pollRetryFirst, pollRetryMax, allChats, privateChat,
                groupChat, callTimeout, finishUpdate, flush}) {
            Objects.requireNonNull(part, "tuning");
        }
    }

    /** Messages per second, after a burst of up to {@code burst} at once. */
    record Pace(double perSecond, int burst) {
        /** No pace to speak of: a million a second. */
        static final Pace NONE = new Pace(1_000_000, 1_000_000);

        Pace {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("pace needs a rate above 0 and a burst of at least 1: "
                        + perSecond + "/s, burst " + burst);
            }
        }
    }
}
