package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.telegram.client.TelegramAnswer.Kind;
import org.backtriage.telegram.testing.Tunings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each answer Telegram can give is read: what the sender then does follows from it. */
class BotApiTest {
    private FakeBotApi telegram;
    private OkHttpClient http;
    private BotApi api;

    @BeforeEach
    void setUp() {
        telegram = new FakeBotApi();
        http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).connectionPool(BotHttp.connectionPool()).build();
        api = BotApi.over(http, Tunings.access(telegram), Duration.ofMillis(500));
    }

    @AfterEach
    void tearDown() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        telegram.close();
    }

    private TelegramAnswer send(Answer answer) {
        telegram.failNext("sendMessage", answer);
        return api.send(1, "hello", Keyboard.NONE);
    }

    @Test
    void acceptedCallIsAccepted() {
        assertThat(api.send(1, "hello", Keyboard.NONE)).isEqualTo(TelegramAnswer.OK);
        assertThat(api.answerPress("q", Optional.of("Noted"))).isEqualTo(TelegramAnswer.OK);
        assertThat(api.edit(1, 2, "hello", Keyboard.NONE)).isEqualTo(TelegramAnswer.OK);
    }

    @Test
    void aMiniAppButtonInAnEditedMessageOpensItsPageNamingThatMessageAndInANewOneNot() {
        Keyboard map = new Keyboard(List.of(List.of(Button.webApp("Map", "https://bot.example.org/bodymap/?lang=es"))));

        api.send(1, "where?", map);
        api.edit(1, 31, "where?", map);

        assertThat(webAppUrl(telegram.last("sendMessage"))).isEqualTo("https://bot.example.org/bodymap/?lang=es");
        assertThat(webAppUrl(telegram.last("editMessageText"))).isEqualTo("https://bot.example.org/bodymap/?lang=es&m=31");
    }

    private static String webAppUrl(Call call) {
        return call.body().path("reply_markup").path("inline_keyboard").path(0).path(0).path("web_app").path("url").asText();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
        "Bad Request: QUERY_ID_INVALID: query id is invalid",
    })
    void badRequestsThatMeanAlreadyDoneAreAccepted(String description) {
        assertThat(send(Answer.error(400, description))).isEqualTo(TelegramAnswer.error(Kind.ALREADY_DONE, 400, 400, description));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400 | Bad Request: can't parse entities: unsupported start tag",
        "400 | Bad Request: chat not found",
        "400 | Bad Request: message to edit not found",
        "409 | Conflict: something odd",
        "413 | Request Entity Too Large",
    })
    void otherClientErrorsAreRefusedForGood(int code, String description) {
        assertThat(send(Answer.error(code, description))).isEqualTo(TelegramAnswer.error(Kind.REFUSED, code, code, description));
    }

    @Test
    void forbiddenMeansBlocked() {
        assertThat(send(Answer.blocked()))
                .isEqualTo(TelegramAnswer.error(Kind.BLOCKED, 403, 403, "Forbidden: bot was blocked by the user"));
    }

    @Test
    void tooManyRequestsSaysHowLongToWait() {
        assertThat(send(Answer.tooManyRequests(7)).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(send(Answer.error(429, "Too Many Requests")))
                .isEqualTo(TelegramAnswer.throttled(429, "Too Many Requests", Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500 | Internal Server Error",
        "502 | Bad Gateway",
        "503 | Service Unavailable",
        "401 | Unauthorized",
        "404 | Not Found",
    })
    void serverErrorsAndWholeBotErrorsAreWorthRetrying(int code, String description) {
        TelegramAnswer answer = send(Answer.error(code, description));

        assertThat(answer).isEqualTo(TelegramAnswer.error(Kind.TRY_AGAIN, code, code, description));
        assertThat(answer.describe()).isEqualTo("error " + code + ": " + description);
    }

    @ParameterizedTest
    @CsvSource({"400", "403", "413", "414"})
    void aProxysPageThatRefusesTheRequestIsRefusedForGood(int code) {
        TelegramAnswer answer = send(Answer.page(code, "text/html", "<html><body><h1>" + code + " Refused</h1></body></html>"));

        assertThat(answer.kind()).isEqualTo(Kind.REFUSED);
        assertThat(answer.describe()).startsWith("error " + code + ": HTTP " + code + ", not a Bot API answer: <html>");
    }

    @ParameterizedTest
    @CsvSource({"401", "404", "408", "429", "500", "502", "503"})
    void aProxysPageThatMayPassIsWorthRetrying(int code) {
        TelegramAnswer answer = send(Answer.page(code, "text/html", "<html><body><h1>" + code + "</h1></body></html>"));

        assertThat(answer.kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(answer.status()).isEqualTo(code);
    }

    @Test
    void pageInsteadOfJsonTimeoutAndDroppedConnectionAreWorthRetrying() {
        TelegramAnswer page = send(Answer.badGateway());
        assertThat(page.kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(page.describe()).contains("HTTP 502, not a Bot API answer").doesNotContain("\n");
        telegram.inject(c -> c.is("sendMessage"), Fault.stall(Duration.ofSeconds(1)), 1);
        TelegramAnswer timedOut = api.send(1, "hello", Keyboard.NONE);
        assertThat(timedOut.kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(timedOut.status()).as("no answer").isZero();
        assertThat(timedOut.describe()).containsPattern("timeout|timed out");
        telegram.inject(c -> c.is("sendMessage"), Fault.dropBeforeAnswer(), 1);
        TelegramAnswer dropped = api.send(1, "hello", Keyboard.NONE);
        assertThat(dropped.kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(dropped.describe()).contains("unexpected end of stream");
    }

    @Test
    void answerBrokenOffMidBodyIsFailedAtOnceNotAwaitedForever() {
        telegram.inject(c -> c.is("sendMessage"), Fault.dropDuringAnswer(), 1);

        long started = System.nanoTime();
        TelegramAnswer answer = api.send(1, "hello", Keyboard.NONE);

        assertThat(answer.kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(answer.describe()).contains("unexpected end of stream");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void callsRunOnTheCallersThreadNotTheClientsDispatcher() {
        assertThat(api.send(1, "hello", Keyboard.NONE)).isEqualTo(TelegramAnswer.OK);

        assertThat(http.dispatcher().executorService()).isInstanceOfSatisfying(
                java.util.concurrent.ThreadPoolExecutor.class,
                pool -> assertThat(pool.getTaskCount()).isZero());
    }

    @Test
    void twelveCallsAtOnceOpenAtMostEightConnectionsAndAllGetThrough() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        telegram.inject(c -> c.is("sendMessage"), Fault.heldUntil(release), -1);
        List<Thread> callers = new ArrayList<>();
        for (int chat = 1; chat <= 12; chat++) {
            long to = chat;
            callers.add(Thread.ofVirtual().start(() -> api.send(to, "hello", Keyboard.NONE)));
        }

        telegram.awaitCount(c -> c.is("sendMessage"), BotApi.MOST_AT_ONCE, Duration.ofSeconds(5));
        release.countDown();
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(5));
        }

        assertThat(telegram.shown("sendMessage")).hasSize(12);
        assertThat(telegram.connectionsOpened()).isEqualTo(BotApi.MOST_AT_ONCE);
    }

    @Test
    void burstAfterBurstReuseTheSameConnections() throws InterruptedException {
        for (int burst = 1; burst <= 4; burst++) {
            CountDownLatch release = new CountDownLatch(1);
            telegram.heal();
            telegram.inject(c -> c.is("sendMessage"), Fault.heldUntil(release), -1);
            List<Thread> callers = new ArrayList<>();
            for (int chat = 1; chat <= 12; chat++) {
                long to = chat;
                callers.add(Thread.ofVirtual().start(() -> api.send(to, "hello", Keyboard.NONE)));
            }
            telegram.awaitCount(c -> c.is("sendMessage"), burst * 12 - 12 + BotApi.MOST_AT_ONCE, Duration.ofSeconds(5));
            release.countDown();
            for (Thread caller : callers) {
                caller.join(Duration.ofSeconds(5));
            }
            // What the pool keeps idle after a burst is what the next one finds.
            Awaitility.await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
                    .until(() -> http.connectionPool().idleConnectionCount() == BotApi.MOST_AT_ONCE);
        }

        assertThat(telegram.shown("sendMessage")).hasSize(48);
        assertThat(telegram.connectionsOpened()).isEqualTo(BotApi.MOST_AT_ONCE);
    }

    @Test
    void invalidReplyIsRefusedWithoutACall() {
        TelegramAnswer answer = api.send(1, "", Keyboard.NONE);

        assertThat(answer.kind()).isEqualTo(Kind.REFUSED);
        assertThat(answer.describe()).startsWith("not sent, invalid:");
        assertThat(telegram.calls("sendMessage")).isEmpty();
    }

    @Test
    void tokenNeverInTheDescription() {
        String echoed = "/bot" + FakeBotApi.TOKEN + "/sendMessage";

        assertThat(send(Answer.error(400, "Bad Request: at " + echoed)).describe()).doesNotContain(FakeBotApi.TOKEN)
                .contains("/bot<token>/sendMessage");
        assertThat(send(Answer.page(500, "", "Internal error at " + echoed)).describe())
                .doesNotContain(FakeBotApi.TOKEN);
    }
}
