package org.backtriage.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.backtriage.logging.Subsystem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * An HTTP/1.1 server (Jetty, its core {@link Handler} API) that slow or stalled clients cannot
 * tie up: a connection silent for the idle timeout is closed, and so is one not answered within
 * the request timeout of opening or of its previous answer (a client trickling its request a byte
 * at a time is never idle); a few threads serve, and requests beyond what they and a short line
 * can take are refused with 503. A connection holds no thread while its request is still coming.
 * Connections stay open between requests (keep-alive) until idle. Paths served apart (the
 * operator's /healthz and /metrics) have threads and a line of their own, so nothing the other
 * paths receive holds them up. A path with a dot segment ({@code .} or {@code ..}, however
 * encoded) is refused with 400: a proxy forwarding one prefix reaches nothing outside it. Both
 * the operator endpoint and the webhook stand on it, each on a server of its own, so webhook
 * traffic never holds up a health check.
 */
public final class HttpServer implements AutoCloseable {
    /** The request line and headers; anything longer is refused with 431. */
    static final int MAX_REQUEST_HEAD = 8 * 1024;
    public static final String TEXT = "text/plain; charset=utf-8";

    /**
     * @param idle the longest a connection may stay silent while a request or the next one is due
     * @param request the longest from opening a connection, or from its previous answer, to the next answer
     * @param threads requests handled at once
     * @param waiting requests ready and waiting for a thread; more are refused
     */
    public record Limits(Duration idle, Duration request, int threads, int waiting) {
        /** The operator endpoint's: its answers are quick. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, 16);

        public Limits {
            if (idle.isNegative() || idle.isZero() || request.isNegative() || request.isZero() || threads < 1 || waiting < 1) {
                throw new IllegalArgumentException("HTTP limits must be positive: " + idle + ", " + request + ", "
                        + threads + " threads, " + waiting + " waiting");
            }
        }
    }

    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Serves {@code handler} on {@code address} (port 0 picks a free one) from now on;
     * {@code what} names the server in errors, e.g. "operator HTTP".
     *
     * @throws HttpServerException when the address cannot be bound, naming the port
     */
    public static HttpServer start(String what, InetSocketAddress address, Limits limits, Handler handler) {
        return start(what, address, limits, Set.of(), handler);
    }

    /**
     * As above, serving the paths {@code apart} (e.g. /healthz) on threads of their own: as many,
     * and as long a line, as {@code limits} gives all the other paths together.
     */
    public static HttpServer start(String what, InetSocketAddress address, Limits limits, Set<String> apart, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        if (address.isUnresolved()) {
            throw new HttpServerException("cannot listen for " + what + " on " + address.getHostString() + ":" + address.getPort()
                    + ": unknown host", null);
        }
        // Besides the requests served at once (in each lane): the selector's thread, which accepts
        // and reads, and one for Jetty's own short tasks. Requests beyond them wait without a thread (QoSHandler).
        QueuedThreadPool threads = new QueuedThreadPool((apart.isEmpty() ? 1 : 2) * limits.threads() + 2, 2);
        threads.setReservedThreads(0);
        threads.setDaemon(true);
        threads.setName(what.replace(' ', '-').toLowerCase(Locale.ROOT));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEAD);
        http.setSendServerVersion(false);
        http.setIdleTimeout(limits.idle().toMillis());
        // No acceptor threads: the selector accepts.
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idle().toMillis());
        AnswerDeadlines deadlines = new AnswerDeadlines(server.getScheduler(), limits.request());
        connector.addEventListener(deadlines);
        server.addConnector(connector);
        Handler deadlined = new Handler.Wrapper(handler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Connection connection = request.getConnectionMetaData().getConnection();
                Request.addCompletionListener(request, failure -> deadlines.answered(connection));
                return super.handle(request, response, callback);
            }
        };
        // Each lane lets its requests through a QoSHandler of its own, and passes the other lane's by.
        Handler lanes = lane(deadlined, limits, request -> !apart.contains(Request.getPathInContext(request)));
        if (!apart.isEmpty()) {
            lanes = lane(lanes, limits, request -> apart.contains(Request.getPathInContext(request)));
        }
        server.setHandler(new GracefulHandler(new DotSegments(lanes)));
        server.setErrorHandler(HttpServer::plainError);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new HttpServerException("cannot listen for " + what + " on port " + address.getPort() + ": " + e.getMessage(), e);
        }
        return new HttpServer(server, connector);
    }

    /** At most {@code limits.threads()} of the requests {@code takes} served at once, {@code limits.waiting()} more waiting. */
    private static Handler lane(Handler next, Limits limits, Predicate<Request> takes) {
        QoSHandler lane = new QoSHandler(next);
        lane.include(takes);
        lane.setMaxRequestCount(limits.threads());
        lane.setMaxSuspendedRequestCount(limits.waiting());
        lane.setMaxSuspend(limits.request());
        return lane;
    }

    /** The port actually bound; differs from the one asked for when that was 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Where it listens, e.g. "127.0.0.1:8080". */
    public String where() {
        return connector.getHost() + ":" + port();
    }

    /** Writes a whole plain-text answer: {@code body} and a line end. */
    public static void answer(Response response, Callback callback, int status, String body, Map<String, String> headers) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.forEach(response.getHeaders()::put);
        Content.Sink.write(response, true, body.endsWith("\n") ? body : body + "\n", callback);
    }

    /** Jetty's own refusals (a malformed request, headers too long...) as one line of text, not a page. */
    private static boolean plainError(Request request, Response response, Callback callback) {
        String reason = HttpStatus.getMessage(response.getStatus()).toLowerCase(Locale.ROOT);
        answer(response, callback, response.getStatus(), reason, Map.of());
        return true;
    }

    /** Stops listening at once, closes every connection and ends the threads. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    /** Stops listening, lets requests being handled finish for up to {@code grace}, then closes everything. */
    public void stop(Duration grace) {
        server.setStopTimeout(grace.toMillis());
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the threads are daemons and the port is released either way.
            Subsystem.OPS.logger().debug("stopping an HTTP server: {}", e.toString());
        }
    }

    /**
     * Closes a connection that has gone {@code limit} without an answer, counted from its opening
     * or from its previous answer. A connection waiting for a thread, or being served, counts too.
     */
    private static final class AnswerDeadlines implements Connection.Listener {
        private final Scheduler scheduler;
        private final Duration limit;
        private final Map<Connection, Scheduler.Task> due = new ConcurrentHashMap<>();

        AnswerDeadlines(Scheduler scheduler, Duration limit) {
            this.scheduler = scheduler;
            this.limit = limit;
        }

        @Override
        public void onOpened(Connection connection) {
            arm(connection);
        }

        @Override
        public void onClosed(Connection connection) {
            Scheduler.Task task = due.remove(connection);
            if (task != null) {
                task.cancel();
            }
        }

        void answered(Connection connection) {
            if (connection.getEndPoint().isOpen()) {
                arm(connection);
            }
        }

        private void arm(Connection connection) {
            Scheduler.Task task = scheduler.schedule(() -> connection.getEndPoint().close(), limit.toNanos(), TimeUnit.NANOSECONDS);
            Scheduler.Task previous = due.put(connection, task);
            if (previous != null) {
                previous.cancel();
            }
            if (!connection.getEndPoint().isOpen()) {
                // Closed meanwhile, perhaps before onClosed's removal: nothing may stay behind.
                onClosed(connection);
            }
        }
    }
}
