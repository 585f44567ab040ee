package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhook set/info/delete} and webhook mode's start-up checks, as an operator runs them, against the fake Bot API. */
class WebhookCommandTest {
    static final String SECRET = "0123456789abcdef_WEBHOOK-secret";

    @TempDir
    Path dir;
    FakeBotApi telegram;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startTelegram() {
        telegram = new FakeBotApi();
    }

    @AfterEach
    void stopTelegram() {
        telegram.close();
        assertThat(out() + err()).doesNotContain(FakeBotApi.TOKEN).doesNotContain(SECRET);
    }

    Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                "TELEGRAM_API_URL", telegram.baseUrl().toString(), "BACKTRIAGE_DB", dir.resolve("bot.db").toString(),
                "BACKTRIAGE_WEBHOOK_SECRET", SECRET));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                env.remove(more[i]);
            } else {
                env.put(more[i], more[i + 1]);
            }
        }
        return env;
    }

    int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void setCallsSetWebhookWithTheSecretTheUpdatesReadAndTheMostConnections() {
        int code = run(env("BACKTRIAGE_WEBHOOK_MAX_CONNECTIONS", "12"), "webhook", "set", "https://bot.example.org/telegram");

        assertThat(code).isZero();
        JsonNode body = telegram.last("setWebhook").body();
        assertThat(body.path("url").asText()).isEqualTo("https://bot.example.org/telegram");
        assertThat(body.path("secret_token").asText()).isEqualTo(SECRET);
        assertThat(body.path("allowed_updates").toString()).isEqualTo("[\"message\",\"callback_query\",\"inline_query\"]");
        assertThat(body.path("max_connections").asInt()).isEqualTo(12);
        assertThat(body.path("drop_pending_updates").asBoolean(true)).isFalse();
        assertThat(out()).isEqualTo("Webhook set: Telegram now posts updates to https://bot.example.org/telegram (at most 12"
                + " connections at once; message, callback_query, inline_query)\n");
    }

    @Test
    void setRefusesAUrlThatIsNotHttpsInOneLineAndCallsNothing() {
        int code = run(env(), "webhook", "set", "http://bot.example.org/telegram");

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("backtriage: webhook set needs a public https URL (Telegram posts updates only over"
                + " https, e.g. https://bot.example.org/telegram), not 'http://bot.example.org/telegram'\n");
        assertThat(telegram.calls()).isEmpty();
    }

    @Test
    void setWithoutASecretIsRefusedInOneLine() {
        int code = run(env("BACKTRIAGE_WEBHOOK_SECRET", null), "webhook", "set", "https://bot.example.org/telegram");

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("backtriage: BACKTRIAGE_WEBHOOK_SECRET is not set;");
        assertThat(err().lines()).hasSize(1);
        assertThat(telegram.calls()).isEmpty();
    }

    @Test
    void aRefusalFromTelegramIsOneLineAndExitCode1() {
        telegram.failNext("setWebhook", Answer.error(400, "Bad Request: bad webhook: Failed to resolve host: Name or service not known"));

        int code = run(env(), "webhook", "set", "https://no-such-host.example/telegram");

        assertThat(code).isEqualTo(1);
        assertThat(err()).isEqualTo("backtriage: Telegram refused setWebhook (HTTP 400): Bad Request: bad webhook: Failed to"
                + " resolve host: Name or service not known\n");
    }

    @Test
    void infoPrintsTheUrlThePendingCountAndTheLastErrorNeverTheToken() {
        telegram.failNext("getWebhookInfo", Answer.json(200, "{\"ok\":true,\"result\":{\"url\":\"https://bot.example.org/telegram\","
                + "\"has_custom_certificate\":false,\"pending_update_count\":3,\"last_error_date\":1764000000,"
                + "\"last_error_message\":\"Connection refused\",\"max_connections\":40,"
                + "\"allowed_updates\":[\"message\",\"callback_query\",\"inline_query\"],\"ip_address\":\"203.0.113.7\"}}"));

        int code = run(env(), "webhook", "info");

        assertThat(code).isZero();
        assertThat(out().lines()).containsExactly(
                "url:              https://bot.example.org/telegram",
                "pending updates:  3",
                "last error:       2025-11-24T16:00:00Z: Connection refused",
                "max connections:  40",
                "allowed updates:  message, callback_query, inline_query",
                "ip address:       203.0.113.7");
    }

    @Test
    void infoWithNoWebhookSaysSo() {
        assertThat(run(env(), "webhook", "info")).isZero();

        assertThat(out().lines()).containsExactly("url:              (none: no webhook set; the bot must poll)",
                "pending updates:  0", "last error:       (none)");
    }

    @Test
    void deleteCallsDeleteWebhookKeepingPendingUpdates() {
        run(env(), "webhook", "set", "https://bot.example.org/telegram");

        int code = run(env(), "webhook", "delete");

        assertThat(code).isZero();
        assertThat(telegram.last("deleteWebhook").body().path("drop_pending_updates").asBoolean(true)).isFalse();
        assertThat(out()).endsWith("Webhook deleted: updates now wait at Telegram until the bot polls"
                + " (BACKTRIAGE_MODE=polling) or a webhook is set again\n");
    }

    @Test
    void aWebhookCommandWithoutItsArgumentsIsAUsageError() {
        assertThat(run(env(), "webhook")).isEqualTo(2);
        assertThat(run(env(), "webhook", "set")).isEqualTo(2);
        assertThat(run(env(), "webhook", "info", "now")).isEqualTo(2);

        assertThat(err().lines()).allMatch(line -> line.equals("backtriage: webhook needs one of: webhook set <public https"
                + " URL>, webhook info, webhook delete"));
        assertThat(telegram.calls()).isEmpty();
    }

    @Test
    void webhookModeWithoutASecretRefusesToStartInOneLine() {
        int code = run(env("BACKTRIAGE_MODE", "webhook", "BACKTRIAGE_WEBHOOK_SECRET", null), "bot");

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("backtriage: BACKTRIAGE_WEBHOOK_SECRET is not set; webhook mode needs it (1 to 256"
                + " characters of A-Z, a-z, 0-9, _ and -). Generate one with: openssl rand -hex 32\n");
        assertThat(telegram.calls()).isEmpty();
    }

    @Test
    void aMalformedSecretIsRefusedAtStartInOneLineWithoutEchoingIt() {
        int code = run(env("BACKTRIAGE_MODE", "webhook", "BACKTRIAGE_WEBHOOK_SECRET", "not allowed: spaces & colons"), "bot");

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("backtriage: BACKTRIAGE_WEBHOOK_SECRET must be 1 to 256 characters")
                .doesNotContain("spaces & colons");
        assertThat(err().lines()).hasSize(1);
        assertThat(telegram.calls()).isEmpty();
    }

    @Test
    void aSecretLongerThanTelegramAllowsIsRefused() {
        assertThat(run(env("BACKTRIAGE_MODE", "webhook", "BACKTRIAGE_WEBHOOK_SECRET", "a".repeat(257)), "bot")).isEqualTo(2);
        assertThat(err()).startsWith("backtriage: BACKTRIAGE_WEBHOOK_SECRET must be 1 to 256 characters");
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThat(run(env("BACKTRIAGE_MODE", "push"), "bot")).isEqualTo(2);
        assertThat(err()).isEqualTo("backtriage: BACKTRIAGE_MODE must be polling or webhook, not 'push'\n");
    }
}
