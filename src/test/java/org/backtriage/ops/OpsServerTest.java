package org.backtriage.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backtriage.Waits;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.http.HttpServer;
import org.backtriage.http.HttpServerException;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.testing.FreePorts;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator endpoint over real HTTP on loopback. */
class OpsServerTest {
    static final Duration WINDOW = Duration.ofMinutes(3);

    static OpsServer.Options limited(HttpServer.Limits limits) {
        return OpsServer.Options.DEFAULT.withPollWindow(WINDOW).withLimits(limits);
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Monitoring monitoring = new Monitoring(clock);
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final OpsServer server = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            monitoring, databaseUp::get, WINDOW);

    @AfterEach
    void close() {
        server.close();
        monitoring.close();
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    @Nested
    class Healthz {
        @Test
        void okWhenTheDatabaseAnswersAndAPollSucceededRecently() throws Exception {
            clock.advance(Duration.ofMinutes(10));
            monitoring.polled(true);
            clock.advance(Duration.ofMinutes(2));

            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
            assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        }

        @Test
        void okWhileStartingBeforeTheFirstPollWithinTheWindow() throws Exception {
            clock.advance(WINDOW);

            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        }

        @Test
        void unavailableWhenTheDatabaseDoesNotAnswer() throws Exception {
            monitoring.polled(true);
            databaseUp.set(false);

            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("database does not answer\n");
        }

        @Test
        void unavailableWhenTheDatabaseCheckThrows() throws Exception {
            try (OpsServer failing = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    monitoring, () -> {
                        throw new IllegalStateException("database is closed");
                    }, WINDOW)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + failing.port() + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).startsWith("database check failed: java.lang.IllegalStateException: database is closed");
            }
        }

        @Test
        void unavailableWhenTheLastSuccessfulPollIsOlderThanTheWindow() throws Exception {
            monitoring.polled(true);
            clock.advance(Duration.ofMinutes(3).plusSeconds(5));
            monitoring.polled(false);

            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo(
                    "no successful poll for updates for 185 s (allowed 180 s; last at 2025-03-01T10:00:00Z)\n");
        }

        @Test
        void aStandbyWhileAnotherInstancePollsIsHealthyWithoutPollsOfItsOwn() throws Exception {
            clock.advance(Duration.ofMinutes(4));
            monitoring.standingByToPoll();

            assertThat(get("/healthz").statusCode()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(3).plusSeconds(5));
            assertThat(get("/healthz").body()).as("the database said so too long ago")
                    .startsWith("no successful poll for updates since start");
        }

        @Test
        void unavailableWhenNoPollSucceededSinceStartWithinTheWindow() throws Exception {
            monitoring.polled(false);
            clock.advance(Duration.ofMinutes(4));

            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("no successful poll for updates since start 240 s ago (allowed 180 s)\n");
        }

        @Test
        void bothReasonsOnOneLineWhenBothFail() throws Exception {
            databaseUp.set(false);
            clock.advance(Duration.ofMinutes(5));

            HttpResponse<String> response = get("/healthz");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo(
                    "database does not answer; no successful poll for updates since start 300 s ago (allowed 180 s)\n");
        }

