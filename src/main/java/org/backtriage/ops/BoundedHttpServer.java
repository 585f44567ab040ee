package org.backtriage.ops;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for a few GET endpoints that answer at once, which a slow or stalled
 * client cannot tie up: a connection that goes silent for the idle timeout, or has not been
 * answered within the request timeout, is closed; each connection carries one request; a few
 * threads serve, and connections beyond what they and a short line can take are closed at once.
 * (The JDK's own server has these limits only as JVM-wide system properties, off by default.)
 */
final class BoundedHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BoundedHttpServer.class);
    /** The request line and headers of a GET; anything longer is refused. */
    static final int MAX_REQUEST_HEAD = 8 * 1024;
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            405, "Method Not Allowed", 431, "Request Header Fields Too Large", 500, "Internal Server Error",
            503, "Service Unavailable");

    /**
     * @param idle the longest a connection may stay silent while its request is due
     * @param request the longest from accepting a connection to having answered it, waiting included
     * @param threads connections served at once
     * @param waiting connections accepted and waiting for a thread; more are closed at once
     */
    record Limits(Duration idle, Duration request, int threads, int waiting) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, 16);

        Limits {
            if (idle.isNegative() || idle.isZero() || request.isNegative() || request.isZero() || threads < 1 || waiting < 1) {
                throw new IllegalArgumentException("HTTP limits must be positive: " + idle + ", " + request + ", "
                        + threads + " threads, " + waiting + " waiting");
            }
        }
    }

    /** One answer; {@code headers} are sent besides Content-Type, Content-Length and Connection. */
    record Response(int status, String contentType, String body, Map<String, String> headers) {
        Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /** Answers a request for {@code path} (without the query) made with {@code method}; must be quick. */
    @FunctionalInterface
    interface Handler {
        Response handle(String method, String path);
    }

    private final Limits limits;
    private final Handler handler;
    private final ServerSocket listening;
    private final ThreadPoolExecutor serving;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Listens on {@code address} at once. */
    BoundedHttpServer(InetSocketAddress address, Limits limits, Handler handler) throws IOException {
        this.limits = limits;
        this.handler = handler;
        this.listening = new ServerSocket();
        try {
            listening.bind(address, 50);
        } catch (IOException e) {
            listening.close();
            throw e;
        }
        AtomicInteger count = new AtomicInteger();
        this.serving = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.waiting()), task -> daemon(task, "ops-http-" + count.incrementAndGet()));
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "ops-http-deadlines"));
        deadlines.setRemoveOnCancelPolicy(true);
        this.acceptor = daemon(this::accept, "ops-http-accept");
        acceptor.start();
    }

    /** The address actually bound: its port differs from the one asked for when that was 0. */
    InetSocketAddress address() {
        return (InetSocketAddress) listening.getLocalSocketAddress();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("operator endpoint: accepting a connection failed: {}", e.getMessage());
                    pause(); // e.g. out of file descriptors: no tight loop
                }
                continue;
            }
            open.add(socket);
            // One deadline for all of it, waiting for a thread included: a client that reads the
            // answer slowly is cut off too, which a read timeout alone would not do.
            ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(socket),
                    limits.request().toNanos(), TimeUnit.NANOSECONDS);
            try {
                serving.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        deadline.cancel(false);
                        closeQuietly(socket);
                    }
                });
            } catch (RejectedExecutionException busy) {
                log.debug("operator endpoint: {} connections busy or waiting; one more closed at once",
                        limits.threads() + limits.waiting());
                deadline.cancel(false);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout((int) Math.max(1, limits.idle().toMillis()));
            String head = readHead(new BufferedInputStream(socket.getInputStream()));
            if (head == null) {
                respond(socket, new Response(431, "text/plain; charset=utf-8", "request too long", Map.of()));
                return;
            }
            String[] requestLine = head.lines().findFirst().orElse("").split(" ");
            if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
                respond(socket, new Response(400, "text/plain; charset=utf-8", "bad request", Map.of()));
                return;
            }
            respond(socket, handler.handle(requestLine[0], path(requestLine[1])));
        } catch (SocketTimeoutException e) {
            log.debug("operator endpoint: a connection went silent for {} ms; closed", limits.idle().toMillis());
        } catch (IOException e) {
            // Closed by its deadline, or by the client.
            log.debug("operator endpoint: a connection ended early: {}", e.getMessage());
        }
    }

    /** The request line and headers, up to the empty line; null when longer than {@link #MAX_REQUEST_HEAD}. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int newlines = 0;
        while (head.size() < MAX_REQUEST_HEAD) {
            int b = in.read();
            if (b == -1) {
                throw new SocketException("the connection closed before the request was complete");
            }
            head.write(b);
            if (b == '\n') {
                if (++newlines == 2) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            } else if (b != '\r') {
                newlines = 0;
            }
        }
        return null;
    }

    /** The path of a request target, without its query: "/healthz?x=1" or "http://host/healthz" give "/healthz". */
    private static String path(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static void respond(Socket socket, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(REASONS.getOrDefault(response.status(), "Status")).append("\r\n")
                .append("Content-Type: ").append(response.contentType()).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        // Tell the client the answer is complete before closing, so it reads all of it.
        socket.shutdownOutput();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("operator endpoint: closing a connection failed: {}", e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops listening, closes every open connection and ends the threads. */
    @Override
    public void close() {
        closed = true;
        try {
            listening.close();
        } catch (IOException e) {
            log.debug("operator endpoint: closing the listening socket failed: {}", e.getMessage());
        }
        open.forEach(this::closeQuietly);
        serving.shutdownNow();
        deadlines.shutdownNow();
    }
}
