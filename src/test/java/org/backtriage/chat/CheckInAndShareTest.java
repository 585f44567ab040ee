package org.backtriage.chat;

import org.backtriage.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.backtriage.config.Content;
import org.backtriage.triage.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-in a week later, and sharing the final message with a therapist. Whole check-in
 * conversations, with their exact texts, are in the transcripts; these are the rules around them.
 */
class CheckInAndShareTest {
    static final String[] QL_WALK = Stream.concat(Stream.of("r"), Stream.concat(Stream.of(ChatServiceTest.TO_ACTIVITIES),
            Stream.of("p:activities:lifting", "p:activities:slumped", "d:activities", "p:cautions:none"))).toArray(String[]::new);
    static final String[] EMERGENCY_WALK = {"r", "p:emergency:bladder_bowel"};

    @TempDir
    Path dir;
    final MovableClock clock = new MovableClock();
    ChatFixture f;

    @BeforeEach
    void open() {
        f = new ChatFixture(dir, clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    List<Reply> finishQl() {
        return f.walk(QL_WALK);
    }

    List<Reply> released() {
        return f.chat.releaseDueCheckIns().stream().map(Outgoing::reply).toList();
    }

    @Test
    void aMassageEndingOffersSharingAndACheckIn() {
        Reply.Send after = (Reply.Send) finishQl().get(1);

        assertThat(after.keyboard()).isEqualTo(new Keyboard(List.of(
                List.of(new Button("\ud83d\udce4 Send to my therapist", "", Button.Action.SHARE)),
                List.of(new Button("\ud83d\udd14 Check on me in a week", "fu:on")))));
    }

    @Test
    void anUrgentEndingOffersACheckInButNoSharing() {
        Reply.Send after = (Reply.Send) f.walk("r", "p:emergency:none", "p:urgent_symptoms:lump").get(1);

        assertThat(after.keyboard()).isEqualTo(new Keyboard(List.of(List.of(new Button("\ud83d\udd14 Check on me in a week", "fu:on")))));
    }

    @Test
    void theEmergencyEndingOffersNeitherAndAnOldCheckInButtonPlansNothing() {
        Reply.Send after = (Reply.Send) f.walk(EMERGENCY_WALK).get(1);

        assertThat(after.keyboard()).isEqualTo(Keyboard.NONE);
        assertThat(f.press("fu:on")).containsExactly(new Reply.Notice(f.text("notice.stale")));
        clock.advance(Duration.ofDays(8));
        assertThat(released()).isEmpty();
    }

    @Test
    void whereNobodyCanBeReachedLaterNoEndingOffersACheckIn() {
        Content content = f.content;
        ChatService console = new ChatService(new Engine(content.tree()), content.languages(), f.store, clock,
                ChatService.RESUME_AFTER, ChatService.CHECK_IN_AFTER, Telemetry.NONE, false);

        List<Reply> ending = List.of();
        for (String data : QL_WALK) {
            ending = console.handle(ChatFixture.CHAT, java.util.OptionalLong.empty(), new Incoming.Button(data));
        }

        assertThat(((Reply.Send) ending.get(1)).keyboard().buttons()).extracting(Button::data).doesNotContain("fu:on");
    }

    @Nested
    class CheckInConversation {
        @BeforeEach
        void asked() {
            finishQl();
        }

        @Test
        void askingForItSaysWhenOnceAndOnlyOnce() {
            String set = "\ud83d\udd14 I will message you on 2 December 2026 to ask how your back is. Send /forget to cancel.";
            assertThat(f.press("fu:on")).containsExactly(new Reply.Notice(set), new Reply.Send(set, Keyboard.NONE));
            assertThat(f.press("fu:on")).containsExactly(new Reply.Notice("A check-in is already planned."));
        }

        @Test
        void itComesWhenDueOnceAndSurvivesARestart() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(7).minusMinutes(1));
            assertThat(released()).isEmpty();

            f.close();
            f = new ChatFixture(dir, clock);
            clock.advance(Duration.ofMinutes(2));

            assertThat(released()).containsExactly(new Reply.Send(f.text("check_in.ask"), new Keyboard(List.of(List.of(
                    new Button("Better", "fu:better"), new Button("About the same", "fu:same"), new Button("Worse", "fu:worse"))))));
            assertThat(released()).isEmpty();
        }

        @Test
        void everyRedFlagQuestionIsAskedAgainInTurnAndSurvivesARestartMidway() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();

            // Each answer rewrites the check-in's message into the next question.
            Reply.EditPressed emergency = (Reply.EditPressed) f.press("fu:better").get(0);
            assertThat(emergency.html()).isEqualTo(f.text("check_in.signs") + "\n\n" + f.text("q.emergency.text"));
            assertThat(emergency.keyboard().buttons()).extracting(Button::data).containsExactly("fu:s:emergency:both_legs",
                    "fu:s:emergency:saddle", "fu:s:emergency:bladder_bowel", "fu:s:emergency:sex", "fu:s:emergency:chest",
                    "fu:s:emergency:accident", "fu:s:emergency:none");
            Reply.EditPressed urgent = (Reply.EditPressed) f.press("fu:s:emergency:none").get(0);
            assertThat(urgent.html()).isEqualTo(f.text("q.urgent_symptoms.text"));

            f.close();
            f = new ChatFixture(dir, clock);

            Reply.EditPressed history = (Reply.EditPressed) f.press("fu:s:urgent_symptoms:none").get(0);
            assertThat(history.html()).isEqualTo(f.text("q.urgent_history.text"));
            assertThat(((Reply.EditPressed) f.press("fu:s:urgent_history:none").get(0)).html())
                    .startsWith(f.text("check_in.better_end"));
        }

