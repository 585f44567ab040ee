package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.testing.FreePorts;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    FakeBotApi telegram;
    /** What the process started last writes to stdout and stderr. */
    Path lastLog;

    @BeforeEach
    void startServer() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        // One /start, served until a later poll confirms it; short long polls.
        telegram.deliver((ObjectNode) JSON.readTree("{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1,"
                + "\"chat\":{\"id\":" + CHAT + ",\"type\":\"private\"},"
                + "\"from\":{\"id\":" + CHAT + ",\"is_bot\":false,\"first_name\":\"P\"},\"text\":\"/start\","
                + "\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":6}]}}"));
        telegram.holdEmptyPolls(Duration.ofMillis(300));
    }

    @AfterEach
    void stopServer() {
        telegram.close();
    }

    /** sendMessage is never answered: the process is killed first (or the fake closes). */
    private void holdSends() {
        telegram.inject(c -> c.is("sendMessage"), Fault.stall(Duration.ofSeconds(60)), -1);
    }

    private void awaitSendTried() {
        telegram.await(c -> c.is("sendMessage"), Duration.ofSeconds(30));
    }

    /** The bodies of the messages sent that took effect. */
    private List<String> delivered() {
        return telegram.shown("sendMessage").stream().map(call -> call.body().toString()).toList();
    }

    private long highestOffset() {
        return telegram.calls("getUpdates").stream().mapToLong(call -> call.body().path("offset").asLong()).max().orElse(0);
    }

    @Test
    void aReplyWrittenBeforeAKillIsSentOnceAfterRestartAndSigtermStopsWithinTenSeconds() throws Exception {
        holdSends();
        Process first = start();
        awaitSendTried(); // the welcome
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(delivered()).isEmpty();

        telegram.heal();
        Process second = start();
        Waits.upTo(Duration.ofSeconds(30)).until(() -> !delivered().isEmpty() && highestOffset() >= 2);
        Thread.sleep(1_000); // room for a duplicate to show up, were there one
        assertThat(delivered()).hasSize(1);
        assertThat(delivered().get(0)).contains("\"chat_id\":" + CHAT + ",").contains("Low back pain check");
        assertThat(highestOffset()).as("update 1 was re-delivered, then confirmed").isEqualTo(2);

        long stopping = System.nanoTime();
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(12, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        assertThat(second.exitValue()).isZero();
    }

    @Test
    void aSecondSigtermExitsAtOnceWhileTheFirstIsStillFlushing() throws Exception {
        holdSends();
        Process bot = start();
        awaitSendTried();

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
        int port = FreePorts.any();
        Process bot = start(java.util.Map.of("BACKTRIAGE_HTTP_PORT", Integer.toString(port)));
        try {
            Waits.upTo(Duration.ofSeconds(30)).until(() -> !delivered().isEmpty());
            assertThat(delivered()).hasSize(1);
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
            String warning = "backtriage.bot - BACKTRIAGE_ALLOW_PLAIN_HTTP_API=true: the Bot API at"
                    + " http://192.0.2.1:8081 is called over plain http, so the bot token travels unencrypted;"
                    + " use this only on a private network";
            Waits.upTo(Duration.ofSeconds(30)).until(() -> java.nio.file.Files.readString(lastLog).contains(warning));
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
        builder.environment().put("TELEGRAM_API_URL", telegram.baseUrl().toString());
        builder.environment().put("BACKTRIAGE_DB", dir.resolve("bot.db").toString());
        builder.environment().put("BACKTRIAGE_TREE", Path.of("config", "triage-tree.json").toAbsolutePath().toString());
        builder.environment().putAll(extraEnv);
        builder.redirectErrorStream(true);
        lastLog = dir.resolve("bot-" + System.nanoTime() + ".log");
        builder.redirectOutput(lastLog.toFile());
        builder.directory(new File(dir.toString()));
        return builder.start();
    }
}
