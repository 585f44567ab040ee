package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sender when Telegram fails or refuses: retries and their back-off, final answers, a person
 * who blocked the bot, replies given up.
 */
class SenderFailureTest extends SenderOnFakeTime {
    @Nested
    class Retries {

        @Test
        void tooManyRequestsWaitsRetryAfterEachTimeAndNeverDrops() {
            start();
            telegram.failNext("sendMessage", Answer.tooManyRequests(1));
            telegram.failNext("sendMessage", Answer.tooManyRequests(1));

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            List<Call> attempts = telegram.calls("sendMessage");
            assertThat(attempts).hasSize(3);
            assertThat(millisBetween(attempts.get(0), attempts.get(1))).isEqualTo(1_000);
            assertThat(millisBetween(attempts.get(1), attempts.get(2))).isEqualTo(1_000);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(logs.lines()).anyMatch(line -> line.contains("Telegram asks to slow down; sending reply")
                    && line.contains("again in 1000 ms"));
        }

        @Test
        void tooManyRequestsPausesEveryChatNotOnlyTheOneThatGotIt() {
            start();
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == ANN, Fault.answer(Answer.tooManyRequests(1)), 1);

            queue(ANN, command(ANN, "start"));
            time.awaitSleepers(1);
            queue(BOB, command(BOB, "start"));
            awaitIdle();

            Call refused = telegram.calls("sendMessage").get(0);
            Call toBob = telegram.shown("sendMessage").stream().filter(c -> c.chatId() == BOB).findFirst().orElseThrow();
            assertThat(refused.chatId()).isEqualTo(ANN);
            assertThat(millisBetween(refused, toBob)).as("Bob waits out the pause Ann's 429 asked for").isEqualTo(1_000);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            assertThat(shownTexts(BOB)).containsExactly(TEXT.text("welcome"));
        }

