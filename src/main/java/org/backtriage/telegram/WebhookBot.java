package org.backtriage.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.backtriage.chat.ChatService;
import org.backtriage.http.Rejections;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotHttp;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.client.WebhookAdmin;
import org.backtriage.telegram.intake.UpdateIntake;
import org.backtriage.telegram.intake.WebhookHandler;
import org.backtriage.telegram.sending.SendQueue;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;

/**
 * The triage conversation served through a webhook: Telegram posts each update to
 * {@link #handler} ({@link WebhookHandler}), and the {@code Sender} delivers the replies as in
 * long polling. It never calls getUpdates or deleteWebhook (long polling calls
 * deleteWebhook when it starts), so stopping one instance never silences the others: the webhook
 * stays set until {@code webhook delete}. When no update has come for a while, it asks
 * getWebhookInfo whether Telegram can reach it, for the health check.
 */
public final class WebhookBot implements AutoCloseable {
    private static final Logger log = Subsystem.INTAKE.logger();
    /** How often getWebhookInfo may be asked, and how long without a delivery before it is. */
    static final Duration QUIET = Duration.ofSeconds(60);
    /** A delivery error Telegram reports counts when this recent (the health check's window). */
    static final Duration RECENT = Duration.ofMinutes(3);

    /**
     * Where Telegram posts the updates: {@code path}, with {@code secret} in each request's header.
     * {@code worthRetrying}, the store's judgement of a failure, tells one that passes (answered
     * 503, so Telegram retries) from one that recurs or is an update's own turn's (200: retrying
     * cannot help). Its string form never shows the secret.
     */
    public record Endpoint(String path, String secret, Predicate<Throwable> worthRetrying) implements WebhookHandler.Route {
        public Endpoint {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(worthRetrying, "worthRetrying");
        }

        @Override
        public String toString() {
            return "Endpoint[path=" + path + ", secret=(set)]";
        }
    }

    /** What the webhook tells the operator's health check. */
    public interface Watch {
        Watch NONE = new Watch() {
            @Override
            public void answered(int status) {
            }

            @Override
            public void telegramSays(Optional<String> problem) {
            }
        };

        /** A request was answered with {@code status}. */
        void answered(int status);

        /** getWebhookInfo answered (empty: all is well), or failed, which is a problem too. */
        void telegramSays(Optional<String> problem);
    }

    private final String path;
    private final Outbound outbound;
    private final WebhookAdmin admin;
    private final WebhookHandler handler;
    private final Watch watch;
    private final Clock clock;
    private final Instant started;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "webhook-info");
        thread.setDaemon(true);
        return thread;
    });
    /** When a request with the right secret last came: Telegram reaches this instance. */
    private volatile Instant lastDelivery;
    private boolean closed;
    /** One tally for both public surfaces (the webhook, the body map's answers). */
    private final Rejections rejections;

    /**
     * A bot reaching Telegram as {@code setup} says, on {@code wiring}, taking
     * updates posted to {@code endpoint}; {@code watch} hears what the health check needs.
     */
    public WebhookBot(BotSetup setup, Wiring wiring, Endpoint endpoint, Watch watch) {
        ChatService chat = wiring.chat();
        this.path = endpoint.path();
        this.watch = Objects.requireNonNull(watch, "watch");
        this.clock = wiring.clock();
        this.started = clock.instant();
        TokenScrubber scrubber = setup.access.scrubber();
        this.outbound = new Outbound(setup, wiring, BotHttp.open(TelegramBot.POLL_READ_TIMEOUT));
        this.admin = outbound.http.admin(setup.access);
        // One tally for both public surfaces: a flood on either writes at most a line a minute.
        this.rejections = new Rejections(wiring.telemetry(), clock);
        this.handler = new WebhookHandler(endpoint, new UpdateIntake(chat, outbound.sending, scrubber), this::answered,
                rejections);
    }

    /** Where the replies of what else the bot takes in (the body map's answers) go, to be sent as an update's are. */
    public SendQueue sendQueue() {
        return outbound.sending;
    }

    /** The webhook's tally of refused requests, for the other public surface (the body map's answers) to share. */
    public Rejections rejections() {
        return rejections;
    }

    /** The handler of {@code POST <path>}, for an HTTP server to serve. */
    public Handler handler() {
        return handler;
    }

    /**
     * Starts sending the replies left in the outbox, the check-in rounds and the command menu,
     * and asks getWebhookInfo once now (a missing webhook or a recent error is logged), then, for
     * the health check when there is one, whenever no update came for {@link #QUIET}. Nothing
     * waits for Telegram.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("bot is closed");
        }
        outbound.startSending();
        outbound.startRounds();
        checks.execute(() -> check(true));
        if (watch != Watch.NONE) {
            // Only a health check reads the later answers.
            checks.scheduleWithFixedDelay(() -> check(false), QUIET.toMillis(), QUIET.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void answered(int status) {
        if (status != 403 && status != 404 && status != 405) {
            lastDelivery = clock.instant();
        }
        watch.answered(status);
    }

    /** Asks getWebhookInfo unless an update came within {@link #QUIET} (or {@code always}); never throws. */
    private void check(boolean always) {
        Instant last = lastDelivery;
        if (!always && last != null && Duration.between(last, clock.instant()).compareTo(QUIET) < 0) {
            return;
        }
        Optional<String> problem;
        try {
            problem = problem(admin.info());
        } catch (RuntimeException e) {
            problem = Optional.of("getWebhookInfo failed: " + e.getMessage());
        }
        if (always) {
            problem.ifPresent(what -> log.warn("Webhook: {}", what));
        }
        watch.telegramSays(problem);
    }

    /** What getWebhookInfo shows to be wrong: no webhook set, or a delivery that failed lately (since this start). */
    private Optional<String> problem(WebhookAdmin.Info info) {
        if (info.url().isEmpty()) {
            return Optional.of("Telegram has no webhook set for this bot, so no update reaches it;"
                    + " run: java -jar backtriage.jar webhook set https://<your public address>" + path);
        }
        Instant since = started.isAfter(clock.instant().minus(RECENT)) ? started : clock.instant().minus(RECENT);
        return info.lastErrorAt().filter(at -> at.isAfter(since))
                .map(at -> "Telegram's last delivery to " + info.url() + " failed at " + at + ": " + info.lastError()
                        + " (" + info.pendingUpdates() + " updates pending)");
    }

    /**
     * Stops the check-in rounds and the checks, sends what is queued for a few seconds, and
     * releases every thread and connection. Stop the HTTP server serving {@link #handler} first.
     * The webhook stays set at Telegram. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        checks.shutdownNow();
        outbound.stopRounds();
        outbound.close();
        log.info("Stopped; the webhook stays set at Telegram (webhook delete removes it)");
    }

    /** Whether this instance sends the outbox now: it holds the sender's lease. */
    boolean sends() {
        return outbound.sending.sending();
    }

    /** Looks for due check-ins now (tests call it instead of waiting for the next round). */
    void releaseDueCheckIns() {
        outbound.releaseDueCheckIns();
    }
}
