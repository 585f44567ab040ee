package org.backtriage.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the webhook listens and what Telegram is told when it is set: the path and address of
 * {@code POST <path>}, the secret every request must carry, and the most connections Telegram
 * may open at once. {@link #toString} never shows the secret.
 */
public record WebhookSettings(String path, String host, int port, Optional<String> secret, int maxConnections) {
    public static final String PATH = "BACKTRIAGE_WEBHOOK_PATH";
    public static final String HOST = "BACKTRIAGE_WEBHOOK_HOST";
    public static final String PORT = "BACKTRIAGE_WEBHOOK_PORT";
    public static final String SECRET = "BACKTRIAGE_WEBHOOK_SECRET";
    public static final String MAX_CONNECTIONS = "BACKTRIAGE_WEBHOOK_MAX_CONNECTIONS";
    public static final String DEFAULT_PATH = "/telegram";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8443;
    /** Telegram's own default; it allows 1 to 100. */
    public static final int DEFAULT_MAX_CONNECTIONS = 40;
    /** What Telegram accepts as a secret token. */
    static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern PATH_SHAPE = Pattern.compile("/[A-Za-z0-9._~/-]*");

    public WebhookSettings {
        if (!PATH_SHAPE.matcher(path).matches()) {
            throw new ConfigException(PATH + " must be a URL path starting with /, of letters, digits and . _ ~ - /,"
                    + " like " + DEFAULT_PATH + ", not '" + path + "'");
        }
        // Never echoed: the value is a credential.
        secret.ifPresent(value -> {
            if (!SECRET_SHAPE.matcher(value).matches()) {
                throw new ConfigException(SECRET + " must be 1 to 256 characters, each a letter A-Z or a-z, a digit,"
                        + " _ or - (Telegram accepts no others); generate one with: openssl rand -hex 32");
            }
        });
        if (port < 1 || port > 65_535) {
            throw new ConfigException(PORT + " must be a whole number from 1 to 65535, not '" + port + "'");
        }
        if (maxConnections < 1 || maxConnections > 100) {
            throw new ConfigException(MAX_CONNECTIONS + " must be a whole number from 1 to 100 (Telegram's range), not '"
                    + maxConnections + "'");
        }
    }

    /** The webhook settings in {@code values}, each with its default. */
    static WebhookSettings from(Map<String, String> values) {
        return new WebhookSettings(
                values.getOrDefault(PATH, DEFAULT_PATH).strip(),
                Addresses.hostName(HOST, values.getOrDefault(HOST, DEFAULT_HOST).strip()),
                number(values, PORT, DEFAULT_PORT),
                Optional.ofNullable(values.get(SECRET)).map(String::strip),
                number(values, MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS));
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + text.strip() + "'");
        }
    }

    /** The secret, or a clear error when it is not set: webhook mode and {@code webhook set} need it. */
    public String requireSecret() {
        return secret.orElseThrow(() -> new ConfigException(SECRET + " is not set; webhook mode needs it (1 to 256"
                + " characters of A-Z, a-z, 0-9, _ and -). Generate one with: openssl rand -hex 32"));
    }

    @Override
    public String toString() {
        return "WebhookSettings[path=" + path + ", host=" + host + ", port=" + port + ", secret="
                + (secret.isPresent() ? "(set)" : "(not set)") + ", maxConnections=" + maxConnections + "]";
    }
}
