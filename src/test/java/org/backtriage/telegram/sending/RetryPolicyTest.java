package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.telegram.client.TelegramAnswer;
import org.backtriage.telegram.client.TelegramAnswer.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What each Bot API answer means for a reply, and what is decided before the call: plain values, no threads, no server. */
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
        private static final long CHAT = 1001;

        private static Next after(Kind kind, int code, String description) {
            return Next.after(TelegramAnswer.error(kind, code, code, description), CHAT);
        }

        @Test
        void takenOrDoneAlreadyIsDone() {
            assertThat(Next.after(TelegramAnswer.OK, CHAT)).isEqualTo(new Next.Done());
            assertThat(after(Kind.ALREADY_DONE, 400, "Bad Request: message is not modified")).isEqualTo(new Next.Done());
        }

        @Test
        void refusedForGoodIsGivenUpAndCountedAsRefused() {
            assertThat(after(Kind.REFUSED, 400, "Bad Request: can't parse entities")).isEqualTo(new Next.GiveUp("refused"));
        }

        @Test
        void blockedDropsTheChat() {
            assertThat(after(Kind.BLOCKED, 403, "Forbidden: bot was blocked by the user")).isEqualTo(new Next.DropChat());
        }

        @Test
        void throttledPausesEveryChatForRetryAfter() {
            assertThat(Next.after(TelegramAnswer.throttled(429, "Too Many Requests", Duration.ofSeconds(7)), CHAT))
                    .isEqualTo(new Next.PauseAll(Duration.ofSeconds(7)));
        }

        @Test
        void failedBacksOff() {
            assertThat(after(Kind.TRY_AGAIN, 502, "Bad Gateway")).isEqualTo(new Next.BackOff());
            assertThat(Next.after(TelegramAnswer.none(Kind.TRY_AGAIN, "SocketTimeoutException: timeout"), CHAT))
                    .isEqualTo(new Next.BackOff());
        }

        @Test
        void anEditOfAMessageThatCanNoLongerBeEditedGoesAsANewMessageToTheSameChat() {
            assertThat(after(Kind.EDIT_IMPOSSIBLE, 400, "Bad Request: message can't be edited"))
                    .isEqualTo(new Next.SendAsNew(CHAT));
        }

        @Test
        void aMessageToAGroupThatBecameASupergroupGoesToTheSupergroup() {
            assertThat(Next.after(TelegramAnswer.migrated(400, 400, "Bad Request: group chat was upgraded", -100777L), CHAT))
                    .isEqualTo(new Next.SendAsNew(-100777L));
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

            assertThat(RetryPolicy.expired(message(), now)).isTrue();
            assertThat(RetryPolicy.age(message(), now)).isEqualTo(Duration.ofHours(24).plusSeconds(1));
        }

        @Test
        void aReplyQueuedADayAgoOrLessIsSent() {
            assertThat(RetryPolicy.expired(message(), QUEUED.plus(Duration.ofHours(24)))).isFalse();
            assertThat(RetryPolicy.expired(message(), QUEUED)).isFalse();
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
}
