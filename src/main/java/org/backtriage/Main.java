package org.backtriage;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.config.ConfigException;
import org.backtriage.config.Content;
import org.backtriage.config.Settings;
import org.backtriage.console.ConsoleRunner;
import org.backtriage.http.HttpServerException;
import org.backtriage.store.StoreException;
import org.backtriage.store.sqlite.SqliteLibrary;
import org.backtriage.telegram.BotStartException;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Mermaid;
import org.backtriage.triage.Messages;
import org.slf4j.LoggerFactory;

/**
 * Entry point: the command line. Reads the mode and the settings, and runs the mode: the bot
 * ({@link BotRunner}), the console, {@code validate}, {@code tree --mermaid}, {@code webhook ...}
 * ({@link WebhookCommand}) or the usage text;
 * answers with the exit code. With {@link BotRunner}, the only code that knows every package.
 */
public final class Main {
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
        if (WebhookCommand.named(args)) {
            try {
                return WebhookCommand.run(args, Settings.load(env, Settings.FILE), out, err);
            } catch (ConfigException e) {
                err.println("backtriage: " + e.getMessage());
                return ExitCode.CONFIG_ERROR;
            }
        }
        if (args.length > 1 || !(mode.equals("bot") || mode.equals("console") || isHelp(mode))) {
            err.println("backtriage: unknown arguments: " + String.join(" ", args));
            err.println("Run with --help for usage.");
            return ExitCode.CONFIG_ERROR;
        }
        if (isHelp(mode)) {
            out.print(usage());
            return 0;
        }
        try {
            Settings settings = Settings.load(env, Settings.FILE);
            String token = mode.equals("bot") ? settings.requireToken() : "";
            if (mode.equals("bot") && settings.mode() == Settings.Mode.WEBHOOK) {
                settings.webhook().requireSecret();
            }
            prepareInBackground();
            Content content = content(settings.tree());
            if (mode.equals("console")) {
                console(settings, content, in, out);
            } else {
                BotRunner.ofThisProcess(token, settings, content).run();
            }
            return 0;
        } catch (ConfigException | StoreException | BotStartException | HttpServerException e) {
            err.println("backtriage: " + e.getMessage());
            return ExitCode.CONFIG_ERROR;
        }
    }

    /** The conversation in this terminal, on the same database as the bot. */
    private static void console(Settings settings, Content content, InputStream in, PrintStream out) {
        // Without a token, a PostgreSQL database keeps the console's chat under bot id 0.
        try (OpenedStore opened = OpenedStore.open(settings, settings.botId().orElse(0))) {
            SessionStore store = opened.sessions();
            // Nobody reads a terminal a week later, so the console offers no check-in.
            ChatService chat = new ChatService(new Engine(content.tree()), content.languages(), store, ChatOptions.defaults()
                    .withResumeAfter(settings.resumeAfter()).withCheckInAfter(settings.checkInAfter()).withoutCheckIns());
            chat.purgeIdle(settings.retention());
            new ConsoleRunner(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, chat, CONSOLE_CHAT).run();
        }
    }

    /**
     * Sets up logging, loads SQLite's native library and reads the trusted certificates for TLS on
     * another thread, while this one reads and checks the tree: none needs the tree, and each is a
     * sizeable part of start-up (BENCHMARKS.md). None prints anything or writes a file, so a
     * broken tree is still reported alone; a failure to load SQLite is reported when the database
     * is opened, and one of TLS by the first call to Telegram.
     */
    private static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            LoggerFactory.getILoggerFactory();
            SqliteLibrary.load();
            try {
                // The JDK keeps its default context, and with it the certificates the HTTP client reads again.
                SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                // reported by the first call
            }
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
            return ExitCode.FAULTS_FOUND;
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
            return ExitCode.CONFIG_ERROR;
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
                .append("  java -jar backtriage.jar webhook set <https URL>   tell Telegram to post updates there (webhook mode)\n")
                .append("  java -jar backtriage.jar webhook info           what Telegram knows of the webhook: pending updates, last error\n")
                .append("  java -jar backtriage.jar webhook delete         remove the webhook (the bot stopping never does)\n")
                .append("  java -jar backtriage.jar --help    this text\n\n")
                .append("Settings (environment variables, or the same names in ").append(Settings.FILE).append("):\n");
        // Wide enough for the longest name, so every description starts in one column.
        int width = Settings.HELP.stream().mapToInt(setting -> setting[0].length()).max().orElse(20);
        String row = "  %-" + width + "s %s%n  %-" + width + "s default: %s%n";
        for (String[] setting : Settings.HELP) {
            text.append(String.format(row, setting[0], setting[2], "", setting[1]));
        }
        text.append("\nLogging (environment only):\n")
                .append(String.format(row, "BACKTRIAGE_LOG_LEVEL", "log level", "", "INFO (WARN in console mode)"))
                .append(String.format(row, "BACKTRIAGE_LOG_FORMAT", "text, or json for JSON lines", "", "text"));
        text.append("\nExit codes: 0 done, ").append(ExitCode.FAULTS_FOUND).append(" validate found faults (or Telegram refused a webhook")
                .append(" command), ").append(ExitCode.CONFIG_ERROR).append(" usage or configuration error.\n");
        return text.toString();
    }
}
