package org.backtriage.chat;

import org.backtriage.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.backtriage.testing.SqliteFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation as a person sees it: exact texts, buttons and edits, over a real SQLite file. */
class ChatServiceTest {
    /** Through the red-flag screen with nothing to report: no signs, not pregnant, no health condition. */
    static final String[] TO_WHERE = {"p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:none", "p:urgent_history:none",
        "p:lasting:none"};
    static final String[] TO_ACTIVITIES = java.util.stream.Stream.concat(java.util.Arrays.stream(TO_WHERE), java.util.stream.Stream.of(
        "p:where:low_back_left", "d:where", "p:feeling:sharp", "d:feeling", "p:duration:under_6w", "p:course:better",
        "p:severity:moderate", "p:impact:neither", "p:age:20_50")).toArray(String[]::new);
    static final String[] TO_CAUTIONS = java.util.stream.Stream.concat(java.util.Arrays.stream(TO_ACTIVITIES),
            java.util.stream.Stream.of("p:activities:lifting", "d:activities")).toArray(String[]::new);

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

    /** The pressed message, rewritten: what a person sees in its place. */
    static Reply.EditPressed edit(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.EditPressed.class);
        return (Reply.EditPressed) reply;
    }

    static List<String> labels(Keyboard keyboard) {
        return keyboard.buttons().stream().map(Button::label).toList();
    }

    static List<String> data(Keyboard keyboard) {
        return keyboard.buttons().stream().map(Button::data).toList();
    }

    @Nested
    class Endings {
        // The exact text of every ending, in both languages, is in src/test/resources/transcripts.

        @Test
        void theLastAnswersAreInTheFinalMessageThatTheQuestionBecomes() {
            f.command("restart");
            f.walk(TO_CAUTIONS);
            List<Reply> replies = f.walk("p:cautions:clot", "p:cautions:skin", "d:cautions");

            assertThat(edit(replies.get(0)).keyboard()).isEqualTo(Keyboard.NONE);
            assertThat(edit(replies.get(0)).html()).contains("<b>Please know before the massage</b>\n"
                    + "\u2022 I have, or have had, a blood clot (deep vein thrombosis, DVT).\n"
                    + "\u2022 I have broken skin, a rash or a skin infection on my back, buttocks or hips.");
        }

        @Test
        void anEndingRewritesTheLastQuestionIntoTheFinalMessageThenSendsTheShortMessageWithItsButtons() {
            f.command("restart");
            f.walk(TO_CAUTIONS);
            List<Reply> replies = f.press("p:cautions:none");

            assertThat(replies).hasSize(2);
            assertThat(edit(replies.get(0)).html()).startsWith("\ud83d\udc86 <b>Massage request: quadratus lumborum and gluteus medius</b>");
            assertThat(edit(replies.get(0)).keyboard()).as("nothing odd travels with a forwarded message").isEqualTo(Keyboard.NONE);
            assertThat(send(replies.get(1)).html()).isEqualTo(String.join("\n\n", f.text("after.request"), f.text("self_care"),
                    f.text("after.commands")));
        }
    }

    @Nested
    class Start {
        @Test
        void firstMessageOfAnyKindGetsTheWelcomeWithABeginButton() {
            List<Reply> replies = f.text();

            assertThat(replies).containsExactly(new Reply.Send(f.text("welcome"),
                    new Keyboard(List.of(List.of(new Button("Start the questions", "s"))))));
            assertThat(f.text("welcome")).contains("not a diagnosis")
                    .contains("call 999 (UK), 112 (Europe), 911 (US, Canada) or your local emergency number now");
        }

        @Test
        void beginAsksTheEmergencySignsFirstReadOnceWithProgress() {
            f.command("start");
            List<Reply> replies = f.press("s");

            // The welcome becomes the first question: one message, edited from then on.
            assertThat(replies).hasSize(1);
            Reply.EditPressed question = edit(replies.get(0));
            assertThat(question.html()).isEqualTo("<i>Step 1 of 19</i>\n" + f.text("q.emergency.text"));
            assertThat(labels(question.keyboard())).containsExactly("Yes", "I\u2019m not sure",
                    "No, none of these", "\u2139\ufe0f Why?");
            assertThat(data(question.keyboard())).containsExactly("p:emergency:yes", "p:emergency:not_sure", "p:emergency:none",
                    "w:emergency");
        }

        @Test
        void yesAsksWhichSignWithBackToTheList() {
            f.command("restart");
            List<Reply> replies = f.press("p:emergency:yes");

            Reply.EditPressed which = edit(replies.get(0));
            assertThat(which.html()).isEqualTo("<i>Step 2 of 2</i>\n<b>Which one?</b> If more than one, tap the first of them.");
            assertThat(labels(which.keyboard())).containsExactly("Chest pain, or sudden severe tummy pain",
                    "Both legs: pain, numbness, tingling, weakness", "Numb or tingling genitals, bottom or anus",
                    "New problems peeing or pooing", "New erection or genital feeling problems",
                    "Pain after a serious fall or accident", "\u25c0 Back");
            assertThat(data(which.keyboard())).containsExactly("p:emergency_which:chest", "p:emergency_which:both_legs",
                    "p:emergency_which:saddle", "p:emergency_which:bladder_bowel", "p:emergency_which:sex",
                    "p:emergency_which:accident", "b");
        }

        @Test
        void pregnancyIsAskedRightAfterTheEmergencySignsWithAnAnswerForWhomItCannotApply() {
            f.command("restart");
            Reply.EditPressed next = edit(f.press("p:emergency:none").get(0));

            assertThat(next.html()).isEqualTo("<i>Step 2 of 19</i>\n<b>Are you pregnant?</b> If you are, how many weeks?");
            assertThat(labels(next.keyboard())).containsExactly("Yes, up to 12 weeks", "Yes, 13 to 27 weeks",
                    "Yes, 28 weeks or more", "Yes (rather not say the weeks)", "Maybe, I\u2019m not sure",
                    "No, or this does not apply to me", "\u25c0 Back", "\u2139\ufe0f Why?");
        }

        @Test
        void answeringRewritesTheQuestionIntoTheNextWithABackButton() {
            f.command("restart");
            List<Reply> replies = f.walk("p:emergency:none", "p:pregnancy:no");

            assertThat(replies).hasSize(1);
            Reply.EditPressed next = edit(replies.get(0));
            assertThat(next.html()).startsWith("<i>Step 3 of 18</i>\n<b>Next, signs a doctor should check today.</b>");
            assertThat(labels(next.keyboard())).endsWith("No, none of these", "\u25c0 Back", "\u2139\ufe0f Why?");
        }

        @Test
        void startMidwayResumesWhereThePersonWas() {
            f.command("restart");
            f.walk(TO_WHERE);
            List<Reply> replies = f.command("start");

            assertThat(send(replies.get(0)).html()).isEqualTo(f.text("resume"));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 6 of 14</i>\n<b>Where does it hurt?</b>");
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
            assertThat(edit.html()).startsWith("<i>Step 13 of 14</i>\n<b>What sets the pain off?</b>");
            assertThat(labels(edit.keyboard())).containsExactly("\u2b1c Lifting while leaning over",
                    "\u2705 Leaning over a sink", "\u2b1c Sitting slumped in a chair",
                    "\u2b1c Running on uneven pavement", "None of these", "\u25c0 Back", "\u2139\ufe0f Why?", "Done");
        }

        @Test
        void noneOfTheseAnswersAtOnceAndDropsTheOtherTicks() {
            f.press("p:activities:sink");
            List<Reply> replies = f.press("p:activities:none");

            assertThat(replies).hasSize(1);
            assertThat(edit(replies.get(0)).html()).isEqualTo("<i>Step 14 of 14</i>\n" + f.text("q.cautions.text"));
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
            assertThat(send(replies.get(1)).html()).isEqualTo("<i>Step 1 of 19</i>\n" + f.text("q.emergency.text"));
            assertThat(replies).hasSize(2);
        }

        @Test
        void stickerRepromptsTheSameQuestion() {
            f.command("restart");
            f.press("p:emergency:none");
            List<Reply> replies = f.chat.handle(ChatFixture.CHAT, OptionalLong.empty(), new Incoming.Unsupported());

            assertThat(send(replies.get(0)).html()).isEqualTo(f.text("reprompt"));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 2 of 19</i>\n<b>Are you pregnant?</b>");
        }

        @Test
        void buttonFromAnOlderQuestionIsAcknowledgedAndStateKept() {
            f.command("restart");
            f.walk(TO_WHERE);
            List<Reply> replies = f.press("p:emergency:yes");

            assertThat(replies.get(0)).isEqualTo(new Reply.Notice("That button is from an earlier message. Here is the current question."));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 6 of 14</i>\n<b>Where does it hurt?</b>");
            // The stale sign changed nothing: carrying on still reaches a massage request.
            f.walk("p:where:low_back_left", "d:where", "p:feeling:sharp", "d:feeling", "p:duration:under_6w",
                    "p:course:better", "p:severity:mild", "p:impact:neither", "p:age:20_50", "p:activities:none");
            assertThat(edit(f.press("p:cautions:none").get(0)).html())
                    .startsWith("\ud83d\udc86 <b>Massage request: quadratus lumborum and gluteus medius</b>");
        }

        @Test
        void garbageButtonDataIsTreatedAsStale() {
            f.command("restart");
            List<Reply> replies = f.press("\u0000garbage:::");

            assertThat(replies.get(0)).isEqualTo(new Reply.Notice(f.text("notice.stale")));
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 19</i>");
        }

        @Test
        void buttonsAfterTheEndSayTheResultIsAbove() {
            f.command("restart");
            f.walk("p:emergency:yes", "p:emergency_which:chest");
            List<Reply> replies = f.press("p:urgent_symptoms:none");

            assertThat(replies).containsExactly(new Reply.Notice(f.text("notice.stale")),
                    new Reply.Send(f.text("finished.already"), Keyboard.NONE));
        }

        @Test
        void unknownCommandPointsToHelpAndRepeatsTheQuestion() {
            f.command("restart");
            List<Reply> replies = f.command("dance");

            assertThat(send(replies.get(0)).html()).isEqualTo("Sorry, I do not know that command. Send /help to see what I can do.");
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 19</i>");
        }
    }

    @Nested
    class Commands {
        @Test
        void backChangesThePreviousAnswer() {
            f.command("restart");
            f.walk("p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:none");
            List<Reply> replies = f.command("back");

            assertThat(send(replies.get(0)).html()).startsWith("<i>Step 3 of 18</i>\n<b>Next, signs a doctor should check today.</b>");
            f.press("p:urgent_symptoms:yes");
            assertThat(edit(f.press("p:urgent_symptoms_which:unwell").get(0)).html())
                    .startsWith("\u26a0\ufe0f <b>Contact a doctor today</b>");
        }

        @Test
        void backButtonTurnsTheQuestionBackIntoThePreviousOne() {
            f.command("restart");
            f.press("p:emergency:none");
            List<Reply> replies = f.press("b");

            // The question becomes the previous one again, with its buttons.
            assertThat(replies).hasSize(1);
            assertThat(edit(replies.get(0)).html()).isEqualTo("<i>Step 1 of 19</i>\n" + f.text("q.emergency.text"));
            assertThat(labels(edit(replies.get(0)).keyboard())).contains("No, none of these");
        }

        @Test
        void backOnTheFirstQuestionExplainsAndRepeatsIt() {
            f.command("restart");
            List<Reply> replies = f.command("back");

            assertThat(send(replies.get(0)).html()).isEqualTo("This is the first question, so there is nothing to go back to.");
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 19</i>");
        }

        @Test
        void restartBeginsAgainFromTheFirstQuestion() {
            f.command("restart");
            f.walk(TO_WHERE);
            f.press("p:where:thigh");
            List<Reply> replies = f.command("restart");

            assertThat(replies).hasSize(1);
            assertThat(send(replies.get(0)).html()).isEqualTo("<i>Step 1 of 19</i>\n" + f.text("q.emergency.text"));
        }

        @Test
        void helpListsTheCommandsThenTheCurrentQuestion() {
            f.command("restart");
            List<Reply> replies = f.command("help");

            assertThat(send(replies.get(0)).html()).contains("/start", "/restart", "/back", "/forget", "/help", "not a diagnosis",
                    "In an emergency, call 999 (UK), 112 (Europe), 911 (US, Canada) or your local emergency number.");
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 1 of 19</i>");
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
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 2 of 19</i>");
        }

        /** The table of every row whose any column holds the chat id, once for each such column. */
        private List<String> rowsMentioningChat() throws Exception {
            List<String> found = new ArrayList<>();
            SqliteFile.everyRow(f.database).forEach((table, rows) -> rows.forEach(row -> row.stream()
                    .filter(String.valueOf(ChatFixture.CHAT)::equals).forEach(column -> found.add(table))));
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
            assertThat(send(f.text().get(1)).html()).startsWith("<i>Step 2 of 19</i>");
        }

        @Test
        void conversationResumesAfterReopeningTheDatabase() {
            f.command("restart");
            f.walk(TO_WHERE);
            f.walk("p:where:thigh", "p:where:buttock_hip");
            f.close();
            f = new ChatFixture(dir);

            // Mid-question ticks survive too.
            List<Reply> replies = f.text();
            assertThat(send(replies.get(1)).html()).startsWith("<i>Step 6 of 14</i>\n<b>Where does it hurt?</b>");
            assertThat(labels(send(replies.get(1)).keyboard())).contains("\u2705 Buttock or hip", "\u2705 Back of the thigh");
            assertThat(edit(f.press("d:where").get(0)).html()).startsWith("<i>Step 7 of 14</i>\n<b>What does the pain feel like?</b>");
        }
    }

    @Nested
    class LongRest {
        MovableClock clock = new MovableClock();

        @BeforeEach
        void restedService() {
            f.close();
            f = new ChatFixture(dir, clock);
            f.command("restart");
            f.walk(TO_WHERE);
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

            // The welcome-back message, at the bottom of the chat, becomes the question.
            assertThat(replies).hasSize(1);
            assertThat(edit(replies.get(0)).html()).startsWith("<i>Step 6 of 14</i>\n<b>Where does it hurt?</b>");
        }

        @Test
        void startAgainBeginsFromTheFirstQuestion() {
            clock.advance(java.time.Duration.ofHours(25));
            f.command("start");
            List<Reply> replies = f.press("r");

            assertThat(replies).hasSize(1);
            assertThat(edit(replies.get(0)).html()).isEqualTo("<i>Step 1 of 19</i>\n" + f.text("q.emergency.text"));
        }

        @Test
        void aButtonOfTheCurrentQuestionCarriesOnWithoutAsking() {
            clock.advance(java.time.Duration.ofHours(25));

            assertThat(f.press("p:where:thigh").get(0)).isInstanceOf(Reply.EditPressed.class);
            assertThat(edit(f.press("d:where").get(0)).html()).startsWith("<i>Step 7 of 14</i>");
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
                    new Reply.Send("<i>Step 1 of 19</i>\n" + f.text("q.emergency.text"), ((Reply.Send) replies.get(1)).keyboard()));
            assertThat(edit(f.press("p:emergency:none").get(0)).html()).startsWith("<i>Step 2 of 19</i>");
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
            assertThat(first).singleElement().extracting(Outgoing::reply).isInstanceOf(Reply.EditPressed.class);
            assertThat(again).isEmpty();
            assertThat(f.store.pendingReplies()).isEqualTo(first);
        }
    }

}
