package org.backtriage.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.backtriage.chat.Telemetry;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/**
 * {@link Telemetry} kept as Prometheus metrics, plus JVM and uptime gauges; also remembers the
 * last successful poll, the last webhook request and the last getWebhookInfo, which the health
 * check reads.
 */
public final class Monitoring implements Telemetry, AutoCloseable {
    private static final Logger log = Subsystem.OPS.logger();
    /** The label value used when an adapter reports a blank or missing name. */
    static final String UNKNOWN = "unknown";

    private final Clock clock;
    private final Instant started;
    private final AtomicReference<Instant> lastGoodPoll = new AtomicReference<>();
    private final AtomicReference<Instant> lastStandingBy = new AtomicReference<>();
    private final AtomicReference<Instant> lastWebhook = new AtomicReference<>();
    private final AtomicReference<WebhookInfo> lastWebhookInfo = new AtomicReference<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter updatesHandled;
    private final Timer updateHandling;
    private final Counter pollsOk;
    private final Counter pollsFailed;

    public Monitoring() {
        this(Clock.systemUTC());
    }

    Monitoring(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Registered up front so a scrape shows zeros before the first update or poll.
        updatesHandled = Counter.builder("backtriage.updates.handled")
                .description("Incoming updates handled (state saved, replies queued)")
                .register(registry);
        updateHandling = Timer.builder("backtriage.update.handling")
                .description("Time to handle one incoming update")
                .publishPercentileHistogram()
                // Bounds the histogram to a few dozen buckets: a turn is a database write, not a network call.
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        pollsOk = polls("ok");
        pollsFailed = polls("failed");
    }

    private Counter polls(String result) {
        return Counter.builder("backtriage.polls")
                .description("Polls of the messenger for updates, by result")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void updateHandled(Duration took) {
        safely("updateHandled", () -> {
            updatesHandled.increment();
            updateHandling.record(took);
        });
    }

    @Override
    public void replySent(String method) {
        safely("replySent", () -> Counter.builder("backtriage.replies.sent")
                .description("Replies the messenger accepted, by API method")
                .tag("method", label(method))
                .register(registry)
                .increment());
    }

    @Override
    public void deliveryFailed(String method, int code) {
        safely("deliveryFailed", () -> Counter.builder("backtriage.telegram.errors")
                .description("Failed calls to the messenger, by API method and HTTP status (0: no answer)")
                .tag("method", label(method))
                .tag("code", Integer.toString(code))
                .register(registry)
                .increment());
    }

    @Override
    public void replyGivenUp(String reason) {
        safely("replyGivenUp", () -> Counter.builder("backtriage.replies.given.up")
                .description("Replies given up unsent, by reason: refused, too_old, blocked")
                .tag("reason", label(reason))
                .register(registry)
                .increment());
    }

    @Override
    public void refused(String surface, String reason) {
        safely("refused", () -> Counter.builder("backtriage.rejected")
                .description("Requests to the public surfaces refused, by surface (webhook, bodymap) and reason")
                .tag("surface", label(surface))
                .tag("reason", label(reason))
                .register(registry)
                .increment());
    }

    @Override
    public void conversationEnded(String outcomeId) {
        safely("conversationEnded", () -> Counter.builder("backtriage.sessions.finished")
                .description("Conversations that reached an outcome, by outcome id")
                .tag("outcome", label(outcomeId))
                .register(registry)
                .increment());
    }

    @Override
    public void polled(boolean ok) {
        safely("polled", () -> {
            if (ok) {
                pollsOk.increment();
                lastGoodPoll.set(clock.instant());
            } else {
                pollsFailed.increment();
            }
        });
    }

    /**
     * A webhook request was answered with {@code status}. One that carried the right secret (any
     * status but 403, 404 and 405) shows Telegram reaches this instance.
     */
    public void webhookAnswered(int status) {
        safely("webhookAnswered", () -> {
            Counter.builder("backtriage.webhook.requests")
                    .description("Webhook requests, by the HTTP status answered")
                    .tag("status", Integer.toString(status))
                    .register(registry)
                    .increment();
            if (status != 403 && status != 404 && status != 405) {
                lastWebhook.set(clock.instant());
            }
        });
    }

    /** Telegram's getWebhookInfo answered: empty when all is well, else the problem it shows, in one line. */
    public void webhookInfo(Optional<String> problem) {
        safely("webhookInfo", () -> lastWebhookInfo.set(new WebhookInfo(clock.instant(), problem)));
    }

    /** What getWebhookInfo showed, and when. */
    record WebhookInfo(Instant at, Optional<String> problem) {
    }

    /** Every metric in the Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    Instant now() {
        return clock.instant();
    }

    Instant started() {
        return started;
    }

    Optional<Instant> lastGoodPoll() {
        return Optional.ofNullable(lastGoodPoll.get());
    }

    @Override
    public void standingByToPoll() {
        safely("standingByToPoll", () -> lastStandingBy.set(clock.instant()));
    }

    /** When the store last said another instance polls, if ever. */
    Optional<Instant> lastStandingBy() {
        return Optional.ofNullable(lastStandingBy.get());
    }

    Optional<Instant> lastWebhook() {
        return Optional.ofNullable(lastWebhook.get());
    }

    Optional<WebhookInfo> lastWebhookInfo() {
        return Optional.ofNullable(lastWebhookInfo.get());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    /** Telemetry must never break a conversation: a metrics failure is logged and dropped. */
    private static void safely(String what, Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            log.warn("could not record {} in the metrics: {}", what, e.toString());
        }
    }
}
