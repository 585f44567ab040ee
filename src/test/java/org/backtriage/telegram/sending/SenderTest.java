package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.backtriage.Waits;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sender's order and pace: each chat's replies in order, chats independent of each other,
 * answers to presses at once, Telegram's limits kept.
 */
class SenderTest extends SenderOnFakeTime {
    @Nested
    class Order {

        @Test
        void repliesToOneChatArriveInOrderThroughEveryKindOfFault() {
            start();
            telegram.inject(nth("sendMessage", 2), Fault.answer(Answer.error(500, "Internal Server Error")), 1);
            telegram.inject(nth("sendMessage", 4), Fault.dropBeforeAnswer(), 1);
            telegram.inject(nth("sendMessage", 5), Fault.answer(Answer.badGateway()), 1);
            telegram.inject(nth("sendMessage", 7), Fault.answer(Answer.tooManyRequests(1)), 1);
            List<Outgoing> replies = new ArrayList<>();
            for (String command : List.of("start", "help", "nonsense", "forget", "start", "help")) {
                List<Outgoing> turn = command(ANN, command);
                replies.addAll(turn);
                queue(ANN, turn);
            }
            awaitIdle();

            assertThat(shownTexts(ANN)).containsExactlyElementsOf(html(replies));
            assertThat(telegram.calls("sendMessage")).hasSize(replies.size() + 4);
        }

        @Test
        void eachOfSeveralChatsGetsItsRepliesInOrder() {
            start(Tunings.fast());
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == BOB,
                    Fault.answer(Answer.error(502, "Bad Gateway")), 3);
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == CAT, Fault.dropBeforeAnswer(), 2);
            List<List<Outgoing>> expected = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<Long> chats = List.of(ANN, BOB, CAT);
            for (String command : List.of("start", "help", "nonsense", "start")) {
                for (int i = 0; i < chats.size(); i++) {
                    List<Outgoing> turn = command(chats.get(i), command);
                    expected.get(i).addAll(turn);
                    queue(chats.get(i), turn);
                }
            }
            awaitIdle();

