package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.telegram.client.TelegramAnswer.Kind;
import org.backtriage.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook's methods go through the one Bot API client: the same calls on the wire, and a
 * failure is a {@link BotApiException} carrying the {@link TelegramAnswer} every call is read into.
 */
class WebhookAdminTest {
    private FakeBotApi telegram;
    private WebhookAdmin admin;

    @BeforeEach
    void setUp() {
        telegram = new FakeBotApi();
        admin = new WebhookAdmin(FakeBotApi.TOKEN, telegram.baseUrl());
    }

    @AfterEach
    void tearDown() {
        admin.close();
        telegram.close();
    }

    @Test
    void setWebhookSendsTheUrlTheSecretTheUpdatesReadAndTheMostConnections() {
        String said = admin.set(URI.create("https://bot.example.org/telegram"), "s3cret-s3cret", 12);

        assertThat(said).isEqualTo("Webhook set: Telegram now posts updates to https://bot.example.org/telegram"
                + " (at most 12 connections at once; message, callback_query, inline_query)");
        Call call = telegram.calls().stream().filter(c -> c.is("setWebhook")).findFirst().orElseThrow();
        assertThat(call.body().path("url").asText()).isEqualTo("https://bot.example.org/telegram");
        assertThat(call.body().path("secret_token").asText()).isEqualTo("s3cret-s3cret");
        assertThat(call.body().path("allowed_updates").toString()).isEqualTo("[\"message\",\"callback_query\",\"inline_query\"]");
        assertThat(call.body().path("max_connections").asInt()).isEqualTo(12);
        assertThat(call.body().path("drop_pending_updates").asBoolean(true)).isFalse();
    }

    @Test
    void aRefusalIsABotApiExceptionWithTelegramsAnswer() {
        telegram.failNext("deleteWebhook", Answer.error(400, "Bad Request: nothing to delete"));

        assertThatThrownBy(admin::delete).isInstanceOfSatisfying(BotApiException.class, e -> {
            assertThat(e).hasMessage("Telegram refused deleteWebhook (HTTP 400): Bad Request: nothing to delete");
            assertThat(e.answer().kind()).isEqualTo(Kind.REFUSED);
            assertThat(e.answer().status()).isEqualTo(400);
            assertThat(e.answer().errorCode()).isEqualTo(400);
        });
    }

    @Test
    void aPageThatIsNotTheBotApisIsSaidSo() {
        telegram.failNext("getWebhookInfo", Answer.badGateway());

        assertThatThrownBy(admin::info).isInstanceOfSatisfying(BotApiException.class, e -> {
            assertThat(e.getMessage()).startsWith("getWebhookInfo: the Bot API at ")
                    .endsWith(" answered HTTP 502 with something that is not its JSON");
            assertThat(e.answer().status()).isEqualTo(502);
            assertThat(e.answer().kind()).isEqualTo(Kind.TRY_AGAIN);
        });
    }

    @Test
    void anUnreachableBotApiIsSaidSoWithoutTheToken() {
        try (WebhookAdmin nowhere = new WebhookAdmin(FakeBotApi.TOKEN, URI.create("http://127.0.0.1:" + FreePorts.any()))) {
            assertThatThrownBy(nowhere::info).isInstanceOfSatisfying(BotApiException.class, e -> {
                assertThat(e.getMessage()).startsWith("getWebhookInfo: cannot reach the Bot API at ")
                        .doesNotContain(FakeBotApi.TOKEN);
                assertThat(e.answer().status()).isZero();
            });
        }
    }
}
