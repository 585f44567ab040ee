package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.telegram.client.TelegramAnswer.Kind;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getUpdates on the one client: what is asked, what comes back, and ending a long poll from another thread. */
class UpdatePollTest {
    private FakeBotApi telegram;
    private BotHttp http;
    private UpdatePoll poll;

    @BeforeEach
    void setUp() {
        telegram = new FakeBotApi();
        http = BotHttp.open(Duration.ofSeconds(UpdatePoll.LONG_POLL_SECONDS + 25));
        poll = http.poll(Tunings.access(telegram));
    }

    @AfterEach
    void tearDown() {
        http.cancelCalls();
        http.close();
        telegram.close();
    }

    @Test
    void aPollAsksForTheUpdatesAfterTheLastOneAndBringsEachAsTelegramWroteIt() {
        telegram.deliver(Updates.text(41, 7, "/start"));
        telegram.deliver(Updates.text(42, 7, "hello"));

        UpdatePoll.Polled polled = poll.next(41);

        assertThat(polled.answer()).isEqualTo(TelegramAnswer.OK);
        assertThat(polled.updates()).extracting(update -> update.path("update_id").asInt()).containsExactly(41, 42);
        assertThat(polled.updates().get(1).path("message").path("text").asText()).isEqualTo("hello");
        JsonNode asked = telegram.last("getUpdates").body();
        assertThat(asked.path("offset").asLong()).isEqualTo(41);
        assertThat(asked.path("timeout").asInt()).isEqualTo(50);
        assertThat(asked.path("limit").asInt()).isEqualTo(100);
        assertThat(asked.path("allowed_updates").toString()).isEqualTo("[\"message\",\"callback_query\",\"inline_query\"]");
    }

    @Test
    void aRefusalIsReadAsEveryCallsAnswerIsAndBringsNoUpdates() {
        telegram.deliver(Updates.text(1, 7, "/start"));
        telegram.failNext("getUpdates", Answer.error(409, "Conflict: terminated by other getUpdates request"));

        UpdatePoll.Polled polled = poll.next(1);

        assertThat(polled.answer().status()).isEqualTo(409);
        assertThat(polled.answer().kind()).isEqualTo(Kind.REFUSED);
        assertThat(polled.answer().description()).isEqualTo("Conflict: terminated by other getUpdates request");
        assertThat(polled.updates()).isEmpty();
    }

    @Test
    void anAnswerWithoutAListOfUpdatesIsWorthTryingAgain() {
        telegram.failNext("getUpdates", Answer.json(200, "{\"ok\":true,\"result\":{}}"));

        UpdatePoll.Polled polled = poll.next(1);

        assertThat(polled.answer().kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(polled.answer().description()).isEqualTo("the answer's result is not a list of updates");
    }

    @Test
    void cancellingEndsTheOpenPollAtOnceAndEveryLaterOne() throws Exception {
        telegram.holdEmptyPolls(Duration.ofSeconds(30));
        CompletableFuture<UpdatePoll.Polled> open = CompletableFuture.supplyAsync(() -> poll.next(1));
        telegram.await(c -> c.is("getUpdates"), Duration.ofSeconds(5));

        long cancelled = System.nanoTime();
        poll.cancel();
        UpdatePoll.Polled polled = open.get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(2));
        assertThat(polled.answer().kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(polled.answer().status()).isZero();
        assertThat(poll.next(1).answer().description()).isEqualTo("not sent: polling was cancelled");
        assertThat(telegram.calls("getUpdates")).hasSize(1);
    }
}
