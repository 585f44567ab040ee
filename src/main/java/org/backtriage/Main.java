package org.backtriage;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.backtriage.chat.ChatService;
import org.backtriage.config.ConfigException;
import org.backtriage.config.Content;
import org.backtriage.config.Settings;
import org.backtriage.console.ConsoleRunner;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.store.StoreException;
import org.backtriage.telegram.BotStartException;
import org.backtriage.telegram.TelegramBot;
import org.backtriage.triage.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: reads settings, wires the parts with {@code new}, runs the bot or the console. */
public final class Main {
    /** Exit code for a usage or configuration problem (also a broken tree or database). */
    static final int CONFIG_ERROR = 2;
    /** The chat id the console uses; Telegram never gives a chat this id. */
    static final long CONSOLE_CHAT = 0L;
    private static final Path LOCAL_TREE = Path.of("config", "triage-tree.json");

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("console") && System.getenv("BACKTRIAGE_LOG_LEVEL") == null) {
            // Keep the terminal for the conversation; warnings and errors still show.
            System.setProperty("BACKTRIAGE_LOG_LEVEL", "WARN");
        }
        int code = run(args, System.getenv(), System.in, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        String mode = args.length == 0 ? "bot" : args[0];
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
            Content content = settings.tree().map(path -> Content.fromFile(path, ChatService.TEXT_KEYS))
                    .orElseGet(() -> Files.isRegularFile(LOCAL_TREE)
                            ? Content.fromFile(LOCAL_TREE, ChatService.TEXT_KEYS)
                            : Content.packaged(ChatService.TEXT_KEYS));
            try (SqliteSessionStore store = SqliteSessionStore.open(settings.database(), Clock.systemUTC())) {
                ChatService chat = new ChatService(new Engine(content.tree()), content.messages(), store);
                if (mode.equals("console")) {
                    new ConsoleRunner(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, chat, CONSOLE_CHAT).run();
                } else {
                    runBot(token, settings, chat, content);
                }
            }
            return 0;
        } catch (ConfigException | StoreException | BotStartException e) {
            err.println("backtriage: " + e.getMessage());
            return CONFIG_ERROR;
        }
    }

    /** Polls Telegram until the process is asked to stop (SIGTERM, Ctrl-C). */
    private static void runBot(String token, Settings settings, ChatService chat, Content content) {
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch stopped = new CountDownLatch(1);
        TelegramBot bot = new TelegramBot(token, settings.apiUrl(), chat);
        Thread hook = new Thread(() -> {
            log.info("stopping");
            bot.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("starting: tree {} ({}), database {}, Bot API {}", content.tree().version(), content.source(),
                settings.database(), settings.apiUrl());
        try {
            bot.start();
        } catch (RuntimeException e) {
            bot.close();
            throw e;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                .append("  java -jar backtriage.jar --help    this text\n\n")
                .append("Settings (environment variables, or the same names in ").append(Settings.FILE).append("):\n");
        for (String[] setting : Settings.HELP) {
            text.append(String.format("  %-20s %s%n  %-20s default: %s%n", setting[0], setting[2], "", setting[1]));
        }
        text.append("\nExit codes: 0 done, ").append(CONFIG_ERROR).append(" usage or configuration error.\n");
        return text.toString();
    }
}
