package org.backtriage.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoint: {@code GET /healthz} (200 "ok", or 503 with the reason) and
 * {@code GET /metrics} (Prometheus text). Serves from the moment it is constructed.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    /** How long polling may go without a success (or, at start-up, before the first one). */
    public static final Duration DEFAULT_POLL_WINDOW = Duration.ofMinutes(3);
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final int THREADS = 2;

    private final Monitoring monitoring;
    private final Health health;
    private final HttpServer server;
    private final ExecutorService executor;
    private boolean closed;

    /** Listens on {@code port} on every interface, with the default poll window. */
    public OpsServer(int port, Monitoring monitoring, BooleanSupplier databaseUp) {
        this(new InetSocketAddress(checkPort(port)), monitoring, databaseUp, DEFAULT_POLL_WINDOW);
    }

    /**
     * Listens on {@code address} (port 0 picks a free one, see {@link #port}).
     * {@code databaseUp} is called on every health check, so it must be quick; it may throw,
     * which counts as down.
     *
     * @throws OpsException when the address cannot be bound
     */
    public OpsServer(InetSocketAddress address, Monitoring monitoring, BooleanSupplier databaseUp, Duration pollWindow) {
        Objects.requireNonNull(address, "address");
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(databaseUp, "databaseUp");
        if (pollWindow.isNegative() || pollWindow.isZero()) {
            throw new IllegalArgumentException("poll window must be positive: " + pollWindow);
        }
        this.health = new Health(monitoring, databaseUp, pollWindow);
        try {
            this.server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new OpsException("cannot listen for operator HTTP on port " + address.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "ops-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("Operator endpoint listening on port {}: GET /healthz, GET /metrics", port());
    }

    /** The port actually bound; differs from the one asked for when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/healthz") && !path.equals("/metrics")) {
                respond(exchange, 404, TEXT_CONTENT_TYPE, "not found; try /healthz or /metrics");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, TEXT_CONTENT_TYPE, "method not allowed; use GET");
            } else if (path.equals("/healthz")) {
                Optional<String> problem = health.problem();
                respond(exchange, problem.isPresent() ? 503 : 200, TEXT_CONTENT_TYPE, problem.orElse("ok"));
            } else {
                respond(exchange, 200, METRICS_CONTENT_TYPE, monitoring.scrape());
            }
        } catch (RuntimeException e) {
            log.error("operator endpoint failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            respond(exchange, 500, TEXT_CONTENT_TYPE, "internal error");
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once and ends the server's threads. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535: " + port);
        }
        return port;
    }
}
