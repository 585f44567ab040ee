package org.backtriage;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.Telemetry;
import org.backtriage.cluster.LeaseTiming;
import org.backtriage.config.Content;
import org.backtriage.config.Settings;
import org.backtriage.config.WebhookSettings;
import org.backtriage.http.HttpServer;
import org.backtriage.http.Rejections;
import org.backtriage.logging.Subsystem;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsServer;
import org.backtriage.store.StoreException;
import org.backtriage.telegram.BotSetup;
import org.backtriage.telegram.TelegramBot;
import org.backtriage.telegram.WebhookBot;
import org.backtriage.telegram.Wiring;
import org.backtriage.telegram.miniapp.MiniApp;
import org.backtriage.telegram.sending.SendQueue;
import org.backtriage.triage.Engine;
import org.slf4j.Logger;

/**
 * Runs the Telegram bot: wires its parts with {@code new} (the database, the chat, the Telegram
 * adapter, and the operator endpoint with its metrics when a port is set), deletes idle
 * sessions hourly, and polls (or, in webhook mode, serves the webhook) until SIGTERM or Ctrl-C.
 * Then it stops within {@link #STOP_BUDGET}: no more updates are taken, the update in hand
 * finishes, what can be sent is sent, the database closes. A second signal exits at once.
 */
final class BotRunner {
    static final Duration STOP_BUDGET = Duration.ofSeconds(10);
    /** How long stopping lets webhook requests under way finish before the sender's flush. */
    static final Duration WEBHOOK_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = Subsystem.BOT.logger();

    /** Where stop signals come from: each is handed, by name, to the handler given. */
    @FunctionalInterface
    interface SignalSource {
        void handEachTo(Consumer<String> handler);
    }

    private final String token;
    private final Settings settings;
    private final Content content;
    private final SignalSource signals;
    private final IntConsumer halt;

    /** How the bot is stopped: where its stop signals come from; {@code halt} ends the process with an exit code, at once. */
    record Stopping(SignalSource signals, IntConsumer halt) {
        /** This process's SIGTERM and SIGINT, and {@link Runtime#halt}. */
        static Stopping ofThisProcess() {
            return new Stopping(StopSignals::handle, Runtime.getRuntime()::halt);
        }
    }

    BotRunner(String token, Settings settings, Content content, Stopping stopping) {
        this.token = token;
        this.settings = settings;
        this.content = content;
        this.signals = stopping.signals();
        this.halt = stopping.halt();
    }

    /** The bot of this process: stopped by its SIGTERM and SIGINT. */
    static BotRunner ofThisProcess(String token, Settings settings, Content content) {
        return new BotRunner(token, settings, content, Stopping.ofThisProcess());
    }

    /** Runs the bot until a stop signal has stopped it; a database, Telegram or endpoint failure at start is thrown. */
    void run() {
        // Metrics only when someone can read them: the registry costs start-up time and memory.
        Optional<Monitoring> monitoring = settings.httpPort().isPresent() ? Optional.of(new Monitoring()) : Optional.empty();
        try (OpenedStore opened = OpenedStore.open(settings, Settings.botId(token))) {
            SessionStore store = opened.sessions();
            ChatOptions options = ChatOptions.defaults()
                    .withResumeAfter(settings.resumeAfter()).withCheckInAfter(settings.checkInAfter())
                    .withTelemetry(monitoring.<Telemetry>map(m -> m).orElse(Telemetry.NONE)).withMapUrl(settings.publicUrl());
            ChatService chat = new ChatService(new Engine(content.tree()), content.languages(), store, options);
            // The adapters get the store's outbox and leases, the telemetry and the clock from here, not from the chat.
            Wiring wiring = new Wiring(chat, store, opened.leases(), options.telemetry(), options.clock());
            warnings();
            if (settings.mode() == Settings.Mode.WEBHOOK) {
                serveWebhook(wiring, store, monitoring);
            } else {
                poll(wiring, store, monitoring);
            }
        } finally {
            monitoring.ifPresent(Monitoring::close);
        }
    }

    private void warnings() {
        if (settings.plainHttpApi()) {
            LOG.warn("{}=true: the Bot API at {} is called over plain http, so the bot token travels unencrypted;"
                    + " use this only on a private network", Settings.ALLOW_PLAIN_HTTP_API, settings.apiUrl());
        }
        if (!settings.paced()) {
            LOG.warn("{}=off: sending without Telegram's message limits; use this only against a local Bot API stand-in",
                    Settings.PACING);
        }
    }

    private void poll(Wiring wiring, SessionStore store, Optional<Monitoring> monitoring) {
        TelegramBot bot = new TelegramBot(setup(), wiring);
        SignalledStop stop = new SignalledStop(bot::close, STOP_BUDGET, halt);
        signals.handEachTo(stop::signalled);
        RetentionSchedule retention = retention(wiring.chat());
        LOG.info("starting: tree {} ({}), database {}, Bot API {}", content.tree().version(), content.source(),
                settings.database(), settings.apiUrl());
        // Before bot.start(), which waits while Telegram is unreachable: /healthz must answer meanwhile.
        Optional<OpsServer> ops = ops(miniApp(wiring, bot.sendQueue(), new Rejections(wiring.telemetry(), wiring.clock())),
                store, monitoring, OpsServer.Intake.POLLING);
        try {
            bot.start();
            stop.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bot.close();
            retention.close();
            ops.ifPresent(OpsServer::close);
        }
        LOG.info("stopped");
    }

