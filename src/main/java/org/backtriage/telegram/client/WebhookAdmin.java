package org.backtriage.telegram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Bot API's webhook methods: setWebhook (with the secret, the updates this bot reads and the
 * most connections), getWebhookInfo and deleteWebhook. For the {@code webhook} command, and for
 * the health check of a webhook that has had no traffic for a while. Neither the token nor the
 * secret appears in what it returns or throws.
 */
public final class WebhookAdmin implements AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    /** What closing does: lets the client go when it is this one's own, nothing when it is shared. */
    private final Runnable closing;
    private final HttpUrl base;
    private final String token;
    private final TokenScrubber scrubber;

    /** For a command: its own HTTP client, closed by {@link #close}. */
    public WebhookAdmin(String token, URI apiBaseUrl) {
        OkHttpClient own = new OkHttpClient.Builder().callTimeout(CALL_TIMEOUT).build();
        this.http = own;
        this.closing = () -> {
            own.dispatcher().executorService().shutdown();
            own.connectionPool().evictAll();
        };
        this.base = BotApiUrl.http(BotApiUrl.parse(apiBaseUrl));
        this.token = token;
        this.scrubber = new TokenScrubber(token);
    }

    /** On {@code http}, which the caller closes, for the bot {@code access} names. */
    WebhookAdmin(OkHttpClient http, BotAccess access) {
        this.http = http.newBuilder().callTimeout(CALL_TIMEOUT).build();
        this.closing = () -> { };
        this.base = BotApiUrl.http(access.url());
        this.token = access.token();
        this.scrubber = access.scrubber();
    }

    /**
     * Tells Telegram to post this bot's updates to {@code url}, with {@code secret} in every
     * request's header and at most {@code maxConnections} at once; pending updates are kept.
     */
    public String set(URI url, String secret, int maxConnections) {
        ObjectNode body = JSON.createObjectNode();
        body.put("url", url.toString());
        body.put("secret_token", secret);
        BotApi.ALLOWED_UPDATES.forEach(body.putArray("allowed_updates")::add);
        body.put("max_connections", maxConnections);
        body.put("drop_pending_updates", false);
        call("setWebhook", body);
        return "Webhook set: Telegram now posts updates to " + url + " (at most " + maxConnections
                + " connections at once; " + String.join(", ", BotApi.ALLOWED_UPDATES) + ")";
    }

    /** What Telegram knows of the webhook. */
    public Info info() {
        JsonNode result = call("getWebhookInfo", JSON.createObjectNode());
        List<String> allowed = new ArrayList<>();
        result.path("allowed_updates").forEach(kind -> allowed.add(kind.asText()));
        return new Info(result.path("url").asText(""), result.path("pending_update_count").asInt(0),
                instant(result.path("last_error_date")), scrubber.scrub(result.path("last_error_message").asText("")),
                instant(result.path("last_synchronization_error_date")), result.path("max_connections").asInt(0),
                allowed, result.path("ip_address").asText(""));
    }

    /** Removes the webhook; updates then wait at Telegram (for 24 hours) until polled or a webhook is set again. */
    public String delete() {
        ObjectNode body = JSON.createObjectNode();
        body.put("drop_pending_updates", false);
        call("deleteWebhook", body);
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

    /** The call's {@code result}, or a {@link WebhookCallException} saying why there is none. */
    private JsonNode call(String method, ObjectNode body) {
        Request request = new Request.Builder()
                .url(base.newBuilder().addPathSegment("bot" + token).addPathSegment(method).build())
                .post(RequestBody.create(body.toString(), JSON_TYPE))
                .build();
        JsonNode answer;
        int status;
        try (Response response = http.newCall(request).execute()) {
            status = response.code();
            byte[] bytes = response.body().bytes();
            try {
                answer = JSON.readTree(bytes);
            } catch (IOException notJson) {
                throw new WebhookCallException(method + ": the Bot API at " + base + " answered HTTP " + status
                        + " with something that is not its JSON");
            }
        } catch (IOException e) {
            throw new WebhookCallException(method + ": cannot reach the Bot API at " + base + ": "
                    + scrubber.scrub(String.valueOf(e.getMessage())));
        }
        if (answer == null || !answer.path("ok").asBoolean(false)) {
            String description = answer == null ? "" : answer.path("description").asText("");
            throw new WebhookCallException("Telegram refused " + method + " (HTTP " + status + "): "
                    + scrubber.scrub(description.isEmpty() ? "no description" : description));
        }
        return answer.path("result");
    }

    @Override
    public void close() {
        closing.run();
    }
}
