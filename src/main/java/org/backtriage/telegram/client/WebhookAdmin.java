package org.backtriage.telegram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The Bot API's webhook methods: setWebhook (with the secret, the updates this bot reads and the
 * most connections), getWebhookInfo and deleteWebhook. For the {@code webhook} command, and for
 * the health check of a webhook that has had no traffic for a while. Each goes through
 * {@link BotApi}, as every other call does; a failure is a {@link BotApiException}. Neither the
 * token nor the secret appears in what it returns or throws.
 */
public final class WebhookAdmin implements AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotApi api;
    private final String where;
    private final TokenScrubber scrubber;
    /** What closing does: lets the client go when it is this one's own, nothing when it is shared. */
    private final Runnable closing;

    /** For a command: its own HTTP client, closed by {@link #close}. */
    public WebhookAdmin(String token, URI apiBaseUrl) {
        OkHttpClient own = new OkHttpClient.Builder().build();
        BotAccess access = BotAccess.of(token, apiBaseUrl);
        this.api = BotApi.over(own, access, CALL_TIMEOUT);
        this.where = access.where();
        this.scrubber = access.scrubber();
        this.closing = () -> {
            own.dispatcher().executorService().shutdown();
            own.connectionPool().evictAll();
        };
    }

    /** On {@code http}, which the caller closes, for the bot {@code access} names. */
    WebhookAdmin(OkHttpClient http, BotAccess access) {
        this.api = BotApi.over(http, access, CALL_TIMEOUT);
        this.where = access.where();
        this.scrubber = access.scrubber();
        this.closing = () -> { };
    }

    /**
     * Tells Telegram to post this bot's updates to {@code url}, with {@code secret} in every
     * request's header and at most {@code maxConnections} at once; pending updates are kept.
     */
    public String set(URI url, String secret, int maxConnections) {
        result("setWebhook", body -> {
            body.writeStringField("url", url.toString());
            body.writeStringField("secret_token", secret);
            CallJson.allowedUpdates(body);
            body.writeNumberField("max_connections", maxConnections);
            body.writeBooleanField("drop_pending_updates", false);
        });
        return "Webhook set: Telegram now posts updates to " + url + " (at most " + maxConnections
                + " connections at once; " + String.join(", ", BotApi.ALLOWED_UPDATES) + ")";
    }

    /** What Telegram knows of the webhook. */
    public Info info() {
        JsonNode result = result("getWebhookInfo", body -> { });
        List<String> allowed = new ArrayList<>();
        result.path("allowed_updates").forEach(kind -> allowed.add(kind.asText()));
        return new Info(result.path("url").asText(""), result.path("pending_update_count").asInt(0),
                instant(result.path("last_error_date")), scrubber.scrub(result.path("last_error_message").asText("")),
                instant(result.path("last_synchronization_error_date")), result.path("max_connections").asInt(0),
                allowed, result.path("ip_address").asText(""));
    }

    /** Removes the webhook; updates then wait at Telegram (for 24 hours) until polled or a webhook is set again. */
    public String delete() {
        result("deleteWebhook", body -> body.writeBooleanField("drop_pending_updates", false));
        return "Webhook deleted: updates now wait at Telegram until the bot polls (BACKTRIAGE_MODE=polling)"
                + " or a webhook is set again";
    }

    /** getWebhookInfo's answer; {@code url} empty when no webhook is set. */
    public record Info(String url, int pendingUpdates, Optional<Instant> lastErrorAt, String lastError,
                       Optional<Instant> lastSynchronizationErrorAt, int maxConnections, List<String> allowedUpdates,
                       String ipAddress) {
        public Info {
            allowedUpdates = List.copyOf(allowedUpdates);
        }

        /** One line per fact, for a person. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("url:              " + (url.isEmpty() ? "(none: no webhook set; the bot must poll)" : url));
            lines.add("pending updates:  " + pendingUpdates);
            lines.add("last error:       " + lastErrorAt.map(at -> at + ": " + lastError).orElse("(none)"));
            lastSynchronizationErrorAt.ifPresent(at -> lines.add("last sync error:  " + at));
            if (!url.isEmpty()) {
                lines.add("max connections:  " + maxConnections);
                lines.add("allowed updates:  " + (allowedUpdates.isEmpty() ? "(all but a few)" : String.join(", ", allowedUpdates)));
                lines.add("ip address:       " + (ipAddress.isEmpty() ? "(unknown)" : ipAddress));
            }
            return lines;
        }
    }

    private static Optional<Instant> instant(JsonNode seconds) {
        return seconds.canConvertToLong() && seconds.asLong() > 0 ? Optional.of(Instant.ofEpochSecond(seconds.asLong()))
                : Optional.empty();
    }

    /**
     * The call's {@code result}, through the one Bot API client, or a {@link BotApiException}
     * saying in one line why there is none.
     */
    private JsonNode result(String method, CallJson.Fields fields) {
        BotApi.Exchange exchange = api.exchange(method, fields);
        TelegramAnswer answer = exchange.answer();
        if (answer.status() == 0) {
            throw new BotApiException(method + ": cannot reach the Bot API at " + where + ": " + answer.description(), answer);
        }
        JsonNode json;
        try {
            json = JSON.readTree(exchange.body());
        } catch (IOException notJson) {
            json = null;
        }
        if (json == null || !json.has("ok")) {
            throw new BotApiException(method + ": the Bot API at " + where + " answered HTTP " + answer.status()
                    + " with something that is not its JSON", answer);
        }
        if (!answer.done()) {
            throw new BotApiException("Telegram refused " + method + " (HTTP " + answer.status() + "): "
                    + (answer.description().isEmpty() ? "no description" : answer.description()), answer);
        }
        return json.path("result");
    }

    @Override
    public void close() {
        closing.run();
    }
}