    /**
     * Webhook mode: Telegram posts updates to the webhook server; no getUpdates, no deleteWebhook.
     * Stopping closes the webhook server first (requests under way finish, for up to
     * {@link #WEBHOOK_GRACE}), then the sender; the webhook stays set at Telegram for the other
     * instances and the next start.
     */
    private void serveWebhook(Wiring wiring, SessionStore store, Optional<Monitoring> monitoring) {
        WebhookSettings webhook = settings.webhook();
        // A store failure that passes (unreachable, busy, a conflict) is worth Telegram's retry; one that recurs is not.
        WebhookBot.Endpoint endpoint = new WebhookBot.Endpoint(webhook.path(), webhook.requireSecret(),
                StoreException::retryableInChain);
        WebhookBot bot = new WebhookBot(setup(), wiring, endpoint, watch(monitoring));
        RetentionSchedule retention = retention(wiring.chat());
        Optional<OpsServer> ops = ops(miniApp(wiring, bot.sendQueue(), bot.rejections()), store, monitoring,
                OpsServer.Intake.WEBHOOK);
        HttpServer server = null;
        try {
            bot.start();
            server = HttpServer.start("webhook HTTP", new InetSocketAddress(webhook.host(), webhook.port()),
                    webhookLimits(webhook.maxConnections()), bot.handler());
            HttpServer serving = server;
            SignalledStop stop = new SignalledStop(() -> {
                serving.stop(WEBHOOK_GRACE);
                bot.close();
            }, STOP_BUDGET, halt);
            signals.handEachTo(stop::signalled);
            LOG.info("starting: tree {} ({}), database {}, Bot API {}; webhook: POST {} on {}", content.tree().version(),
                    content.source(), settings.database(), settings.apiUrl(), webhook.path(), server.where());
            stop.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (server != null) {
                server.stop(WEBHOOK_GRACE);
            }
            bot.close();
            retention.close();
            ops.ifPresent(OpsServer::close);
        }
        LOG.info("stopped");
    }

    /**
     * The webhook's limits: Telegram opens at most max_connections at once, each carrying one
     * update at a time; a turn waits for the store, so the request timeout is generous.
     */
    static HttpServer.Limits webhookLimits(int maxConnections) {
        return new HttpServer.Limits(Duration.ofSeconds(30), Duration.ofSeconds(60), maxConnections, maxConnections);
    }

    /**
     * How the bot reaches Telegram: paced as Telegram asks unless told otherwise (for a local
     * stand-in); the leases of instances sharing the store handed on as the settings say.
     */
    private BotSetup setup() {
        BotSetup setup = BotSetup.of(token, settings.apiUrl()).withLeases(LeaseTiming.ofTtl(settings.leaseTtl()));
        return settings.paced() ? setup : setup.unpaced();
    }

    private static WebhookBot.Watch watch(Optional<Monitoring> monitoring) {
        if (monitoring.isEmpty()) {
            return WebhookBot.Watch.NONE;
        }
        Monitoring metrics = monitoring.get();
        return new WebhookBot.Watch() {
            @Override
            public void answered(int status) {
                metrics.webhookAnswered(status);
            }

            @Override
            public void telegramSays(Optional<String> problem) {
                metrics.webhookInfo(problem);
            }
        };
    }

    private RetentionSchedule retention(ChatService chat) {
        return RetentionSchedule.start(() -> chat.purgeIdle(settings.retention()), settings.retention(), RetentionSchedule.EVERY);
    }

    /** The operator endpoint, when a port is set, serving the Mini App when there is one. */
    private Optional<OpsServer> ops(Optional<MiniApp> miniApp, SessionStore store, Optional<Monitoring> monitoring,
                                    OpsServer.Intake intake) {
        return settings.httpPort().isPresent()
                ? Optional.of(new OpsServer(OpsServer.address(settings.httpHost(), settings.httpPort().getAsInt()),
                        monitoring.orElseThrow(), store::answers, OpsServer.Options.DEFAULT.withIntake(intake)
                        .serving(miniApp.map(MiniApp::handlers).orElse(List.of()))))
                : Optional.empty();
    }

    /**
     * With a public URL, the body map's Mini App (its page and its answers, served on the operator
     * endpoint): the answers' replies go to {@code sending}, their refusals to {@code rejections}.
     */
    private Optional<MiniApp> miniApp(Wiring wiring, SendQueue sending, Rejections rejections) {
        return settings.publicUrl().map(url -> new MiniApp(token, wiring.chat(), wiring.clock(), sending, rejections));
    }
}
