package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.config.Settings;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.StoreException;
import org.backtriage.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot run in this JVM against a local stand-in for the Bot API, stopped by a stand-in for the signals. */
class BotRunnerTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);

    @TempDir
    Path dir;
    FakeBotApi telegram;
    final AtomicReference<Consumer<String>> signals = new AtomicReference<>();
    final List<Integer> halts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTelegram() {
        telegram = new FakeBotApi(TOKEN);
    }

    @AfterEach
    void stopTelegram() {
        telegram.close();
    }

    Settings settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_API_URL", telegram.baseUrl().toString(),
                "BACKTRIAGE_DB", dir.resolve("bot.db").toString()));
        env.putAll(extra);
        return Settings.load(env, dir.resolve("no-such.properties"));
    }

    BotRunner runner(Settings settings) {
        return new BotRunner(TOKEN, settings, CONTENT, new BotRunner.Stopping(signals::set, halts::add));
    }

    @Test
    void pollsServesTheOperatorEndpointAndStopsInOrderOnTheFirstSignal() throws Exception {
        int port = FreePorts.any();
        Thread running = new Thread(runner(settings(Map.of("BACKTRIAGE_HTTP_PORT", Integer.toString(port))))::run, "bot");
        running.start();
        telegram.await(call -> call.method().equals("getupdates"), java.time.Duration.ofSeconds(30));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();

        assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok\n");
        signals.get().accept("TERM");
        running.join(TimeUnit.SECONDS.toMillis(12));

        assertThat(running.isAlive()).as("still running 12 s after the signal").isFalse();
        assertThat(halts).as("stopped in order, not cut short").isEmpty();
        assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.ofString()))
                .as("the operator endpoint closed").isInstanceOf(ConnectException.class);
    }

    @Test
    void webhookModeServesTheWebhookAndAHealthOfItsOwnNeverPollsAndStopsWithoutDeletingTheWebhook() throws Exception {
        int port = FreePorts.any();
        int webhookPort = FreePorts.any();
        String secret = "a-webhook-secret_0123456789";
        Thread running = new Thread(runner(settings(Map.of("BACKTRIAGE_MODE", "webhook",
                "BACKTRIAGE_WEBHOOK_PORT", Integer.toString(webhookPort), "BACKTRIAGE_WEBHOOK_SECRET", secret,
                "BACKTRIAGE_HTTP_PORT", Integer.toString(port))))::run, "bot");
        running.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
        telegram.await(call -> call.is("getWebhookInfo"), java.time.Duration.ofSeconds(30));

        // The fake has no webhook set: Telegram could not reach this bot, and /healthz says why.
        HttpResponse<String> unset = Waits.upTo(java.time.Duration.ofSeconds(5)).until(
                () -> http.send(health, HttpResponse.BodyHandlers.ofString()), answer -> answer.statusCode() == 503);
        assertThat(unset.body()).startsWith("no webhook request since start ")
                .contains("and getWebhookInfo says: Telegram has no webhook set for this bot");
        HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + webhookPort + "/telegram"))
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1,"
                        + "\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,"
                        + "\"first_name\":\"P\"},\"text\":\"/start\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).isEqualTo(200);
        telegram.await(call -> call.is("sendMessage") && call.chatId() == 42, java.time.Duration.ofSeconds(5));
        assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok\n");

        signals.get().accept("TERM");
        running.join(TimeUnit.SECONDS.toMillis(12));

        assertThat(running.isAlive()).as("still running 12 s after the signal").isFalse();
        assertThat(halts).isEmpty();
        assertThat(telegram.calls()).noneMatch(call -> call.is("getUpdates") || call.is("deleteWebhook"));
    }

    @Test
    void theBodyMapIsServedOnTheOperatorEndpointOnlyWithAPublicUrl() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (boolean publicUrl : new boolean[] {false, true}) {
            int port = FreePorts.any();
            Map<String, String> env = new HashMap<>(Map.of("BACKTRIAGE_HTTP_PORT", Integer.toString(port)));
            if (publicUrl) {
                env.put("BACKTRIAGE_PUBLIC_URL", "https://bot.example.org");
            }
            Thread running = new Thread(runner(settings(env))::run, "bot");
            running.start();
            HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bodymap/?lang=en")).build();
            HttpResponse<String> answer = Waits.upTo(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.send(page, HttpResponse.BodyHandlers.ofString()), response -> true);

            assertThat(answer.statusCode()).as("the page, with a public URL: " + publicUrl).isEqualTo(publicUrl ? 200 : 404);
            assertThat(answer.headers().firstValue("Content-Security-Policy").isPresent()).isEqualTo(publicUrl);
            signals.get().accept("TERM");
            running.join(TimeUnit.SECONDS.toMillis(12));
            assertThat(running.isAlive()).isFalse();
        }
    }

    @Test
    void aTakenWebhookPortIsReportedWithItsNumberAndNothingIsPolled() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            BotRunner runner = runner(settings(Map.of("BACKTRIAGE_MODE", "webhook", "BACKTRIAGE_WEBHOOK_SECRET", "s3cret",
                    "BACKTRIAGE_WEBHOOK_PORT", Integer.toString(taken.getLocalPort()))));

            assertThatThrownBy(runner::run).isInstanceOf(org.backtriage.http.HttpServerException.class)
                    .hasMessageStartingWith("cannot listen for webhook HTTP on port " + taken.getLocalPort() + ": ");
        }
        assertThat(telegram.calls()).noneMatch(call -> call.is("getUpdates") || call.is("deleteWebhook"));
    }

    @Test
    void aDatabaseThatCannotBeOpenedStopsItBeforeItPolls() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("notes.db"), "not a database at all, just some text\n".repeat(100));
        BotRunner runner = runner(settings(Map.of("BACKTRIAGE_DB", notADatabase.toString())));

        assertThatThrownBy(runner::run).isInstanceOf(StoreException.class).hasMessageContaining("not an SQLite database");
        assertThat(telegram.calls()).isEmpty();
        assertThat(signals.get()).as("no signal handling taken").isNull();
    }
}