        @Test
        void anUrgentSignAtTheCheckInGetsTheUrgentEnding() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.walk("fu:better", "fu:s:emergency:none");

            List<Reply> replies = f.press("fu:s:urgent_symptoms:unwell");

            assertThat(((Reply.EditPressed) replies.get(0)).html()).startsWith("\u26a0\ufe0f <b>Contact a doctor today</b>")
                    .contains("\u2022 Temperature, unwell or weight loss");
            assertThat(((Reply.Send) replies.get(1)).html()).isEqualTo(f.text("after.urgent"));
            assertThat(f.press("fu:s:urgent_history:none")).containsExactly(new Reply.Notice(f.text("notice.stale")));
        }

        @Test
        void aButtonOfAnEarlierCheckInQuestionIsStaleAndTheCurrentOneIsAskedAgain() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.walk("fu:worse", "fu:s:emergency:none");

            List<Reply> replies = f.press("fu:s:emergency:chest");

            assertThat(replies.get(0)).isEqualTo(new Reply.Notice(f.text("notice.stale")));
            assertThat(((Reply.Send) replies.get(1)).html()).isEqualTo(f.text("q.urgent_symptoms.text"));
        }

        @Test
        void answersBeforeTheCheckInAreStale() {
            f.press("fu:on");

            assertThat(f.press("fu:worse")).containsExactly(new Reply.Notice(f.text("notice.stale")));
        }

        @Test
        void forgetCancelsIt() {
            f.press("fu:on");
            f.command("forget");
            f.press("f:yes");
            clock.advance(Duration.ofDays(8));

            assertThat(released()).isEmpty();
        }
    }

    @Nested
    class Share {
        @Test
        void theAskerGetsTheirOwnFinalMessageDatedTheDayTheyFinished() {
            List<Reply> ending = finishQl();
            clock.advance(Duration.ofDays(3));
            f.press("fu:on");

            Optional<ChatService.Shared> shared = f.chat.shareable(ChatFixture.CHAT, Optional.empty());

            assertThat(shared).contains(new ChatService.Shared("My low back pain summary",
                    "The message for my massage therapist, with when to see a clinician", ((Reply.EditPressed) ending.get(0)).html()));
            assertThat(shared.get().html()).contains("Made on 25 November 2026");
        }

        @Test
        void nobodyElseGetsIt() {
            finishQl();

            assertThat(f.chat.shareable(ChatFixture.CHAT + 1, Optional.empty())).isEmpty();
        }

        @Test
        void nothingIsSharedBeforeTheEnd() {
            f.walk("r", "p:emergency:none");

            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).isEmpty();
            assertThat(f.chat.nothingToShare(ChatFixture.CHAT, Optional.of("es"))).isEqualTo("Termine primero la revisión del dolor de espalda");
        }
    }
}
