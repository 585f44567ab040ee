package org.backtriage.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import org.backtriage.logging.Redaction;
import org.backtriage.logging.Subsystem;

/**
 * Run-time settings: environment variables, over an optional git-ignored
 * {@code config/backtriage.properties} holding the same names. Errors name the setting, never
 * a token's value; {@link #toString} says whether the token is set, never what it is.
 */
public record Settings(Optional<String> token, URI apiUrl, Database database, Optional<Path> tree,
                       Duration retention, Duration resumeAfter, Duration checkInAfter, OptionalInt httpPort,
                       String httpHost, boolean paced, boolean allowPlainHttpApi,
                       Mode mode, WebhookSettings webhook, Duration leaseTtl, Optional<String> publicUrl) {
    public static final String TOKEN = "TELEGRAM_BOT_TOKEN";
    public static final String API_URL = "TELEGRAM_API_URL";
    public static final String DATABASE = "BACKTRIAGE_DB";
    public static final String DATABASE_PASSWORD = "BACKTRIAGE_DB_PASSWORD";
    public static final String TREE = "BACKTRIAGE_TREE";
    public static final String RETENTION_DAYS = "BACKTRIAGE_RETENTION_DAYS";
    public static final String RESUME_AFTER_HOURS = "BACKTRIAGE_RESUME_AFTER_HOURS";
    public static final String CHECK_IN_SECONDS = "BACKTRIAGE_CHECK_IN_SECONDS";
    /** {@link #CHECK_IN_SECONDS}'s old name: still read, with a warning, so existing set-ups keep working. */
    static final String OLD_CHECK_IN_SECONDS = "BACKTRIAGE_FOLLOW_UP_SECONDS";
    public static final String HTTP_PORT = "BACKTRIAGE_HTTP_PORT";
    public static final String HTTP_HOST = "BACKTRIAGE_HTTP_HOST";
    public static final String PACING = "BACKTRIAGE_PACING";
    public static final String ALLOW_PLAIN_HTTP_API = "BACKTRIAGE_ALLOW_PLAIN_HTTP_API";
    public static final String MODE = "BACKTRIAGE_MODE";
    public static final String LEASE_TTL_SECONDS = "BACKTRIAGE_LEASE_TTL_SECONDS";
    public static final String PUBLIC_URL = "BACKTRIAGE_PUBLIC_URL";
    public static final String DEFAULT_API_URL = "https://api.telegram.org";
    public static final String DEFAULT_DATABASE = "data/backtriage.db";
    /** The operator endpoint answers this machine only, unless told otherwise. */
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    /** The optional settings file, relative to the working directory. */
    public static final Path FILE = Path.of("config", "backtriage.properties");

    /** Every setting with its default, for {@code --help}. */
    public static final List<String[]> HELP = List.of(
            new String[] {TOKEN, "(required for bot)", "the bot token from @BotFather"},
            new String[] {API_URL, DEFAULT_API_URL, "Bot API base URL (a self-hosted Bot API server, or a test server);"
                    + " plain http only to a loopback address"},
            new String[] {ALLOW_PLAIN_HTTP_API, "false", "true: allow a plain http " + API_URL + " to another host (a"
                    + " self-hosted Bot API server on a private network); the token then travels unencrypted"},
            new String[] {DATABASE, DEFAULT_DATABASE, "SQLite database file (its folder is created), or a PostgreSQL"
                    + " database several instances share: jdbc:postgresql://host:5432/database?user=name"},
            new String[] {DATABASE_PASSWORD, "(none)", "the PostgreSQL password, unless the URL in " + DATABASE
                    + " holds it; never logged"},
            new String[] {TREE, "config/triage-tree.json if present, else the packaged tree",
                    "conversation tree; messages_en.properties beside it is used if present"},
            new String[] {RETENTION_DAYS, "30", "sessions idle this many days are deleted, with every row about them"},
            new String[] {RESUME_AFTER_HOURS, "24",
                    "a conversation idle this many hours asks \"continue or start again?\" instead of resuming"},
            new String[] {CHECK_IN_SECONDS, "604800 (7 days)", "when the check-in a person can ask for at the end comes"
                    + " (" + OLD_CHECK_IN_SECONDS + ", its old name, still works)"},
            new String[] {HTTP_PORT, "(off)", "port for the operator endpoint: GET /healthz, GET /metrics (the Docker image sets 8080)"},
            new String[] {HTTP_HOST, DEFAULT_HTTP_HOST, "address the operator endpoint listens on; 0.0.0.0 for every"
                    + " interface (the Docker image sets 0.0.0.0)"},
            new String[] {PUBLIC_URL, "(off)", "the public https origin Telegram opens the body map at (your TLS proxy,"
                    + " forwarding /bodymap/ to " + HTTP_PORT + "); off: no body map button"},
            new String[] {PACING, "telegram", "telegram: stay under Telegram's message limits; off: only against a local"
                    + " stand-in for the Bot API (benchmarks)"},
            new String[] {MODE, "polling", "how updates arrive: polling (the bot asks Telegram), or webhook (Telegram posts"
                    + " them to " + WebhookSettings.PATH + " behind your TLS proxy)"},
            new String[] {WebhookSettings.PATH, WebhookSettings.DEFAULT_PATH, "webhook mode: the path Telegram posts updates to"},
            new String[] {WebhookSettings.PORT, Integer.toString(WebhookSettings.DEFAULT_PORT), "webhook mode: the port it"
                    + " listens on (plain HTTP: TLS ends at your proxy)"},
            new String[] {WebhookSettings.HOST, WebhookSettings.DEFAULT_HOST, "webhook mode: the address it listens on;"
                    + " 0.0.0.0 for every interface (the Docker image sets 0.0.0.0)"},
            new String[] {WebhookSettings.SECRET, "(required for webhook mode)", "the secret Telegram sends with every update"
                    + " (1-256 of A-Z a-z 0-9 _ -); requests without it get 403"},
            new String[] {WebhookSettings.MAX_CONNECTIONS, Integer.toString(WebhookSettings.DEFAULT_MAX_CONNECTIONS),
                    "webhook set: the most connections Telegram opens at once (1-100)"},
            new String[] {LEASE_TTL_SECONDS, "15", "instances sharing a PostgreSQL database: how long the sender's and"
                    + " the poller's leases last unless renewed (every third of it); a standby takes over within 4/3 of it"});

    /** How updates reach the bot. */
    public enum Mode {
        /** The bot asks Telegram for updates (getUpdates); one instance per token. */
        POLLING,
        /** Telegram posts each update to the bot's webhook. */
        WEBHOOK
    }

    public Settings {
        token.ifPresent(t -> {
            // The shape the logs mask: a token that runs the bot is one they never show.
            if (!Redaction.TOKEN_SHAPE.matcher(t).matches()) {
                throw new ConfigException(TOKEN + " does not look like a bot token (a number, a colon and at least"
                        + " 30 letters, digits, '_' or '-'); copy it again from @BotFather");
            }
        });
        if (mode == Mode.WEBHOOK && httpPort.isPresent() && httpPort.getAsInt() == webhook.port()) {
            throw new ConfigException(HTTP_PORT + " and " + WebhookSettings.PORT + " must differ: both are " + webhook.port()
                    + " (the operator endpoint and the webhook are served apart)");
        }
        if (publicUrl.isPresent() && httpPort.isEmpty()) {
            throw new ConfigException(PUBLIC_URL + " is set, but " + HTTP_PORT + " is not: the body map is served by the"
                    + " operator endpoint, so set both (and forward " + publicUrl.get() + "/bodymap/ to it)");
        }
        // Every call carries the token in its URL path: over plain http, anyone on the way reads it.
        if (Addresses.plainHttp(apiUrl) && !allowPlainHttpApi) {
            throw new ConfigException(API_URL + " " + apiUrl + " is plain http to another host, so the bot token would"
                    + " travel in clear text; use https, or set " + ALLOW_PLAIN_HTTP_API + "=true for a self-hosted"
                    + " Bot API server on a private network");
        }
    }

    /**
     * Whether the Bot API is called over plain http on another host than this one (allowed only
     * with {@link #ALLOW_PLAIN_HTTP_API}): the token travels unencrypted, worth a warning at start.
     */
    public boolean plainHttpApi() {
        return Addresses.plainHttp(apiUrl);
    }

    /** Settings from {@code env}, over those in {@code file} when it exists. */
    public static Settings load(Map<String, String> env, Path file) {
        Map<String, String> values = new HashMap<>(readFile(file));
        env.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        return new Settings(
                Optional.ofNullable(values.get(TOKEN)).map(String::strip),
                Addresses.apiUrl(values.getOrDefault(API_URL, DEFAULT_API_URL).strip()),
                database(values.getOrDefault(DATABASE, DEFAULT_DATABASE).strip(),
                        Optional.ofNullable(values.get(DATABASE_PASSWORD)).map(String::strip)),
                Optional.ofNullable(values.get(TREE)).map(String::strip).map(Path::of),
                Duration.ofDays(positive(values, RETENTION_DAYS, 30)),
                Duration.ofHours(positive(values, RESUME_AFTER_HOURS, 24)),
                Duration.ofSeconds(positive(values, checkInName(values), 604_800, 100_000_000)),
                values.containsKey(HTTP_PORT) ? OptionalInt.of((int) positive(values, HTTP_PORT, 0, 65_535)) : OptionalInt.empty(),
                Addresses.hostName(HTTP_HOST, values.getOrDefault(HTTP_HOST, DEFAULT_HTTP_HOST).strip()),
                paced(values.getOrDefault(PACING, "telegram").strip()),
                yesNo(values, ALLOW_PLAIN_HTTP_API),
                mode(values.getOrDefault(MODE, "polling").strip()),
                WebhookSettings.from(values),
                Duration.ofSeconds(positive(values, LEASE_TTL_SECONDS, 15, 600)),
                Optional.ofNullable(values.get(PUBLIC_URL)).map(String::strip).map(Addresses::publicUrl));
    }

    /** The check-in's setting under the name it was given: the new one wins, the old one is warned about. */
    private static String checkInName(Map<String, String> values) {
        if (!values.containsKey(OLD_CHECK_IN_SECONDS)) {
            return CHECK_IN_SECONDS;
        }
        boolean both = values.containsKey(CHECK_IN_SECONDS);
        Subsystem.CONFIG.logger().warn("{} is deprecated: use {}, the same setting{}", OLD_CHECK_IN_SECONDS,
                CHECK_IN_SECONDS, both ? "; both are set, so " + OLD_CHECK_IN_SECONDS + " is ignored" : "");
        return both ? CHECK_IN_SECONDS : OLD_CHECK_IN_SECONDS;
    }

    private static boolean yesNo(Map<String, String> values, String name) {
        String text = values.getOrDefault(name, "false").strip();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, not '" + text + "'");
        };
    }

    private static Mode mode(String text) {
        return switch (text) {
            case "polling" -> Mode.POLLING;
            case "webhook" -> Mode.WEBHOOK;
            default -> throw new ConfigException(MODE + " must be polling or webhook, not '" + text + "'");
        };
    }

    private static boolean paced(String text) {
        return switch (text) {
            case "telegram" -> true;
            case "off" -> false;
            default -> throw new ConfigException(PACING + " must be telegram or off, not '" + text + "'");
        };
    }

    private static long positive(Map<String, String> values, String name, long fallback) {
        return positive(values, name, fallback, 100_000);
    }

    private static long positive(Map<String, String> values, String name, long fallback, long max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number from 1 to " + max + ", not '" + text.strip() + "'");
    }

    /** A PostgreSQL URL selects PostgreSQL; anything else is the SQLite file. The password is taken from one place only. */
    private static Database database(String text, Optional<String> password) {
        if (!text.startsWith(Database.POSTGRES_PREFIX)) {
            if (password.isPresent()) {
                throw new ConfigException(DATABASE_PASSWORD + " is set, but " + DATABASE + " is an SQLite file, which has"
                        + " no password; unset it, or give " + DATABASE + " a " + Database.POSTGRES_PREFIX + " URL");
            }
            return new Database.SqliteFile(Path.of(text));
        }
        int query = text.indexOf('?');
        boolean inUrl = query >= 0 && Arrays.stream(text.substring(query + 1).split("&"))
                .anyMatch(parameter -> parameter.startsWith("password="));
        if (inUrl && password.isPresent()) {
            throw new ConfigException(DATABASE + " holds a password and " + DATABASE_PASSWORD + " is set too; keep one of"
                    + " them (" + DATABASE_PASSWORD + " keeps it out of the URL)");
        }
        return new Database.Postgres(text, password);
    }

    /** The bot's id, the number before ':' in the token: part of every key in a database several bots share. */
    public OptionalLong botId() {
        return token.map(t -> OptionalLong.of(botId(t))).orElse(OptionalLong.empty());
    }

    /** The bot id in {@code token}, a token of the shape this class accepts. */
    public static long botId(String token) {
        try {
            return Long.parseLong(token.substring(0, token.indexOf(':')));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new ConfigException(TOKEN + " does not start with a bot id; copy it again from @BotFather");
        }
    }

    /** Every setting, the token only as set or not: the database and the webhook mask their own credentials. */
    @Override
    public String toString() {
        return "Settings[token=" + (token.isPresent() ? "(set)" : "(not set)") + ", apiUrl=" + apiUrl + ", database=" + database
                + ", tree=" + tree + ", retention=" + retention + ", resumeAfter=" + resumeAfter + ", checkInAfter=" + checkInAfter
                + ", httpPort=" + httpPort + ", httpHost=" + httpHost + ", paced=" + paced + ", allowPlainHttpApi="
                + allowPlainHttpApi + ", mode=" + mode + ", webhook=" + webhook + ", leaseTtl=" + leaseTtl + ", publicUrl="
                + publicUrl + "]";
    }

    /** The token, or a clear error when it is not set. */
    public String requireToken() {
        return token.orElseThrow(() -> new ConfigException(TOKEN + " is not set. Create a bot with @BotFather,"
                + " then run: export " + TOKEN + "=<the token it gives you>"));
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("settings file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (HELP.stream().noneMatch(h -> h[0].equals(name)) && !name.equals(OLD_CHECK_IN_SECONDS)) {
                throw new ConfigException("settings file " + file + " has unknown setting '" + name
                        + "'; known: " + String.join(", ", HELP.stream().map(h -> h[0]).toList()));
            }
            values.put(name, properties.getProperty(name));
        }
        return values;
    }
}
