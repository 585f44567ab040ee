package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation as a person sees it: exact texts, buttons and edits, over a real SQLite file. */
class ChatServiceTest {
    static final String[] TO_ACTIVITIES = {"p:emergency:none", "p:urgent:none", "p:where:one_side",
        "p:feeling:sharp", "p:duration:under_6w", "p:severity:moderate", "p:age:20_50"};

    @TempDir
    Path dir;
    ChatFixture f;

    @BeforeEach
    void open() {
        f = new ChatFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    static Reply.Send send(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.Send.class);
        return (Reply.Send) reply;
    }

    static List<String> labels(Keyboard keyboard) {
        return keyboard.buttons().stream().map(Button::label).toList();
    }

    static List<String> data(Keyboard keyboard) {
        return keyboard.buttons().stream().map(Button::data).toList();
    }

    @Nested
    class Endings {
        @Test
        void emergencySignEndsAtOnceWithEmergencyCareAndNoMassageAdvice() {
            f.command("restart");
            List<Reply> replies = f.press("p:emergency:yes");

            assertThat(send(replies.get(1)).html()).isEqualTo(EMERGENCY);
            assertThat(send(replies.get(2)).html()).isEqualTo(f.text("after.care"));
            assertThat(replies).hasSize(3);
        }

        @Test
        void urgentSignEndsWithDoctorTodayAndNoMassageRequest() {
            f.command("restart");
            List<Reply> replies = f.walk("p:emergency:none", "p:urgent:yes");

            assertThat(send(replies.get(1)).html()).isEqualTo(URGENT);
            assertThat(send(replies.get(2)).html()).isEqualTo(f.text("after.care"));
        }

        @Test
        void nervePainBelowTheKneeSendsToAClinicianFirstWithEveryReason() {
            f.command("restart");
            List<Reply> replies = f.walk("p:emergency:none", "p:urgent:none", "p:where:below_knee",
                    "p:feeling:burning", "p:duration:under_6w", "p:severity:moderate", "p:age:20_50",
                    "p:activities:none", "d:activities");

            assertThat(send(replies.get(1)).html()).isEqualTo(CLINICIAN_FIRST);
            assertThat(send(replies.get(2)).html()).isEqualTo(f.text("after.request"));
        }

        @Test
        void sharpPainWithQlActivitiesGetsTheQlRequest() {
            f.command("restart");
            f.walk(TO_ACTIVITIES);
            List<Reply> replies = f.walk("p:activities:lifting", "p:activities:slumped", "d:activities");

            assertThat(send(replies.get(1)).html()).isEqualTo(QL_PATTERN);
            assertThat(send(replies.get(2)).html()).isEqualTo(f.text("after.request"));
        }

        @Test
        void noPatternGetsTheGeneralRequestWithClinicianAdvice() {
            f.command("restart");
            List<Reply> replies = f.walk("p:emergency:none", "p:urgent:none", "p:where:both_sides",
                    "p:feeling:dull", "p:duration:6w_3m", "p:severity:mild", "p:age:20_50",
                    "p:activities:none", "d:activities");

            assertThat(send(replies.get(1)).html()).isEqualTo(GENERAL);
        }

