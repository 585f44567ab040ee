package org.backtriage.telegram.testing;

import java.time.Duration;
import org.backtriage.telegram.BotSetup;
import org.backtriage.telegram.client.BotAccess;
import org.backtriage.telegram.sending.Tuning;

/** Short timings for tests, and copies of a tuning with one part changed. */
public final class Tunings {
    /** So fast it never holds anything up. */
    public static final Tuning.Pace UNPACED = new Tuning.Pace(10_000, 1_000);

    private Tunings() {
    }

    /**
     * Retries from 20 ms up to 200 ms with no jitter (each wait exactly as the doubling says), no
     * pacing, 1.5 s per call, 1 s to finish and to flush when closing.
     */
    public static Tuning fast() {
        return Tuning.DEFAULT.withRetry(Duration.ofMillis(20), Duration.ofMillis(200), 0)
                .withPollRetry(Duration.ofMillis(20), Duration.ofMillis(200))
                .withPaces(UNPACED, UNPACED, UNPACED)
                .withCallTimeout(Duration.ofMillis(1_500))
                .withClosing(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** The bot of the fake Bot API's token, on {@code telegram}, with {@code tuning}. */
    public static BotSetup setup(org.backtriage.fakebotapi.FakeBotApi telegram, Tuning tuning) {
        return BotSetup.of(org.backtriage.fakebotapi.FakeBotApi.TOKEN, telegram.baseUrl()).withTuning(tuning);
    }

    /** The bot of the fake Bot API's token, on {@code telegram}: what the Bot API client needs. */
    public static BotAccess access(org.backtriage.fakebotapi.FakeBotApi telegram) {
        return BotAccess.of(org.backtriage.fakebotapi.FakeBotApi.TOKEN, telegram.baseUrl());
    }

    public static Tuning retry(Tuning t, Duration first, Duration max) {
        return t.withRetry(first, max, t.retryJitter());
    }

    public static Tuning pace(Tuning t, Tuning.Pace allChats, Tuning.Pace privateChat) {
        return t.withPaces(allChats, privateChat, t.groupChat());
    }

    public static Tuning callTimeout(Tuning t, Duration callTimeout) {
        return t.withCallTimeout(callTimeout);
    }
}
