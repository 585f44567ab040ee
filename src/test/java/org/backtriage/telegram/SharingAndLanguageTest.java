package org.backtriage.telegram;

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
import org.backtriage.chat.ChatService;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What issue-4 features look like on the wire: app language, share button and inline answer, pop-ups, check-ins. */
class SharingAndLanguageTest {
    private static final long CHAT = 4321;
    /** A walk to a massage ending, one button after another; other tests walk it too. */
    static final List<String> QL_WALK = List.of("p:emergency:none", "p:urgent:none", "p:where:one_side",
            "p:feeling:sharp", "p:duration:under_6w", "p:severity:moderate", "p:age:20_50", "p:activities:lifting", "d:activities");

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
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!store.pendingReplies().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(store.pendingReplies()).isEmpty();
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

        FakeBotApi.Call welcome = telegram.last("sendMessage");
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

        List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
        String report = sends.get(sends.size() - 2).text();
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

        FakeBotApi.Call ask = telegram.last("sendMessage");
        assertThat(ask.chatId()).isEqualTo(CHAT);
        assertThat(ask.text()).isEqualTo("<b>Hello again.</b> A week ago you went through this low back pain check."
                + " How is your back now?");
        assertThat(ask.buttons()).containsExactly("Better=fu:better", "The same=fu:same", "Worse=fu:worse");
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-25T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
