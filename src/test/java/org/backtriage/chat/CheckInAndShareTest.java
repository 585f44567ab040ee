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
 * The check-in (the next day after "a doctor today", a week later after the others), sharing the
 * final message with a therapist, and the clinician's agreement that an ending asking to see one
 * first waits for. Whole check-in conversations, with their exact texts, are in the transcripts;
 * these are the rules around them.
 */
class CheckInAndShareTest {
    static final String[] QL_WALK = Stream.concat(Stream.of("r"), Stream.concat(Stream.of(ChatServiceTest.TO_ACTIVITIES),
            Stream.of("p:activities:lifting", "p:activities:slumped", "d:activities", "p:cautions:none"))).toArray(String[]::new);
    static final String[] EMERGENCY_WALK = {"r", "p:emergency:yes", "p:emergency_which:bladder_bowel"};
    static final String[] URGENT_WALK = {"r", "p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:yes",
        "p:urgent_symptoms_which:lump"};
    /** Clinician first: the pain started after 50. */
    static final String[] CLINICIAN_FIRST_WALK = Stream.concat(Stream.of("r"), Stream.concat(Stream.of(ChatServiceTest.TO_WHERE),
            Stream.of("p:where:low_back_left", "d:where", "p:feeling:dull", "d:feeling", "p:duration:under_6w", "p:course:better",
                    "p:severity:mild", "p:impact:neither", "p:age:over_50", "p:activities:none", "p:cautions:none")))
            .toArray(String[]::new);
    /** The check-in's red-flag screen with nothing to report, as someone not pregnant answers it. */
    static final String[] NOTHING_AGAIN = {"fu:s:emergency:none", "fu:s:urgent_symptoms:none", "fu:s:urgent_history:none",
        "fu:s:lasting:none"};

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
    void anUrgentEndingOffersACheckInTheNextDayButNoSharing() {
        Reply.Send after = (Reply.Send) f.walk(URGENT_WALK).get(1);

        assertThat(after.keyboard()).isEqualTo(new Keyboard(List.of(List.of(new Button("\ud83d\udd14 Check on me tomorrow", "fu:on")))));
        String set = "\ud83d\udd14 I will message you on 26 November 2026 to ask how your back is. Send /forget to cancel.";
        assertThat(f.press("fu:on")).containsExactly(new Reply.Notice(set), new Reply.Send(set, Keyboard.NONE));
        clock.advance(Duration.ofHours(23));
        assertThat(released()).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(released()).singleElement().extracting(r -> ((Reply.Send) r).html())
                .isEqualTo("<b>Hello again.</b> On 25 November 2026 you did this low back pain check. How is your back now?");
    }

    @Test
    void theNextDaysCheckInAsksWhetherTheyManagedToSeeADoctorAndSaysNowWhenWorseAndNotYet() {
        f.walk(URGENT_WALK);
        f.press("fu:on");
        clock.advance(Duration.ofHours(25));
        released();

        Reply.EditPressed visit = (Reply.EditPressed) f.press("fu:worse").get(0);
        assertThat(visit.html()).isEqualTo("Did you manage to see a doctor (or, in pregnancy, your maternity team)? A"
                + " physiotherapist does not count for this one.");
        assertThat(visit.keyboard().buttons()).extracting(Button::label, Button::data).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Yes, I saw a doctor", "fu:v:seen"),
                org.assertj.core.groups.Tuple.tuple("Not yet", "fu:v:not_yet"));
        f.press("fu:v:not_yet");
        List<Reply> closing = f.walk(NOTHING_AGAIN);