        @Test
        void serverErrorsAreRetriedWithGrowingWaits() {
            start(Tunings.retry(Tunings.fast(), Duration.ofMillis(50), Duration.ofSeconds(5)));
            telegram.failNext("sendMessage", Answer.error(500, "Internal Server Error"));
            telegram.failNext("sendMessage", Answer.badGateway());
            telegram.failNext("sendMessage", Answer.error(503, "Service Unavailable"));

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            List<Call> attempts = telegram.calls("sendMessage");
            assertThat(attempts).hasSize(4);
            // Doubling from 50 ms (the tests' tuning has no jitter)
            assertThat(millisBetween(attempts.get(0), attempts.get(1))).isEqualTo(50);
            assertThat(millisBetween(attempts.get(1), attempts.get(2))).isEqualTo(100);
            assertThat(millisBetween(attempts.get(2), attempts.get(3))).isEqualTo(200);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("WARN Bot API sendMessage failed: error 500: Internal Server Error;"
                    + " sending reply") && line.contains("again in") && line.contains("(attempt 2)"));
        }

        @Test
        void retryWaitsStopGrowingAtTheCap() {
            start(Tunings.retry(Tunings.fast(), Duration.ofMillis(10), Duration.ofMillis(40)));
            telegram.inject(c -> c.is("sendMessage"), Fault.answer(Answer.error(500, "Internal Server Error")), 12);

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            List<Call> attempts = telegram.calls("sendMessage");
            assertThat(attempts).hasSize(13);
            // Uncapped, twelve doublings from 10 ms would wait 40 s.
            assertThat(time.sleepsAsked()).extracting(Duration::toMillis)
                    .containsExactly(10L, 20L, 40L, 40L, 40L, 40L, 40L, 40L, 40L, 40L, 40L, 40L);
            assertThat(shownTexts(ANN)).hasSize(1);
        }

        @Test
        void connectionDroppedBeforeTheAnswerIsRetried() {
            start();
            telegram.inject(c -> c.is("sendMessage"), Fault.dropBeforeAnswer(), 1);

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            assertThat(telegram.calls("sendMessage")).hasSize(2);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("WARN Bot API sendMessage failed: IOException"));
        }

        @Test
        void refusedConnectionsAreRetried() {
            start();
            http.connectionPool().evictAll();
            telegram.refuseConnections(2);

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("WARN Bot API sendMessage failed:"));
        }

        @Test
        void stalledAnswerPastTheTimeoutIsRetried() {
            start(Tunings.callTimeout(Tunings.fast(), Duration.ofMillis(300)));
            telegram.inject(c -> c.is("sendMessage"), Fault.stall(Duration.ofSeconds(1)), 1);

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            List<Call> attempts = telegram.calls("sendMessage");
            assertThat(attempts).hasSize(2);
            // The call's own timeout is the HTTP client's, in real time; then the first back-off.
            assertThat(millisBetween(attempts.get(0), attempts.get(1))).isEqualTo(20);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            // Either OkHttp's timeout ("...timeout", or its read timeout: "Read timed out") or, on a busy machine, the
            // sender's own wait for the answer ends it first.
            assertThat(logs.lines()).anyMatch(line -> line.contains("sendMessage failed")
                    && (line.contains("timeout") || line.contains("timed out") || line.contains("no answer within")));
        }

        @Test
        void slowAnswerWithinTheTimeoutIsSentOnce() {
            start(Tunings.callTimeout(Tunings.fast(), Duration.ofSeconds(2)));
            telegram.inject(c -> c.is("sendMessage"), Fault.slow(Duration.ofMillis(500)), 1);

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            assertThat(telegram.calls("sendMessage")).hasSize(1);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
        }

        /**
         * The one case of a message shown twice: Telegram took it but the answer was lost, and
         * the Bot API has no way to ask "did you get it?", so it is sent again.
         */
        @Test
        void answerLostAfterTelegramTookTheMessageIsSentAgain() {
            start(Tunings.callTimeout(Tunings.fast(), Duration.ofMillis(500)));
            telegram.inject(c -> c.is("sendMessage"), Fault.dropDuringAnswer(), 1);

            queue(ANN, command(ANN, "start"));
            awaitIdle();

            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"), TEXT.text("welcome"));
            assertThat(store.pendingReplies()).isEmpty();
        }
    }

    @Nested
    class FinalAnswers {

        @Test
        void editThatChangesNothingIsDone() {
            start();
            List<Outgoing> welcome = command(ANN, "start");
            telegram.failNext("editMessageText", Answer.error(400,
                    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same"));

            queue(ANN, welcome);
            queue(ANN, press(ANN, 501, "s"));
            awaitIdle();

            assertThat(telegram.calls("editMessageText")).hasSize(1);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(logs.lines()).noneMatch(line -> line.contains("WARN"));
        }

        @Test
        void aQuestionWhoseMessageCanNoLongerBeEditedComesAsANewMessage() {
            start();
            queue(ANN, command(ANN, "start"));
            awaitIdle();
            // Telegram allows edits for 48 hours: a press under an older message cannot be answered in place.
            telegram.failNext("editMessageText", Answer.error(400, "Bad Request: message can't be edited"));

            queue(ANN, press(ANN, telegram.lastKeyboardMessageId(), "s"));
            awaitIdle();

            assertThat(telegram.calls("editMessageText")).hasSize(1);
            assertThat(shownTexts(ANN)).hasSize(2).last().asString().contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
            assertThat(telegram.last("sendMessage").buttons()).containsExactlyElementsOf(ShippedTriage.firstQuestionButtons());
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(logs.lines()).noneMatch(line -> line.contains("WARN"));
        }

        @Test
        void pressAnsweredTooLateIsDoneAndItsRepliesFollow() {
            start();
            queue(ANN, command(ANN, "start"));
            telegram.failNext("answerCallbackQuery", Answer.error(400,
                    "Bad Request: query is too old and response timeout expired or query ID is invalid"));

            queue(ANN, press(ANN, 501, "s"));
            awaitIdle();

            assertThat(telegram.calls("answerCallbackQuery")).hasSize(1);
            assertThat(telegram.shown("editMessageText")).singleElement().extracting(Call::text).asString()
                    .contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
            assertThat(logs.lines()).noneMatch(line -> line.contains("WARN"));
        }

        @Test
        void otherBadRequestIsLoggedOnceAndDroppedAndTheNextReplyGoesOut() {
            start();
            List<Outgoing> welcome = command(ANN, "start");
            telegram.failNext("sendMessage", Answer.error(400, "Bad Request: can't parse entities: unsupported start tag"));

            queue(ANN, welcome);
            queue(ANN, command(ANN, "help"));
            awaitIdle();

            assertThat(telegram.calls("sendMessage")).hasSize(2);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("help"));
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(logs.lines()).containsOnlyOnce("backtriage.sender WARN Bot API sendMessage failed: error 400:"
                    + " Bad Request: can't parse entities: unsupported start tag; reply " + welcome.get(0).id() + " to chat " + ANN
                    + " dropped");
            assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"refused\"} 1.0");
        }

        @Test
        void blockedChatLosesWhatWaitsForItWhileOtherChatsGoOn() {
            start();
            telegram.inject(c -> c.chatId() == ANN, Fault.answer(Answer.blocked()), -1);
            List<Outgoing> forAnn = new ArrayList<>(command(ANN, "start"));
            forAnn.addAll(command(ANN, "help"));
            forAnn.addAll(command(ANN, "nonsense"));

            queue(ANN, forAnn);
            queue(BOB, command(BOB, "start"));
            awaitIdle();

            assertThat(telegram.calls("sendMessage")).filteredOn(c -> c.chatId() == ANN).hasSize(1);
            assertThat(shownTexts(BOB)).containsExactly(TEXT.text("welcome"));
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(logs.lines()).anyMatch(line -> line.contains("INFO Bot API sendMessage failed: error 403: Forbidden: bot was"
                    + " blocked by the user; the person blocked the bot"));

            // Writing again means they unblocked the bot: their new replies are sent.
            telegram.heal();
            queue(ANN, command(ANN, "help"));
            awaitIdle();
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("help"));
        }
    }

    @Nested
    class Blocking {

        /**
         * The person blocks the bot, and writes again (so unblocks it) just as the sender drops
         * what was waiting for them: the reply to the new message is written to the outbox and
         * queued while the drop is under way. It must be sent, not lost between two steps.
         */
        @Test
        void aReplyQueuedWhileABlockedChatsQueueIsDroppedIsSent() {
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == ANN, Fault.answer(Answer.blocked()), 1);
            List<Outgoing> forAnn = new ArrayList<>(command(ANN, "start"));
            forAnn.addAll(command(ANN, "help"));
            List<Long> waiting = forAnn.stream().map(Outgoing::id).toList();
            List<Outgoing> written = new ArrayList<>();
            Outbox writtenMeanwhile = new Outbox() {
                @Override
                public List<Outgoing> pendingReplies() {
                    return store.pendingReplies();
                }

                @Override
                public void delivered(List<Long> outgoingIds) {
                    store.delivered(outgoingIds);
                    if (outgoingIds.stream().anyMatch(waiting::contains)) {
                        newMessage();
                    }
                }

                @Override
                public void dropPending(long chatId) {
                    store.dropPending(chatId);
                    if (chatId == ANN) {
                        newMessage();
                    }
                }

                /** What the poller does for Ann's new message, once: the turn's replies written, then queued. */
                private void newMessage() {
                    synchronized (written) {
                        if (!written.isEmpty()) {
                            return;
                        }
                        written.addAll(command(ANN, "nonsense"));
                    }
                    sender.queue(ANN, written);
                }
            };

            start(Tunings.fast(), writtenMeanwhile);
            awaitIdle();
            // The new reply was queued during the removal that idle waited for: wait for it too.
            awaitIdle();

            assertThat(written).isNotEmpty();
            assertThat(shownTexts(ANN)).containsExactlyElementsOf(html(written));
            assertThat(store.pendingReplies()).as("nothing left behind in the outbox").isEmpty();
            assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"blocked\"} " + forAnn.size() + ".0");
        }
    }

    @Nested
    class GivingUp {

        /** Replies for {@code chatId} written to the outbox {@code ago}, as by a run that long ago. */
        private List<Outgoing> queuedAgo(long chatId, Duration ago) {
            try (SqliteSessionStore then = SqliteSessionStore.open(dir.resolve("bot.db"),
                    java.time.Clock.offset(java.time.Clock.systemUTC(), ago.negated()))) {
                return ShippedTriage.chatService(then).handleQueued(chatId, nextUpdateId++, Optional.empty(),
                        new Incoming.Command("start"));
            }
        }

        private List<String> givenUp(long chatId) {
            return logs.lines().stream().filter(line -> line.contains("to chat " + chatId) && (line.contains("given up")
                    || line.contains("dropped"))).toList();
        }

        @Test
        void aProxysPageRefusingTheRequestIsGivenUpAtOnceAndTheChatsNextReplyGoesOut() {
            start();
            List<Outgoing> welcome = command(ANN, "start");
            telegram.failNext("sendMessage", Answer.page(413, "text/html",
                    "<html><head><title>413 Request Entity Too Large</title></head></html>"));

            queue(ANN, welcome);
            queue(ANN, command(ANN, "help"));
            awaitIdle();

            assertThat(telegram.calls("sendMessage")).hasSize(2);
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("help"));
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(givenUp(ANN)).singleElement().asString().contains("WARN Bot API sendMessage failed: error 413: HTTP 413,"
                    + " not a Bot API answer", "reply " + welcome.get(0).id() + " to chat " + ANN + " dropped")
                    .doesNotContain(TEXT.text("welcome"));
            assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"refused\"} 1.0");
        }

        @Test
        void aReplyLeftInTheOutboxForMoreThan24HoursIsGivenUpUnsentAndTheChatsNextReplyGoesOut() {
            List<Outgoing> stale = queuedAgo(ANN, Duration.ofHours(25));
            start();
            queue(ANN, command(ANN, "help"));
            awaitIdle();

            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("help"));
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(givenUp(ANN)).singleElement().asString().contains("WARN Reply " + stale.get(0).id() + " to chat " + ANN
                    + " given up unsent: queued 25 h ago, longer than 24 h");
            assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"too_old\"} 1.0");
        }

        @Test
        void aReplyThatKeepsFailingIsGivenUpOnceItIsOlderThan24Hours() {
            List<Outgoing> almostStale = queuedAgo(ANN, Duration.ofHours(24).minusMillis(1_500));
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == ANN,
                    Fault.answer(Answer.error(500, "Internal Server Error")), -1);
            start();
            awaitIdle();

            assertThat(telegram.calls("sendMessage")).hasSizeGreaterThan(1);
            assertThat(store.pendingReplies()).isEmpty();
            assertThat(givenUp(ANN)).singleElement().asString().contains("Reply " + almostStale.get(0).id() + " to chat " + ANN
                    + " given up unsent");
            assertThat(monitoring.scrape()).contains("backtriage_replies_given_up_total{reason=\"too_old\"} 1.0");
        }
    }

}
