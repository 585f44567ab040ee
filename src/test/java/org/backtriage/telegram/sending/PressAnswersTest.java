package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backtriage.Waits;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.testing.FakeTiming;
import org.backtriage.telegram.testing.LocalBotApi;
import org.backtriage.telegram.testing.Tunings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answers to presses alone, against the fake Bot API, their threads run by hand on the
 * test's own (or, where an answer must wait, on one the test starts), on time the test moves: no
 * sender, no lanes.
 */
class PressAnswersTest {
    private static final long ANN = 1001;
    private static final Instant NOW = Instant.parse("2025-11-24T08:00:00Z");

    private final FakeBotApi telegram = new FakeBotApi();
    private final LocalBotApi local = new LocalBotApi(telegram, Tunings.fast());
    private final FakeTiming time = new FakeTiming();
    /** The threads asked for, not yet run, in order. */
    private final List<Runnable> threads = new ArrayList<>();
    private final PressAnswers presses = new PressAnswers(local.api,
            SenderOptions.of(new TokenScrubber(FakeBotApi.TOKEN), Tunings.fast()).timedBy(time), threads::add);

    @AfterEach
    void tearDown() {
        local.close();
        telegram.close();
    }

    private static Outgoing reply(long id, String press, Reply reply) {
        return new Outgoing(id, ANN, Optional.of(new Press(press, 500)), reply, NOW);
    }

    private static Outgoing message(long id, String press) {
        return reply(id, press, new Reply.Send("message " + id, Keyboard.NONE));
    }

    /** Runs the threads asked for so far, one after the other on this one. */
    private void runThreads() {
        List<Runnable> asked = new ArrayList<>(threads);
        threads.clear();
        asked.forEach(Runnable::run);
    }

    /** Runs the one thread asked for so far as a thread of its own. */
    private Thread startThread() {
        assertThat(threads).hasSize(1);
        Thread thread = Thread.ofVirtual().start(threads.remove(0));
        return thread;
    }

    private List<Call> answers() {
        return telegram.calls("answerCallbackQuery");
    }

    @Test
    void nothingIsSentBeforeStartThenEachPressIsAnsweredOnceWithItsFirstNotice() {
        Outgoing notice = reply(1, "q1", new Reply.Notice("Saved", true));
        presses.expect(notice);
        presses.expect(reply(2, "q1", new Reply.Notice("Ignored: not the first")));
        presses.dispatchFor(List.of(notice));
        assertThat(threads).isEmpty();

        presses.start();
        assertThat(presses.unsettled()).isEqualTo(1);
        runThreads();

        assertThat(answers()).singleElement().satisfies(call -> {
            assertThat(call.body().path("callback_query_id").asText()).isEqualTo("q1");
            assertThat(call.body().path("text").asText()).isEqualTo("Saved");
            assertThat(call.body().path("show_alert").asBoolean()).isTrue();
        });
        assertThat(presses.unsettled()).isZero();
    }

    @Test
    void aPressesMessagesWaitForItsAnswerUntilItIsSettled() throws Exception {
        presses.start();
        Outgoing question = message(1, "q1");
        presses.expect(question);
        presses.dispatchFor(List.of(question));
        CountDownLatch released = new CountDownLatch(1);
        Thread lane = Thread.ofVirtual().start(() -> {
            try {
                presses.awaitAnswered(question);
                released.countDown();
            } catch (InterruptedException e) {
                // The test ended.
            }
        });

        Waits.upTo(Duration.ofSeconds(5)).until(() -> lane.getState() == Thread.State.WAITING);
        assertThat(released.getCount()).as("waiting for the answer").isEqualTo(1);
        runThreads(); // the answer goes out and is settled

        assertThat(released.await(5, TimeUnit.SECONDS)).isTrue();
        presses.awaitAnswered(new Outgoing(2, ANN, Optional.empty(), new Reply.Send("x", Keyboard.NONE), NOW));
        presses.awaitAnswered(question);
    }

    @Test
    void aPressWithoutRepliesIsAnsweredWithoutText() {
        presses.start();
        presses.answer(ANN, "q7");
        runThreads();

        assertThat(answers()).singleElement().satisfies(call -> assertThat(call.body().has("text")).isFalse());
    }

    @Test
    void aFailedAnswerIsTriedAgainAfterAGrowingWaitAndGivenUpAfterFiveTries() throws InterruptedException {
        telegram.inject(c -> c.is("answerCallbackQuery"), Fault.answer(Answer.badGateway()), -1);
        presses.start();
        presses.answer(ANN, "q1");
        Thread line = startThread();

        for (int tries = 1; tries < RetryPolicy.PRESS_ANSWER_TRIES; tries++) {
            time.advanceToNextWake();
        }
        line.join(Duration.ofSeconds(5));

        assertThat(answers()).hasSize(RetryPolicy.PRESS_ANSWER_TRIES);
        // Tunings.fast(): 20 ms doubling up to 200 ms, no jitter.
        assertThat(time.sleepsAsked()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80),
                Duration.ofMillis(160));
        assertThat(presses.unsettled()).as("given up").isZero();
    }

    @Test
    void aThrottledAnswerWaitsWhatTelegramAsked() throws InterruptedException {
        telegram.failNext("answerCallbackQuery", Answer.tooManyRequests(3));
        presses.start();
        presses.answer(ANN, "q1");
        Thread line = startThread();

        assertThat(time.advanceToNextWake()).isEqualTo(Duration.ofSeconds(3));
        line.join(Duration.ofSeconds(5));

        assertThat(answers()).hasSize(2);
        assertThat(presses.unsettled()).isZero();
    }

    @Test
    void whenClosingAWaitingAnswerIsNotTriedAgain() throws InterruptedException {
        telegram.failNext("answerCallbackQuery", Answer.error(500, "Internal Server Error"));
        presses.start();
        presses.answer(ANN, "q1");
        Thread line = startThread();
        time.awaitSleepers(1);

        line.interrupt();
        line.join(Duration.ofSeconds(5));

        assertThat(answers()).hasSize(1);
        assertThat(line.isAlive()).isFalse();
    }

    @Test
    void oneChatsPressesAreAnsweredInTheOrderTheyCame() {
        presses.start();
        presses.answer(ANN, "q1");
        presses.answer(ANN, "q2");
        presses.answer(ANN, "q3");

        assertThat(threads).as("one thread for the chat").hasSize(1);
        runThreads();

        assertThat(answers()).extracting(call -> call.body().path("callback_query_id").asText())
                .containsExactly("q1", "q2", "q3");
    }
}
