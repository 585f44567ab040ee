package org.backtriage.ops;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.backtriage.http.HttpServer;
import org.backtriage.logging.Subsystem;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * The operator's HTTP endpoint: {@code GET /healthz} (200 "ok", or 503 with the reason) and
 * {@code GET /metrics} (Prometheus text). Serves from the moment it is constructed, on an
 * {@link HttpServer} of its own that slow or stalled clients cannot tie up, so they cannot hold
 * up a health check, and neither can webhook traffic. Whatever else it serves (the body map)
 * runs on threads apart from those two paths', so nothing sent there holds them up either.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = Subsystem.OPS.logger();
    /** How long polling (or webhook traffic) may go without a success (or, at start-up, before the first one). */
    public static final Duration DEFAULT_POLL_WINDOW = Duration.ofMinutes(3);
    /** Where the endpoint listens unless told otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String TEXT_CONTENT_TYPE = HttpServer.TEXT;
    private static final String HEALTHZ = "/healthz";
    private static final String METRICS = "/metrics";

    /** How updates reach the bot, which is what /healthz checks besides the database. */
    public enum Intake {
        /** Long polling: a getUpdates call succeeded lately. */
        POLLING,
        /** Webhook: Telegram delivered lately, or its getWebhookInfo answered without a recent error. */
        WEBHOOK
    }

    private final Monitoring monitoring;
    private final Health health;
    /** Served beside /healthz and /metrics, each asked in turn; one that does not take a path leaves it to the next. */
    private final List<Handler> more;
    private final HttpServer server;
    private boolean closed;

    /**
     * How the endpoint serves: how long polling (or webhook traffic) may go without a success
     * ({@code pollWindow}); its server's {@code limits}; how updates reach the bot, which /healthz
     * checks besides the database; and {@code more} served beside /healthz and /metrics (e.g. the
     * body map's page and its answers), each asked in turn before the operator's paths, taking a
     * request by returning true.
     */
    public record Options(Duration pollWindow, HttpServer.Limits limits, Intake intake, List<Handler> more) {
        /** The default poll window and limits, for long polling, serving nothing more. */
        public static final Options DEFAULT = new Options(DEFAULT_POLL_WINDOW, HttpServer.Limits.DEFAULT, Intake.POLLING,
                List.of());

        public Options {
            if (pollWindow.isNegative() || pollWindow.isZero()) {
                throw new IllegalArgumentException("poll window must be positive: " + pollWindow);
            }
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(intake, "intake");
            more = List.copyOf(more);
        }

        public Options withPollWindow(Duration pollWindow) {
            return new Options(pollWindow, limits, intake, more);
        }

        public Options withLimits(HttpServer.Limits limits) {
            return new Options(pollWindow, limits, intake, more);
        }

        public Options withIntake(Intake intake) {
            return new Options(pollWindow, limits, intake, more);
        }

        public Options serving(List<? extends Handler> more) {
            return new Options(pollWindow, limits, intake, List.copyOf(more));
        }
    }

    /** Listens on {@code port} of {@link #DEFAULT_HOST}, with the default poll window. */
    public OpsServer(int port, Monitoring monitoring, BooleanSupplier databaseUp) {
        this(DEFAULT_HOST, port, monitoring, databaseUp);
    }

    /** Listens on {@code port} of {@code host} (an address or a name; 0.0.0.0 for every interface), for long polling. */
    public OpsServer(String host, int port, Monitoring monitoring, BooleanSupplier databaseUp) {
        this(address(host, port), monitoring, databaseUp, Options.DEFAULT);
    }

    /** Listens on {@code address} (port 0 picks a free one), for long polling, with {@code pollWindow}. */
    public OpsServer(InetSocketAddress address, Monitoring monitoring, BooleanSupplier databaseUp, Duration pollWindow) {
        this(address, monitoring, databaseUp, Options.DEFAULT.withPollWindow(pollWindow));
    }

    /**
     * Listens on {@code address} (port 0 picks a free one, see {@link #port}).
     * {@code databaseUp} is called on every health check, so it must be quick; it may throw,
     * which counts as down.
     *
     * @throws org.backtriage.http.HttpServerException when the address cannot be bound
     */
    public OpsServer(InetSocketAddress address, Monitoring monitoring, BooleanSupplier databaseUp, Options options) {
        Objects.requireNonNull(address, "address");
        this.more = options.more();
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(databaseUp, "databaseUp");
        this.health = new Health(monitoring, databaseUp, options.pollWindow(), options.intake());
        // Blocking (the default): the database check may wait, so it runs on a thread of the pool, not the selector.
        // The operator's own paths apart: what the body map (or anyone) sends elsewhere never holds up a health check.
        this.server = HttpServer.start("operator HTTP", address, options.limits(), Set.of(HEALTHZ, METRICS),
                new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return OpsServer.this.handle(request, response, callback);
            }
        });
        log.info("Operator endpoint listening on {}: GET /healthz, GET /metrics", where());
    }

    /** {@code port} of {@code host} (an address or a name; 0.0.0.0 for every interface); the port from 1 to 65535. */
    public static InetSocketAddress address(String host, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535: " + port);
        }
        return new InetSocketAddress(host, port);
    }

    /** The port actually bound; differs from the one asked for when that was 0. */
    public int port() {
        return server.port();
    }

    /** Where it listens, e.g. "127.0.0.1:8080". */
    public String where() {
        return server.where();
    }

    private boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            for (Handler handler : more) {
                if (handler.handle(request, response, callback)) {
                    return true;
                }
            }
            if (!path.equals(HEALTHZ) && !path.equals(METRICS)) {
                HttpServer.answer(response, callback, 404, "not found; try /healthz or /metrics", Map.of());
            } else if (!method.equals("GET")) {
                HttpServer.answer(response, callback, 405, "method not allowed; use GET", Map.of("Allow", "GET"));
            } else if (path.equals(HEALTHZ)) {
                Optional<String> problem = health.problem();
                HttpServer.answer(response, callback, problem.isPresent() ? 503 : 200, problem.orElse("ok"), Map.of());
            } else {
                HttpServer.answer(response, callback, 200, monitoring.scrape(), Map.of("Content-Type", METRICS_CONTENT_TYPE));
            }
        } catch (Exception e) {
            log.error("operator endpoint failed on {} {}", method, path, e);
            HttpServer.answer(response, callback, 500, "internal error", Map.of());
        }
        return true;
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
}
