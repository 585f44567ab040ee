package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backtriage.chat.ChatOptions;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.http.HttpServer;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsServer;
import org.backtriage.store.StoreException;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.intake.WebhookSecret;
import org.backtriage.telegram.miniapp.BodyMapAnswers;
import org.backtriage.telegram.miniapp.MiniApp;
import org.backtriage.telegram.miniapp.SignedInitData;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.backtriage.testing.LogCapture;
import org.backtriage.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, point 5: requests the public surfaces refuse (a webhook post without the secret, a
 * forged or expired body map post...) are each counted in /metrics, and logged at most one line
 * a minute plus one summing up the others, so a flood of them cannot flood the log. The clock
 * the bot reads is moved by hand.
 */
class RefusedRequestsTest {
    static final String SECRET = "s3cret_Token-of-the-webhook";
    static final long CHAT = 5151;
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    /** The logger of the refusals. */
    static final String REFUSALS = "backtriage.refused";

    @TempDir
    Path dir;
    final MovableClock clock = new MovableClock(START);
    LogCapture logs;
    FakeBotApi telegram;
    SqliteSessionStore store;
    Monitoring monitoring;
    WebhookBot bot;
    HttpServer webhook;
    OpsServer ops;

    @BeforeEach
    void start() {
        logs = new LogCapture();
        telegram = new FakeBotApi();
        store = SqliteSessionStore.open(dir.resolve("bot.db"), clock);
        monitoring = new Monitoring();
        Wiring wiring = ShippedTriage.wiring(store, store.leases(), ChatOptions.defaults().withClock(clock).withTelemetry(monitoring).withMapUrl(Optional.of("https://bot.example.org")));
        bot = new WebhookBot(Tunings.setup(telegram, Tunings.fast()), wiring,
                new WebhookBot.Endpoint("/telegram", SECRET, StoreException::retryableInChain), WebhookBot.Watch.NONE);
        webhook = HttpServer.start("webhook HTTP", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(20), 4, 4), bot.handler());
        ops = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring, store::answers,
                OpsServer.Options.DEFAULT.serving(new MiniApp(FakeBotApi.TOKEN, wiring.chat(), wiring.clock(), bot.sendQueue(),
                        bot.rejections()).handlers()));
    }

    @AfterEach
    void stop() {
        ops.close();
        webhook.close();
        bot.close();
        store.close();
        monitoring.close();
        telegram.close();
        logs.close();
    }

    @Test
    void eachIsCountedByItsSurfaceAndReasonAndTheLogGetsAtMostALineAMinuteAndASummary() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(postUpdate(Optional.of("wrong"))).isEqualTo(403);
        }
        assertThat(postUpdate(Optional.empty())).isEqualTo(403);
        Map<String, String> fields = SignedInitData.typical(CHAT, START);
        String forged = SignedInitData.query(fields, SignedInitData.hash("987654321:AAotherBotsTokenxxxxxxxxxxxxxxxxxxxx", fields));
        for (int i = 0; i < 3; i++) {
            assertThat(postMarks(forged, "application/json").statusCode()).isEqualTo(401);
        }
        String expired = SignedInitData.of(FakeBotApi.TOKEN, CHAT, START.minus(Duration.ofHours(1)));
        assertThat(postMarks(expired, "application/json").statusCode()).isEqualTo(401);
        assertThat(postMarks(forged, "text/plain").statusCode()).isEqualTo(400);

        assertThat(rejectedLines()).containsExactly(
                "backtriage_rejected_total{reason=\"bad_hash\",surface=\"bodymap\"} 3.0",
                "backtriage_rejected_total{reason=\"expired\",surface=\"bodymap\"} 1.0",
                "backtriage_rejected_total{reason=\"not_json\",surface=\"bodymap\"} 1.0",
                "backtriage_rejected_total{reason=\"secret\",surface=\"webhook\"} 6.0");
        assertThat(refusalLines()).as("the first one alone").containsExactly(
                "backtriage.refused WARN Webhook: a request from 127.0.0.1 without the right secret token;"
                        + " refused with 403");

        clock.advance(Duration.ofSeconds(59));
        assertThat(postUpdate(Optional.of("wrong"))).isEqualTo(403);
        assertThat(refusalLines()).as("still within the minute").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(postMarks(forged, "application/json").statusCode()).isEqualTo(401);

        assertThat(refusalLines()).containsExactly(
                "backtriage.refused WARN Webhook: a request from 127.0.0.1 without the right secret token;"
                        + " refused with 403",
                "backtriage.refused WARN Also refused since 2025-03-01T10:00:00Z, not logged one by one (a line a"
                        + " minute at most): webhook secret 6, bodymap bad_hash 3, bodymap expired 1, bodymap not_json 1",
                "backtriage.refused WARN Body map: a post with initData refused (bad_hash); answered 401,"
                        + " nothing changed");
        assertThat(rejectedLines()).contains("backtriage_rejected_total{reason=\"bad_hash\",surface=\"bodymap\"} 4.0",
                "backtriage_rejected_total{reason=\"secret\",surface=\"webhook\"} 7.0");

        clock.advance(Duration.ofMinutes(30));
        assertThat(postUpdate(Optional.empty())).isEqualTo(403);
        assertThat(refusalLines()).as("a refusal alone after a quiet half hour: its own line, nothing to sum up").hasSize(4)
                .last().asString().endsWith("without the right secret token; refused with 403");
    }

    @Test
    void aThousandForgedRequestsInAMinuteWriteOneLine() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            assertThat(postUpdate(Optional.of("wrong-" + i))).isEqualTo(403);
            clock.advance(Duration.ofMillis(59));
        }

        assertThat(refusalLines()).hasSize(1);
        assertThat(rejectedLines()).containsExactly("backtriage_rejected_total{reason=\"secret\",surface=\"webhook\"} 1000.0");

        clock.advance(Duration.ofSeconds(1));
        postUpdate(Optional.empty());

        assertThat(refusalLines()).hasSize(3);
        assertThat(refusalLines().get(1)).endsWith("not logged one by one (a line a minute at most): webhook secret 999");
    }

    /** An update posted on a connection of its own, with {@code secret} if any; its status. */
    int postUpdate(Optional<String> secret) throws Exception {
        String body = Updates.text(1, CHAT, "/start").toString();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), webhook.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + secret.map(value -> WebhookSecret.HEADER + ": " + value + "\r\n").orElse("")
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    HttpResponse<String> postMarks(String initData, String type) throws Exception {
        String body = Updates.JSON.createObjectNode().put("initData", initData)
                .set("regions", Updates.JSON.createArrayNode().add("hip_left")).toString();
        return http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + BodyMapAnswers.PATH))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A client of its own for each request: a refusal may close its connection without saying so first. */
    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The metric's lines in /metrics, as scraped. */
    List<String> rejectedLines() throws Exception {
        String scraped = http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return scraped.lines().filter(line -> line.startsWith("backtriage_rejected_total{")).sorted().toList();
    }

    /** What the refusals' logger wrote, as an operator reads it. */
    List<String> refusalLines() {
        return logs.lines().stream().filter(line -> line.startsWith(REFUSALS + " ")).toList();
    }
}
