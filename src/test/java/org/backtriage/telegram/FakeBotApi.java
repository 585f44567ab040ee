package org.backtriage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A local HTTP server standing in for the Bot API: records every call with its JSON body, when
 * it came and whether it took effect; answers like Telegram; serves delivered updates to
 * getUpdates and, like Telegram, forgets those confirmed by a later offset (holding an empty
 * poll briefly, as Telegram holds it for its timeout); and injects faults on request.
 */
final class FakeBotApi implements AutoCloseable {
    /** Shaped like a real token, so nothing treats it specially. */
    static final String TOKEN = "123456789:AAHfakeTOKENforTESTSonly-never_logged";

    /**
     * One Bot API call: the method name in lower case, the JSON body, which call of its method
     * it is (1 for the first), when it arrived ({@link System#nanoTime}), and whether it took
     * effect (a person would see it).
     */
    record Call(String method, JsonNode body, int n, long at, boolean shown) {
        String text() {
            return body.path("text").asText();
        }

        long chatId() {
            return body.path("chat_id").asLong();
        }

        /** Every button of the inline keyboard, row after row, as "label=data". */
        List<String> buttons() {
            List<String> buttons = new ArrayList<>();
            body.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button ->
                    buttons.add(button.path("text").asText() + "=" + button.path("callback_data").asText())));
            return buttons;
        }

        boolean is(String name) {
            return method.equals(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A way a call goes wrong. {@code takesEffect}: the fake still does what was asked (the
     * message is shown) even though the bot may not learn of it; {@code shape} turns the normal
     * answer into the faulty one.
     */
    record Fault(String name, boolean takesEffect, UnaryOperator<MockResponse> shape) {
        /** Telegram answers {@code response} and does nothing. */
        static Fault answer(MockResponse response) {
            return new Fault("answer " + response.getStatus(), false, normal -> response.clone());
        }

        /** The connection closes after the request, without an answer; nothing happens (a reset). */
        static Fault dropBeforeAnswer() {
            return new Fault("drop before answer", false,
                    normal -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        }

        /** Telegram does it, but the connection breaks while answering: the bot cannot know. */
        static Fault dropDuringAnswer() {
            return new Fault("drop during answer", true,
                    normal -> normal.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        }

        /** Telegram does it and answers normally, after {@code delay}. */
        static Fault slow(Duration delay) {
            return new Fault("slow " + delay.toMillis() + " ms", true,
                    normal -> normal.setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        }

        /** Telegram, overloaded, answers a 502 page only after {@code delay}; nothing happens. */
        static Fault stall(Duration delay) {
            return new Fault("stall " + delay.toMillis() + " ms", false, normal -> badGateway()
                    .setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** An update to serve again, to a poll that arrives after {@code since} (not to a closed bot's dangling poll). */
    private record Redelivery(ObjectNode update, long since) {
    }

    /** A fault for the next {@code remaining} calls that match (a negative count: every one). */
    private static final class Script {
        final Predicate<Call> which;
        final Fault fault;
        int remaining;

        Script(Predicate<Call> which, Fault fault, int times) {
            this.which = which;
            this.fault = fault;
            this.remaining = times;
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Every update delivered, kept like Telegram keeps them until confirmed. */
    private final List<ObjectNode> updates = new CopyOnWriteArrayList<>();
    /** Updates served again on the next poll whatever its offset: a re-delivery Telegram should not make. */
    private final ConcurrentLinkedQueue<Redelivery> redeliveries = new ConcurrentLinkedQueue<>();
    private final List<Script> scripts = new ArrayList<>();
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private final AtomicInteger messageIds = new AtomicInteger(500);
    private final AtomicInteger lastKeyboardMessageId = new AtomicInteger();
    /** The highest update id confirmed by a getUpdates offset above it. */
    private final AtomicInteger confirmed = new AtomicInteger();
    private volatile Duration emptyPollHold = Duration.ofMillis(150);
    private volatile boolean closed;

    FakeBotApi() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }

            @Override
            public MockResponse peek() {
                // Asked once per new connection, before any request is read.
                if (refusedConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START);
                }
                return super.peek();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://" + server.getHostName() + ":" + server.getPort());
    }

    /** The next {@code times} calls matching {@code which} go wrong as {@code fault} says (a negative count: every one). */
    void inject(Predicate<Call> which, Fault fault, int times) {
        synchronized (scripts) {
            scripts.add(new Script(which, fault, times));
        }
    }

    /** The next call of {@code method} gets {@code response} instead of success. */
    void failNext(String method, MockResponse response) {
        inject(c -> c.is(method), Fault.answer(response), 1);
    }

    /** The next {@code count} new connections are closed at once, before any request is read. */
    void refuseConnections(int count) {
        refusedConnections.set(count);
    }

    /** Removes every fault still waiting. */
    void heal() {
        synchronized (scripts) {
            scripts.clear();
        }
        refusedConnections.set(0);
    }

    static MockResponse error(int code, String description) {
        ObjectNode body = Updates.JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        return json(code, body);
    }

    static MockResponse tooManyRequests(int retryAfterSeconds) {
        ObjectNode body = Updates.JSON.createObjectNode().put("ok", false).put("error_code", 429)
                .put("description", "Too Many Requests: retry after " + retryAfterSeconds);
        body.putObject("parameters").put("retry_after", retryAfterSeconds);
        return json(429, body);
    }

    /** What a proxy in front of Telegram answers when Telegram is down: a page, not JSON. */
    static MockResponse badGateway() {
        return new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
                .setBody("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }

    static MockResponse blocked() {
        return error(403, "Forbidden: bot was blocked by the user");
    }

    /** How long a getUpdates call with nothing to deliver is held before its empty answer. */
    void holdEmptyPolls(Duration hold) {
        emptyPollHold = hold;
    }

    void deliver(ObjectNode update) {
        updates.add(update);
    }

    /** Serves {@code update} again on the next poll, although it may have been confirmed. */
    void redeliver(ObjectNode update) {
        redeliveries.add(new Redelivery(update, System.nanoTime()));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls other than getUpdates and deleteWebhook that took effect: what a person would see, in order. */
    List<Call> visible() {
        return calls.stream().filter(Call::shown)
                .filter(c -> !c.is("getUpdates") && !c.is("deleteWebhook") && !c.is("setMyCommands")).toList();
    }

    /** Every call of {@code method}, including those that failed. */
    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.is(method)).toList();
    }

    /** The calls of {@code method} that took effect. */
    List<Call> shown(String method) {
        return calls.stream().filter(c -> c.is(method) && c.shown()).toList();
    }

    Call last(String method) {
        List<Call> matching = shown(method);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + method + " call took effect; calls were " + calls);
        }
        return matching.get(matching.size() - 1);
    }

    /** The id of the last message sent with buttons: the one a person would tap next. */
    int lastKeyboardMessageId() {
        return lastKeyboardMessageId.get();
    }

    /** Waits until some call matches; the bot works on its own threads. */
    Call await(Predicate<Call> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Call call : calls) {
                if (condition.test(call)) {
                    return call;
                }
            }
            sleep(10);
        }
        throw new AssertionError("no matching call within " + timeout + "; calls were " + calls);
    }

    /** Waits until {@code count} calls match. */
    List<Call> awaitCount(Predicate<Call> condition, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Call> matching = calls.stream().filter(condition).toList();
            if (matching.size() >= count) {
                return matching;
            }
            sleep(10);
        }
        throw new AssertionError("fewer than " + count + " matching calls within " + timeout + "; calls were " + calls);
    }

    /**
     * Waits until the poller asks for updates after {@code updateId}: the library polls again
     * only when the consumer has finished the batch, so that update's replies are queued.
     */
    void awaitHandled(int updateId) {
        await(c -> c.is("getUpdates") && c.body().path("offset").asInt() > updateId, Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath().toLowerCase(Locale.ROOT);
        String prefix = "/bot" + TOKEN.toLowerCase(Locale.ROOT) + "/";
        if (!path.startsWith(prefix)) {
            return error(404, "Not Found");
        }
        String method = path.substring(prefix.length());
        JsonNode body = parse(request.getBody().readUtf8());
        Fault fault;
        synchronized (calls) {
            long at = System.nanoTime();
            int n = (int) calls.stream().filter(c -> c.method().equals(method)).count() + 1;
            fault = faultFor(new Call(method, body, n, at, true));
            calls.add(new Call(method, body, n, at, fault == null || fault.takesEffect()));
        }
        if (fault != null && !fault.takesEffect()) {
            return fault.shape().apply(null);
        }
        MockResponse normal = normal(method, body);
        return fault == null ? normal : fault.shape().apply(normal);
    }

    private Fault faultFor(Call call) {
        synchronized (scripts) {
            for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
                Script script = it.next();
                if (script.which.test(call)) {
                    if (script.remaining > 0 && --script.remaining == 0) {
                        it.remove();
                    }
                    return script.fault;
                }
            }
        }
        return null;
    }

    private MockResponse normal(String method, JsonNode body) {
        switch (method) {
            case "deletewebhook":
            case "setmycommands":
            case "answercallbackquery":
            case "answerinlinequery":
                return ok(Updates.JSON.getNodeFactory().booleanNode(true));
            case "sendmessage": {
                int id = messageIds.incrementAndGet();
                if (body.has("reply_markup")) {
                    lastKeyboardMessageId.set(id);
                }
                return ok(message(id, body));
            }
            case "editmessagetext":
                return ok(message(body.path("message_id").asInt(), body));
            case "getupdates":
                return ok(pendingUpdates(body.path("offset").asInt(), System.nanoTime()));
            default:
                return error(404, "Not Found: method " + method);
        }
    }

    private ArrayNode pendingUpdates(int offset, long arrived) {
        confirmed.accumulateAndGet(offset - 1, Math::max);
        ArrayNode result = Updates.JSON.createArrayNode();
        long deadline = System.nanoTime() + emptyPollHold.toNanos();
        while (true) {
            for (Redelivery again : redeliveries) {
                if (again.since() < arrived && redeliveries.remove(again)) {
                    result.add(again.update());
                }
            }
            int from = Math.max(offset, confirmed.get() + 1);
            updates.stream().filter(u -> u.path("update_id").asInt() >= from).forEach(result::add);
            if (!result.isEmpty() || closed || System.nanoTime() >= deadline) {
                return result;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    private static ObjectNode message(int id, JsonNode request) {
        ObjectNode message = Updates.JSON.createObjectNode().put("message_id", id).put("date", 1_764_000_100);
        message.putObject("chat").put("id", request.path("chat_id").asLong()).put("type", "private");
        message.put("text", request.path("text").asText());
        return message;
    }

    private static MockResponse ok(JsonNode result) {
        ObjectNode body = Updates.JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        return json(200, body);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return Updates.JSON.createObjectNode();
        }
        try {
            return Updates.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
