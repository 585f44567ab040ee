package org.backtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local stand-in for the Bot API, cheap enough not to be what is measured: plain HTTP/1.1 with
 * keep-alive, one thread per connection (the bot opens a handful: its poller and its senders), so
 * a call costs one read and one write and no hand-over between threads; answers are written by
 * hand. getUpdates honours offset, limit and timeout over an {@link UpdateQueue}; sendMessage
 * answers a Message with a fresh message_id; editMessageText a Message; every other method
 * {@code {"ok":true,"result":true}}. What the bot sends to people goes to the {@link Recipient}.
 */
final class BotApiServer implements AutoCloseable {
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
    /** Longest getUpdates wait this server grants, whatever the bot asks. */
    private static final long MAX_POLL_MILLIS = 50_000;
    /** More connections than this means something is wrong with the bot's connection pooling. */
    private static final int MOST_CONNECTIONS = 64;

    private final String token;
    private final UpdateQueue updates;
    private final Recipient recipient;
    private final ServerSocket server;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(100);
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicLong firstPollAt = new AtomicLong();
    private final AtomicLong firstCallAt = new AtomicLong();
    private final AtomicLong lastCallAt = new AtomicLong();
    private volatile boolean closed;

    BotApiServer(String token, UpdateQueue updates, Recipient recipient) {
        this.token = token;
        this.updates = updates;
        this.recipient = recipient;
        try {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local port for the fake Bot API", e);
        }
        start("bot-api-accept", this::accept);
    }

    /** {@code http://127.0.0.1:<port>}: what the bot's TELEGRAM_API_URL is set to. */
    URI baseUrl() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
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

    /** Connections the bot opened so far. */
    int connectionsOpened() {
        return connectionCount.get();
    }

    /** CPU time of this server's threads (user and system), in nanoseconds. */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return threads.stream().mapToLong(thread -> Math.max(0, mx.getThreadCpuTime(thread.getId()))).sum();
    }

    @Override
    public void close() {
        closed = true;
        updates.close();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(BotApiServer::closeQuietly);
    }

    private void start(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                // Keep finished threads' CPU out of the sum only once they are gone; it is small.
                threads.remove(Thread.currentThread());
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                if (connectionCount.incrementAndGet() > MOST_CONNECTIONS) {
                    recipient.unexpected("over " + MOST_CONNECTIONS + " connections from the bot");
                }
                socket.setTcpNoDelay(true);
                connections.add(socket);
                start("bot-api-" + connectionCount.get(), () -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    recipient.unexpected("accepting a connection failed: " + e);
                }
            }
        }
    }

    /** HTTP/1.1 requests on one connection, one after another, until the bot closes it. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    } else if (name.equals("transfer-encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    } else if (name.equals("connection")) {
                        close = value.equalsIgnoreCase("close");
                    }
                }
                byte[] body = chunked ? chunks(in) : in.readNBytes((int) length);
                String[] parts = requestLine.split(" ");
                Answer answer = answer(parts.length > 1 ? parts[1] : "", body, System.nanoTime());
                out.write(answer.bytes());
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The bot closed the connection (or is stopping): nothing to answer.
        } finally {
            connections.remove(socket);
        }
    }

    /** An HTTP answer, status line to body, written at once. */
    private record Answer(int status, byte[] body) {
        byte[] bytes() {
            byte[] head = ("HTTP/1.1 " + status + (status == 200 ? " OK" : " Error")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }

    private Answer answer(String path, byte[] body, long now) {
        try {
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                recipient.unexpected("a call to " + path.replace(token, "<token>"));
                return new Answer(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
            String method = path.substring(prefix.length());
            calls.computeIfAbsent(method, m -> new LongAdder()).increment();
            firstCallAt.compareAndSet(0, now);
            switch (method.toLowerCase(Locale.ROOT)) {
                case "getupdates":
                    firstPollAt.compareAndSet(0, now);
                    return new Answer(200, poll(json(body)));
                case "sendmessage": {
                    lastCallAt.set(now);
                    JsonNode message = json(body);
                    long chatId = message.path("chat_id").asLong();
                    int messageId = messageIds.incrementAndGet();
                    recipient.sent(chatId, messageId, message, now);
                    return new Answer(200, message(messageId, chatId));
                }
                case "editmessagetext": {
                    lastCallAt.set(now);
                    JsonNode edit = json(body);
                    long chatId = edit.path("chat_id").asLong();
                    int messageId = edit.path("message_id").asInt();
                    recipient.edited(chatId, messageId, edit, now);
                    return new Answer(200, message(messageId, chatId));
                }
                case "answercallbackquery":
                    lastCallAt.set(now);
                    recipient.answered(json(body).path("callback_query_id").asText(), now);
                    return new Answer(200, OK_TRUE);
                default:
                    // deleteWebhook, setMyCommands, answerInlineQuery, and anything else.
                    return new Answer(200, OK_TRUE);
            }
        } catch (RuntimeException e) {
            recipient.unexpected("the fake Bot API failed on a call: " + e);
            return new Answer(500, "{\"ok\":false,\"error_code\":500,\"description\":\"bench server failed\"}".getBytes(StandardCharsets.UTF_8));
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

    /** One line of an HTTP head, without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** A chunked body (OkHttp sends one only when it does not know the length up front). */
    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