        assertThat(((Reply.EditPressed) closing.get(0)).html()).startsWith(f.text("check_in.not_seen_urgent_worse"))
                .contains(f.text("check_in.safety"));
    }

    @Test
    void aClinicianFirstEndingOffersTheAgreementAndACheckInButNoSharing() {
        Reply.Send after = (Reply.Send) f.walk(CLINICIAN_FIRST_WALK).get(1);

        assertThat(after.keyboard()).isEqualTo(new Keyboard(List.of(
                List.of(new Button("\u2705 My clinician agreed", "ag")),
                List.of(new Button("\ud83d\udd14 Check on me in a week", "fu:on")))));
        assertThat(after.html()).startsWith("\u261d\ufe0f Show the message above to your doctor or physiotherapist first. If they"
                + " agree to a massage, tap <b>My clinician agreed</b>, and I will give you the message for your massage therapist.");
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
        ChatService console = new ChatService(new Engine(content.tree()), content.languages(), f.store,
                ChatOptions.defaults().withClock(clock).withoutCheckIns());

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

            assertThat(released()).containsExactly(new Reply.Send("<b>Hello again.</b> On 25 November 2026 you did this low back"
                    + " pain check. How is your back now?", new Keyboard(List.of(List.of(
                    new Button("Better", "fu:better"), new Button("About the same", "fu:same"), new Button("Worse", "fu:worse"))))));
            assertThat(released()).isEmpty();
        }

        @Test
        void everyRedFlagQuestionIsAskedAgainInTurnAndSurvivesARestartMidway() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();

            // Each answer rewrites the check-in's message into the next question.
            Reply.EditPressed visit = (Reply.EditPressed) f.press("fu:better").get(0);
            assertThat(visit.html()).isEqualTo("Did you have the massage?");
            assertThat(visit.keyboard().buttons()).extracting(Button::data).containsExactly("fu:v:helped", "fu:v:not_helped",
                    "fu:v:not_yet");
            Reply.EditPressed emergency = (Reply.EditPressed) f.press("fu:v:helped").get(0);
            assertThat(emergency.html()).isEqualTo(f.text("check_in.signs") + "\n\n" + f.text("q.emergency.text"));
            assertThat(emergency.keyboard().buttons()).extracting(Button::data).containsExactly("fu:s:emergency:yes",
                    "fu:s:emergency:not_sure", "fu:s:emergency:none", "w:emergency");
            // Not pregnant, as they said: the pregnancy list is not asked; the health lists ask what is new since.
            Reply.EditPressed urgent = (Reply.EditPressed) f.press("fu:s:emergency:none").get(0);
            assertThat(urgent.html()).isEqualTo(f.text("q.urgent_symptoms.text"));
            assertThat(urgent.keyboard().buttons()).extracting(Button::data).contains("fu:b");

            f.close();
            f = new ChatFixture(dir, clock);

            Reply.EditPressed history = (Reply.EditPressed) f.press("fu:s:urgent_symptoms:none").get(0);
            assertThat(history.html()).isEqualTo(f.text("q.urgent_history.check_in_text"));
            Reply.EditPressed lasting = (Reply.EditPressed) f.press("fu:s:urgent_history:none").get(0);
            assertThat(lasting.html()).isEqualTo(f.text("q.lasting.check_in_text"));
            assertThat(((Reply.EditPressed) f.press("fu:s:lasting:none").get(0)).html())
                    .startsWith(f.text("check_in.massage_helped"));
        }

        @Test
        void anUrgentSignAtTheCheckInGetsTheUrgentEnding() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.walk("fu:better", "fu:v:not_yet", "fu:s:emergency:none", "fu:s:urgent_symptoms:yes");

            List<Reply> replies = f.press("fu:s:urgent_symptoms_which:unwell");

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
            f.walk("fu:worse", "fu:v:not_helped", "fu:s:emergency:none");

            List<Reply> replies = f.press("fu:s:emergency:yes");

            assertThat(replies.get(0)).isEqualTo(new Reply.Notice(f.text("notice.stale")));
            assertThat(((Reply.Send) replies.get(1)).html()).isEqualTo(f.text("q.urgent_symptoms.text"));
        }

        @Test
        void theFirstCheckInsSeenButtonStillAnswersTheVisitQuestion() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.press("fu:same");

            // A massage ending has no "seen" answer: an old button cannot give one.
            assertThat(f.press("fu:seen:yes").get(0)).isEqualTo(new Reply.Notice(f.text("notice.stale")));
            assertThat(((Reply.EditPressed) f.press("fu:v:not_yet").get(0)).html()).startsWith(f.text("check_in.signs"));
        }

        @Test
        void backInTheCheckInGoesToTheListBeforeAndTheAnswerKeptForThePersonIsNotAskedAgain() {
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.walk("fu:same", "fu:v:not_yet", "fu:s:emergency:none");

            Reply.EditPressed back = (Reply.EditPressed) f.press("fu:b").get(0);

            assertThat(back.html()).isEqualTo(f.text("check_in.signs") + "\n\n" + f.text("q.emergency.text"));
            assertThat(f.press("fu:b")).containsExactly(new Reply.Notice(f.text("notice.no_back")));
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
        void aClinicianFirstEndingIsNotSharedUntilThePersonSaysTheClinicianAgreedThenTheRequestIs() {
            f.walk(CLINICIAN_FIRST_WALK);

            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).isEmpty();
            assertThat(f.chat.nothingToShare(ChatFixture.CHAT, Optional.empty())).isEqualTo("Show it to your doctor or physio first");

            clock.advance(Duration.ofDays(4));
            List<Reply> agreed = f.press("ag");

            assertThat(agreed.get(0)).isEqualTo(new Reply.Notice("Here is the message for your massage therapist."));
            String request = ((Reply.Send) agreed.get(1)).html();
            assertThat(request).startsWith("\ud83d\udc86 <b>Massage request: quadratus lumborum and gluteus medius</b>\n\n"
                    + "<i>Made on 25 November 2026 with a low back pain checklist.</i>\n\n"
                    + "<b>Checked by my doctor or physiotherapist on 29 November 2026</b>: they agreed to a massage.");
            assertThat(((Reply.Send) agreed.get(2)).keyboard()).isEqualTo(new Keyboard(List.of(
                    List.of(new Button("\ud83d\udce4 Send to my therapist", "", Button.Action.SHARE)))));
            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).map(ChatService.Shared::html).contains(request);

            // Said again later, the request keeps the first day they said so.
            clock.advance(Duration.ofDays(2));
            assertThat(((Reply.Send) f.press("ag").get(1)).html()).isEqualTo(request);
        }

        @Test
        void theAgreementIsForgottenWithTheEndingItWasFor() {
            f.walk(CLINICIAN_FIRST_WALK);
            f.press("ag");
            f.command("restart");

            assertThat(f.store.peek(ChatFixture.CHAT).orElseThrow().agreedAt()).isEmpty();
            f.walk(CLINICIAN_FIRST_WALK);
            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).isEmpty();
            assertThat(f.press("ag").get(0)).isEqualTo(new Reply.Notice("Here is the message for your massage therapist."));
        }

        @Test
        void theAgreementButtonAnywhereButAtSuchAnEndingIsStale() {
            finishQl();

            assertThat(f.press("ag").get(0)).isEqualTo(new Reply.Notice(f.text("notice.stale")));
        }

        @Test
        void theCheckInsAgreementGivesTheRequestAfterTheScreenFindsNothingNew() {
            f.walk(CLINICIAN_FIRST_WALK);
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.walk("fu:better", "fu:v:agreed");

            List<Reply> replies = f.walk(NOTHING_AGAIN);

            assertThat(((Reply.EditPressed) replies.get(0)).html()).isEqualTo(f.text("check_in.agreed"));
            assertThat(((Reply.Send) replies.get(1)).html()).contains("<b>Checked by my doctor or physiotherapist on 3 December 2026</b>");
            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).isPresent();
            assertThat(f.store.peek(ChatFixture.CHAT).orElseThrow().checkIn()).isEmpty();
        }

        @Test
        void worseSinceTheClinicianAgreedGivesNoRequestButBackToThemFirst() {
            f.walk(CLINICIAN_FIRST_WALK);
            f.press("fu:on");
            clock.advance(Duration.ofDays(8));
            released();
            f.walk("fu:worse", "fu:v:agreed");

            List<Reply> replies = f.walk(NOTHING_AGAIN);

            assertThat(replies).hasSize(1);
            assertThat(((Reply.EditPressed) replies.get(0)).html()).startsWith(f.text("check_in.agreed_worse"));
            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).isEmpty();
        }

        @Test
        void nothingIsSharedBeforeTheEnd() {
            f.walk("r", "p:emergency:none");

            assertThat(f.chat.shareable(ChatFixture.CHAT, Optional.empty())).isEmpty();
            // In the language they talk to the bot in; someone who never did, in their app's.
            assertThat(f.chat.nothingToShare(ChatFixture.CHAT, Optional.of("es"))).isEqualTo("Finish the back pain check first");
            assertThat(f.chat.nothingToShare(ChatFixture.CHAT + 7, Optional.of("es")))
                    .isEqualTo("Termine primero la revisión del dolor de espalda");
        }
    }
}
