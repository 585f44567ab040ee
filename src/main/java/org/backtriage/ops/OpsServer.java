package org.backtriage.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoint: {@code GET /healthz} (200 "ok", or 503 with the reason) and
 * {@code GET /metrics} (Prometheus text). Serves from the moment it is constructed; slow or
 * stalled clients are cut off ({@link BoundedHttpServer}), so they cannot hold up a health check.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    /** How long polling may go without a success (or, at start-up, before the first one). */
    public static final Duration DEFAULT_POLL_WINDOW = Duration.ofMinutes(3);
    /** Where the endpoint listens unless told otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private final Monitoring monitoring;
    private final Health health;
    private final BoundedHttpServer server;
    private boolean closed;

    /** Listens on {@code port} of {@link #DEFAULT_HOST}, with the default poll window. */
    public OpsServer(int port, Monitoring monitoring, BooleanSupplier databaseUp) {
        this(DEFAULT_HOST, port, monitoring, databaseUp);
    }

    /** Listens on {@code port} of {@code host} (an address or a name; 0.0.0.0 for every interface). */
    public OpsServer(String host, int port, Monitoring monitoring, BooleanSupplier databaseUp) {
        this(new InetSocketAddress(host, checkPort(port)), monitoring, databaseUp, DEFAULT_POLL_WINDOW);
    }

    /**
     * Listens on {@code address} (port 0 picks a free one, see {@link #port}).
     * {@code databaseUp} is called on every health check, so it must be quick; it may throw,
     * which counts as down.
     *
     * @throws OpsException when the address cannot be bound
     */
    public OpsServer(InetSocketAddress address, Monitoring monitoring, BooleanSupplier databaseUp, Duration pollWindow) {
        this(address, monitoring, databaseUp, pollWindow, BoundedHttpServer.Limits.DEFAULT);
    }

    OpsServer(InetSocketAddress address, Monitoring monitoring, BooleanSupplier databaseUp, Duration pollWindow,
              BoundedHttpServer.Limits limits) {
        Objects.requireNonNull(address, "address");
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(databaseUp, "databaseUp");
        if (pollWindow.isNegative() || pollWindow.isZero()) {
            throw new IllegalArgumentException("poll window must be positive: " + pollWindow);
        }
        this.health = new Health(monitoring, databaseUp, pollWindow);
        if (address.isUnresolved()) {
            throw new OpsException("cannot listen for operator HTTP on " + address.getHostString() + ":" + address.getPort()
                    + ": unknown host", null);
        }
        try {
            this.server = new BoundedHttpServer(address, limits, this::handle);
        } catch (IOException e) {
            throw new OpsException("cannot listen for operator HTTP on port " + address.getPort() + ": " + e.getMessage(), e);
        }
        log.info("Operator endpoint listening on {}: GET /healthz, GET /metrics", where());
    }

    /** The port actually bound; differs from the one asked for when that was 0. */
    public int port() {
        return server.address().getPort();
    }

    /** Where it listens, e.g. "127.0.0.1:8080". */
    public String where() {
        return server.address().getAddress().getHostAddress() + ":" + port();
    }

    private BoundedHttpServer.Response handle(String method, String path) {
        try {
            if (!path.equals("/healthz") && !path.equals("/metrics")) {
                return text(404, "not found; try /healthz or /metrics", Map.of());
            }
            if (!method.equals("GET")) {
                return text(405, "method not allowed; use GET", Map.of("Allow", "GET"));
            }
            if (path.equals("/healthz")) {
                Optional<String> problem = health.problem();
                return text(problem.isPresent() ? 503 : 200, problem.orElse("ok"), Map.of());
            }
            return response(200, METRICS_CONTENT_TYPE, monitoring.scrape(), Map.of());
        } catch (RuntimeException e) {
            log.error("operator endpoint failed on {} {}", method, path, e);
            return text(500, "internal error", Map.of());
        }
    }

    private static BoundedHttpServer.Response text(int status, String body, Map<String, String> headers) {
        return response(status, TEXT_CONTENT_TYPE, body, headers);
    }

    private static BoundedHttpServer.Response response(int status, String contentType, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Cache-Control", "no-store");
        return new BoundedHttpServer.Response(status, contentType, body.endsWith("\n") ? body : body + "\n", all);
    }

    /** Stops listening at once and ends the server's threads. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535: " + port);
        }
        return port;
    }
}
