package org.backtriage;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.Telemetry;
import org.backtriage.config.Content;
import org.backtriage.config.Settings;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsServer;
import org.backtriage.telegram.TelegramBot;
import org.backtriage.triage.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Telegram bot: wires its parts with {@code new} (the database, the chat, the Telegram
 * adapter, and the operator endpoint with its metrics when a port is set), deletes idle
 * sessions hourly, and polls until SIGTERM or Ctrl-C. Then it stops within {@link #STOP_BUDGET}:
 * polling stops, the update in hand finishes, what can be sent is sent, the database closes. A
 * second signal exits at once.
 */
final class BotRunner {
    static final Duration STOP_BUDGET = Duration.ofSeconds(10);
    // The bot's lines keep the logger name they have always had, which operators may filter on.
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

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

    /** {@code halt} ends the process with an exit code, at once. */
    BotRunner(String token, Settings settings, Content content, SignalSource signals, IntConsumer halt) {
        this.token = token;
        this.settings = settings;
        this.content = content;
        this.signals = signals;
        this.halt = halt;
    }

    /** The bot of this process: stopped by its SIGTERM and SIGINT. */
    static BotRunner ofThisProcess(String token, Settings settings, Content content) {
        return new BotRunner(token, settings, content, StopSignals::handle, Runtime.getRuntime()::halt);
    }

    /** Runs the bot until a stop signal has stopped it; a database, Telegram or endpoint failure at start is thrown. */
    void run() {
        // Metrics only when someone can read them: the registry costs start-up time and memory.
        Optional<Monitoring> monitoring = settings.httpPort().isPresent() ? Optional.of(new Monitoring()) : Optional.empty();
        try (SessionStore store = Main.openStore(settings, Settings.botId(token))) {
            ChatService chat = new ChatService(new Engine(content.tree()), content.languages(), store, Clock.systemUTC(),
                    settings.resumeAfter(), settings.checkInAfter(), monitoring.<Telemetry>map(m -> m).orElse(Telemetry.NONE));
            poll(chat, store, monitoring);
        } finally {
            monitoring.ifPresent(Monitoring::close);
        }
    }

    private void poll(ChatService chat, SessionStore store, Optional<Monitoring> monitoring) {
        if (settings.plainHttpApi()) {
            LOG.warn("{}=true: the Bot API at {} is called over plain http, so the bot token travels unencrypted;"
                    + " use this only on a private network", Settings.ALLOW_PLAIN_HTTP_API, settings.apiUrl());
        }
        TelegramBot bot = new TelegramBot(token, settings.apiUrl(), chat, settings.paced());
        if (!settings.paced()) {
            LOG.warn("{}=off: sending without Telegram's message limits; use this only against a local Bot API stand-in",
                    Settings.PACING);
        }
        SignalledStop stop = new SignalledStop(bot::close, STOP_BUDGET, halt);
        signals.handEachTo(stop::signalled);
        RetentionSchedule retention = RetentionSchedule.start(() -> chat.purgeIdle(settings.retention()),
                settings.retention(), RetentionSchedule.EVERY);
        LOG.info("starting: tree {} ({}), database {}, Bot API {}", content.tree().version(), content.source(),
                settings.database(), settings.apiUrl());
        // Before bot.start(), which waits while Telegram is unreachable: /healthz must answer meanwhile.
        Optional<OpsServer> ops = settings.httpPort().isPresent()
                ? Optional.of(new OpsServer(settings.httpHost(), settings.httpPort().getAsInt(), monitoring.orElseThrow(),
                        store::answers))
                : Optional.empty();
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
}
