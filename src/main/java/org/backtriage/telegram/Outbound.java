package org.backtriage.telegram;

import java.time.Duration;
import org.backtriage.chat.ChatService;
import org.backtriage.cluster.LeaseKeeper;
import org.backtriage.cluster.Leases;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.BotHttp;
import org.backtriage.telegram.sending.LeasedSending;
import org.backtriage.telegram.sending.SenderOptions;
import org.backtriage.telegram.sending.Timing;
import org.backtriage.telegram.sending.Tuning;
import org.slf4j.Logger;

/**
 * What both intakes (long polling and the webhook) share: one HTTP client to the Bot API, the
 * {@link BotApi} calls on it, the {@code Sender} that delivers the outbox, and the check-in
 * rounds, which also publish the command menu once.
 */
final class Outbound {
    private static final Logger log = Subsystem.SENDER.logger();

    /** How Telegram is reached: shared with the intakes. */
    final BotSetup setup;
    private final ChatService chat;
    private final Tuning tuning;
    final BotHttp http;
    final BotApi api;
    /** This instance, as a holder of the bot's leases. */
    final String holder = LeaseKeeper.holderName();
    final LeasedSending sending;
    private final CheckInRounds checkIns;

    /** The bot's calls as {@code setup} says, on {@code wiring}, over {@code http}, which closing closes. */
    Outbound(BotSetup setup, Wiring wiring, BotHttp http) {
        this.setup = setup;
        this.chat = wiring.chat();
        this.tuning = setup.tuning;
        this.http = http;
        this.api = http.api(setup.access, tuning.callTimeout(), wiring.telemetry());
        this.sending = LeasedSending.of(wiring.outbox(), api, SenderOptions.of(setup.access.scrubber(), tuning)
                        .counting(wiring.telemetry()).agingBy(wiring.clock()),
                LeaseKeeper.Terms.of(wiring.leases(), holder, setup.leases, Leases.SENDER));
        // Every instance looks for due check-ins (each is claimed by one); the sender's lease holder sends them.
        this.checkIns = new CheckInRounds(chat, sending, setup.access.scrubber(), Timing.SYSTEM);
    }

    /**
     * Starts sending, once this instance holds the sender's lease (at once when nobody holds it):
     * first the replies the outbox holds, then those queued from now on.
     */
    void startSending() {
        sending.start();
    }

    /** Publishes the command menu (not needed to answer anyone, so not first), then looks for due check-ins every 30 s. */
    void startRounds() {
        checkIns.start(() -> CommandMenu.publish(api, chat));
    }

    void stopRounds() {
        checkIns.stop();
    }

    /** Whether the first check-in round was done within {@code timeout}. */
    boolean awaitFirstCheckInRound(Duration timeout) throws InterruptedException {
        return checkIns.awaitFirstRound(timeout);
    }

    /** Looks for due check-ins now (tests call it instead of waiting for the next round). */
    void releaseDueCheckIns() {
        checkIns.releaseDue();
    }

    /**
     * Sends what is queued for up to the tuning's flush time, then ends the sender's threads and
     * every call and connection; replies not yet sent stay in the outbox for the next start.
     */
    void close() {
        if (!sending.awaitIdle(tuning.flush())) {
            log.info("Stopping with {} replies not yet sent; they stay in the outbox for the next start", sending.queued());
        }
        sending.shutdownNow();
        // Ends calls under way, the sender's included; their replies stay in the outbox.
        http.cancelCalls();
        // Then gives the sender's lease up, so another instance sends at once.
        if (!sending.awaitTermination(TelegramBot.STOP_TIMEOUT)) {
            log.warn("The sender threads did not stop within {} ms", TelegramBot.STOP_TIMEOUT.toMillis());
        }
        http.close();
    }
}
