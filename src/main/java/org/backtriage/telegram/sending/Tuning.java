package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.Objects;

/**
 * The adapter's timings and limits: {@link #DEFAULT} in production; tests change a part with the
 * {@code with...} methods.
 *
 * @param retryFirst first wait before resending after a 5xx, a timeout or a dropped connection
 * @param retryMax the longest such wait (the wait doubles up to it)
 * @param retryJitter how much of each such wait is cut at random, at most (0 to 1), so that many
 *     chats failing together do not all try again at the same moment
 * @param pollRetryFirst first wait after a failed getUpdates
 * @param pollRetryMax the longest wait between failed getUpdates calls
 * @param allChats pace of messages over all chats (Telegram allows about 30 a second per bot)
 * @param privateChat pace of messages to one person (about one a second, short bursts tolerated)
 * @param groupChat pace of messages to one group (Telegram allows 20 a minute)
 * @param callTimeout longest time one call (not getUpdates) may take, connecting included
 * @param finishUpdate how long closing lets the update being handled finish
 * @param flush how long closing keeps sending what is queued; the rest stays in the outbox
 */
public record Tuning(Duration retryFirst, Duration retryMax, double retryJitter, Duration pollRetryFirst,
              Duration pollRetryMax, Pace allChats, Pace privateChat, Pace groupChat, Duration callTimeout,
              Duration finishUpdate, Duration flush) {

    /**
     * Telegram allows about 30 messages a second per bot, counted as they arrive. A bucket passes
     * its burst plus its rate in any second: 27 a second with no burst lets 28 through, which
     * leaves room for two calls whose tokens were taken just before a second, or which were held
     * up on the way, to arrive within it (at 28 a second, a takeover between two instances on a
     * busy machine saw 31 arrive in one second).
     */
    static final Pace ALL_CHATS = new Pace(27, 1);

    public static final Tuning DEFAULT = new Tuning(Duration.ofMillis(200), Duration.ofSeconds(30), CappedBackOff.JITTER,
            CappedBackOff.INITIAL, CappedBackOff.MAX,
            ALL_CHATS, new Pace(1, 3), new Pace(0.3, 2),
            Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(4));

    /**
     * The production timings without pacing: for a local Bot API stand-in (benchmarks, tests)
     * that, unlike Telegram, sets no message limits.
     */
    public static final Tuning UNPACED = DEFAULT.withPaces(Pace.NONE, Pace.NONE, Pace.NONE);

    public Tuning {
        for (Object part : new Object[] {retryFirst, retryMax, pollRetryFirst, pollRetryMax, allChats, privateChat,
                groupChat, callTimeout, finishUpdate, flush}) {
            Objects.requireNonNull(part, "tuning");
        }
        if (retryJitter < 0 || retryJitter >= 1) {
            throw new IllegalArgumentException("retryJitter must be in [0, 1): " + retryJitter);
        }
    }

    /** As this, resending after {@code first}, doubling up to {@code max}, with {@code jitter} cut at random. */
    public Tuning withRetry(Duration first, Duration max, double jitter) {
        return new Tuning(first, max, jitter, pollRetryFirst, pollRetryMax, allChats, privateChat, groupChat, callTimeout,
                finishUpdate, flush);
    }

    /** As this, polling again after {@code first}, doubling up to {@code max}. */
    public Tuning withPollRetry(Duration first, Duration max) {
        return new Tuning(retryFirst, retryMax, retryJitter, first, max, allChats, privateChat, groupChat, callTimeout,
                finishUpdate, flush);
    }

    /** As this, with these paces for all chats together, for one person, and for one group. */
    public Tuning withPaces(Pace all, Pace person, Pace group) {
        return new Tuning(retryFirst, retryMax, retryJitter, pollRetryFirst, pollRetryMax, all, person, group,
                callTimeout, finishUpdate, flush);
    }

    /** As this, with each call bounded by {@code timeout}. */
    public Tuning withCallTimeout(Duration timeout) {
        return new Tuning(retryFirst, retryMax, retryJitter, pollRetryFirst, pollRetryMax, allChats, privateChat,
                groupChat, timeout, finishUpdate, flush);
    }

    /** As this, closing with {@code finish} for the update under way and {@code flushing} for what is queued. */
    public Tuning withClosing(Duration finish, Duration flushing) {
        return new Tuning(retryFirst, retryMax, retryJitter, pollRetryFirst, pollRetryMax, allChats, privateChat,
                groupChat, callTimeout, finish, flushing);
    }

    /** Messages per second, after a burst of up to {@code burst} at once. */
    public record Pace(double perSecond, int burst) {
        /** No pace to speak of: a million a second. */
        static final Pace NONE = new Pace(1_000_000, 1_000_000);

        public Pace {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("pace needs a rate above 0 and a burst of at least 1: "
                        + perSecond + "/s, burst " + burst);
            }
        }
    }
}
