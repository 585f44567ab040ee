package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.backtriage.Waits;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.ops.Monitoring;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.testing.FakeTiming;
import org.backtriage.telegram.testing.LocalBotApi;
import org.backtriage.telegram.testing.Tunings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One reply delivered, against the fake Bot API, on time the test moves: what goes out, what is
 * waited for and how long, and how it ends.
 */
class ReplyDeliveryTest {
    private static final long ANN = 1001;
    private static final long BOB = 1002;
    private static final Instant NOW = Instant.parse("2025-11-24T08:00:00Z");

    private final FakeBotApi telegram = new FakeBotApi();
    private final LocalBotApi local = new LocalBotApi(telegram, Tunings.fast());
    private final FakeTiming time = new FakeTiming();
    private final Monitoring monitoring = new Monitoring();
    private volatile boolean held = true;
    private final SenderOptions options = SenderOptions.of(new TokenScrubber(FakeBotApi.TOKEN), Tunings.fast())
            .counting(monitoring).agingBy(Clock.fixed(NOW, ZoneOffset.UTC)).timedBy(time)
            .under(new SenderLease(() -> held, () -> { }, false));
    /** The threads the press answers asked for, run by hand. */
    private final List<Runnable> threads = new ArrayList<>();
    private final PressAnswers presses = new PressAnswers(local.api, options, threads::add);
    private final ReplyDelivery delivery = new ReplyDelivery(local.api, new FairPace(Tunings.UNPACED, time), presses,
            options);
    private final Lane lane = Lane.forChat(ANN, Tunings.fast(), time);
    /** The thread the last {@link #deliverInBackground} started. */
    private Thread delivering;

    @AfterEach
    void tearDown() {
        local.close();
        telegram.close();
        monitoring.close();
    }

    private static Outgoing send(String html, Instant queuedAt) {
        return new Outgoing(1, ANN, Optional.empty(), new Reply.Send(html, Keyboard.NONE), queuedAt);
    }

    private static Outgoing edit(String html) {
        return new Outgoing(1, ANN, Optional.of(new Press("q1", 777)), new Reply.EditPressed(html, Keyboard.NONE, true), NOW);
    }

    /** Delivers {@code outgoing} for {@code lane} on a thread of its own; the future completes with how it ended. */
    private CompletableFuture<Next> deliverInBackground(Lane on, Outgoing outgoing) {
        CompletableFuture<Next> ended = new CompletableFuture<>();
        delivering = Thread.ofVirtual().start(() -> {
            try {
                ended.complete(delivery.deliver(on, outgoing));
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
        });
        return ended;
    }

    /** Answers press q1 now, as the sender would before its messages go. */
    private void pressAnswered() {
        presses.start();
        presses.answer(ANN, "q1");
        threads.forEach(Runnable::run);
    }

    @Test
    void anAcceptedMessageIsDone() throws InterruptedException {
        assertThat(delivery.deliver(lane, send("Hello", NOW))).isEqualTo(Next.DONE);

        assertThat(telegram.last("sendMessage").text()).isEqualTo("Hello");
        assertThat(telegram.last("sendMessage").chatId()).isEqualTo(ANN);
        assertThat(time.sleepsAsked()).isEmpty();
    }

    @Test
    void withoutASureLeaseNothingIsCalledAndTheReplyWaitsThenGoesOnceItIsSureAgain() {
        held = false;

        CompletableFuture<Next> ended = deliverInBackground(lane, send("Hello", NOW));
        assertThat(time.untilNextWake()).isEqualTo(ReplyDelivery.NOT_HELD_RECHECK);
        assertThat(telegram.calls()).isEmpty();
        time.advance(ReplyDelivery.NOT_HELD_RECHECK);
        assertThat(time.untilNextWake()).as("still not sure: it waits again").isEqualTo(ReplyDelivery.NOT_HELD_RECHECK);
        assertThat(telegram.calls()).isEmpty();
        held = true;
        time.advance(ReplyDelivery.NOT_HELD_RECHECK);

        assertThat(ended.join()).isEqualTo(Next.DONE);
        assertThat(telegram.calls("sendMessage")).singleElement().extracting(Call::text).isEqualTo("Hello");
    }

    @Test
    void anEditGoesToThePressedMessageOnceThePressIsAnswered() throws InterruptedException {
        pressAnswered();

        assertThat(delivery.deliver(lane, edit("Answered"))).isEqualTo(Next.DONE);

        assertThat(telegram.last("editMessageText").body().path("message_id").asLong()).isEqualTo(777);
    }

    @Test
    void aPressesMessageWaitsUntilThePressIsAnswered() {
        Outgoing question = new Outgoing(1, ANN, Optional.of(new Press("q1", 500)), new Reply.Send("Next?", Keyboard.NONE),
                NOW);
        presses.start();
        presses.expect(question);
        presses.dispatchFor(List.of(question));

        CompletableFuture<Next> ended = deliverInBackground(lane, question);
        Waits.upTo(Duration.ofSeconds(5)).until(() -> delivering.getState() == Thread.State.WAITING);
        threads.forEach(Runnable::run);

        assertThat(ended.join()).isEqualTo(Next.DONE);
        assertThat(telegram.calls()).extracting(Call::method).containsExactly("answercallbackquery", "sendmessage");
    }

    @Test
    void anEditOfAMessageThatCanNoLongerBeEditedGoesAsANewMessage() throws InterruptedException {
        pressAnswered();
        telegram.failNext("editMessageText", Answer.error(400, "Bad Request: message can't be edited"));

        assertThat(delivery.deliver(lane, edit("Next question"))).isEqualTo(Next.DONE);

        assertThat(telegram.last("sendMessage").text()).isEqualTo("Next question");
        assertThat(telegram.last("sendMessage").chatId()).isEqualTo(ANN);
    }

    @Test
    void aMessageToAGroupThatBecameASupergroupGoesToTheSupergroup() throws InterruptedException {
        telegram.failNext("sendMessage", Answer.migrated(-1001234567890L));

        assertThat(delivery.deliver(lane, send("Hello", NOW))).isEqualTo(Next.DONE);

        assertThat(telegram.calls("sendMessage")).extracting(Call::chatId).containsExactly(ANN, -1001234567890L);
        assertThat(telegram.shown("sendMessage")).singleElement().extracting(Call::chatId).isEqualTo(-1001234567890L);
    }

    @Test
    void aNewMessageRefusedAsWellIsGivenUpNotSentAThirdTime() throws InterruptedException {
        pressAnswered();
        telegram.failNext("editMessageText", Answer.error(400, "Bad Request: message to edit not found"));
        telegram.failNext("sendMessage", Answer.migrated(-1001234567890L));

        assertThat(delivery.deliver(lane, edit("Next question"))).isEqualTo(Next.REFUSED);

        assertThat(telegram.calls("sendMessage")).hasSize(1);
        assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"refused\"} 1.0");
    }

