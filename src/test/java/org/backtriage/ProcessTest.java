package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as a real process against a local stand-in for the Bot API: killed outright between
 * writing a reply and sending it, restarted, and stopped with SIGTERM.
 */
class ProcessTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final long CHAT = 4242;

    @TempDir
    Path dir;
    MockWebServer server;
    final FakeTelegram telegram = new FakeTelegram();
    /** What the process started last writes to stdout and stderr. */
    Path lastLog;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(telegram);
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        telegram.release();
        server.shutdown();
    }

    @Test
    void aReplyWrittenBeforeAKillIsSentOnceAfterRestartAndSigtermStopsWithinTenSeconds() throws Exception {
        telegram.holdSends.set(true);
        Process first = start();
        assertThat(telegram.sendSeen.await(30, TimeUnit.SECONDS)).as("the bot tried to send the welcome").isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(telegram.delivered).isEmpty();

        telegram.holdSends.set(false);
        Process second = start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((telegram.delivered.isEmpty() || telegram.highestOffset.get() < 2) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // room for a duplicate to show up, were there one
        assertThat(telegram.delivered).hasSize(1);
        assertThat(telegram.delivered.get(0)).contains("\"chat_id\":" + CHAT + ",").contains("Low back pain check");
        assertThat(telegram.highestOffset.get()).as("update 1 was re-delivered, then confirmed").isEqualTo(2);

        long stopping = System.nanoTime();
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(12, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        assertThat(second.exitValue()).isZero();
    }

    @Test
    void aSecondSigtermExitsAtOnceWhileTheFirstIsStillFlushing() throws Exception {
        telegram.holdSends.set(true);
        Process bot = start();
        assertThat(telegram.sendSeen.await(30, TimeUnit.SECONDS)).isTrue();

        bot.destroy(); // SIGTERM: stopping waits for the held send to flush
        Thread.sleep(500);
        assertThat(bot.isAlive()).as("still flushing after the first signal").isTrue();
        long second = System.nanoTime();
        bot.destroy(); // the second SIGTERM

        assertThat(bot.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - second)).isLessThan(Duration.ofSeconds(2));
        assertThat(bot.exitValue()).isEqualTo(130);
    }

    @Test
    void theOperatorEndpointReportsHealthAndCountsWhatTheBotDid() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process bot = start(java.util.Map.of("BACKTRIAGE_HTTP_PORT", Integer.toString(port)));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (telegram.delivered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(telegram.delivered).hasSize(1);
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            java.net.http.HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("backtriage_updates_handled_total 1.0",
                    "backtriage_replies_sent_total{method=\"sendMessage\"} 1.0", "backtriage_polls_total{result=\"ok\"}");
        } finally {
            bot.destroy();
            assertThat(bot.waitFor(12, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void plainHttpToAnotherHostRunsOnlyWhenAskedForAndIsWarnedAboutAtStart() throws Exception {
        // 192.0.2.1 is reserved for documentation: nothing answers there, and nothing needs to.
        Process bot = start(java.util.Map.of("TELEGRAM_API_URL", "http://192.0.2.1:8081",
                "BACKTRIAGE_ALLOW_PLAIN_HTTP_API", "true"));
        try {
            String warning = "org.backtriage.Main - BACKTRIAGE_ALLOW_PLAIN_HTTP_API=true: the Bot API at"
                    + " http://192.0.2.1:8081 is called over plain http, so the bot token travels unencrypted;"
                    + " use this only on a private network";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!java.nio.file.Files.readString(lastLog).contains(warning) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String log = java.nio.file.Files.readString(lastLog);
            assertThat(log.lines().filter(line -> line.contains(warning))).singleElement().asString().contains(" WARN ");
            assertThat(log).doesNotContain(TOKEN);
            assertThat(bot.isAlive()).as("running, not refused").isTrue();
        } finally {
            bot.destroyForcibly();
            assertThat(bot.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process start() throws Exception {
        return start(java.util.Map.of());
    }

    private Process start(java.util.Map<String, String> extraEnv) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.backtriage.Main", "bot");
        builder.environment().put("TELEGRAM_BOT_TOKEN", TOKEN);
        builder.environment().put("TELEGRAM_API_URL", "http://127.0.0.1:" + server.getPort());
        builder.environment().put("BACKTRIAGE_DB", dir.resolve("bot.db").toString());
        builder.environment().put("BACKTRIAGE_TREE", Path.of("config", "triage-tree.json").toAbsolutePath().toString());
        builder.environment().putAll(extraEnv);
        builder.redirectErrorStream(true);
        lastLog = dir.resolve("bot-" + System.nanoTime() + ".log");
        builder.redirectOutput(lastLog.toFile());
        builder.directory(new File(dir.toString()));
        return builder.start();
    }

    /** getUpdates offers one /start until it is confirmed; sendMessage can be held to simulate a crash mid-send. */
    static final class FakeTelegram extends Dispatcher {
        final AtomicBoolean holdSends = new AtomicBoolean();
        final CountDownLatch sendSeen = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final AtomicLong highestOffset = new AtomicLong();

        void release() {
            released.countDown();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getPath() == null ? "" : request.getPath().toLowerCase(Locale.ROOT);
            String body = request.getBody().readUtf8();
            if (path.endsWith("/getupdates")) {
                long offset = offset(body);
                highestOffset.accumulateAndGet(offset, Math::max);
                if (offset <= 1) {
                    return ok("[{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1,"
                            + "\"chat\":{\"id\":" + CHAT + ",\"type\":\"private\"},"
                            + "\"from\":{\"id\":" + CHAT + ",\"is_bot\":false,\"first_name\":\"P\"},\"text\":\"/start\","
                            + "\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":6}]}}]");
                }
                released.await(300, TimeUnit.MILLISECONDS); // a short long poll
                return ok("[]");
            }
            if (path.endsWith("/sendmessage")) {
                if (holdSends.get()) {
                    sendSeen.countDown();
                    released.await(60, TimeUnit.SECONDS); // never answered: the process is killed first
                    return new MockResponse().setResponseCode(502);
                }
                delivered.add(body);
                return ok("{\"message_id\":" + (100 + delivered.size()) + ",\"date\":1,\"chat\":{\"id\":" + CHAT
                        + ",\"type\":\"private\"},\"text\":\"x\"}");
            }
            return ok("true");
        }

        private static long offset(String body) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"offset\"\\s*:\\s*(-?\\d+)").matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }

        private static MockResponse ok(String result) {
            return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"ok\":true,\"result\":" + result + "}");
        }
    }
}