        @Test
        void recoversWhenPollingWorksAgain() throws Exception {
            clock.advance(Duration.ofMinutes(5));
            assertThat(get("/healthz").statusCode()).isEqualTo(503);

            monitoring.polled(true);

            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class WebhookHealth {
        final OpsServer webhook = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
                databaseUp::get, OpsServer.Options.DEFAULT.withPollWindow(WINDOW).withIntake(OpsServer.Intake.WEBHOOK));

        @AfterEach
        void closeWebhook() {
            webhook.close();
        }

        HttpResponse<String> health() throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void okWhenAWebhookRequestWithTheSecretCameWithinTheWindowPollsOrNot() throws Exception {
            clock.advance(Duration.ofMinutes(10));
            monitoring.webhookAnswered(200);
            clock.advance(Duration.ofMinutes(2));

            assertThat(health().statusCode()).isEqualTo(200);
            assertThat(health().body()).isEqualTo("ok\n");
        }

        @Test
        void forgedRequestsDoNotCountAsTraffic() throws Exception {
            clock.advance(Duration.ofMinutes(10));
            monitoring.webhookAnswered(403);

            HttpResponse<String> response = health();

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("no webhook request since start 600 s ago (allowed 180 s), and no answer"
                    + " from getWebhookInfo\n");
        }

        @Test
        void okWhenQuietButGetWebhookInfoAnsweredWithoutARecentError() throws Exception {
            monitoring.webhookAnswered(200);
            clock.advance(Duration.ofMinutes(10));
            monitoring.webhookInfo(java.util.Optional.empty());

            assertThat(health().statusCode()).isEqualTo(200);
        }

        @Test
        void unavailableWhenQuietAndGetWebhookInfoShowsAProblem() throws Exception {
            monitoring.webhookAnswered(200);
            clock.advance(Duration.ofMinutes(4));
            monitoring.webhookInfo(java.util.Optional.of("Telegram's last delivery failed at 2025-03-01T10:03:30Z: Connection refused"));

            HttpResponse<String> response = health();

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("no webhook request for 240 s (allowed 180 s; last at 2025-03-01T10:00:00Z),"
                    + " and getWebhookInfo says: Telegram's last delivery failed at 2025-03-01T10:03:30Z: Connection refused\n");
        }

        @Test
        void anOldGetWebhookInfoCountsForNothing() throws Exception {
            monitoring.webhookInfo(java.util.Optional.empty());
            clock.advance(Duration.ofMinutes(4));

            assertThat(health().statusCode()).isEqualTo(503);
        }

        @Test
        void startingIsHealthyUnlessGetWebhookInfoAlreadyNamedAProblem() throws Exception {
            clock.advance(Duration.ofMinutes(1));
            assertThat(health().statusCode()).isEqualTo(200);

            monitoring.webhookInfo(java.util.Optional.of("Telegram has no webhook set for this bot"));

            assertThat(health().statusCode()).isEqualTo(503);
        }

        @Test
        void theDatabaseCountsAsWithPolling() throws Exception {
            monitoring.webhookAnswered(200);
            databaseUp.set(false);

            assertThat(health().body()).isEqualTo("database does not answer\n");
        }

        @Test
        void webhookRequestsAreCountedByStatus() throws Exception {
            monitoring.webhookAnswered(200);
            monitoring.webhookAnswered(200);
            monitoring.webhookAnswered(403);

            assertThat(get("/metrics").body().lines()).contains("backtriage_webhook_requests_total{status=\"200\"} 2.0",
                    "backtriage_webhook_requests_total{status=\"403\"} 1.0");
        }
    }

    @Nested
    class Metrics {
        @Test
        void scrapeHasALineForEachMetricAfterTheTelemetryCalls() throws Exception {
            monitoring.updateHandled(Duration.ofMillis(12));
            monitoring.replySent("sendMessage");
            monitoring.deliveryFailed("sendMessage", 429);
            monitoring.conversationEnded("general");
            monitoring.polled(true);
            monitoring.polled(false);

            HttpResponse<String> response = get("/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body().lines()).contains(
                    "backtriage_updates_handled_total 1.0",
                    "backtriage_replies_sent_total{method=\"sendMessage\"} 1.0",
                    "backtriage_telegram_errors_total{code=\"429\",method=\"sendMessage\"} 1.0",
                    "backtriage_sessions_finished_total{outcome=\"general\"} 1.0",
                    "backtriage_polls_total{result=\"ok\"} 1.0",
                    "backtriage_polls_total{result=\"failed\"} 1.0",
                    "backtriage_update_handling_seconds_count 1",
                    "backtriage_update_handling_seconds_bucket{le=\"+Inf\"} 1");
            assertThat(response.body()).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                    "process_uptime_seconds");
        }

