package org.backtriage.fakebotapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.backtriage.Waits;

/**
 * A local HTTP server standing in for the Bot API, for the tests and the benchmark alike. It
 * answers like Telegram: getUpdates honours offset, limit and timeout over an {@link UpdateSource};
 * sendMessage answers a Message with a new {@code message_id}; editMessageText a Message;
 * answerCallbackQuery, answerInlineQuery, setWebhook, deleteWebhook and setMyCommands {@code true};
 * getWebhookInfo the webhook last set (none at first), with its pending updates and last delivery
 * error; anything else 404. Once told where the bot's instances are ({@link #deliverByWebhook}),
 * it delivers updates to them by webhook while one is set, as Telegram does. Each call is counted
 * by method, and what the bot shows people goes to a {@link Listener}.
 *
 * <p>{@link #FakeBotApi() For the tests} it also records every call with its JSON body, when it
 * came and whether it took effect, serves the updates a test delivers ({@link HeldUpdates}) and
 * injects faults on request. {@link #serving For the benchmark} it records nothing (a long run
 * makes millions of calls) and is cheap enough not to be what is measured.
 */
public final class FakeBotApi implements AutoCloseable {
    /** Shaped like a real token, so nothing treats it specially. */
    public static final String TOKEN = "123456789:AAHfakeTOKENforTESTSonly-never_logged";
    /** Longest getUpdates wait this server grants, whatever the bot asks. */
    private static final long MAX_POLL_MILLIS = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the bot's messages to people go; each call is checked and counted there. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void sent(long chatId, int messageId, JsonNode body, long nanos) {
        }

        default void edited(long chatId, int messageId, JsonNode body, long nanos) {
        }

        default void answered(String queryId, long nanos) {
        }

        /** Something no person could be shown (a call for no one, a bad request...). */
        default void unexpected(String what) {
        }
    }

    private final String token;
    private final String prefix;
    private final UpdateSource updates;
    private final Listener listener;
    /** The test's updates and record; null when serving the benchmark. */
    private final HeldUpdates held;
    private final CallRecord record;
    private final LoopbackHttpServer server;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(500);
    private final AtomicInteger lastKeyboardMessageId = new AtomicInteger();
    private final AtomicLong firstPollAt = new AtomicLong();
    private final AtomicLong firstCallAt = new AtomicLong();
    private final AtomicLong lastCallAt = new AtomicLong();
    /** What setWebhook registered: no URL at first, and after deleteWebhook. */
    private final AtomicReference<Webhook> webhook = new AtomicReference<>(Webhook.NONE);
    /** The bot's webhook endpoints behind the registered URL; none until {@link #deliverByWebhook}. */
    private volatile List<URI> instances = List.of();
    /** Made by the first {@link #deliverByWebhook}: most tests poll. */
    private WebhookDelivery delivery;
    /** What times each call's arrival ({@link Call#at}): {@link System#nanoTime} unless a test's fake time. */
    private volatile LongSupplier callClock = System::nanoTime;

    /** A webhook as setWebhook registers it: its URL (empty: none), secret and most connections at once. */
    private record Webhook(String url, Optional<String> secret, int maxConnections) {
        static final Webhook NONE = new Webhook("", Optional.empty(), 40);

        static Webhook of(JsonNode body) {
            String secret = body.path("secret_token").asText("");
            return new Webhook(body.path("url").asText(""), secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                    body.path("max_connections").asInt(40));
        }
    }

    /** For the tests, with {@link #TOKEN}. */
    public FakeBotApi() {
        this(TOKEN);
    }

    /** For the tests, with {@code token}: updates delivered by the test, every call recorded, faults on request. */
    public FakeBotApi(String token) {
        this(token, new HeldUpdates(), Listener.NONE, true);
    }

    /** For the benchmark: {@code updates} served, every message told to {@code listener}, nothing recorded. */
    public static FakeBotApi serving(String token, UpdateSource updates, Listener listener) {
        return new FakeBotApi(token, updates, listener, false);
    }

    private FakeBotApi(String token, UpdateSource updates, Listener listener, boolean forTests) {
        this.token = token;
        this.prefix = "/bot" + token + "/";
        this.updates = updates;
        this.listener = listener;
        this.held = forTests ? (HeldUpdates) updates : null;
        this.record = forTests ? new CallRecord() : null;
        this.server = new LoopbackHttpServer(new LoopbackHttpServer.Handler() {
            @Override
            public Answer answer(String path, byte[] body, long nanos) {
                return FakeBotApi.this.answer(path, body, callClock.getAsLong());
            }

            @Override
            public void unexpected(String what) {
                listener.unexpected(what);
            }
        });
    }

    /** Times each call's arrival by {@code clock} (a test's fake time, in nanoseconds) instead of {@link System#nanoTime}. */
    public void timeCallsBy(LongSupplier clock) {
        callClock = clock;
    }

    /** {@code http://127.0.0.1:<port>}: what the bot's TELEGRAM_API_URL is set to. */
    public URI baseUrl() {
        return URI.create("http://" + server.hostAndPort());
    }

    @Override
    public void close() {
        updates.close();
        synchronized (this) {
            if (delivery != null) {
                delivery.close();
            }
        }
        server.close();
    }

    /**
     * From now on, while a webhook is set (by setWebhook, as {@code webhook set} does), delivers
     * the updates as Telegram does, to {@code instances}: the bot's own webhook endpoints
     * ({@code http://127.0.0.1:<port>/telegram}) standing behind the registered URL, which is
     * never called (it is https, at a public name: the load balancer's part is played here). Each
     * update is POSTed as JSON with the registered {@code secret_token} in
     * {@code X-Telegram-Bot-Api-Secret-Token}, one at a time per chat (a chat's later updates wait
     * for its earlier one's 2xx), up to the registered {@code max_connections} at once, again
     * after a short back-off on anything but a 2xx, the instances in turn (one that cannot be
     * reached is left out for a second). getUpdates is refused meanwhile (409), as Telegram
     * refuses it while a webhook is set. Called again, it replaces the instances (e.g. to add
     * one that started); deleteWebhook stops the taking of new updates, not the delivery of those
     * already taken.
     */
    public void deliverByWebhook(List<URI> instances) {
        this.instances = List.copyOf(instances);
        synchronized (this) {
            if (delivery == null) {
                delivery = new WebhookDelivery(updates, this::webhookTarget, record != null);
            }
        }
        delivery.targetChanged();
    }

    /** Updates taken for webhook delivery and not yet answered with a 2xx. */
    public int pendingWebhookUpdates() {
        WebhookDelivery now = deliveryOrNull();
        return now == null ? 0 : now.pending();
    }

    /** Webhook POSTs so far by the status they got ({@code 0}: no answer), for the benchmark too. */
    public Map<Integer, Long> webhookAnswers() {
        WebhookDelivery now = deliveryOrNull();
        return now == null ? Map.of() : now.answers();
    }

    /** Every webhook POST so far, in the order they were answered (or failed). */
    public List<Delivery> deliveries() {
        record();
        WebhookDelivery now = deliveryOrNull();
        return now == null ? List.of() : now.attempts();
    }

    private synchronized WebhookDelivery deliveryOrNull() {
        return delivery;
    }

    private Optional<WebhookDelivery.Target> webhookTarget() {
        Webhook now = webhook.get();
        if (now.url().isEmpty() || instances.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookDelivery.Target(instances, now.secret(), now.maxConnections()));
    }

    private void webhookChanged(Webhook now) {
        webhook.set(now);
        WebhookDelivery current = deliveryOrNull();
        if (current != null) {
            current.targetChanged();
        }
    }

    // The benchmark's view: counts and times.

    /** Calls so far by method, as the bot spells them. */
    public Map<String, Long> counts() {
        Map<String, Long> byMethod = new TreeMap<>();
        counts.forEach((method, count) -> byMethod.put(method, count.sum()));
        return byMethod;
    }

    /** System.nanoTime of the first getUpdates call, 0 before it. */
    public long firstPollAt() {
        return firstPollAt.get();
    }

    /** System.nanoTime of the first call of any method (deleteWebhook or setMyCommands, in practice). */
    public long firstCallAt() {
        return firstCallAt.get();
    }

    /** System.nanoTime of the latest call of any method other than getUpdates. */
    public long lastCallAt() {
        return lastCallAt.get();
    }

    /** Connections the bot opened so far. */
    public int connectionsOpened() {
        return server.connectionsOpened();
    }

    /** CPU time of this server's threads (user and system), in nanoseconds. */
    public long cpuNanos() {
        return server.cpuNanos();
    }

    // The tests' view: updates, faults, the record of calls.

    public void deliver(ObjectNode update) {
        held().deliver(update);
    }

    /** Serves {@code update} again on the next poll, although it may have been confirmed. */
    public void redeliver(ObjectNode update) {
        held().redeliver(update);
    }

    /** How long a getUpdates call with nothing to deliver is held before its empty answer. */
    public void holdEmptyPolls(Duration hold) {
        held().holdEmptyPolls(hold);
    }

    /** The next {@code times} calls matching {@code which} go wrong as {@code fault} says (a negative count: every one). */
    public void inject(Predicate<Call> which, Fault fault, int times) {
        record().inject(which, fault, times);
    }

    /** The next call of {@code method} gets {@code answer} instead of success. */
    public void failNext(String method, Answer answer) {
        inject(c -> c.is(method), Fault.answer(answer), 1);
    }

    /** The next {@code count} new connections are closed at once, before any request is read. */
    public void refuseConnections(int count) {
        server.refuseConnections(count);
    }

    /** Removes every fault still waiting. */
    public void heal() {
        record().heal();
        server.refuseConnections(0);
    }

    public List<Call> calls() {
        return record().calls();
    }

    /** Every call of {@code method}, including those that failed. */
    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.is(method)).toList();
    }

    /** Calls other than getUpdates, the webhook's and setMyCommands that took effect: what a person would see, in order. */
    public List<Call> visible() {
        return calls().stream().filter(Call::shown)
                .filter(c -> !c.is("getUpdates") && !c.is("deleteWebhook") && !c.is("setMyCommands")
                        && !c.is("setWebhook") && !c.is("getWebhookInfo")).toList();
    }

    /** The calls of {@code method} that took effect. */
    public List<Call> shown(String method) {
        return calls().stream().filter(c -> c.is(method) && c.shown()).toList();
    }

    public Call last(String method) {
        List<Call> matching = shown(method);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + method + " call took effect; calls were " + calls());
        }
        return matching.get(matching.size() - 1);
    }

    /** The id of the last message sent with buttons: the one a person would tap next. */
    public int lastKeyboardMessageId() {
        return lastKeyboardMessageId.get();
    }

    /** Waits until some call matches; the bot works on its own threads. */
    public Call await(Predicate<Call> condition, Duration timeout) {
        try {
            return Waits.upTo(timeout).until(() -> calls().stream().filter(condition).findFirst(), Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no matching call within " + timeout + "; calls were " + calls(), e);
        }
    }

    /** Waits until {@code count} calls match. */
    public List<Call> awaitCount(Predicate<Call> condition, int count, Duration timeout) {
        try {
            return Waits.upTo(timeout).until(() -> calls().stream().filter(condition).toList(), matching -> matching.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("fewer than " + count + " matching calls within " + timeout + "; calls were "
                    + calls(), e);
        }
    }

    /**
     * Waits until the poller asks for updates after {@code updateId}: the library polls again
     * only when the consumer has finished the batch, so that update's replies are queued.
     */
    public void awaitHandled(int updateId) {
        await(c -> c.is("getUpdates") && c.body().path("offset").asInt() > updateId, Duration.ofSeconds(5));
    }

    private HeldUpdates held() {
        if (held == null) {
            throw new IllegalStateException("this fake serves the benchmark's updates");
        }
        return held;
    }

    private CallRecord record() {
        if (record == null) {
            throw new IllegalStateException("this fake serves the benchmark and records no calls");
        }
        return record;
    }

    private Answer answer(String path, byte[] bytes, long now) {
        try {
            if (!path.regionMatches(true, 0, prefix, 0, prefix.length())) {
                listener.unexpected("a call to " + path.replace(token, "<token>"));
                return Answer.error(404, "Not Found");
            }
            String spelled = path.substring(prefix.length());
            String method = spelled.toLowerCase(Locale.ROOT);
            counts.computeIfAbsent(spelled, m -> new LongAdder()).increment();
            firstCallAt.compareAndSet(0, now);
            if (!method.equals("getupdates")) {
                lastCallAt.set(now);
            }
            JsonNode body = json(bytes);
            Fault fault = record == null ? null : record.add(method, body, now);
            if (fault != null && !fault.takesEffect()) {
                return fault.shape().apply(null);
            }
            Answer normal = normal(method, body, now);
            return fault == null ? normal : fault.shape().apply(normal);
        } catch (RuntimeException e) {
            listener.unexpected("the fake Bot API failed on a call: " + e);
            return Answer.error(500, "fake Bot API failed");
        }
    }

    private Answer normal(String method, JsonNode body, long now) {
        switch (method) {
            case "getupdates":
                if (!webhook.get().url().isEmpty()) {
                    return Answer.error(409, "Conflict: can't use getUpdates method while webhook is active;"
                            + " use deleteWebhook to delete the webhook first");
                }
                firstPollAt.compareAndSet(0, now);
                return Answer.json(200, poll(body));
            case "sendmessage": {
                long chatId = body.path("chat_id").asLong();
                int messageId = messageIds.incrementAndGet();
                if (body.has("reply_markup")) {
                    lastKeyboardMessageId.set(messageId);
                }
                listener.sent(chatId, messageId, body, now);
                return Answer.json(200, message(messageId, chatId));
            }
            case "editmessagetext": {
                long chatId = body.path("chat_id").asLong();
                int messageId = body.path("message_id").asInt();
                listener.edited(chatId, messageId, body, now);
                return Answer.json(200, message(messageId, chatId));
            }
            case "answercallbackquery":
                listener.answered(body.path("callback_query_id").asText(), now);
                return Answer.json(200, Answer.OK_TRUE);
            case "setwebhook":
                webhookChanged(Webhook.of(body));
                return Answer.json(200, Answer.OK_TRUE);
            case "deletewebhook":
                webhookChanged(Webhook.NONE);
                return Answer.json(200, Answer.OK_TRUE);
            case "getwebhookinfo":
                return Answer.json(200, webhookInfo());
            case "setmycommands":
            case "answerinlinequery":
                return Answer.json(200, Answer.OK_TRUE);
            default:
                listener.unexpected("a call of an unknown method " + method);
                return Answer.error(404, "Not Found: method " + method);
        }
    }

    private String webhookInfo() {
        Webhook now = webhook.get();
        ObjectNode info = JSON.createObjectNode().put("url", now.url()).put("has_custom_certificate", false)
                .put("pending_update_count", pendingWebhookUpdates());
        WebhookDelivery current = deliveryOrNull();
        if (!now.url().isEmpty()) {
            info.put("max_connections", now.maxConnections());
            if (current != null && current.lastErrorDate() > 0) {
                info.put("last_error_date", current.lastErrorDate()).put("last_error_message", current.lastErrorMessage());
            }
        }
        return "{\"ok\":true,\"result\":" + info + "}";
    }

    private byte[] poll(JsonNode request) {
        long offset = request.path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, request.path("limit").asInt(100)));
        long timeoutMillis = Math.min(MAX_POLL_MILLIS, request.path("timeout").asLong(0) * 1000);
        List<byte[]> batch;
        try {
            batch = updates.poll(offset, limit, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch = List.of();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + batch.size() * 400);
        out.writeBytes("{\"ok\":true,\"result\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] message(int messageId, long chatId) {
        return ("{\"ok\":true,\"result\":{\"message_id\":" + messageId + ",\"date\":" + System.currentTimeMillis() / 1000
                + ",\"chat\":{\"id\":" + chatId + ",\"type\":\"private\",\"first_name\":\"Pat\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a request body that is not JSON", e);
        }
    }
}
