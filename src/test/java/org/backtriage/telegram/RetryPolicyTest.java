package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each Bot API result means for a reply, and for a press's answer: plain values, no threads, no server. */
class RetryPolicyTest {
    private static final Instant QUEUED = Instant.parse("2025-11-24T08:00:00Z");
    private static final Optional<Press> PRESS = Optional.of(new Press("query-1", 500));

    private static Outgoing reply(Optional<Press> press, Reply reply) {
        return new Outgoing(1, 1001, press, reply, QUEUED);
    }

    private static Outgoing message() {
        return reply(Optional.empty(), new Reply.Send("Hello", Keyboard.NONE));
    }

    @Nested
    class AfterACall {

        @Test
        void acceptedIsDone() {
            assertThat(RetryPolicy.afterCall(Delivery.ACCEPTED)).isEqualTo(new RetryPolicy.Verdict.Done());
            assertThat(RetryPolicy.afterCall(new Delivery.Accepted("Bad Request: message is not modified")))
                    .isEqualTo(new RetryPolicy.Verdict.Done());
        }

        @Test
        void refusedForGoodIsGivenUpAndCountedAsRefused() {
            assertThat(RetryPolicy.afterCall(new Delivery.Refused(400, "Bad Request: can't parse entities")))
                    .isEqualTo(new RetryPolicy.Verdict.GiveUp("refused"));
        }

        @Test
        void blockedDropsTheChat() {
            assertThat(RetryPolicy.afterCall(new Delivery.Blocked("Forbidden: bot was blocked by the user")))
                    .isEqualTo(new RetryPolicy.Verdict.DropChat());
        }

        @Test
        void throttledPausesEveryChatForRetryAfter() {
            assertThat(RetryPolicy.afterCall(new Delivery.Throttled(Duration.ofSeconds(7))))
                    .isEqualTo(new RetryPolicy.Verdict.PauseAll(Duration.ofSeconds(7)));
        }

        @Test
        void failedBacksOff() {
            assertThat(RetryPolicy.afterCall(new Delivery.Failed("error 502: Bad Gateway")))
                    .isEqualTo(new RetryPolicy.Verdict.BackOff());
        }

        @Test
        void anEditOfAMessageThatCanNoLongerBeEditedOrIsGoneGoesAsANewMessage() {
            assertThat(RetryPolicy.editImpossible(new Delivery.Refused(400, "Bad Request: message can't be edited"))).isTrue();
            assertThat(RetryPolicy.editImpossible(new Delivery.Refused(400, "Bad Request: message to edit not found"))).isTrue();
            assertThat(RetryPolicy.editImpossible(new Delivery.Refused(400, "Bad Request: MESSAGE_ID_INVALID"))).isTrue();
            assertThat(RetryPolicy.editImpossible(new Delivery.Refused(400, "Bad Request: can't parse entities"))).isFalse();
            assertThat(RetryPolicy.editImpossible(new Delivery.Failed("timeout"))).isFalse();
        }

        @Test
        void theFirstFailureAndEveryTenthAreWarnedAbout() {
            assertThat(java.util.stream.IntStream.rangeClosed(1, 30).filter(RetryPolicy::warns).boxed().toList())
                    .containsExactly(1, 10, 20, 30);
        }
    }

    @Nested
    class BeforeACall {

        @Test
        void aReplyQueuedMoreThanADayAgoIsGivenUpAsTooOld() {
            Instant now = QUEUED.plus(Duration.ofHours(24)).plusSeconds(1);

            assertThat(RetryPolicy.expired(message(), now)).contains(new RetryPolicy.Verdict.GiveUp("too_old"));
            assertThat(RetryPolicy.age(message(), now)).isEqualTo(Duration.ofHours(24).plusSeconds(1));
        }

        @Test
        void aReplyQueuedADayAgoOrLessIsSent() {
            assertThat(RetryPolicy.expired(message(), QUEUED.plus(Duration.ofHours(24)))).isEmpty();
            assertThat(RetryPolicy.expired(message(), QUEUED)).isEmpty();
        }

        @Test
        void aNoticeNeedsNoCallItIsTheAnswerToItsPress() {
            assertThat(RetryPolicy.needsNoCall(reply(PRESS, new Reply.Notice("Saved")))).isTrue();
            assertThat(RetryPolicy.needsNoCall(reply(Optional.empty(), new Reply.Notice("Saved")))).isTrue();
        }

        @Test
        void anEditNeedsAPressToHaveAMessageToEdit() {
            Reply edit = new Reply.EditPressed("Done", Keyboard.NONE, false);

            assertThat(RetryPolicy.needsNoCall(reply(Optional.empty(), edit))).isTrue();
            assertThat(RetryPolicy.needsNoCall(reply(PRESS, edit))).isFalse();
            assertThat(RetryPolicy.needsNoCall(message())).isFalse();
        }
    }

    @Nested
    class AnswersToPresses {

        @Test
        void aFailedOrThrottledAnswerIsTriedFiveTimesInAll() {
            Delivery failed = new Delivery.Failed("error 502: Bad Gateway");
            Delivery throttled = new Delivery.Throttled(Duration.ofSeconds(1));

            for (int tries = 1; tries < RetryPolicy.PRESS_ANSWER_TRIES; tries++) {
                assertThat(RetryPolicy.answersPressAgain(failed, tries, false)).as("after try %d", tries).isTrue();
                assertThat(RetryPolicy.answersPressAgain(throttled, tries, false)).as("after try %d", tries).isTrue();
            }
            assertThat(RetryPolicy.PRESS_ANSWER_TRIES).isEqualTo(5);
            assertThat(RetryPolicy.answersPressAgain(failed, 5, false)).isFalse();
            assertThat(RetryPolicy.answersPressAgain(throttled, 5, false)).isFalse();
        }

        @Test
        void anAnswerIsNotTriedAgainWhileClosing() {
            assertThat(RetryPolicy.answersPressAgain(new Delivery.Failed("timeout"), 1, true)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"accepted", "refused", "blocked"})
        void anAcceptedRefusedOrBlockedAnswerIsSettled(String kind) {
            Delivery delivery = switch (kind) {
                case "accepted" -> Delivery.ACCEPTED;
                case "refused" -> new Delivery.Refused(400, "Bad Request: query is invalid");
                default -> new Delivery.Blocked("Forbidden: bot was blocked by the user");
            };

            assertThat(RetryPolicy.answersPressAgain(delivery, 1, false)).isFalse();
        }
    }
}
