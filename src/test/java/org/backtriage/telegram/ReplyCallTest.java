package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.ops.Monitoring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One try of a lane's head reply, against the fake Bot API: what goes out, and the step the lane takes next. */
class ReplyCallTest {
    private static final long ANN = 1001;
    private static final Instant NOW = Instant.parse("2025-11-24T08:00:00Z");

    private final FakeBotApi telegram = new FakeBotApi();
    private final LocalBotApi local = new LocalBotApi(telegram, Tunings.fast());
    private final TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
    private final List<Runnable> scheduled = new ArrayList<>();
    private final SharedPace allChats = new SharedPace(new TokenBucket(1_000, 1_000, System::nanoTime),
            (task, nanos) -> scheduled.add(task), System::nanoTime);
    private final PressAnswers presses = new PressAnswers(local.api, Tunings.fast(), (task, nanos) -> scheduled.add(task),
            scrubber, () -> false);
    private final Monitoring monitoring = new Monitoring();
    private volatile boolean held = true;
    private final ReplyCall call = new ReplyCall(local.api, allChats, presses, monitoring, Clock.fixed(NOW, ZoneOffset.UTC),
            () -> false, () -> held);
    private final Lane lane = Lane.forChat(ANN, Tunings.fast(), ignored -> { });

    @AfterEach
    void tearDown() {
        local.close();
        telegram.close();
        monitoring.close();
    }

    private static Outgoing send(String html, Instant queuedAt) {
        return new Outgoing(1, ANN, Optional.empty(), new Reply.Send(html, Keyboard.NONE), queuedAt);
    }

    @Test
    void withoutASureLeaseNothingIsCalledAndTheReplyWaitsThenGoesOnceItIsSureAgain() {
        held = false;

        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(new ReplyCall.Next.Wait(ReplyCall.NOT_HELD_RECHECK_NANOS));
        assertThat(telegram.calls()).isEmpty();

        held = true;
        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(ReplyCall.FINISH);
        assertThat(telegram.calls("sendMessage")).singleElement().extracting(org.backtriage.fakebotapi.Call::text).isEqualTo("Hello");
    }

    @Test
    void anAcceptedMessageIsFinished() {
        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(ReplyCall.FINISH);

        assertThat(telegram.last("sendMessage").text()).isEqualTo("Hello");
        assertThat(telegram.last("sendMessage").chatId()).isEqualTo(ANN);
    }

    @Test
    void anEditGoesToThePressedMessage() {
        Outgoing edit = new Outgoing(1, ANN, Optional.of(new Press("q1", 777)),
                new Reply.EditPressed("Answered", Keyboard.NONE, true), NOW);
        presses.start();
        presses.answer(ANN, "q1");
        scheduled.forEach(Runnable::run);

        assertThat(call.attempt(lane, edit)).isEqualTo(ReplyCall.FINISH);
        assertThat(telegram.last("editMessageText").body().path("message_id").asLong()).isEqualTo(777);
    }

    @Test
    void aReplyRefusedForGoodIsFinishedAndCountedAsGivenUp() {
        telegram.failNext("sendMessage", Answer.error(400, "Bad Request: chat not found"));

        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(ReplyCall.FINISH);
        assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"refused\"} 1.0");
    }

    @Test
    void aReplyQueuedMoreThanADayAgoIsGivenUpWithoutACall() {
        assertThat(call.attempt(lane, send("Hello", NOW.minus(Duration.ofHours(25))))).isEqualTo(ReplyCall.FINISH);

        assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"too_old\"} 1.0");
        assertThat(telegram.calls("sendMessage")).isEmpty();
    }

    @Test
    void aBlockedBotDropsTheChat() {
        telegram.failNext("sendMessage", Answer.blocked());

        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(ReplyCall.DROP_CHAT);
    }

    @Test
    void tooManyRequestsWaitsRetryAfterAndPausesEveryChat() {
        telegram.failNext("sendMessage", Answer.tooManyRequests(3));

        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(new ReplyCall.Next.Wait(TimeUnit.SECONDS.toNanos(3)));
        Lane other = Lane.forChat(2002, Tunings.fast(), ignored -> { });
        assertThat(allChats.take(other)).as("every chat waits").isFalse();
    }

    @Test
    void aFailureBacksOffLongerEachTimeAndASuccessStartsOver() {
        telegram.inject(c -> c.is("sendMessage"), org.backtriage.fakebotapi.Fault.answer(Answer.badGateway()), 2);

        ReplyCall.Next first = call.attempt(lane, send("Hello", NOW));
        ReplyCall.Next second = call.attempt(lane, send("Hello", NOW));

        assertThat(first).isInstanceOf(ReplyCall.Next.Wait.class);
        assertThat(((ReplyCall.Next.Wait) second).nanos()).isGreaterThan(((ReplyCall.Next.Wait) first).nanos());
        assertThat(call.attempt(lane, send("Hello", NOW))).isEqualTo(ReplyCall.FINISH);
        assertThat(lane.failed()).as("counted afresh after the success").isEqualTo(1);
    }

    @Test
    void aPressesMessageIsParkedUntilThePressIsAnswered() {
        Outgoing question = new Outgoing(1, ANN, Optional.of(new Press("q1", 500)), new Reply.Send("Next?", Keyboard.NONE),
                NOW);
        presses.start();
        presses.expect(question);
        presses.dispatchFor(List.of(question));

        assertThat(call.attempt(lane, question)).isEqualTo(ReplyCall.PARKED);
        assertThat(telegram.calls("sendMessage")).isEmpty();
    }

    @Test
    void aNoticeIsFinishedWithoutAMessage() {
        Outgoing notice = new Outgoing(1, ANN, Optional.empty(), new Reply.Notice("Saved"), NOW);

        assertThat(call.attempt(lane, notice)).isEqualTo(ReplyCall.FINISH);
        assertThat(telegram.calls()).isEmpty();
    }
}
