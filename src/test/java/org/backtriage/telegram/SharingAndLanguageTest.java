package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Question;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What issue-4 features look like on the wire: app language, share button and inline answer, pop-ups, check-ins. */
class SharingAndLanguageTest {
    private static final long CHAT = 4321;
    private static final Messages TEXT = ShippedTriage.messages();
    /** To the clinician-first ending: the QL walk, but the pain is severe. */
    private static final List<String> CLINICIAN_FIRST_WALK = ShippedTriage.QL_WALK.stream()
            .map(data -> data.equals("p:severity:moderate") ? "p:severity:severe" : data).toList();
    /** To the urgent ending: new weakness in one leg. */
    private static final List<String> URGENT_WALK = List.of("p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:yes",
            "p:urgent_symptoms_which:one_leg");
    /** The tree's red-flag lists a check-in asks again, in this order, for someone not pregnant who ticks none. */
    private static final List<String> RECHECK = List.of("emergency", "urgent_symptoms", "urgent_history", "lasting");

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private SqliteSessionStore store;
    private TelegramBot bot;
    private final MovableClock clock = new MovableClock();
    private int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        telegram = new FakeBotApi();
        store = SqliteSessionStore.open(dir.resolve("bot.db"), clock);
        Wiring wiring = ShippedTriage.wiring(store, store.leases(), ChatOptions.defaults().withClock(clock));
        bot = new TelegramBot(Tunings.setup(telegram, Tunings.fast()), wiring);
        bot.start();
    }

    @AfterEach
    void tearDown() {
        bot.close();
        store.close();
        telegram.close();
    }

    private void deliver(ObjectNode update) {
        int id = update.path("update_id").asInt();
        telegram.deliver(update);
        telegram.awaitHandled(id);
        awaitSent();
    }

    private void awaitSent() {
        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(store.pendingReplies()).isEmpty());
    }

    private void say(String text, String language) {
        ObjectNode update = Updates.text(nextUpdateId++, CHAT, text);
        ((ObjectNode) update.path("message").path("from")).put("language_code", language);
        deliver(update);
    }

    private void tap(String data) {
        int id = nextUpdateId++;
        deliver(Updates.press(id, CHAT, telegram.lastKeyboardMessageId(), "q" + id, data));
    }

    private ObjectNode inlineQuery(long from) {
        ObjectNode update = Updates.JSON.createObjectNode().put("update_id", nextUpdateId++);
        ObjectNode query = update.putObject("inline_query").put("id", "inline-" + from).put("query", "").put("offset", "");
        query.putObject("from").put("id", from).put("is_bot", false).put("first_name", "Pat").put("language_code", "en");
        return update;
    }

    @Test
    void aSpanishAppGetsTheConversationInSpanish() {
        say("/start", "es-419");

        Call welcome = telegram.last("sendMessage");
        assertThat(welcome.text()).startsWith("<b>Revisión del dolor lumbar</b>");
        assertThat(welcome.buttons()).containsExactly("Empezar las preguntas=s");
    }

    @Test
    void whyOpensAPopUpAndSendsNothingElse() {
        say("/restart", "en");
        int sendsBefore = telegram.calls("sendMessage").size();
        tap("w:emergency");

        JsonNode answer = telegram.last("answerCallbackQuery").body();
        assertThat(answer.path("show_alert").asBoolean()).isTrue();
        assertThat(answer.path("text").asText()).isEqualTo(TEXT.text("q.emergency.why"))
                .startsWith("These signs can mean a heart or tummy problem, pressure on the nerves");
        assertThat(telegram.calls("sendMessage")).hasSize(sendsBefore);
    }

    @Test
    void theEndingOffersAShareButtonThatOpensInlineModeAndTheInlineAnswerIsTheAskersSummary() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);

        // The last question was rewritten into the final message; the short message after it is new.
        String report = telegram.last("editMessageText").text();
        List<Call> sends = telegram.calls("sendMessage");
        JsonNode keyboard = sends.get(sends.size() - 1).body().path("reply_markup").path("inline_keyboard");
        assertThat(keyboard.get(0).get(0).path("text").asText()).isEqualTo("\ud83d\udce4 Send to my therapist");
        assertThat(keyboard.get(0).get(0).has("switch_inline_query")).isTrue();
        assertThat(keyboard.get(1).get(0).path("callback_data").asText()).isEqualTo("fu:on");

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();
        assertThat(answer.path("is_personal").asBoolean()).isTrue();
        assertThat(answer.path("results")).hasSize(1);
        JsonNode article = answer.path("results").get(0);
        assertThat(article.path("title").asText()).isEqualTo("My low back pain summary");
        assertThat(article.path("input_message_content").path("message_text").asText()).isEqualTo(report);
        assertThat(article.path("input_message_content").path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(report).contains(madeOn("25 November 2026"));
    }

    @Test
    void theSharedSummaryKeepsTheDateTheCheckWasDone() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        // The last question was rewritten into the final message; the short message after it is new.
        String report = telegram.last("editMessageText").text();
        List<Call> sends = telegram.calls("sendMessage");
        assertThat(report).contains(madeOn("25 November 2026"));
        clock.advance(Duration.ofDays(3));

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();

        // Made on 25 November, shared on the 28th: still the 25th.
        assertThat(answer.path("results").get(0).path("input_message_content").path("message_text").asText())
                .isEqualTo(report);
    }

    @Test
    void theSharedSummaryKeepsItsDateThroughTheCheckIn() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        // The last question was rewritten into the final message; the short message after it is new.
        String report = telegram.last("editMessageText").text();
        List<Call> sends = telegram.calls("sendMessage");
        tap("fu:on");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        bot.releaseDueCheckIns();
        awaitSent();
        tap("fu:better");

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();

        // Made on 25 November, asked how it is going on 2 December: still the 25th.
        assertThat(answer.path("results").get(0).path("input_message_content").path("message_text").asText())
                .isEqualTo(report);
    }

    @Test
    void theSharedSummaryKeepsItsDateWhenALanguageIsChosenAfterTheEnding() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        // The last question was rewritten into the final message; the short message after it is new.
        String report = telegram.last("editMessageText").text();
        List<Call> sends = telegram.calls("sendMessage");
        clock.advance(Duration.ofDays(2));
        say("/language", "en");
        tap("l:en");

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();

        assertThat(answer.path("results").get(0).path("input_message_content").path("message_text").asText())
                .isEqualTo(report);
    }

    @Test
    void theEmergencyEndingOffersNoCheckInAndAPressOfAnOldOfferPlansNone() {
        say("/restart", "en");
        tap("p:emergency:yes");
        tap("p:emergency_which:saddle");

        List<Call> sends = telegram.calls("sendMessage");
        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("outcome.emergency.title"))
                .contains(TEXT.text("outcome.emergency.signs") + "\n"
                        + TEXT.format("outcome.reason_line", Map.of("reason", TEXT.text("sign.saddle"))));
        Call after = sends.get(sends.size() - 1);
        assertThat(after.text()).isEqualTo(TEXT.text("after.emergency"));
        assertThat(after.body().has("reply_markup")).isFalse();

        tap("fu:on");

        assertThat(telegram.last("answerCallbackQuery").text()).isEqualTo(TEXT.text("notice.stale"));
        assertThat(store.peek(CHAT).orElseThrow().checkIn()).isEmpty();
    }

    @Test
    void someoneWithoutASummaryGetsNoResultOnlyAPointerToStart() {
        telegram.deliver(inlineQuery(999));

        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();
        assertThat(answer.path("results")).isEmpty();
        assertThat(answer.path("button").path("text").asText()).isEqualTo("Finish the back pain check first");
    }

    @Test
    void aCheckInComesWhenDue() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        tap("fu:on");
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        bot.releaseDueCheckIns();
        awaitSent();
        assertThat(telegram.last("sendMessage").text()).isEqualTo(TEXT.format("check_in.set", Map.of("date", "2 December 2026")));

        clock.advance(Duration.ofMinutes(2));
        bot.releaseDueCheckIns();
        awaitSent();

        Call ask = telegram.last("sendMessage");
        assertThat(ask.chatId()).isEqualTo(CHAT);
        assertThat(ask.text()).isEqualTo(TEXT.format("check_in.ask", Map.of("date", "25 November 2026")))
                .startsWith("<b>Hello again.</b> On 25 November 2026 you did this low back pain check.");
        assertThat(ask.buttons()).containsExactly(TEXT.text("check_in.better") + "=fu:better",
                TEXT.text("check_in.same") + "=fu:same", TEXT.text("check_in.worse") + "=fu:worse");
    }

    @Test
    void aCheckInAsksEveryRedFlagListAgainEachWithItsOwnButtonsThenCloses() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        checkInComesDue("2 December 2026", Duration.ofDays(7));

        tap("fu:same");
        Call visit = telegram.last("editMessageText");
        assertThat(visit.text()).isEqualTo(TEXT.text("check_in.visit_routine"));
        assertThat(visit.buttons()).containsExactly(TEXT.text("check_in.visit.helped") + "=fu:v:helped",
                TEXT.text("check_in.visit.not_helped") + "=fu:v:not_helped", TEXT.text("check_in.visit.not_yet") + "=fu:v:not_yet");
        tap("fu:v:not_yet");

        // Each answer rewrites the check-in's message into the next question, the health lists in their "since" wording;
        // pregnancy keeps the answer given at the check.
        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("check_in.signs") + "\n\n");
        for (String question : RECHECK) {
            Call asked = telegram.last("editMessageText");
            assertThat(asked.text()).endsWith(checkInText(question));
            assertThat(asked.buttons()).containsExactlyElementsOf(checkInButtons(question));

            tap("fu:s:" + question + ":none");
        }

        assertThat(telegram.last("editMessageText").text()).isEqualTo(String.join("\n\n", TEXT.text("check_in.clinician_end"),
                TEXT.text("check_in.safety"), TEXT.text("outcome.footer_you")));
        assertThat(telegram.last("editMessageText").buttons()).isEmpty();
        assertThat(store.peek(CHAT).orElseThrow().checkIn()).isEmpty();
    }

    @Test
    void aSignAtTheCheckInEndsItWithTheEndingThatSignCallsFor() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        checkInComesDue("2 December 2026", Duration.ofDays(7));
        tap("fu:worse");
        tap("fu:v:not_yet");

        tap("fu:s:emergency:yes");
        Call which = telegram.last("editMessageText");
        assertThat(which.text()).isEqualTo(TEXT.text("q.which.text"));
        assertThat(which.buttons()).containsExactlyElementsOf(checkInButtons("emergency_which"));
        tap("fu:s:emergency_which:chest");

        List<Call> sends = telegram.shown("sendMessage");
        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("outcome.ambulance.title"))
                .contains(TEXT.text("outcome.emergency.signs") + "\n"
                        + TEXT.format("outcome.reason_line", Map.of("reason", TEXT.text("sign.chest"))));
        assertThat(sends.get(sends.size() - 1).text()).isEqualTo(TEXT.text("after.ambulance"));
        assertThat(store.peek(CHAT).orElseThrow().checkIn()).isEmpty();
    }

    @Test
    void aLastingConditionNewAtTheCheckInIsTickedThenDoneAndNotYetExaminedEndsWithADoctorToday() {
        say("/restart", "en");
        ShippedTriage.QL_WALK.forEach(this::tap);
        checkInComesDue("2 December 2026", Duration.ofDays(7));
        tap("fu:same");
        tap("fu:v:not_yet");
        List.of("emergency", "urgent_symptoms", "urgent_history").forEach(question -> tap("fu:s:" + question + ":none"));

        tap("fu:s:lasting:yes");
        assertThat(telegram.last("editMessageText").buttons()).containsExactly(
                "\u2b1c Cancer, now or in the past=fu:s:lasting_which:cancer",
                "\u2b1c Osteoporosis (thin, weak bones)=fu:s:lasting_which:osteoporosis",
                "\u2b1c Weak immune system, or steroid tablets=fu:s:lasting_which:immune",
                "\u25c0 Back=fu:b", "Done=fu:d:lasting_which");
        tap("fu:s:lasting_which:osteoporosis");
        Call ticked = telegram.last("editMessageText");
        assertThat(ticked.text()).isEqualTo(TEXT.text("q.lasting_which.text"));
        assertThat(ticked.buttons()).contains("\u2705 Osteoporosis (thin, weak bones)=fu:s:lasting_which:osteoporosis",
                "\u2b1c Cancer, now or in the past=fu:s:lasting_which:cancer");
        tap("fu:d:lasting_which");
        assertThat(telegram.last("editMessageText").text()).isEqualTo(TEXT.text("q.lasting_examined.text"));
        tap("fu:s:lasting_examined:no");

        List<Call> sends = telegram.shown("sendMessage");
        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("outcome.urgent.title"))
                .contains(String.join("\n", TEXT.text("outcome.urgent.signs"), "\u2022 Osteoporosis (thin, weak bones)",
                        "\u2022 No, not for this back pain"));
        assertThat(sends.get(sends.size() - 1).text()).isEqualTo(TEXT.text("after.urgent"));
        assertThat(store.peek(CHAT).orElseThrow().checkIn()).isEmpty();
    }

    @Test
    void someoneSentToADoctorIsAskedWhetherTheyWentAndToldToGoEvenWhenBetter() {
        say("/restart", "en");
        URGENT_WALK.forEach(this::tap);
        assertThat(telegram.last("sendMessage").buttons()).containsExactly(TEXT.text("button.check_in_tomorrow") + "=fu:on");
        checkInComesDue("26 November 2026", Duration.ofDays(1));

        tap("fu:better");

        Call seen = telegram.last("editMessageText");
        assertThat(seen.text()).isEqualTo(TEXT.text("check_in.visit_urgent"));
        assertThat(seen.buttons()).containsExactly(TEXT.text("check_in.visit.seen") + "=fu:v:seen",
                TEXT.text("check_in.visit.not_yet") + "=fu:v:not_yet");
        tap("fu:v:not_yet");
        assertThat(telegram.last("editMessageText").text())
                .isEqualTo(TEXT.text("check_in.signs") + "\n\n" + TEXT.text("q.emergency.text"));
        RECHECK.forEach(question -> tap("fu:s:" + question + ":none"));

        assertThat(telegram.last("editMessageText").text()).isEqualTo(String.join("\n\n", TEXT.text("check_in.not_seen_urgent"),
                TEXT.text("check_in.safety"), TEXT.text("outcome.footer_you")));
    }

    @Test
    void anOldHaveYouSeenADoctorButtonStillAnswersTheVisitQuestion() {
        say("/restart", "en");
        URGENT_WALK.forEach(this::tap);
        checkInComesDue("26 November 2026", Duration.ofDays(1));
        tap("fu:same");

        // The first check-ins asked "have you seen a clinician?" with yes and no; such a button, still in a chat, is seen.
        tap("fu:seen:yes");
        RECHECK.forEach(question -> tap("fu:s:" + question + ":none"));

        assertThat(telegram.last("editMessageText").text()).isEqualTo(String.join("\n\n", TEXT.text("check_in.seen_urgent"),
                TEXT.text("check_in.safety"), TEXT.text("outcome.footer_you")));
    }

    @Test
    void anUrgentEndingOffersACheckInTomorrowThatComesDueTheNextDay() {
        say("/restart", "en");
        URGENT_WALK.forEach(this::tap);
        Call after = telegram.last("sendMessage");
        assertThat(after.text()).isEqualTo(String.join("\n\n", TEXT.text("after.urgent"), TEXT.text("self_care_until_seen"),
                TEXT.text("after.commands")));
        assertThat(after.buttons()).containsExactly("\ud83d\udd14 Check on me tomorrow=fu:on");

        tap("fu:on");
        assertThat(telegram.last("answerCallbackQuery").text()).isEqualTo(TEXT.format("check_in.set", Map.of("date", "26 November 2026")));
        assertThat(telegram.last("sendMessage").text())
                .isEqualTo("\ud83d\udd14 I will message you on 26 November 2026 to ask how your back is. Send /forget to cancel.");
        clock.advance(Duration.ofDays(1).minusMinutes(1));
        bot.releaseDueCheckIns();
        awaitSent();
        assertThat(telegram.last("sendMessage").text()).isEqualTo(TEXT.format("check_in.set", Map.of("date", "26 November 2026")));

        clock.advance(Duration.ofMinutes(2));
        bot.releaseDueCheckIns();
        awaitSent();

        assertThat(telegram.last("sendMessage").text()).isEqualTo(TEXT.format("check_in.ask", Map.of("date", "25 November 2026")));
    }

    @Test
    void theClinicianFirstEndingWaitsForTheClinicianBeforeAnythingIsShared() {
        say("/restart", "en");
        CLINICIAN_FIRST_WALK.forEach(this::tap);

        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("outcome.clinician_first.title"))
                .contains(TEXT.text("outcome.clinician_first.reasons") + "\n"
                        + TEXT.format("outcome.reason_line", Map.of("reason", TEXT.text("reason.severe"))))
                .contains(TEXT.text("outcome.clinician_first.request"));
        Call after = telegram.last("sendMessage");
        assertThat(after.text()).isEqualTo(String.join("\n\n", TEXT.text("after.clinician_first"), TEXT.text("self_care"),
                TEXT.text("after.commands")));
        assertThat(after.buttons()).containsExactly("\u2705 My clinician agreed=ag", "\ud83d\udd14 Check on me in a week=fu:on");
        assertThat(after.body().toString()).doesNotContain("switch_inline_query");

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();
        assertThat(answer.path("results")).isEmpty();
        assertThat(answer.path("button").path("text").asText()).isEqualTo("Show it to your doctor or physio first");
    }

    @Test
    void myClinicianAgreedSendsTheMassageRequestDatedThatDayAndSharingThenGivesIt() {
        say("/restart", "en");
        CLINICIAN_FIRST_WALK.forEach(this::tap);
        int sendsBefore = telegram.shown("sendMessage").size();
        clock.advance(Duration.ofDays(2));

        tap("ag");

        assertThat(telegram.last("answerCallbackQuery").text()).isEqualTo(TEXT.text("agreed.notice"));
        List<Call> sends = telegram.shown("sendMessage");
        assertThat(sends).hasSize(sendsBefore + 2);
        String request = sends.get(sendsBefore).text();
        assertThat(request).startsWith(String.join("\n\n", TEXT.text("outcome.massage.title"), madeOn("25 November 2026"),
                        "<b>Checked by my doctor or physiotherapist on 27 November 2026</b>: they agreed to a massage."))
                .contains(TEXT.text("outcome.clinician_agreed.request"))
                .contains(TEXT.text("request.plan"))
                .doesNotContain(TEXT.text("outcome.clinician_first.title"))
                .endsWith(TEXT.text("outcome.footer"));
        assertThat(sends.get(sendsBefore).buttons()).isEmpty();
        Call after = sends.get(sendsBefore + 1);
        assertThat(after.text()).isEqualTo(String.join("\n\n", TEXT.text("after.request"), TEXT.text("self_care"),
                TEXT.text("after.commands")));
        JsonNode share = after.body().path("reply_markup").path("inline_keyboard").get(0).get(0);
        assertThat(share.path("text").asText()).isEqualTo("\ud83d\udce4 Send to my therapist");
        assertThat(share.has("switch_inline_query")).isTrue();

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();
        assertThat(answer.path("results")).hasSize(1);
        assertThat(answer.path("results").get(0).path("input_message_content").path("message_text").asText()).isEqualTo(request);
    }

    @Test
    void aClinicianWhoAgreedAtTheCheckInGivesTheMassageRequestDatedThatDay() {
        say("/restart", "en");
        CLINICIAN_FIRST_WALK.forEach(this::tap);
        checkInComesDue("2 December 2026", Duration.ofDays(7));
        tap("fu:better");
        Call visit = telegram.last("editMessageText");
        assertThat(visit.text()).isEqualTo(TEXT.text("check_in.visit_soon"));
        assertThat(visit.buttons()).containsExactly(TEXT.text("check_in.visit.agreed") + "=fu:v:agreed",
                TEXT.text("check_in.visit.advised") + "=fu:v:advised", TEXT.text("check_in.visit.not_yet") + "=fu:v:not_yet");
        int sendsBefore = telegram.shown("sendMessage").size();

        tap("fu:v:agreed");
        RECHECK.forEach(question -> tap("fu:s:" + question + ":none"));

        assertThat(telegram.last("editMessageText").text()).isEqualTo(TEXT.text("check_in.agreed"));
        List<Call> sends = telegram.shown("sendMessage");
        assertThat(sends).hasSize(sendsBefore + 2);
        String request = sends.get(sendsBefore).text();
        assertThat(request).startsWith(String.join("\n\n", TEXT.text("outcome.massage.title"), madeOn("25 November 2026"),
                TEXT.format("outcome.agreed_on", Map.of("date", "2 December 2026"))));
        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();
        assertThat(answer.path("results").get(0).path("input_message_content").path("message_text").asText()).isEqualTo(request);
    }

    /** Asks for the check-in under the ending, lets it come due {@code after} (on {@code dueOn}) and sends "how is your back now?". */
    private void checkInComesDue(String dueOn, Duration after) {
        tap("fu:on");
        assertThat(telegram.last("sendMessage").text()).isEqualTo(TEXT.format("check_in.set", Map.of("date", dueOn)));
        clock.advance(after.plusMinutes(1));
        bot.releaseDueCheckIns();
        awaitSent();
        assertThat(telegram.last("sendMessage").text()).isEqualTo(TEXT.format("check_in.ask", Map.of("date", "25 November 2026")));
    }

    /** A red-flag question's text at a check-in: its check-in wording if it has one. */
    private static String checkInText(String questionId) {
        Question question = ShippedTriage.CONTENT.tree().question(questionId).orElseThrow();
        return TEXT.text(question.checkInTextKey().orElse(question.textKey()));
    }

    /**
     * A red-flag question's buttons at a check-in: one per option, its data naming the question and the
     * option; Back after the first question (the answers kept from the check do not count), then Why?.
     */
    private static List<String> checkInButtons(String questionId) {
        Question question = ShippedTriage.CONTENT.tree().question(questionId).orElseThrow();
        List<String> buttons = new java.util.ArrayList<>(question.options().stream()
                .map(o -> TEXT.text(o.labelKey()) + "=fu:s:" + questionId + ":" + o.id()).toList());
        if (!questionId.equals("emergency")) {
            buttons.add(TEXT.text("button.back") + "=fu:b");
        }
        question.whyKey().ifPresent(why -> buttons.add(TEXT.text("button.why") + "=w:" + questionId));
        return buttons;
    }

    private static String madeOn(String date) {
        return TEXT.format("outcome.made_on", Map.of("date", date));
    }

}
