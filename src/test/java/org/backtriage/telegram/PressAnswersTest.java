package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answers to presses alone, against the fake Bot API, on a scheduler the test runs by hand:
 * no sender, no lanes, no threads of their own.
 */
class PressAnswersTest {
    private static final long ANN = 1001;
    private static final Instant NOW = Instant.parse("2025-11-24T08:00:00Z");

    private final FakeBotApi telegram = new FakeBotApi();
    private final LocalBotApi local = new LocalBotApi(telegram, Tunings.fast());
    /** What was handed to the scheduler, and after how long, in order. */
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private boolean closing;
    private final PressAnswers presses = new PressAnswers(local.api, Tunings.fast(), (task, nanos) -> {
                scheduled.add(task);
                delays.add(nanos);
            }, new TokenScrubber(FakeBotApi.TOKEN), () -> closing);
    private final Lane lane = Lane.forChat(ANN, Tunings.fast(), ignored -> { });

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

    /** Runs what was scheduled so far, once, in order. */
    private void runScheduled() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        delays.clear();
        due.forEach(Runnable::run);
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
        assertThat(scheduled).isEmpty();

        presses.start();
        assertThat(presses.unsettled()).isEqualTo(1);
        runScheduled();

        assertThat(answers()).singleElement().satisfies(call -> {
            assertThat(call.body().path("callback_query_id").asText()).isEqualTo("q1");
            assertThat(call.body().path("text").asText()).isEqualTo("Saved");
            assertThat(call.body().path("show_alert").asBoolean()).isTrue();
        });
        assertThat(presses.unsettled()).isZero();
    }

    @Test
    void aPressesMessagesWaitForItsAnswerAndTheirLaneIsWokenOnceItIsSettled() {
        presses.start();
        Outgoing question = message(1, "q1");
        presses.expect(question);
        presses.dispatchFor(List.of(question));

        assertThat(presses.answered(question, lane)).isFalse();
        runScheduled(); // the answer goes out and is settled

        assertThat(scheduled).containsExactly(lane);
        assertThat(presses.answered(question, lane)).isTrue();
        assertThat(presses.answered(new Outgoing(2, ANN, Optional.empty(), new Reply.Send("x", Keyboard.NONE), NOW), lane))
                .as("a reply to no press never waits").isTrue();
    }

    @Test
    void aPressWithoutRepliesIsAnsweredWithoutText() {
        presses.start();
        presses.answer(ANN, "q7");
        runScheduled();

        assertThat(answers()).singleElement().satisfies(call -> assertThat(call.body().has("text")).isFalse());
    }

    @Test
    void aFailedAnswerIsTriedAgainAfterAWaitAndGivenUpAfterFiveTries() {
        telegram.inject(c -> c.is("answerCallbackQuery"), org.backtriage.fakebotapi.Fault.answer(Answer.badGateway()), -1);
        presses.start();
        presses.answer(ANN, "q1");

        for (int tries = 1; tries < RetryPolicy.PRESS_ANSWER_TRIES; tries++) {
            runScheduled();
            assertThat(delays).as("after try %d", tries).singleElement().satisfies(nanos -> assertThat(nanos).isPositive());
        }
        runScheduled();

        assertThat(answers()).hasSize(RetryPolicy.PRESS_ANSWER_TRIES);
        assertThat(presses.unsettled()).as("given up").isZero();
    }

    @Test
    void whileClosingAFailedAnswerIsNotTriedAgain() {
        telegram.failNext("answerCallbackQuery", Answer.error(500, "Internal Server Error"));
        presses.start();
        presses.answer(ANN, "q1");
        closing = true;

        runScheduled();

        assertThat(answers()).hasSize(1);
        assertThat(presses.unsettled()).isZero();
    }

    @Test
    void oneChatsPressesAreAnsweredInTheOrderTheyCame() {
        presses.start();
        presses.answer(ANN, "q1");
        presses.answer(ANN, "q2");
        presses.answer(ANN, "q3");

        assertThat(scheduled).as("one line for the chat").hasSize(1);
        runScheduled();

        assertThat(answers()).extracting(call -> call.body().path("callback_query_id").asText())
                .containsExactly("q1", "q2", "q3");
    }
}
