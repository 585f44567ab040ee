package org.backtriage.telegram;

import java.time.Duration;

/** Short timings for tests, and copies of a tuning with one part changed. */
final class Tunings {
    /** So fast it never holds anything up. */
    static final Tuning.Pace UNPACED = new Tuning.Pace(10_000, 1_000);

    private Tunings() {
    }

    /**
     * Retries from 20 ms up to 200 ms with no jitter (each wait exactly as the doubling says), no
     * pacing, 1.5 s per call, 1 s to finish and to flush when closing.
     */
    static Tuning fast() {
        return Tuning.DEFAULT.withRetry(Duration.ofMillis(20), Duration.ofMillis(200), 0)
                .withPollRetry(Duration.ofMillis(20), Duration.ofMillis(200))
                .withPaces(UNPACED, UNPACED, UNPACED)
                .withCallTimeout(Duration.ofMillis(1_500))
                .withClosing(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** The bot of the fake Bot API's token, on {@code telegram}, with {@code tuning}. */
    static BotSetup setup(org.backtriage.fakebotapi.FakeBotApi telegram, Tuning tuning) {
        return BotSetup.of(org.backtriage.fakebotapi.FakeBotApi.TOKEN, telegram.baseUrl()).withTuning(tuning);
    }

    static Tuning retry(Tuning t, Duration first, Duration max) {
        return t.withRetry(first, max, t.retryJitter());
    }

    static Tuning pace(Tuning t, Tuning.Pace allChats, Tuning.Pace privateChat) {
        return t.withPaces(allChats, privateChat, t.groupChat());
    }

    static Tuning callTimeout(Tuning t, Duration callTimeout) {
        return t.withCallTimeout(callTimeout);
    }
}