            for (int i = 0; i < chats.size(); i++) {
                assertThat(shownTexts(chats.get(i))).as("chat %d", chats.get(i)).containsExactlyElementsOf(html(expected.get(i)));
            }
        }

        /**
         * The window "nothing twice" cannot close: Telegram took the reply, but it could not be
         * removed from the outbox (a crash, or here a database error), so it goes out again on
         * the next start. Nothing is lost.
         */
        @Test
        void replySentButStillInTheOutboxIsSentAgainOnTheNextStart() {
            List<Outgoing> welcome = command(ANN, "start");
            Outbox forgetful = new Outbox() {
                @Override
                public List<Outgoing> pendingReplies() {
                    return store.pendingReplies();
                }

                @Override
                public void delivered(List<Long> outgoingIds) {
                    throw new IllegalStateException("disk I/O error");
                }

                @Override
                public void dropPending(long chatId) {
                    store.dropPending(chatId);
                }
            };
            start(Tunings.fast(), forgetful);
            awaitIdle();
            assertThat(store.pendingReplies()).extracting(Outgoing::id).containsExactly(welcome.get(0).id());
            assertThat(logs.lines()).anyMatch(line -> line.contains("ERROR Replies [" + welcome.get(0).id()
                    + "] were sent but could not be removed from the outbox; they may be sent again later (a rescan of the outbox or a restart)"));

            start(Tunings.fast(), store);
            awaitIdle();

            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"), TEXT.text("welcome"));
            assertThat(store.pendingReplies()).isEmpty();
        }

        /** An outbox whose first removal waits for {@code release}; records the size of every removal. */
        private Outbox holdingFirstRemoval(CountDownLatch release, List<Integer> removals) {
            return new Outbox() {
                @Override
                public List<Outgoing> pendingReplies() {
                    return store.pendingReplies();
                }

                @Override
                public void delivered(List<Long> outgoingIds) {
                    boolean first;
                    synchronized (removals) {
                        first = removals.isEmpty();
                        removals.add(outgoingIds.size());
                    }
                    if (first) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    store.delivered(outgoingIds);
                }

                @Override
                public void dropPending(long chatId) {
                    store.dropPending(chatId);
                }
            };
        }

        @Test
        void repliesSentWhileTheOutboxIsBusyAreRemovedTogetherInOneGo() {
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> removals = new ArrayList<>();
            start(Tunings.fast(), holdingFirstRemoval(release, removals));
            for (long person = 2000; person < 2030; person++) {
                queue(person, command(person, "start"));
            }
            telegram.awaitCount(c -> c.is("sendMessage"), 30, Duration.ofSeconds(5));
            awaitNothingQueued();
            assertThat(store.pendingReplies()).hasSize(30);

            release.countDown();
            awaitIdle();

            assertThat(store.pendingReplies()).isEmpty();
            assertThat(removals).hasSizeLessThanOrEqualTo(2);
            assertThat(removals.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
            assertThat(telegram.shown("sendMessage")).hasSize(30);
        }

        @Test
        void repliesSentJustBeforeStoppingAreRemovedAndNotSentAgain() throws InterruptedException {
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> removals = new ArrayList<>();
            Sender first = start(Tunings.fast(), holdingFirstRemoval(release, removals));
            for (long person = 2000; person < 2010; person++) {
                queue(person, command(person, "start"));
            }
            telegram.awaitCount(c -> c.is("sendMessage"), 10, Duration.ofSeconds(5));
            awaitNothingQueued();

            // Stopping interrupts the removal under way; what it and the next removal held leaves the outbox all the same.
            first.shutdownNow();
            release.countDown();
            assertThat(first.awaitTermination(Duration.ofSeconds(2))).isTrue();
            assertThat(store.pendingReplies()).isEmpty();

            start(Tunings.fast());
            awaitIdle();
            assertThat(telegram.calls("sendMessage")).hasSize(10);
        }

        @Test
        void repliesLeftInTheOutboxGoOutFirstWhenSendingStarts() {
            List<Outgoing> before = command(ANN, "start");
            start();

            List<Outgoing> after = command(ANN, "help");
            queue(ANN, after);
            awaitIdle();

            assertThat(shownTexts(ANN)).containsExactly(html(before).get(0), html(after).get(0));
        }
    }

    @Nested
    class Independence {

        @Test
        void slowChatDoesNotHoldUpOthers() {
            start(Tunings.callTimeout(Tunings.fast(), Duration.ofSeconds(30)));
            CountDownLatch annsCallAnswered = new CountDownLatch(1);
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == ANN, Fault.heldUntil(annsCallAnswered), 1);

            List<Outgoing> toAnn = command(ANN, "start");
            queue(ANN, toAnn);
            telegram.await(c -> c.chatId() == ANN, IDLE);
            queue(BOB, command(BOB, "start"));
            queue(CAT, command(CAT, "start"));
            queue(BOB, command(BOB, "help"));

            telegram.awaitCount(c -> c.is("sendMessage") && c.chatId() != ANN, 3, IDLE);
            assertThat(store.pendingReplies()).as("Ann's call is still under way")
                    .extracting(Outgoing::id).contains(toAnn.get(0).id());
            annsCallAnswered.countDown();
            awaitIdle();
            assertThat(telegram.calls("sendMessage")).filteredOn(c -> c.chatId() == ANN).hasSize(1);
        }

        /**
         * A reply waiting for a place among the calls at once is looked at again once it has one:
         * the lease lost meanwhile, it is not sent (the next holder sends it), although it was
         * held when the reply's turn came.
         */
        @Test
        void aReplyWaitingForAPlaceIsNotSentOnceTheLeaseIsLost() {
            start(Tunings.callTimeout(Tunings.fast(), Duration.ofSeconds(30)));
            CountDownLatch held = new CountDownLatch(1);
            telegram.inject(c -> c.is("sendMessage"), Fault.heldUntil(held), BotApi.MOST_AT_ONCE);
            for (int chat = 0; chat < BotApi.MOST_AT_ONCE; chat++) {
                queue(2000 + chat, command(2000 + chat, "start"));
            }
            telegram.awaitCount(c -> c.is("sendMessage"), BotApi.MOST_AT_ONCE, IDLE);
            List<Outgoing> toAnn = command(ANN, "start");
            queue(ANN, toAnn);
            Waits.upTo(IDLE).until(() -> api.callsWaiting() == 1);

            leaseHeld.set(false);
            held.countDown();
            Waits.upTo(IDLE).until(() -> time.sleepsAsked().contains(ReplyDelivery.NOT_HELD_RECHECK));

            assertThat(telegram.calls("sendMessage")).filteredOn(c -> c.chatId() == ANN).isEmpty();
            assertThat(store.pendingReplies()).extracting(Outgoing::id).contains(toAnn.get(0).id());
        }

        /**
         * A 429 pauses every chat's messages (Telegram's flood limit is the bot's), but not the
         * answers to presses: other chats' presses are answered at once.
         */
        @Test
        void throttledChatHoldsUpOtherChatsMessagesButNotTheAnswersToTheirPresses() {
            start();
            atFirstQuestion(BOB);
            atFirstQuestion(CAT);
            telegram.inject(c -> c.is("sendMessage") && c.chatId() == ANN, Fault.answer(Answer.tooManyRequests(1)), 1);

            queue(ANN, command(ANN, "start"));
            Call throttled = telegram.await(c -> c.chatId() == ANN, IDLE);
            time.awaitSleepers(1);
            queue(BOB, press(BOB, 901, "p:emergency:none"));
            queue(CAT, press(CAT, 902, "p:emergency:none"));

            List<Call> answers = telegram.awaitCount(c -> c.is("answerCallbackQuery"), 2, IDLE);
            assertThat(answers).extracting(Call::at).as("answered with no time passing").containsOnly(throttled.at());
            awaitIdle();
            assertThat(telegram.shown("editMessageText")).filteredOn(c -> c.chatId() != ANN).hasSize(2)
                    .allSatisfy(call -> assertThat(millisBetween(throttled, call)).isEqualTo(1_000));
            assertThat(shownTexts(ANN)).containsExactly(TEXT.text("welcome"));
        }

        /**
         * Each chat with replies has a thread of its own while it has them; a chat's pace is
         * remembered until it is full again, then nothing is left of the chat.
         */
        @Test
        void aChatIsForgottenOnceItsRepliesAreSentAndItsPaceIsFullAgain() {
            start(Tunings.pace(Tunings.fast(), Tunings.UNPACED, new Tuning.Pace(1, 3)));
            for (long person = 2000; person < 2030; person++) {
                queue(person, command(person, "start"));
            }
            awaitIdle();

            assertThat(telegram.shown("sendMessage")).hasSize(30);
            assertThat(sender.chatsRemembered()).as("each chat's pace took a token just now").isEqualTo(30);
            time.advance(Duration.ofMillis(999));
            assertThat(sender.chatsRemembered()).isEqualTo(30);
            time.advance(Duration.ofMillis(1));
            Waits.upTo(IDLE).until(() -> sender.chatsRemembered() == 0);
        }
    }

    @Nested
    class Presses {

        @Test
        void pressIsAnsweredFirstThenThePressedMessageBecomesTheNextQuestion() {
            start();
            queue(ANN, command(ANN, "start"));
            awaitIdle();
            int welcome = telegram.lastKeyboardMessageId();

            List<Outgoing> replies = press(ANN, welcome, "s");
            assertThat(replies).extracting(outgoing -> outgoing.reply().getClass().getSimpleName()).containsExactly("EditPressed");
            queue(ANN, replies);
            awaitIdle();

            List<Call> seen = telegram.visible();
            assertThat(seen).extracting(Call::method).containsExactly("sendmessage", "answercallbackquery", "editmessagetext");
            assertThat(seen.get(1).body().has("text")).isFalse();
            assertThat(seen.get(2).text()).isEqualTo(rewritten(replies).get(0));
            assertThat(seen.get(2).body().path("message_id").asInt()).isEqualTo(welcome);
        }

        @Test
        void afterARestartAPressLeftInTheOutboxIsAnsweredThenItsMessageRewritten() {
            atFirstQuestion(ANN);
            List<Outgoing> replies = press(ANN, 902, "p:emergency:none");
            start();
            awaitIdle();

            assertThat(telegram.visible()).extracting(Call::method).containsExactly("answercallbackquery", "editmessagetext");
            assertThat(telegram.visible().get(1).text()).isEqualTo(rewritten(replies).get(0));
            assertThat(telegram.visible().get(1).body().path("message_id").asInt()).isEqualTo(902);
        }

        @Test
        void noticeIsTheAnswersTextAndNotAMessage() {
            atFirstQuestion(ANN);
            start();

            queue(ANN, press(ANN, 902, "b"));
            awaitIdle();

            assertThat(telegram.visible()).extracting(Call::method).containsExactly("answercallbackquery");
            assertThat(telegram.last("answerCallbackQuery").text()).isEqualTo(TEXT.text("notice.no_back"));
            assertThat(store.pendingReplies()).isEmpty();
        }

        @Test
        void staleButtonIsAnsweredWithTheStaleNoticeBeforeTheQuestionComesAgain() {
            atFirstQuestion(ANN);
            start();

            queue(ANN, press(ANN, 12, "p:oldquestion:x"));
            awaitIdle();

            List<Call> seen = telegram.visible();
            assertThat(seen).extracting(Call::method).containsExactly("answercallbackquery", "sendmessage");
            assertThat(seen.get(0).text()).isEqualTo(TEXT.text("notice.stale"));
            assertThat(seen.get(1).text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
        }

        @Test
        void answerThatFailedIsRetriedAndStillComesFirstAndOnce() {
            start();
            queue(ANN, command(ANN, "start"));
            telegram.failNext("answerCallbackQuery", Answer.error(502, "Bad Gateway"));

            queue(ANN, press(ANN, 501, "s"));
            awaitIdle();

            assertThat(telegram.calls("answerCallbackQuery")).hasSize(2);
            // Answered at once, not behind the welcome (the two may cross); before the press's own messages.
            List<Call> seen = telegram.visible();
            assertThat(seen).filteredOn(c -> !c.is("answerCallbackQuery")).extracting(Call::method)
                    .containsExactly("sendmessage", "editmessagetext");
            assertThat(seen).filteredOn(c -> c.is("answerCallbackQuery")).singleElement()
                    .satisfies(answer -> assertThat(seen.indexOf(answer)).isLessThan(seen.indexOf(telegram.shown("editMessageText").get(0))));
        }

        @Test
        void aPressIsAnsweredAtOnceEvenBehindABacklogOfItsChatsMessages() {
            atFirstQuestion(ANN);
            start(Tunings.pace(Tunings.fast(), Tunings.UNPACED, new Tuning.Pace(2, 1)));
            // Four messages at the chat's pace of two a second: 1.5 s of backlog.
            List<Outgoing> backlog = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                backlog.addAll(command(ANN, "help"));
            }
            queue(ANN, backlog);
            Call first = telegram.await(c -> c.is("sendMessage"), IDLE);
            time.awaitSleepers(1);

            List<Outgoing> replies = press(ANN, 902, "p:emergency:none");
            queue(ANN, replies);
            Call answer = telegram.await(c -> c.is("answerCallbackQuery"), IDLE);

            assertThat(answer.at()).as("the spinner stops at once, with no time passing").isEqualTo(first.at());
            awaitIdle();
            List<Call> seen = telegram.visible();
            assertThat(seen.indexOf(answer)).as("right after the first of the backlog").isEqualTo(1);
            List<String> messages = new ArrayList<>(html(backlog));
            messages.addAll(html(replies));
            assertThat(shownTexts(ANN)).as("the messages keep their order").containsExactlyElementsOf(messages);
            assertThat(seen.get(seen.size() - 1).method()).isEqualTo("editmessagetext");
        }

        @Test
        void pressWithoutRepliesIsAnsweredWithoutText() {
            start();

            sender.answer(ANN, "lonely-press");
            awaitIdle();

            assertThat(telegram.visible()).extracting(Call::method).containsExactly("answercallbackquery");
            assertThat(telegram.last("answerCallbackQuery").body().path("callback_query_id").asText()).isEqualTo("lonely-press");
            assertThat(telegram.last("answerCallbackQuery").body().has("text")).isFalse();
        }
    }

    @Nested
    class Pacing {

        /** The time of each call, in milliseconds after the first, rounded. */
        private List<Long> offsets(List<Call> calls) {
            return calls.stream().map(call -> Math.round((call.at() - calls.get(0).at()) / 1e6)).toList();
        }

        /**
         * Waits for {@code count} calls of {@code method} in all, moving time on to the end of the
         * one sleep there is each time no new call comes without it: a line of chats behind one
         * sleeper, each call seen before time moves again.
         */
        private List<Call> stepThrough(String method, int count) {
            for (int seen = telegram.calls(method).size(); seen < count; seen = telegram.calls(method).size()) {
                int before = seen;
                time.awaitSleepers(1);
                assertThat(time.sleepers()).as("only the head of the line sleeps").isEqualTo(1);
                time.advanceToNextWake();
                telegram.awaitCount(c -> c.is(method), before + 1, IDLE);
            }
            return telegram.calls(method);
        }

        @Test
        void oneChatGetsABurstOfThreeThenAnEvenPace() {
            start(Tunings.pace(Tunings.fast(), Tunings.UNPACED, new Tuning.Pace(10, 3)));
            for (String command : List.of("help", "nonsense", "help", "nonsense", "help", "nonsense", "help")) {
                queue(ANN, command(ANN, command));
            }
            awaitIdle();

            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends).hasSize(7);
            assertThat(offsets(sends)).containsExactly(0L, 0L, 0L, 100L, 200L, 300L, 400L);
        }

        @Test
        void allChatsTogetherStayUnderTheBotWidePace() {
            start(Tunings.pace(Tunings.fast(), new Tuning.Pace(20, 5), Tunings.UNPACED));
            for (long person = 3000; person < 3015; person++) {
                queue(person, command(person, "start"));
                queue(person, command(person, "help"));
            }
            telegram.awaitCount(c -> c.is("sendMessage"), 5, IDLE);
            List<Call> sends = stepThrough("sendMessage", 30);
            awaitIdle();

            // A burst of five, then one every 50 ms: never more than burst + rate (25) in any second.
            List<Long> expected = new ArrayList<>(List.of(0L, 0L, 0L, 0L));
            for (long k = 0; k <= 25; k++) {
                expected.add(k * 50);
            }
            assertThat(offsets(sends)).containsExactlyElementsOf(expected);
            assertThat(mostInAnyWindow(sends, Duration.ofSeconds(1))).isEqualTo(24);
        }

        @Test
        void chatsWaitingForTheBotWidePaceWaitInOneLineWithOneSleeperForAll() {
            start(Tunings.pace(Tunings.fast(), new Tuning.Pace(200, 5), Tunings.UNPACED));
            for (long person = 4000; person < 4100; person++) {
                queue(person, command(person, "start"));
            }
            telegram.awaitCount(c -> c.is("sendMessage"), 5, IDLE);
            List<Call> sends = stepThrough("sendMessage", 100);
            awaitIdle();

            assertThat(sends).extracting(Call::chatId).doesNotHaveDuplicates().hasSize(100);
            assertThat(offsets(sends).get(99)).isEqualTo((100 - 5) * 5);
            // One sleep per token after the burst: every waiting chat woken per token instead would be thousands.
            assertThat(time.sleepsAsked()).hasSize(95);
        }

        @Test
        void answersToPressesAreNotPaced() {
            atFirstQuestion(ANN);
            start(Tunings.pace(Tunings.fast(), Tunings.UNPACED, new Tuning.Pace(1, 1)));

            for (int i = 0; i < 5; i++) {
                queue(ANN, press(ANN, 902, "b"));
            }
            queue(ANN, command(ANN, "help"));
            List<Call> answers = telegram.awaitCount(c -> c.is("answerCallbackQuery"), 5, IDLE);
            awaitIdle();

            assertThat(answers).extracting(Call::at).as("all at once").containsOnly(answers.get(0).at());
            // The help text and the question again: the second waits for the chat's pace.
            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends).hasSize(2);
            assertThat(millisBetween(sends.get(0), sends.get(1))).isEqualTo(1_000);
        }

        private int mostInAnyWindow(List<Call> calls, Duration window) {
            int most = 0;
            for (int i = 0; i < calls.size(); i++) {
                int in = 0;
                for (int j = i; j < calls.size() && calls.get(j).at() - calls.get(i).at() < window.toNanos(); j++) {
                    in++;
                }
                most = Math.max(most, in);
            }
            return most;
        }
    }
}
