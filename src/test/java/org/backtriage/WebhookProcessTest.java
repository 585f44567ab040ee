package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook mode as an operator runs it, each command its own process (as {@link ProcessTest}
 * runs the bot): {@code webhook set}, then the bot, which takes a posted update, answers
 * {@code /healthz} from webhook traffic, and stops on SIGTERM without polling or deleting the
 * webhook.
 */
class WebhookProcessTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final String SECRET = "process-test_secret-0123456789";
    static final long CHAT = 4343;

    @TempDir
    Path dir;
    FakeBotApi telegram;
    int webhookPort;
    int httpPort;
    Path log;

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        webhookPort = FreePorts.any();
        httpPort = FreePorts.any();
    }

    @AfterEach
    void stop() throws Exception {
        telegram.close();
        if (log != null) {
            assertThat(Files.readString(log)).doesNotContain(TOKEN).doesNotContain(SECRET);
        }
    }

    @Test
    void setThenServeAnUpdateReportHealthAndStopWithoutDeletingTheWebhook() throws Exception {
        Process set = start("webhook", "set", "https://bot.example.org/telegram");
        assertThat(set.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(set.exitValue()).as(Files.readString(log)).isZero();
        assertThat(telegram.last("setWebhook").body().path("secret_token").asText()).isEqualTo(SECRET);

        Process bot = start("bot");
        try {
            Waits.upTo(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("webhook: POST /telegram on 127.0.0.1:"
                    + webhookPort));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + webhookPort + "/telegram"))
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1,"
                            + "\"chat\":{\"id\":" + CHAT + ",\"type\":\"private\"},\"from\":{\"id\":" + CHAT
                            + ",\"is_bot\":false,\"first_name\":\"P\"},\"text\":\"/start\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + webhookPort + "/telegram"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":2}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(delivered.statusCode()).isEqualTo(200);
            assertThat(forged.statusCode()).isEqualTo(403);
            telegram.await(call -> call.is("sendMessage") && call.chatId() == CHAT, Duration.ofSeconds(10));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok\n");
        } finally {
            long stopping = System.nanoTime();
            bot.destroy(); // SIGTERM
            assertThat(bot.waitFor(12, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(bot.exitValue()).isZero();
        assertThat(telegram.calls()).noneMatch(call -> call.is("getUpdates") || call.is("deleteWebhook"));
        assertThat(telegram.calls("setWebhook")).as("only the command's").hasSize(1);
    }

    private Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.backtriage.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_API_URL", telegram.baseUrl().toString(),
                "BACKTRIAGE_DB", dir.resolve("bot.db").toString(),
                "BACKTRIAGE_TREE", Path.of("config", "triage-tree.json").toAbsolutePath().toString(),
                "BACKTRIAGE_MODE", "webhook",
                "BACKTRIAGE_WEBHOOK_SECRET", SECRET,
                "BACKTRIAGE_WEBHOOK_PORT", Integer.toString(webhookPort),
                "BACKTRIAGE_HTTP_PORT", Integer.toString(httpPort)));
        builder.redirectErrorStream(true);
        log = dir.resolve("process-" + System.nanoTime() + ".log");
        builder.redirectOutput(log.toFile());
        builder.directory(new File(dir.toString()));
        return builder.start();
    }
}
