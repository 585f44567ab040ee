package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check-in a week later, and sharing the final message with a therapist. */
class FollowUpAndShareTest {
    static final String[] QL_WALK = {"r", "p:emergency:none", "p:urgent:none", "p:where:one_side", "p:feeling:sharp",
        "p:duration:under_6w", "p:severity:moderate", "p:age:20_50", "p:activities:lifting", "p:activities:slumped", "d:activities"};
    static final String ASK = "<b>Hello again.</b> A week ago you went through this low back pain check. How is your back now?";

    @TempDir
    Path dir;
    final ChatServiceTest.MutableClock clock = new ChatServiceTest.MutableClock();
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
        return f.chat.releaseDueFollowUps().stream().map(Outgoing::reply).toList();
    }

    @Test
    void aMassageEndingOffersSharingAndACheckIn() {
        Reply.Send after = (Reply.Send) finishQl().get(2);

        assertThat(after.html()).isEqualTo(f.text("after.request"));
        assertThat(after.keyboard()).isEqualTo(new Keyboard(List.of(
                List.of(new Button("\ud83d\udce4 Send to my therapist", "", Button.Action.SHARE)),
                List.of(new Button("\ud83d\udd14 Check on me in a week", "fu:on")))));
    }

    @Test
    void aRedFlagEndingOffersACheckInButNoSharing() {
        Reply.Send after = (Reply.Send) f.walk("r", "p:emergency:yes").get(2);

        assertThat(after.keyboard()).isEqualTo(new Keyboard(List.of(List.of(new Button("\ud83d\udd14 Check on me in a week", "fu:on")))));
    }

    @Nested
    class CheckIn {
        @BeforeEach
        void asked() {
            finishQl();
        }

        @Test
        void askingForItSaysWhen() {
            assertThat(f.press("fu:on")).containsExactly(
                    new Reply.Notice("\ud83d\udd14 I will message you on 2026-12-02 to ask how your back is. Send /forget to cancel."),
                    new Reply.Send("\ud83d\udd14 I will message you on 2026-12-02 to ask how your back is. Send /forget to cancel.",
                            Keyboard.NONE));
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

            assertThat(released()).containsExactly(new Reply.Send(ASK, new Keyboard(List.of(List.of(
                    new Button("Better", "fu:better"), new Button("The same", "fu:same"), new Button("Worse", "fu:worse"))))));
            assertThat(released()).isEmpty();
        }

        @Test
        void worseThenNoEmergencySignEndsWithAClearRecommendationToSeeAClinician() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();

            List<Reply> signs = f.press("fu:worse");
            assertThat(signs.get(0)).isEqualTo(new Reply.EditPressed(ASK + "\n\n\u27a1\ufe0f <b>Worse</b>", Keyboard.NONE, true));
            assertThat(((Reply.Send) signs.get(1)).html()).isEqualTo("Thank you. One more question, to be safe:\n\n" + f.text("q.emergency.text"));
            assertThat(((Reply.Send) signs.get(1)).keyboard().buttons())
                    .containsExactly(new Button("None of these", "fu:em:none"), new Button("Yes, at least one", "fu:em:yes"));

            List<Reply> end = f.press("fu:em:none");
            assertThat(((Reply.Send) end.get(1)).html()).isEqualTo("""
                    \ud83e\ude7a <b>Please see a doctor or physiotherapist</b>
                    Back pain that is the same or worse after a week should be checked by a clinician: \
                    book an appointment with your doctor (GP) or a physiotherapist.
                    If you get numbness around your genitals or bottom, problems peeing, or weakness in both legs, \
                    call your emergency number straight away.

                    <i>This is guidance from a checklist, not a diagnosis. Only a doctor or physiotherapist who examines you \
                    can say what is causing the pain.</i>""");
            assertThat(f.press("fu:em:none")).containsExactly(new Reply.Notice(f.text("notice.stale")));
        }

        @Test
        void theSameAlsoEndsWithSeeingAClinician() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.press("fu:same");

            assertThat(((Reply.Send) f.press("fu:em:none").get(1)).html()).startsWith("\ud83e\ude7a <b>Please see a doctor or physiotherapist</b>");
        }

        @Test
        void betterEndsWithKeepingActive() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.press("fu:better");

            assertThat(((Reply.Send) f.press("fu:em:none").get(1)).html()).startsWith("""
                    \ud83d\udc4d <b>Good to hear it is better.</b>
                    Keep active. See a doctor or physiotherapist if the pain comes back, gets worse, or stops your daily activities.""");
        }

        @Test
        void anEmergencySignAtTheCheckInGetsTheEmergencyEnding() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.press("fu:better");

            assertThat(((Reply.Send) f.press("fu:em:yes").get(1)).html()).isEqualTo(ChatServiceTest.EMERGENCY);
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
        void theAskerGetsTheirOwnFinalMessage() {
            List<Reply> ending = finishQl();

            Optional<ChatService.Shared> shared = f.chat.shareable(ChatFixture.CHAT, Optional.empty());

            assertThat(shared).contains(new ChatService.Shared("My low back pain summary",
                    "The message for my massage therapist, with when to see a clinician", ((Reply.Send) ending.get(1)).html()));
            assertThat(shared.get().html()).isEqualTo(ChatServiceTest.QL_PATTERN);
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
            assertThat(f.chat.nothingToShare(Optional.of("es"))).isEqualTo("Termine primero la revisión del dolor de espalda");
        }
    }
}