        @Test
        void theLastAnswerIsShownOnTheQuestionWhoseButtonsGo() {
            f.command("restart");
            f.walk(TO_ACTIVITIES);
            List<Reply> replies = f.walk("p:activities:sink", "d:activities");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed(
                    f.text("q.activities.text") + "\n\n\u27a1\ufe0f <b>Leaning over a sink</b>", Keyboard.NONE, true));
        }
    }

    @Nested
    class Start {
        @Test
        void firstMessageOfAnyKindGetsTheWelcomeWithABeginButton() {
            List<Reply> replies = f.text();

            assertThat(replies).containsExactly(new Reply.Send(f.text("welcome"),
                    new Keyboard(List.of(List.of(new Button("Start the questions", "s"))))));
            assertThat(f.text("welcome")).contains("not a diagnosis").contains("emergency number");
        }

        @Test
        void beginAsksTheEmergencySignsFirstWithProgress() {
            f.command("start");
            List<Reply> replies = f.press("s");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed(f.text("welcome"), Keyboard.NONE, true));
            Reply.Send question = send(replies.get(1));
            assertThat(question.html()).isEqualTo("<i>Step 1 of 8</i>\n" + f.text("q.emergency.text"));
            assertThat(labels(question.keyboard())).containsExactly("None of these", "Yes, at least one", "\u2139\ufe0f Why?");
            assertThat(data(question.keyboard())).containsExactly("p:emergency:none", "p:emergency:yes", "w:emergency");
        }

        @Test
        void answeringEditsTheQuestionAndAsksTheNextWithABackButton() {
            f.command("restart");
            List<Reply> replies = f.press("p:emergency:none");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed(
                    f.text("q.emergency.text") + "\n\n\u27a1\ufe0f <b>None of these</b>", Keyboard.NONE, true));
            Reply.Send next = send(replies.get(1));
            assertThat(next.html()).startsWith("<i>Step 2 of 8</i>\n<b>Next, signs that need a doctor today.</b>");
            assertThat(labels(next.keyboard())).containsExactly("None of these", "Yes, at least one", "\u25c0 Back", "\u2139\ufe0f Why?");
        }

        @Test
        void startMidwayResumesWhereThePersonWas() {
            f.command("restart");
            f.walk("p:emergency:none", "p:urgent:none");
            List<Reply> replies = f.command("start");

            assertThat(send(replies.get(0)).html()).isEqualTo(f.text("resume"));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 3 of 8</i>\n<b>Where does it hurt?</b>");
        }
    }

    @Nested
    class MultipleChoice {
        @BeforeEach
        void atActivities() {
            f.command("restart");
            f.walk(TO_ACTIVITIES);
        }

        @Test
        void tickingEditsTheButtonsInPlace() {
            List<Reply> replies = f.press("p:activities:sink");

            assertThat(replies).hasSize(1);
            Reply.EditPressed edit = (Reply.EditPressed) replies.get(0);
            assertThat(edit.transcript()).isFalse();
            assertThat(edit.html()).startsWith("<i>Step 8 of 8</i>\n<b>What sets the pain off?</b>");
            assertThat(labels(edit.keyboard())).containsExactly("\u2b1c Lifting while leaning over",
                    "\u2705 Leaning over a sink", "\u2b1c Sitting slumped in a chair",
                    "\u2b1c Running on uneven pavement", "\u2b1c None of these", "\u25c0 Back", "\u2139\ufe0f Why?", "Done");
        }

        @Test
        void noneOfTheseClearsTheOtherTicks() {
            f.press("p:activities:sink");
            Reply.EditPressed edit = (Reply.EditPressed) f.press("p:activities:none").get(0);

            assertThat(labels(edit.keyboard())).contains("\u2b1c Leaning over a sink", "\u2705 None of these");
        }

        @Test
        void doneWithNothingTickedOnlyShowsANotice() {
            assertThat(f.press("d:activities")).containsExactly(new Reply.Notice(f.text("notice.nothing_selected")));
        }
    }

    @Nested
    class BadInput {
        @Test
        void freeTextRepromptsTheSameQuestion() {
            f.command("restart");
            List<Reply> replies = f.text();

            assertThat(send(replies.get(0)).html()).isEqualTo("Please answer with the buttons under the question. Here it is again:");
            assertThat(send(replies.get(1)).html()).isEqualTo("<i>Step 1 of 8</i>\n" + f.text("q.emergency.text"));
            assertThat(replies).hasSize(2);
        }

        @Test
        void stickerRepromptsTheSameQuestion() {
            f.command("restart");
            f.press("p:emergency:none");
            List<Reply> replies = f.chat.handle(ChatFixture.CHAT, OptionalLong.empty(), new Incoming.Unsupported());

            assertThat(send(replies.get(0)).html()).isEqualTo(f.text("reprompt"));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 2 of 8</i>");
        }

        @Test
        void buttonFromAnOlderQuestionIsAcknowledgedAndStateKept() {
            f.command("restart");
            f.walk("p:emergency:none", "p:urgent:none");
            List<Reply> replies = f.press("p:emergency:yes");

            assertThat(replies.get(0)).isEqualTo(new Reply.Notice("That button is from an earlier message. Here is the current question."));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 3 of 8</i>\n<b>Where does it hurt?</b>");
            // The stale "yes" changed nothing: carrying on still reaches a massage request.
            assertThat(send(f.walk("p:where:one_side", "p:feeling:sharp", "p:duration:under_6w", "p:severity:mild",
                    "p:age:20_50", "p:activities:none", "d:activities").get(1)).html()).isEqualTo(QL_PATTERN_NO_ACTIVITY);
        }

        @Test
        void garbageButtonDataIsTreatedAsStale() {
            f.command("restart");
            List<Reply> replies = f.press("\u0000garbage:::");

            assertThat(replies.get(0)).isEqualTo(new Reply.Notice(f.text("notice.stale")));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 8</i>");
        }

        @Test
        void buttonsAfterTheEndSayTheResultIsAbove() {
            f.command("restart");
            f.press("p:emergency:yes");
            List<Reply> replies = f.press("p:urgent:none");

            assertThat(replies).containsExactly(new Reply.Notice(f.text("notice.stale")),
                    new Reply.Send(f.text("finished.already"), Keyboard.NONE));
        }

        @Test
        void unknownCommandPointsToHelpAndRepeatsTheQuestion() {
            f.command("restart");
            List<Reply> replies = f.command("dance");

            assertThat(send(replies.get(0)).html()).isEqualTo("Sorry, I do not know that command. Send /help to see what I can do.");
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 8</i>");
        }
    }

    @Nested
    class Commands {
        @Test
        void backChangesThePreviousAnswer() {
            f.command("restart");
            f.walk("p:emergency:none", "p:urgent:none");
            List<Reply> replies = f.command("back");

            assertThat(send(replies.get(0)).html()).startsWith("<i>Step 2 of 8</i>\n<b>Next, signs that need a doctor today.</b>");
            assertThat(send(f.press("p:urgent:yes").get(1)).html()).isEqualTo(URGENT);
        }

        @Test
        void backButtonGoesBackAndClearsThePressedButtons() {
            f.command("restart");
            f.press("p:emergency:none");
            List<Reply> replies = f.press("b");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed(f.text("q.urgent.text"), Keyboard.NONE, true));
            assertThat(send(replies.get(1)).html()).isEqualTo("<i>Step 1 of 8</i>\n" + f.text("q.emergency.text"));
        }

        @Test
        void backOnTheFirstQuestionExplainsAndRepeatsIt() {
            f.command("restart");
            List<Reply> replies = f.command("back");

            assertThat(send(replies.get(0)).html()).isEqualTo("This is the first question, so there is nothing to go back to.");
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 8</i>");
        }

        @Test
        void restartBeginsAgainFromTheFirstQuestion() {
            f.command("restart");
            f.walk("p:emergency:none", "p:urgent:none", "p:where:one_side");
            List<Reply> replies = f.command("restart");

            assertThat(replies).hasSize(1);
            assertThat(send(replies.get(0)).html()).isEqualTo("<i>Step 1 of 8</i>\n" + f.text("q.emergency.text"));
        }

        @Test
        void helpListsTheCommandsThenTheCurrentQuestion() {
            f.command("restart");
            List<Reply> replies = f.command("help");

            assertThat(send(replies.get(0)).html()).contains("/start", "/restart", "/back", "/forget", "/help", "not a diagnosis");
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 8</i>");
        }

        @Test
        void menuHasTheSixCommandsWithDescriptions() {
            assertThat(f.chat.menu()).containsOnlyKeys("start", "restart", "back", "language", "help", "forget");
            assertThat(f.chat.menu().get("forget")).isEqualTo("Delete everything this bot holds about you");
        }
    }

    @Nested
    class Forget {
        @Test
        void forgetAsksForConfirmation() {
            List<Reply> replies = f.command("forget");

            assertThat(replies).containsExactly(new Reply.Send(
                    "Delete your answers and everything this bot holds about you? This cannot be undone.",
                    new Keyboard(List.of(List.of(new Button("Yes, delete", "f:yes"), new Button("No, keep", "f:no"))))));
        }

        @Test
        void confirmingDeletesEveryRowAboutThePerson() throws Exception {
            f.command("restart");
            f.chat.handle(ChatFixture.CHAT, OptionalLong.of(10), new Incoming.Button("p:emergency:none"));
            f.chat.handle(ChatFixture.CHAT, OptionalLong.of(11), new Incoming.Command("forget"));
            assertThat(rowsMentioningChat()).isNotEmpty();

            List<Reply> replies = f.chat.handle(ChatFixture.CHAT, OptionalLong.of(12), new Incoming.Button("f:yes"));

            assertThat(replies).containsExactly(new Reply.EditPressed(f.text("forget.done"), Keyboard.NONE, false));
            assertThat(rowsMentioningChat()).isEmpty();
            assertThat(f.text()).containsExactly(new Reply.Send(f.text("welcome"),
                    new Keyboard(List.of(List.of(new Button("Start the questions", "s"))))));
        }

        @Test
        void declining() {
            f.command("restart");
            f.press("p:emergency:none");
            f.command("forget");
            List<Reply> replies = f.press("f:no");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed("Nothing was deleted.", Keyboard.NONE, false));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 2 of 8</i>");
        }

        /** Every row, in every table, whose any column holds the chat id. */
        private List<String> rowsMentioningChat() throws Exception {
            List<String> found = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.database);
                 Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                if (String.valueOf(ChatFixture.CHAT).equals(rs.getString(i))) {
                                    found.add(table);
                                }
                            }
                        }
                    }
                }
            }
            return found;
        }
    }

    @Nested
    class Delivery {
        @Test
        void sameUpdateTwiceIsProcessedOnce() {
            f.command("restart");
            List<Reply> first = f.chat.handle(ChatFixture.CHAT, OptionalLong.of(77), new Incoming.Button("p:emergency:none"));
            List<Reply> again = f.chat.handle(ChatFixture.CHAT, OptionalLong.of(77), new Incoming.Button("p:emergency:none"));

            assertThat(first).isNotEmpty();
            assertThat(again).isEmpty();
            assertThat(send(f.text().get(1)).html()).startsWith("<i>Step 2 of 8</i>");
        }

        @Test
        void conversationResumesAfterReopeningTheDatabase() {
            f.command("restart");
            f.walk("p:emergency:none", "p:urgent:none", "p:where:one_side");
            f.close();
            f = new ChatFixture(dir);

            assertThat(send(f.text().get(1)).html()).startsWith("<i>Step 4 of 8</i>\n<b>What does the pain feel like?</b>");
        }
    }

    @Nested
    class LongRest {
        MutableClock clock = new MutableClock();

        @BeforeEach
        void restedService() {
            f.close();
            f = new ChatFixture(dir, clock);
            f.command("restart");
            f.walk("p:emergency:none", "p:urgent:none");
        }

        @Test
        void aMessageAfterADayAsksContinueOrStartAgain() {
            clock.advance(java.time.Duration.ofHours(25));

            assertThat(f.text()).containsExactly(new Reply.Send(
                    "Welcome back. You were part-way through the questions. Continue where you left off, or start again?",
                    new Keyboard(List.of(List.of(new Button("Continue", "c"), new Button("Start again", "r"))))));
        }

        @Test
        void continueShowsTheQuestionWhereThePersonWas() {
            clock.advance(java.time.Duration.ofHours(25));
            f.text();
            List<Reply> replies = f.press("c");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed(f.text("welcome_back"), Keyboard.NONE, true));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 3 of 8</i>\n<b>Where does it hurt?</b>");
        }

        @Test
        void startAgainBeginsFromTheFirstQuestion() {
            clock.advance(java.time.Duration.ofHours(25));
            f.command("start");
            List<Reply> replies = f.press("r");

            assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed(f.text("welcome_back"), Keyboard.NONE, true));
            assertThat(send(replies.get(1)).html()).isEqualTo("<i>Step 1 of 8</i>\n" + f.text("q.emergency.text"));
        }

        @Test
        void aButtonOfTheCurrentQuestionCarriesOnWithoutAsking() {
            clock.advance(java.time.Duration.ofHours(25));

            assertThat(send(f.press("p:where:one_side").get(1)).html()).startsWith("<i>Step 4 of 8</i>");
        }

        @Test
        void withinADayTheConversationSimplyResumes() {
            clock.advance(java.time.Duration.ofHours(23));

            assertThat(send(f.text().get(0)).html()).isEqualTo(f.text("reprompt"));
        }
    }

    @Nested
    class Elsewhere {
        @Test
        void aCommandInAGroupGetsOnePoliteLineAndNothingIsStored() throws Exception {
            List<Reply> replies = f.chat.handle(-100123, OptionalLong.of(5), new Incoming.NotPrivate());

            assertThat(replies).containsExactly(new Reply.Send(
                    "For your privacy I only talk in a private chat. Tap my name, then Start, to talk to me there.", Keyboard.NONE));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.database);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sessions")) {
                assertThat(rs.getInt(1)).isZero();
            }
        }

        @Test
        void aSessionFromATreeWhoseQuestionsChangedStartsAgainWithAnExplanation() {
            f.store.run(ChatFixture.CHAT, OptionalLong.empty(), saved -> new Turn.Save(new StoredSession("2025-01-01.1",
                    new org.backtriage.triage.Session(true, List.of(new org.backtriage.triage.Answer("posture", List.of("slouch"))),
                            List.of())), List.of()));

            List<Reply> replies = f.text();

            assertThat(replies).containsExactly(
                    new Reply.Send("The questions have changed since you last used this bot, so we need to start again."
                            + " Sorry for the trouble.", Keyboard.NONE),
                    new Reply.Send("<i>Step 1 of 8</i>\n" + f.text("q.emergency.text"), ((Reply.Send) replies.get(1)).keyboard()));
            assertThat(send(f.press("p:emergency:none").get(1)).html()).startsWith("<i>Step 2 of 8</i>");
        }
    }

    @Nested
    class Queued {
        @Test
        void queuedRepliesCarryThePressAndComeOnceOnly() {
            f.command("restart");
            org.backtriage.chat.Press press = new org.backtriage.chat.Press("cb-1", 99);

            List<Outgoing> first = f.chat.handleQueued(ChatFixture.CHAT, 31, java.util.Optional.of(press), new Incoming.Button("p:emergency:none"));
            List<Outgoing> again = f.chat.handleQueued(ChatFixture.CHAT, 31, java.util.Optional.of(press), new Incoming.Button("p:emergency:none"));

            assertThat(first).extracting(Outgoing::press).containsOnly(java.util.Optional.of(press));
            assertThat(first.get(1).reply()).isInstanceOf(Reply.Send.class);
            assertThat(again).isEmpty();
            assertThat(f.chat.outbox().pendingReplies()).isEqualTo(first);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-11-25T09:00:00Z");

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    static final String EMERGENCY = """
            🚨 <b>Get emergency help now</b>

            You have at least one sign that can mean a serious problem, such as cauda equina syndrome (pressure on the nerves at the bottom of the spine) or another serious cause. It needs checking straight away.

            <b>Go to an emergency department (A&amp;E) now, or call your local emergency number</b> (999 in the UK, 112 in the EU, 911 in the US). Do not wait to see if it gets better.

            A doctor needs to examine you now. Tell them which of the signs you have.

            <i>This is guidance from a checklist, not a diagnosis. Only a doctor or physiotherapist who examines you can say what is causing the pain.</i>""";

    static final String URGENT = """
            ⚠️ <b>Contact a doctor today</b>

            You have at least one sign that a doctor should check today. There is often a simple explanation, but signs like these can come from an infection, a broken bone or, rarely, cancer, so they need checking before anything else.

            <b>Contact a doctor (GP) today</b>, or your local urgent advice line (NHS 111 in the UK) if you cannot reach one. See the doctor before any massage.
            If you get numbness around your genitals or bottom, problems peeing, chest pain, or weakness in both legs, call your emergency number straight away.

            <i>This is guidance from a checklist, not a diagnosis. Only a doctor or physiotherapist who examines you can say what is causing the pain.</i>""";

    static final String CLINICIAN_FIRST = """
            🩺 <b>Low back pain: see a clinician before massage</b>

            <b>About my back pain</b>
            • Emergency signs: None of these
            • Urgent signs: None of these
            • Where it hurts: Down the leg, below the knee
            • What it feels like: Burning, tingling or electric
            • How long: Less than 6 weeks
            • How bad (0–10): 4–6, moderate
            • Age: 20 to 50
            • Set off by: None of these

            <b>Why a clinician first</b>
            • the pain travels down the leg below the knee, which can come from an irritated nerve
            • the pain is burning, tingling or electric, which can come from a nerve

            A doctor or physiotherapist should assess this pain before any massage.

            <b>If my clinician agrees, this is the massage I would like</b>
            Please work on my quadratus lumborum (QL) and gluteus medius:

            1. My QL while I lie on my side: 20 minutes each side (40 minutes).
            2. Then my gluteus medius for 20 minutes while I lie on my stomach.
            60 minutes in total. Please stretch and massage each muscle at the same time.

            <b>Good to know</b>
            The NICE guideline on low back pain (NG59) advises massage only together with exercise, and staying active. This 60-minute plan is one massage therapist's recommendation, not a proven treatment.

            <b>When to see a clinician</b>
            Book an appointment with a doctor (GP) or physiotherapist in the next few days. Get help sooner if the pain gets worse, and call your emergency number if you get numbness around your genitals or bottom, problems peeing, or weakness in both legs.

            <i>This is guidance from a checklist, not a diagnosis. Only a doctor or physiotherapist who examines you can say what is causing the pain.</i>""";

    static final String QL_PATTERN = """
            💆 <b>Massage request: quadratus lumborum and gluteus medius</b>

            <b>About my back pain</b>
            • Emergency signs: None of these
            • Urgent signs: None of these
            • Where it hurts: One side of the low back
            • What it feels like: Sharp, stabbing, urgent
            • How long: Less than 6 weeks
            • How bad (0–10): 4–6, moderate
            • Age: 20 to 50
            • Set off by: Lifting while leaning over; Sitting slumped in a chair

            <b>What I am asking for</b>
            Please work on my quadratus lumborum (QL) and gluteus medius:

            1. My QL while I lie on my side: 20 minutes each side (40 minutes).
            2. Then my gluteus medius for 20 minutes while I lie on my stomach.
            60 minutes in total. Please stretch and massage each muscle at the same time.

            <b>Why these muscles</b>
            The QL links the last rib to the pelvis and keeps the pelvis stable. It is a common source of low back pain, and sharp, stabbing pain, or pain set off by leaning or slumping, fits a tight QL. The gluteus medius, in the buttock, often hurts too, because it works overtime to make up for an irritated QL.

            <b>Good to know</b>
            The NICE guideline on low back pain (NG59) advises massage only together with exercise, and staying active. This 60-minute plan is one massage therapist's recommendation, not a proven treatment.

            <b>When to see a clinician</b>
            See a doctor or physiotherapist if the pain is severe, lasts beyond a few weeks, stops daily activities, or gets worse.

            <i>This is guidance from a checklist, not a diagnosis. Only a doctor or physiotherapist who examines you can say what is causing the pain.</i>""";

    static final String QL_PATTERN_NO_ACTIVITY = QL_PATTERN
            .replace("Set off by: Lifting while leaning over; Sitting slumped in a chair", "Set off by: None of these")
            .replace("How bad (0\u201310): 4\u20136, moderate", "How bad (0\u201310): 0\u20133, mild");

    static final String GENERAL = """
            💆 <b>Massage request: low back</b>

            <b>About my back pain</b>
            • Emergency signs: None of these
            • Urgent signs: None of these
            • Where it hurts: Both sides of the low back
            • What it feels like: Dull ache
            • How long: 6 weeks to 3 months
            • How bad (0–10): 0–3, mild
            • Age: 20 to 50
            • Set off by: None of these

            <b>What I am asking for</b>
            My answers do not point to one muscle, but two are worth asking about because they commonly cause low back pain. Please work on my quadratus lumborum (QL) and gluteus medius:

            1. My QL while I lie on my side: 20 minutes each side (40 minutes).
            2. Then my gluteus medius for 20 minutes while I lie on my stomach.
            60 minutes in total. Please stretch and massage each muscle at the same time.

            <b>Why these muscles</b>
            The QL links the last rib to the pelvis and is a common source of low back pain. The gluteus medius, in the buttock, often hurts when it compensates for an irritated QL.

            <b>Good to know</b>
            The NICE guideline on low back pain (NG59) advises massage only together with exercise, and staying active. This 60-minute plan is one massage therapist's recommendation, not a proven treatment.

            <b>When to see a clinician</b>
            See a doctor or physiotherapist if the pain is severe, lasts beyond a few weeks, stops daily activities, or gets worse.

            <i>This is guidance from a checklist, not a diagnosis. Only a doctor or physiotherapist who examines you can say what is causing the pain.</i>""";
}