        @Test
        void metricsAreServedWhileUnhealthy() throws Exception {
            databaseUp.set(false);

            assertThat(get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Routing {
        @Test
        void unknownPathsAreNotFound() throws Exception {
            assertThat(get("/").statusCode()).isEqualTo(404);
            assertThat(get("/healthzz").statusCode()).isEqualTo(404);
            assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
            assertThat(send("POST", "/nowhere").statusCode()).isEqualTo(404);
        }

        @Test
        void otherMethodsThanGetAreNotAllowed() throws Exception {
            HttpResponse<String> post = send("POST", "/healthz");
            HttpResponse<String> delete = send("DELETE", "/metrics");

            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET");
            assertThat(delete.statusCode()).isEqualTo(405);
        }

        @Test
        void aQueryStringDoesNotChangeTheEndpoint() throws Exception {
            monitoring.polled(true);

            assertThat(get("/healthz?verbose=1").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class SlowClients {
        final List<Socket> stalled = new ArrayList<>();

        @AfterEach
        void closeStalled() throws IOException {
            for (Socket socket : stalled) {
                socket.close();
            }
        }

        /** A client that starts a request and never finishes it. */
        Socket stall(int port, String start) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            stalled.add(socket);
            socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket;
        }

        HttpResponse<String> health(int port, Duration timeout) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void twoStalledConnectionsDoNotHoldUpTheHealthCheck() throws Exception {
            monitoring.polled(true);
            stall(server.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            stall(server.port(), "GET /metr");
            Thread.sleep(200); // both are being read by the server now

            long asked = System.nanoTime();
            HttpResponse<String> response = health(server.port(), Duration.ofSeconds(3));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
            try (OpsServer strict = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
                    databaseUp::get, limited(new HttpServer.Limits(Duration.ofMillis(300), Duration.ofSeconds(30), 2, 4)))) {
                Socket silent = stall(strict.port(), "GET /healthz HTTP/1.1\r\n");
                silent.setSoTimeout(5_000);
                long opened = System.nanoTime();

                assertThat(silent.getInputStream().read()).as("closed by the server, unanswered").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
            }
        }

        @Test
        void aClientThatTricklesItsRequestIsCutOffAtTheRequestTimeout() throws Exception {
            try (OpsServer strict = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
                    databaseUp::get, limited(new HttpServer.Limits(Duration.ofSeconds(2), Duration.ofMillis(600), 2, 4)))) {
                Socket trickling = stall(strict.port(), "G");
                long opened = System.nanoTime();
                boolean cut = false;
                // One header byte every 100 ms: never silent for the idle timeout, never done.
                for (int i = 0; i < 100 && !cut; i++) {
                    Thread.sleep(100);
                    try {
                        trickling.getOutputStream().write('x');
                        trickling.getOutputStream().flush();
                    } catch (IOException closedByServer) {
                        cut = true;
                    }
                }

                assertThat(cut).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
            }
        }

        @Test
        void moreStalledConnectionsThanThreadsHoldUpTheHealthCheckOnlyUntilTheyTimeOut() throws Exception {
            monitoring.polled(true);
            try (OpsServer strict = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
                    databaseUp::get, limited(new HttpServer.Limits(Duration.ofMillis(200), Duration.ofSeconds(2), 2, 16)))) {
                for (int i = 0; i < 6; i++) {
                    stall(strict.port(), "GET /healthz HTTP/1.1\r\n");
                }

                HttpResponse<String> response = health(strict.port(), Duration.ofSeconds(5));

                assertThat(response.statusCode()).isEqualTo(200);
            }
        }

        /** Issue 18, point 2: the paths served beside the operator's have threads and a line of their own. */
        @Test
        void aHandlerBesideItHoldingEveryThreadItHasDoesNotHoldUpTheHealthCheckOrTheMetrics() throws Exception {
            monitoring.polled(true);
            CountDownLatch release = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
            org.eclipse.jetty.server.Handler stuck = new org.eclipse.jetty.server.Handler.Abstract() {
                @Override
                public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                      org.eclipse.jetty.util.Callback callback) {
                    if (!org.eclipse.jetty.server.Request.getPathInContext(request).startsWith("/bodymap/")) {
                        return false;
                    }
                    held.incrementAndGet();
                    await(release);
                    HttpServer.answer(response, callback, 200, "late", java.util.Map.of());
                    return true;
                }
            };
            try (OpsServer beside = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
                    databaseUp::get, OpsServer.Options.DEFAULT.withPollWindow(WINDOW).serving(List.of(stuck)))) {
                for (int i = 0; i < 30; i++) {
                    stall(beside.port(), "GET /bodymap/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                }
                Waits.upTo(Duration.ofSeconds(5)).until(() -> held.get() == HttpServer.Limits.DEFAULT.threads());

                HttpResponse<String> health = health(beside.port(), Duration.ofSeconds(3));
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + beside.port()
                        + "/metrics")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).isEqualTo("ok\n");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(held.get()).as("the handler beside it has its own threads, no more").isEqualTo(4);
            } finally {
                release.countDown();
            }
        }

        @Test
        void theHealthCheckDoesNotWaitForTheStoreWhileAnotherThreadHoldsItInALongTransaction(@TempDir Path dir) throws Exception {
            monitoring.polled(true);
            CountDownLatch inTransaction = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("bot.db"), Clock.systemUTC());
                 OpsServer withStore = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
                         store::answers, WINDOW)) {
                Thread poller = new Thread(() -> store.run(1, OptionalLong.of(1), saved -> {
                    inTransaction.countDown();
                    await(release);
                    return new Turn.Save(new StoredSession("v1", new Session(false, List.of(), List.of())), List.of());
                }), "a long batch");
                poller.start();
                try {
                    assertThat(inTransaction.await(5, TimeUnit.SECONDS)).isTrue();

                    HttpResponse<String> response = health(withStore.port(), Duration.ofSeconds(3));

                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("ok\n");
                } finally {
                    release.countDown();
                    poller.join(5_000);
                }
            }
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void listensOnThisMachineOnlyUnlessToldOtherwise() throws Exception {
            int port = FreePorts.any();
            try (OpsServer byDefault = new OpsServer(port, monitoring, () -> true)) {
                assertThat(byDefault.where()).isEqualTo("127.0.0.1:" + port);
            }
            int another = FreePorts.any();
            try (OpsServer everywhere = new OpsServer("0.0.0.0", another, monitoring, () -> true)) {
                assertThat(everywhere.where()).isEqualTo("0.0.0.0:" + another);
            }
        }

        @Test
        void anUnknownHostIsReportedWithItsName() {
            assertThatThrownBy(() -> new OpsServer("no-such-host.invalid", 8080, monitoring, () -> true))
                    .isInstanceOf(HttpServerException.class)
                    .hasMessage("cannot listen for operator HTTP on no-such-host.invalid:8080: unknown host");
        }

        @Test
        void closeStopsListeningAndIsSafeToRepeat() throws Exception {
            int port = server.port();
            server.close();
            server.close();

            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }

        @Test
        void aTakenPortIsReportedWithItsNumber() {
            InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());

            assertThatThrownBy(() -> new OpsServer(taken, monitoring, () -> true, WINDOW))
                    .isInstanceOf(HttpServerException.class)
                    .hasMessageStartingWith("cannot listen for operator HTTP on port " + server.port() + ": ");
        }

        @Test
        void badSettingsFailFastNamingTheValue() {
            assertThatThrownBy(() -> new OpsServer(70_000, monitoring, () -> true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("port must be from 1 to 65535: 70000");
            assertThatThrownBy(() -> new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    monitoring, () -> true, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("poll window must be positive: PT0S");
        }
    }
}
