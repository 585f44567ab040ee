package org.backtriage.telegram;

import java.net.URI;
import java.util.Objects;
import org.backtriage.cluster.LeaseTiming;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * How the Telegram adapter reaches Telegram: the bot's token, the Bot API's address, the pace and
 * timings of its calls, and how the leases of several instances are kept. Built with {@link #of}
 * and changed a part at a time. Its string form never shows the token.
 */
public final class BotSetup {
    final String token;
    final URI apiBaseUrl;
    /** The Bot API's address as the library takes it; checked when the setup is made. */
    final TelegramUrl url;
    final Tuning tuning;
    final LeaseTiming leases;
    /** Takes the token out of every line logged. */
    final TokenScrubber scrubber;

    private BotSetup(String token, URI apiBaseUrl, Tuning tuning, LeaseTiming leases) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("bot token is blank");
        }
        this.token = token;
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        this.url = BotApiUrl.parse(apiBaseUrl);
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.scrubber = new TokenScrubber(token);
    }

    /**
     * Bot {@code token} on the Bot API at {@code apiBaseUrl} (such as
     * {@code https://api.telegram.org}, or a local Bot API server), paced as Telegram asks.
     */
    public static BotSetup of(String token, URI apiBaseUrl) {
        return new BotSetup(token, apiBaseUrl, Tuning.DEFAULT, LeaseTiming.DEFAULT);
    }

    /**
     * As this, sending as fast as the Bot API answers, which only a local stand-in for it allows
     * (Telegram itself limits a bot to about 30 messages a second).
     */
    public BotSetup unpaced() {
        return withTuning(Tuning.UNPACED);
    }

    /** As this, with the leases of several instances on one store kept as {@code timing} says. */
    public BotSetup withLeases(LeaseTiming timing) {
        return new BotSetup(token, apiBaseUrl, tuning, timing);
    }

    /** As this, with other timings and limits (tests use short ones). */
    BotSetup withTuning(Tuning other) {
        return new BotSetup(token, apiBaseUrl, other, leases);
    }

    @Override
    public String toString() {
        return "BotSetup[token=(set), apiBaseUrl=" + apiBaseUrl + ", tuning=" + tuning + ", leases=" + leases + "]";
    }
}
