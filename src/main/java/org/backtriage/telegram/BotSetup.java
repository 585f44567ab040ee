package org.backtriage.telegram;

import java.net.URI;
import java.util.Objects;
import org.backtriage.cluster.LeaseTiming;
import org.backtriage.telegram.client.BotAccess;
import org.backtriage.telegram.sending.Tuning;

/**
 * How the Telegram adapter reaches Telegram: the bot's token and the Bot API's address
 * ({@link BotAccess}), the pace and timings of its calls, and how the leases of several instances
 * are kept. Built with {@link #of} and changed a part at a time. Its string form never shows the token.
 */
public final class BotSetup {
    /** Which bot, on which Bot API; checked when the setup is made. */
    final BotAccess access;
    final Tuning tuning;
    final LeaseTiming leases;

    private BotSetup(BotAccess access, Tuning tuning, LeaseTiming leases) {
        this.access = Objects.requireNonNull(access, "access");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.leases = Objects.requireNonNull(leases, "leases");
    }

    /**
     * Bot {@code token} on the Bot API at {@code apiBaseUrl} (such as
     * {@code https://api.telegram.org}, or a local Bot API server), paced as Telegram asks.
     */
    public static BotSetup of(String token, URI apiBaseUrl) {
        return new BotSetup(BotAccess.of(token, apiBaseUrl), Tuning.DEFAULT, LeaseTiming.DEFAULT);
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
        return new BotSetup(access, tuning, timing);
    }

    /** As this, with other timings and limits (tests use short ones). */
    public BotSetup withTuning(Tuning other) {
        return new BotSetup(access, other, leases);
    }

    @Override
    public String toString() {
        return "BotSetup[token=(set), apiBaseUrl=" + access.apiBaseUrl() + ", tuning=" + tuning + ", leases=" + leases + "]";
    }
}
