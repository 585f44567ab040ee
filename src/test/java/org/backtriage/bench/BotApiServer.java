package org.backtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local stand-in for the Bot API, fast enough not to be what is measured: the JDK HTTP server
 * (keep-alive, TCP_NODELAY) on a small fixed pool, answers written by hand. getUpdates honours
 * offset, limit and timeout over an {@link UpdateQueue}; sendMessage answers a Message with a
 * fresh message_id; every other method answers {@code {"ok":true,"result":true}}. What the
 * bot sends to people goes to the {@link Recipient}.
 */
final class BotApiServer implements AutoCloseable {
    static {
        // Without it small answers can wait for the peer's delayed ACK (Nagle), adding up to 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Where the bot's messages to people go; each call is checked and counted there. */
    interface Recipient {
        void sent(long chatId, int messageId, JsonNode body, long nanos);

        void edited(long chatId, int messageId, JsonNode body, long nanos);

        void answered(String queryId, long nanos);

        /** Something no person could be shown (a bad request, an unknown chat...). */
        void unexpected(String what);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OK_TRUE = "{\"ok\":true,\"result\":true}".getBytes(StandardCharsets.UTF_8);
    private static final int THREADS = 8;
    /** Longest getUpdates wait this server grants, whatever the bot asks. */
    private static final long MAX_POLL_MILLIS = 50_000;

    private final String token;
    private final UpdateQueue updates;
    private final Recipient recipient;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Set<Long> poolThreads = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(100);
    private final AtomicLong firstPollAt = new AtomicLong();
    private final AtomicLong firstCallAt = new AtomicLong();
    private final AtomicLong lastCallAt = new AtomicLong();

    BotApiServer(String token, UpdateQueue updates, Recipient recipient) {
        this.token = token;
        this.updates = updates;
        this.recipient = recipient;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(() -> {
                poolThreads.add(Thread.currentThread().getId());
                task.run();
            }, "bot-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local port for the fake Bot API", e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: what the bot's TELEGRAM_API_URL is set to. */
    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** System.nanoTime of the first getUpdates call, 0 before it. */
    long firstPollAt() {
        return firstPollAt.get();
    }

    /** System.nanoTime of the first call of any method (deleteWebhook or setMyCommands, in practice). */
    long firstCallAt() {
        return firstCallAt.get();
    }

    /** System.nanoTime of the latest call of any method other than getUpdates. */
    long lastCallAt() {
        return lastCallAt.get();
    }

    /** Calls so far by method, as the bot spells them. */
    Map<String, Long> calls() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((method, count) -> counts.put(method, count.sum()));
        return counts;
    }

    /** CPU time of the threads answering HTTP (the JDK server's dispatcher and the pool), in nanoseconds. */
    long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : poolThreads) {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HTTP-Dispatcher")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    @Override
    public void close() {
        updates.close();
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            String path = exchange.getRequestURI().getRawPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                recipient.unexpected("a call to " + path.replace(token, "<token>"));
                respond(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String method = path.substring(prefix.length());
            calls.computeIfAbsent(method, m -> new LongAdder()).increment();
            firstCallAt.compareAndSet(0, now);
            switch (method.toLowerCase(Locale.ROOT)) {
                case "getupdates":
                    firstPollAt.compareAndSet(0, now);
                    respond(exchange, 200, poll(json(body)));
                    return;
                case "sendmessage": {
                    lastCallAt.set(now);
                    JsonNode message = json(body);
                    long chatId = message.path("chat_id").asLong();
                    int messageId = messageIds.incrementAndGet();
                    recipient.sent(chatId, messageId, message, now);
                    respond(exchange, 200, message(messageId, chatId));
                    return;
                }
                case "editmessagetext": {
                    lastCallAt.set(now);
                    JsonNode edit = json(body);
                    long chatId = edit.path("chat_id").asLong();
                    int messageId = edit.path("message_id").asInt();
                    recipient.edited(chatId, messageId, edit, now);
                    respond(exchange, 200, message(messageId, chatId));
                    return;
                }
                case "answercallbackquery":
                    lastCallAt.set(now);
                    recipient.answered(json(body).path("callback_query_id").asText(), now);
                    respond(exchange, 200, OK_TRUE);
                    return;
                default:
                    // deleteWebhook, setMyCommands, answerInlineQuery, and anything else.
                    respond(exchange, 200, OK_TRUE);
            }
        } catch (RuntimeException e) {
            recipient.unexpected("the fake Bot API failed on a call: " + e);
            respond(exchange, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"bench server failed\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] poll(JsonNode request) {
        long offset = request.path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, request.path("limit").asInt(100)));
        long timeoutMillis = Math.min(MAX_POLL_MILLIS, request.path("timeout").asLong(0) * 1000);
        List<UpdateQueue.Pending> batch;
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
            out.writeBytes(batch.get(i).json());
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

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
