package org.backtriage.telegram;

import org.backtriage.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.backtriage.Waits;
import org.backtriage.chat.ChatService;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Engine;
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
    /** To the QL ending: no red flag, no reason for a clinician first, sharp pain set off by lifting; other tests walk it too. */
    static final List<String> QL_WALK = List.of("p:emergency:none", "p:urgent_symptoms:none",
            "p:urgent_history:none", "p:where:low_back_one_side", "d:where", "p:feeling:sharp", "d:feeling",
            "p:duration:under_6w", "p:course:better", "p:severity:moderate", "p:impact:neither", "p:age:20_50",
            "p:activities:lifting", "d:activities", "p:cautions:none");
    /** To the urgent ending: new weakness in one leg. */
    private static final List<String> URGENT_WALK = List.of("p:emergency:none", "p:urgent_symptoms:one_leg");
    /** The tree's red-flag questions, asked again at a check-in in this order. */
    private static final List<String> RECHECK = List.of("emergency", "urgent_symptoms", "urgent_history");

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
        ChatService chat = new ChatService(new Engine(ShippedTriage.CONTENT.tree()), ShippedTriage.CONTENT.languages(), store,
                clock, ChatService.RESUME_AFTER, Duration.ofSeconds(5));
        bot = new TelegramBot(FakeBotApi.TOKEN, telegram.baseUrl(), chat, Tunings.fast());
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
        assertThat(answer.path("text").asText()).startsWith("These signs can mean pressure on the nerves");
        assertThat(telegram.calls("sendMessage")).hasSize(sendsBefore);
    }

    @Test
    void theEndingOffersAShareButtonThatOpensInlineModeAndTheInlineAnswerIsTheAskersSummary() {
        say("/restart", "en");
        QL_WALK.forEach(this::tap);

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
        QL_WALK.forEach(this::tap);
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
        QL_WALK.forEach(this::tap);
        // The last question was rewritten into the final message; the short message after it is new.
        String report = telegram.last("editMessageText").text();
        List<Call> sends = telegram.calls("sendMessage");
        tap("fu:on");
        clock.advance(Duration.ofDays(2));
        bot.releaseDueCheckIns();
        awaitSent();
        tap("fu:better");

        telegram.deliver(inlineQuery(CHAT));
        JsonNode answer = telegram.await(c -> c.is("answerInlineQuery"), Duration.ofSeconds(5)).body();

        // Made on 25 November, asked how it is going on the 27th: still the 25th.
        assertThat(answer.path("results").get(0).path("input_message_content").path("message_text").asText())
                .isEqualTo(report);
    }

    @Test
    void theSharedSummaryKeepsItsDateWhenALanguageIsChosenAfterTheEnding() {
        say("/restart", "en");
        QL_WALK.forEach(this::tap);
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
        tap("p:emergency:saddle");

        List<Call> sends = telegram.calls("sendMessage");
        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("outcome.emergency.title"))
                .contains(TEXT.text("outcome.emergency.signs") + "\n"
                        + TEXT.format("outcome.reason_line", Map.of("reason", TEXT.text("q.emergency.saddle"))));
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
        QL_WALK.forEach(this::tap);
        tap("fu:on");
        clock.advance(Duration.ofSeconds(6));

        bot.releaseDueCheckIns();
        awaitSent();

        Call ask = telegram.last("sendMessage");
        assertThat(ask.chatId()).isEqualTo(CHAT);
        assertThat(ask.text()).isEqualTo(TEXT.text("check_in.ask"));
        assertThat(ask.buttons()).containsExactly(TEXT.text("check_in.better") + "=fu:better",
                TEXT.text("check_in.same") + "=fu:same", TEXT.text("check_in.worse") + "=fu:worse");
    }

    @Test
    void aCheckInAsksEveryRedFlagQuestionAgainEachWithItsOwnButtonsThenCloses() {
        say("/restart", "en");
        QL_WALK.forEach(this::tap);
        checkInComesDue();

        tap("fu:same");

        // Each answer rewrites the check-in's message into the next question.
        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("check_in.signs") + "\n\n");
        for (String question : RECHECK) {
            Call asked = telegram.last("editMessageText");
            assertThat(asked.text()).endsWith(TEXT.text("q." + question + ".text"));
            assertThat(asked.buttons()).containsExactlyElementsOf(checkInButtons(question));

            tap("fu:s:" + question + ":none");
        }

        assertThat(telegram.last("editMessageText").text()).isEqualTo(String.join("\n\n", TEXT.text("check_in.clinician_end"),
                TEXT.text("check_in.safety"), TEXT.text("outcome.footer_you")));
        assertThat(telegram.last("editMessageText").buttons()).isEmpty();
        assertThat(store.peek(CHAT).orElseThrow().checkIn()).isEmpty();
    }

    @Test
    void someoneSentToADoctorIsAskedWhetherTheyWentAndToldToGoEvenWhenBetter() {
        say("/restart", "en");
        URGENT_WALK.forEach(this::tap);
        assertThat(telegram.last("sendMessage").buttons()).containsExactly(TEXT.text("button.check_in") + "=fu:on");
        checkInComesDue();

        tap("fu:better");

        Call seen = telegram.last("editMessageText");
        assertThat(seen.text()).isEqualTo(TEXT.text("check_in.seen"));
        assertThat(seen.buttons()).containsExactly(TEXT.text("check_in.seen_yes") + "=fu:seen:yes",
                TEXT.text("check_in.seen_no") + "=fu:seen:no");
        tap("fu:seen:no");
        assertThat(telegram.last("editMessageText").text())
                .isEqualTo(TEXT.text("check_in.signs") + "\n\n" + TEXT.text("q.emergency.text"));
        RECHECK.forEach(question -> tap("fu:s:" + question + ":none"));

        assertThat(telegram.last("editMessageText").text()).startsWith(TEXT.text("check_in.not_seen_urgent") + "\n\n");
    }

    /** Asks for the check-in under the ending, lets it come due and sends "how is your back now?". */
    private void checkInComesDue() {
        tap("fu:on");
        assertThat(telegram.last("sendMessage").text())
                .isEqualTo(TEXT.format("check_in.set", Map.of("date", "25 November 2026")));
        clock.advance(Duration.ofSeconds(6));
        bot.releaseDueCheckIns();
        awaitSent();
        assertThat(telegram.last("sendMessage").text()).isEqualTo(TEXT.text("check_in.ask"));
    }

    /** A red-flag question's buttons at a check-in: one per option, its data naming the question and the option. */
    private static List<String> checkInButtons(String questionId) {
        Question question = ShippedTriage.CONTENT.tree().question(questionId).orElseThrow();
        return question.options().stream()
                .map(o -> TEXT.text(o.labelKey()) + "=fu:s:" + questionId + ":" + o.id()).toList();
    }

    private static String madeOn(String date) {
        return TEXT.format("outcome.made_on", Map.of("date", date));
    }

}