    @Test
    void aReplyRefusedForGoodIsGivenUpAndCounted() throws InterruptedException {
        telegram.failNext("sendMessage", Answer.error(400, "Bad Request: chat not found"));

        assertThat(delivery.deliver(lane, send("Hello", NOW))).isEqualTo(Next.REFUSED);
        assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"refused\"} 1.0");
    }

    @Test
    void aReplyQueuedMoreThanADayAgoIsGivenUpWithoutACall() throws InterruptedException {
        assertThat(delivery.deliver(lane, send("Hello", NOW.minus(Duration.ofHours(25))))).isEqualTo(Next.TOO_OLD);

        assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"too_old\"} 1.0");
        assertThat(telegram.calls("sendMessage")).isEmpty();
    }

    @Test
    void aBlockedBotDropsTheChat() throws InterruptedException {
        telegram.failNext("sendMessage", Answer.blocked());

        assertThat(delivery.deliver(lane, send("Hello", NOW))).isEqualTo(Next.DROP_CHAT);
    }

    @Test
    void tooManyRequestsWaitsRetryAfterAndHoldsEveryChatAsLong() {
        telegram.timeCallsBy(time::nanoTime);
        long start = time.nanoTime();
        telegram.failNext("sendMessage", Answer.tooManyRequests(3));

        CompletableFuture<Next> ann = deliverInBackground(lane, send("Hello", NOW));
        time.awaitSleepers(1);
        CompletableFuture<Next> bob = deliverInBackground(Lane.forChat(BOB, Tunings.fast(), time),
                new Outgoing(2, BOB, Optional.empty(), new Reply.Send("Hi Bob", Keyboard.NONE), NOW));
        time.advance(Duration.ofSeconds(3).minusNanos(1));
        assertThat(telegram.calls("sendMessage")).as("nothing to any chat before then").hasSize(1);
        time.advance(Duration.ofNanos(1));

        assertThat(ann.join()).isEqualTo(Next.DONE);
        assertThat(bob.join()).isEqualTo(Next.DONE);
        long then = start + Duration.ofSeconds(3).toNanos();
        assertThat(telegram.calls("sendMessage")).extracting(Call::at).containsExactly(start, then, then);
    }

    @Test
    void aFailureBacksOffLongerEachTimeAndASuccessStartsOver() {
        telegram.inject(c -> c.is("sendMessage"), Fault.answer(Answer.badGateway()), 2);

        CompletableFuture<Next> ended = deliverInBackground(lane, send("Hello", NOW));
        assertThat(time.advanceToNextWake()).isEqualTo(Duration.ofMillis(20));
        assertThat(time.advanceToNextWake()).isEqualTo(Duration.ofMillis(40));

        assertThat(ended.join()).isEqualTo(Next.DONE);
        assertThat(telegram.calls("sendMessage")).hasSize(3);
        assertThat(lane.failed()).as("counted afresh after the success").isEqualTo(1);
    }

    @Test
    void aNoticeIsDoneWithoutAMessage() throws InterruptedException {
        Outgoing notice = new Outgoing(1, ANN, Optional.empty(), new Reply.Notice("Saved"), NOW);

        assertThat(delivery.deliver(lane, notice)).isEqualTo(Next.DONE);
        assertThat(telegram.calls()).isEmpty();
    }
}
