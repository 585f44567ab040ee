package org.backtriage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local HTTP server standing in for the Bot API: records every call with its JSON body,
 * answers like Telegram, serves delivered updates to getUpdates from the requested offset on
 * (holding an empty poll briefly, as Telegram holds it for its timeout), and fails calls on
 * request.
 */
final class FakeBotApi implements AutoCloseable {
    /** Shaped like a real token, so nothing treats it specially. */
    static final String TOKEN = "123456789:AAHfakeTOKENforTESTSonly-never_logged";

    /** One Bot API call: the method name in lower case and the JSON body. */
    record Call(String method, JsonNode body) {
        String text() {
            return body.path("text").asText();
        }

        /** Every button of the inline keyboard, row after row, as "label=data". */
        List<String> buttons() {
            List<String> buttons = new ArrayList<>();
            body.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button ->
                    buttons.add(button.path("text").asText() + "=" + button.path("callback_data").asText())));
            return buttons;
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Every update delivered, kept like Telegram keeps them; a poll gets those from its offset on. */
    private final List<ObjectNode> updates = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<MockResponse>> failures = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(500);
    private final AtomicInteger lastKeyboardMessageId = new AtomicInteger();
    private volatile Duration emptyPollHold = Duration.ofMillis(150);
    private volatile boolean closed;

    FakeBotApi() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
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

    /** The next call of {@code method} gets {@code response} instead of success. */
    void failNext(String method, MockResponse response) {
        failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ConcurrentLinkedDeque<>()).add(response);
    }

    static MockResponse error(int code, String description) {
        ObjectNode body = Updates.JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    /** How long a getUpdates call with nothing to deliver is held before its empty answer. */
    void holdEmptyPolls(Duration hold) {
        emptyPollHold = hold;
    }

    void deliver(ObjectNode update) {
        updates.add(update);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls other than getUpdates and deleteWebhook: what a person would see, in order. */
    List<Call> visible() {
        return calls.stream().filter(c -> !c.method().equals("getupdates") && !c.method().equals("deletewebhook")).toList();
    }

    List<Call> calls(String method) {
        String name = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(name)).toList();
    }

    Call last(String method) {
        List<Call> matching = calls(method);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + method + " call; calls were " + calls);
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

    /**
     * Waits until the poller asks for updates after {@code updateId}: the library polls again
     * only when the consumer has finished the batch, so everything for that update was sent.
     */
    void awaitHandled(int updateId) {
        await(c -> c.method().equals("getupdates") && c.body().path("offset").asInt() > updateId, Duration.ofSeconds(5));
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
        calls.add(new Call(method, body));
        Deque<MockResponse> scripted = failures.get(method);
        MockResponse failure = scripted == null ? null : scripted.poll();
        if (failure != null) {
            return failure;
        }
        switch (method) {
            case "deletewebhook":
            case "setmycommands":
            case "answercallbackquery":
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
                return ok(pendingUpdates(body.path("offset").asInt()));
            default:
                return error(404, "Not Found: method " + method);
        }
    }

    private ArrayNode pendingUpdates(int offset) {
        ArrayNode result = Updates.JSON.createArrayNode();
        long deadline = System.nanoTime() + emptyPollHold.toNanos();
        while (true) {
            updates.stream().filter(u -> u.path("update_id").asInt() >= offset).forEach(result::add);
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
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
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
