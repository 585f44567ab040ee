package org.backtriage;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Telemetry;
import org.backtriage.config.ConfigException;
import org.backtriage.config.Content;
import org.backtriage.config.Settings;
import org.backtriage.console.ConsoleRunner;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsException;
import org.backtriage.ops.OpsServer;
import org.backtriage.store.SqliteLibrary;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.store.StoreException;
import org.backtriage.telegram.BotStartException;
import org.backtriage.telegram.TelegramBot;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Mermaid;
import org.backtriage.triage.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Entry point: reads settings, wires the parts with {@code new}, runs the bot or the console. */
public final class Main {
    /** Exit code for a usage or configuration problem (also a broken tree or database). */
    static final int CONFIG_ERROR = 2;
    /** The chat id the console uses; Telegram never gives a chat this id. */
    static final long CONSOLE_CHAT = 0L;
    /** Exit code when a second signal, or an overrun of {@link #STOP_BUDGET}, cuts the stop short. */
    static final int EXIT_AT_ONCE = 130;
    static final Duration STOP_BUDGET = Duration.ofSeconds(10);
    private static final Path LOCAL_TREE = Path.of("config", "triage-tree.json");

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("console") && System.getenv("BACKTRIAGE_LOG_LEVEL") == null) {
            // Keep the terminal for the conversation; warnings and errors still show.
            System.setProperty("BACKTRIAGE_LOG_LEVEL", "WARN");
        }
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        String mode = args.length == 0 ? "bot" : args[0];
        if (mode.equals("validate") && args.length <= 2) {
            return validate(args.length == 2 ? Optional.of(Path.of(args[1])) : Optional.empty(), env, out);
        }
        if (mode.equals("tree") && args.length == 2 && args[1].equals("--mermaid")) {
            return mermaid(env, out, err);
        }
        if (args.length > 1 || !(mode.equals("bot") || mode.equals("console") || isHelp(mode))) {
            err.println("backtriage: unknown arguments: " + String.join(" ", args));
            err.println("Run with --help for usage.");
            return CONFIG_ERROR;
        }
        if (isHelp(mode)) {
            out.print(usage());
            return 0;
        }
        try {
            Settings settings = Settings.load(env, Settings.FILE);
            String token = mode.equals("bot") ? settings.requireToken() : "";
            prepareInBackground();
            Content content = content(settings.tree());
            // Metrics only when someone can read them: the registry costs start-up time and memory.
            Optional<Monitoring> monitoring = mode.equals("bot") && settings.httpPort().isPresent()
                    ? Optional.of(new Monitoring()) : Optional.empty();
            try (SqliteSessionStore store = SqliteSessionStore.open(settings.database(), Clock.systemUTC())) {
                ChatService chat = new ChatService(new Engine(content.tree()), content.languages(), store,
                        Clock.systemUTC(), settings.resumeAfter(), settings.checkInAfter(),
                        monitoring.<Telemetry>map(m -> m).orElse(Telemetry.NONE),
                        // Nobody reads a terminal a week later, so the console offers no check-in.
                        !mode.equals("console"));
                if (mode.equals("console")) {
                    chat.purgeIdle(settings.retention());
                    new ConsoleRunner(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, chat, CONSOLE_CHAT).run();
                } else {
                    runBot(token, settings, chat, content, store, monitoring);
                }
            } finally {
                monitoring.ifPresent(Monitoring::close);
            }
            return 0;
        } catch (ConfigException | StoreException | BotStartException | OpsException e) {
            err.println("backtriage: " + e.getMessage());
            return CONFIG_ERROR;
        }
    }

    /**
     * Polls Telegram until SIGTERM or Ctrl-C, then stops within {@link #STOP_BUDGET}: polling
     * stops, the update in hand finishes, what can be sent is sent, the database closes. A second
     * signal exits at once.
     */
    private static void runBot(String token, Settings settings, ChatService chat, Content content,
                               SqliteSessionStore store, Optional<Monitoring> monitoring) {
        Logger log = LoggerFactory.getLogger(Main.class);
        if (settings.plainHttpApi()) {
            log.warn("{}=true: the Bot API at {} is called over plain http, so the bot token travels unencrypted;"
                    + " use this only on a private network", Settings.ALLOW_PLAIN_HTTP_API, settings.apiUrl());
        }
        TelegramBot bot = new TelegramBot(token, settings.apiUrl(), chat, settings.paced());
        if (!settings.paced()) {
            log.warn("{}=off: sending without Telegram's message limits; use this only against a local Bot API stand-in",
                    Settings.PACING);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger signals = new AtomicInteger();
        SignalHandler onSignal = signal -> {
            if (signals.incrementAndGet() > 1) {
                log.warn("second {} signal: exiting at once", signal.getName());
                Runtime.getRuntime().halt(EXIT_AT_ONCE);
            }
            log.info("{} received: stopping (send it again to exit at once)", signal.getName());
            Thread stopper = new Thread(() -> {
                bot.close();
                stopped.countDown();
            }, "stopper");
            stopper.start();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!stopped.await(STOP_BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                        log.error("could not stop within {} s; exiting anyway", STOP_BUDGET.toSeconds());
                        Runtime.getRuntime().halt(EXIT_AT_ONCE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        };
        Signal.handle(new Signal("TERM"), onSignal);
        Signal.handle(new Signal("INT"), onSignal);
        ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "retention");
            thread.setDaemon(true);
            return thread;
        });
        retention.scheduleWithFixedDelay(() -> purgeIdle(chat, settings, log), 0, 1, TimeUnit.HOURS);
        log.info("starting: tree {} ({}), database {}, Bot API {}", content.tree().version(), content.source(),
                settings.database(), settings.apiUrl());
        // Before bot.start(), which waits while Telegram is unreachable: /healthz must answer meanwhile.
        Optional<OpsServer> ops = settings.httpPort().isPresent()
                ? Optional.of(new OpsServer(settings.httpHost(), settings.httpPort().getAsInt(), monitoring.orElseThrow(),
                        store::answers))
                : Optional.empty();
        try {
            bot.start();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bot.close();
            retention.shutdownNow();
            ops.ifPresent(OpsServer::close);
        }
        log.info("stopped");
    }

    private static void purgeIdle(ChatService chat, Settings settings, Logger log) {
        try {
            int purged = chat.purgeIdle(settings.retention());
            if (purged > 0) {
                log.info("deleted {} session(s) idle for over {} days", purged, settings.retention().toDays());
            }
        } catch (RuntimeException e) {
            log.error("deleting idle sessions failed; will try again in an hour: {}", e.getMessage());
        }
    }

    /**
     * Sets up logging and loads SQLite's native library on another thread, while this one reads
     * and checks the tree: neither needs the tree, and each takes about a tenth of a second.
     * Neither prints anything, so a broken tree is still reported alone; a failure to load
     * SQLite is reported when the database is opened.
     */
    private static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            LoggerFactory.getILoggerFactory();
            SqliteLibrary.load();
        }, "start-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The tree in {@code file}, else BACKTRIAGE_TREE, else config/triage-tree.json if present, else the packaged one. */
    private static Content content(Optional<Path> file) {
        return file.map(path -> Content.fromFile(path, ChatService.CONTENT_RULES))
                .orElseGet(() -> Files.isRegularFile(LOCAL_TREE)
                        ? Content.fromFile(LOCAL_TREE, ChatService.CONTENT_RULES)
                        : Content.packaged(ChatService.CONTENT_RULES));
    }

    /** {@code validate [tree.json]}: every fault with its node, exit 1; or a one-line summary, exit 0. */
    private static int validate(Optional<Path> file, Map<String, String> env, PrintStream out) {
        try {
            Optional<Path> tree = file.isPresent() ? file : Settings.load(env, Settings.FILE).tree();
            Content content = content(tree);
            out.println("OK: " + content.source() + ": tree " + content.tree().version() + ", "
                    + content.tree().questions().size() + " questions, " + content.tree().outcomes().size() + " outcomes, "
                    + content.tree().rules().size() + " rules, languages " + String.join(", ", content.languages().stream()
                    .map(Messages::language).toList()));
            return 0;
        } catch (ConfigException e) {
            out.println(e.getMessage());
            return 1;
        }
    }

    /** {@code tree --mermaid}: the conversation tree as a Mermaid flowchart. */
    private static int mermaid(Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            Content content = content(Settings.load(env, Settings.FILE).tree());
            out.print(Mermaid.render(content.tree(), content.messages()));
            return 0;
        } catch (ConfigException e) {
            err.println("backtriage: " + e.getMessage());
            return CONFIG_ERROR;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("backtriage: guided low back pain triage on Telegram (guidance, not a diagnosis)\n\n")
                .append("Usage:\n")
                .append("  java -jar backtriage.jar [bot]     run the Telegram bot (the default)\n")
                .append("  java -jar backtriage.jar console   the same conversation in this terminal, no token needed\n")
                .append("  java -jar backtriage.jar validate [tree.json]   check a tree file; each fault with its node; exit 0 or 1\n")
                .append("  java -jar backtriage.jar tree --mermaid         print the conversation tree as a Mermaid flowchart\n")
                .append("  java -jar backtriage.jar --help    this text\n\n")
                .append("Settings (environment variables, or the same names in ").append(Settings.FILE).append("):\n");
        for (String[] setting : Settings.HELP) {
            text.append(String.format("  %-20s %s%n  %-20s default: %s%n", setting[0], setting[2], "", setting[1]));
        }
        text.append("\nLogging (environment only):\n")
                .append(String.format("  %-20s %s%n  %-20s default: %s%n", "BACKTRIAGE_LOG_LEVEL", "log level", "", "INFO (WARN in console mode)"))
                .append(String.format("  %-20s %s%n  %-20s default: %s%n", "BACKTRIAGE_LOG_FORMAT", "text, or json for JSON lines", "", "text"));
        text.append("\nExit codes: 0 done, 1 validate found faults, ").append(CONFIG_ERROR).append(" usage or configuration error.\n");
        return text.toString();
    }
}
