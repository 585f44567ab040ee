package org.backtriage.telegram.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.ops.Monitoring;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.sending.Sender;
import org.backtriage.telegram.sending.SenderOptions;
import org.backtriage.telegram.sending.Tuning;
import org.backtriage.telegram.testing.FlakyStore;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.backtriage.testing.LogCapture;
import org.backtriage.triage.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Updates handed to the consumer as the poller would, with the real chat service and store,
 * and the replies delivered by a real sender through the real Bot API client to a local fake
 * Bot API. Each case checks what a person would see.
 */
class UpdateConsumerTest {
    private static final long CHAT = 4242;
    private static final Messages TEXT = ShippedTriage.messages();

    @TempDir
    Path dir;

    private FakeBotApi telegram;
    private OkHttpClient http;
    private SqliteSessionStore sqlite;
    private FlakyStore store;
    private Sender sender;
    private UpdateConsumer consumer;
    private LogCapture logs;
    private final Monitoring monitoring = new Monitoring();
    private int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        logs = new LogCapture();
        telegram = new FakeBotApi();
        http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).build();
        sqlite = ShippedTriage.store(dir);
        store = new FlakyStore(sqlite);
        ChatService chat = new ChatService(new org.backtriage.triage.Engine(ShippedTriage.CONTENT.tree()),
                ShippedTriage.CONTENT.languages(), store, ChatOptions.defaults().withTelemetry(monitoring));
        TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
        Tuning tuning = Tunings.fast();
        BotApi api = BotApi.over(http, Tunings.access(telegram), tuning.callTimeout());
        sender = new Sender(store, api, SenderOptions.of(scrubber, tuning));
        sender.start(List.of());
        consumer = new UpdateConsumer(chat, sender, scrubber);
    }

    @AfterEach
    void tearDown() {
        sender.shutdownNow();
        http.dispatcher().cancelAll();
        sender.awaitTermination(Duration.ofSeconds(2));
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        sqlite.close();
        telegram.close();
        monitoring.close();
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
    }

    /** Hands {@code updates} to the consumer as one batch, then waits until their replies are sent. */
    private void consume(ObjectNode... updates) {
        consumeOnly(updates);
        assertThat(sender.awaitIdle(Duration.ofSeconds(5))).as("replies sent").isTrue();
    }

    private void consumeOnly(ObjectNode... updates) {
        List<Update> parsed = Arrays.stream(updates).map(Updates::parse).toList();
        assertThatCode(() -> consumer.consume(parsed)).doesNotThrowAnyException();
    }

    private ObjectNode text(String text) {
        return Updates.text(nextUpdateId++, CHAT, text);
    }

    /** A tap on a button of the last message sent with buttons. */
    private ObjectNode press(String data) {
        int id = nextUpdateId++;
        return Updates.press(id, CHAT, telegram.lastKeyboardMessageId(), "query-" + id, data);
    }

    /** /start, then "Start the questions": the first question is showing. */
    private void atFirstQuestion() {
        consume(text("/start"));
        consume(press("s"));
    }

    private static List<String> firstQuestionButtons() {
        return ShippedTriage.firstQuestionButtons();
    }

    /** Where the conversation stands, as /start reports it: its last message's text. */
    private String whereWeAre() {
        consume(text("/start"));
        return telegram.last("sendMessage").text();
    }

    private List<Call> seenSince(int before) {
        List<Call> seen = telegram.visible();
        return seen.subList(before, seen.size());
    }

    @Nested
    class Start {

        @Test
        void startInPrivateChatSendsWelcomeWithBeginButton() {
            consume(text("/start"));

            Call welcome = telegram.last("sendMessage");
            assertThat(welcome.body().path("chat_id").asText()).isEqualTo(Long.toString(CHAT));
            assertThat(welcome.text()).isEqualTo(TEXT.text("welcome")).contains("Low back pain check");
            assertThat(welcome.body().path("parse_mode").asText()).isEqualTo("HTML");
            assertThat(welcome.buttons()).containsExactly("Start the questions=s");
        }

        @Test
        void commandWithBotNameWorksLikeThePlainCommand() {
            consume(Updates.text(nextUpdateId++, CHAT, "/START@backtriage_bot"));

            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        }

        @Test
        void unknownCommandIsSaidSoAndTheQuestionAskedAgain() {
            atFirstQuestion();
            int before = telegram.visible().size();

            consume(text("/massage_now please"));

            assertThat(seenSince(before)).extracting(Call::text)
                    .containsExactly(TEXT.text("unknown_command"), telegram.last("sendMessage").text());
            assertThat(telegram.last("sendMessage").buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }
    }

    @Nested
    class Groups {

        @ParameterizedTest
        @CsvSource({"group", "supergroup"})
        void commandInAGroupGetsOnePoliteLineAndNothingIsStoredAboutTheGroup(String type) throws SQLException {
            long group = -100777;

            consume(Updates.groupText(nextUpdateId++, group, type, "/start@backtriage_bot"));

            assertThat(telegram.visible()).singleElement().satisfies(call -> {
                assertThat(call.method()).isEqualTo("sendmessage");
                assertThat(call.chatId()).isEqualTo(group);
                assertThat(call.text()).isEqualTo(TEXT.text("private_only"));
                assertThat(call.buttons()).isEmpty();
            });
            assertThat(sessionsOf(group)).isZero();
            assertThat(sqlite.pendingReplies()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"group | hello everyone", "supergroup | my back hurts", "group | /",
            "channel | /start"})
        void otherMessagesOutsidePrivateChatsAreIgnoredSilently(String type, String text) throws SQLException {
            consume(Updates.groupText(nextUpdateId++, -100778, type, text),
                    Updates.channelPost(nextUpdateId++, -100779, "/start"));

            assertThat(telegram.visible()).isEmpty();
            assertThat(sessionsOf(-100778)).isZero();
        }

        @Test
        void pressInAGroupIsAnsweredAndNothingElse() {
            consume(Updates.groupPress(nextUpdateId++, -100, 77, "group-press", "s"));

            assertThat(telegram.visible()).extracting(Call::method).containsExactly("answercallbackquery");
            assertThat(telegram.last("answerCallbackQuery").body().has("text")).isFalse();
        }

        private int sessionsOf(long chatId) throws SQLException {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
                 PreparedStatement st = db.prepareStatement("SELECT count(*) FROM sessions WHERE chat_id = ?")) {
                st.setLong(1, chatId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
    }

    @Nested
    class Buttons {

        @Test
        void beginAnswersThePressAndTurnsTheWelcomeIntoTheFirstQuestion() {
            consume(text("/start"));
            int welcomeId = telegram.lastKeyboardMessageId();

            consume(Updates.press(nextUpdateId++, CHAT, welcomeId, "begin-1", "s"));

            List<Call> seen = telegram.visible();
            assertThat(seen).extracting(Call::method).containsExactly("sendmessage", "answercallbackquery", "editmessagetext");
            Call answer = seen.get(1);
            assertThat(answer.body().path("callback_query_id").asText()).isEqualTo("begin-1");
            assertThat(answer.body().has("text")).isFalse();
            Call question = seen.get(2);
            assertThat(question.body().path("chat_id").asText()).isEqualTo(Long.toString(CHAT));
            assertThat(question.body().path("message_id").asInt()).isEqualTo(welcomeId);
            assertThat(question.body().path("parse_mode").asText()).isEqualTo("HTML");
            assertThat(question.text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS)).contains(TEXT.text("q.emergency.text"));
            assertThat(question.buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @Test
        void everyPressIsAnsweredOnceBeforeAnythingElse() {
            atFirstQuestion();
            // Moves on, is stale (not yet asked), moves on, back, back, nothing to undo, garbage.
            for (String data : List.of("p:emergency:none", "p:where:low_back_left", "p:pregnancy:no",
                    "b", "b", "b", "junk")) {
                int before = telegram.visible().size();
                ObjectNode tap = press(data);

                consume(tap);

                List<Call> replies = seenSince(before);
                assertThat(replies).as("replies to %s", data).isNotEmpty();
                assertThat(replies.get(0).method()).isEqualTo("answercallbackquery");
                assertThat(replies.get(0).body().path("callback_query_id").asText())
                        .isEqualTo(tap.path("callback_query").path("id").asText());
                assertThat(replies).filteredOn(c -> c.method().equals("answercallbackquery")).hasSize(1);
            }
        }

        @Test
        void noticeWithoutOtherRepliesIsTheAnswerText() {
            atFirstQuestion();
            int before = telegram.visible().size();

            consume(press("b"));

            assertThat(seenSince(before)).singleElement().satisfies(answer -> {
                assertThat(answer.method()).isEqualTo("answercallbackquery");
                assertThat(answer.text()).isEqualTo(TEXT.text("notice.no_back"));
            });
        }

        @ParameterizedTest
        @MethodSource("org.backtriage.telegram.intake.UpdateConsumerTest#unusableButtonData")
        void unusableButtonDataGetsTheStaleNoticeAndTheQuestionAgain(String data) {
            atFirstQuestion();
            int before = telegram.visible().size();

            consume(Updates.press(nextUpdateId++, CHAT, 12, "odd-1", data));

            List<Call> seen = seenSince(before);
            assertThat(seen).extracting(Call::method).containsExactly("answercallbackquery", "sendmessage");
            assertThat(seen.get(0).text()).isEqualTo(TEXT.text("notice.stale"));
            assertThat(seen.get(1).text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
            assertThat(seen.get(1).buttons()).containsExactlyElementsOf(firstQuestionButtons());
            assertThat(whereWeAre()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
        }

        @Test
        void pressUnderAMessageOfAnotherChatIsAnsweredAndIgnored() {
            atFirstQuestion();
            int before = telegram.visible().size();

            consume(Updates.pressInAnotherChat(nextUpdateId++, CHAT, 5150, telegram.lastKeyboardMessageId(), "elsewhere",
                    "p:emergency:none"));

            assertThat(seenSince(before)).singleElement().satisfies(answer -> {
                assertThat(answer.method()).isEqualTo("answercallbackquery");
                assertThat(answer.body().path("callback_query_id").asText()).isEqualTo("elsewhere");
                assertThat(answer.body().has("text")).isFalse();
            });
            assertThat(whereWeAre()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
        }

        @Test
        void pressWithoutMessageIsAnsweredAndNothingElse() {
            consume(Updates.pressWithoutMessage(nextUpdateId++, CHAT, "inline-1", "s"));

            assertThat(telegram.visible()).extracting(Call::method).containsExactly("answercallbackquery");
            assertThat(telegram.last("answerCallbackQuery").body().path("callback_query_id").asText()).isEqualTo("inline-1");
        }

        @Test
        void rapidDoubleTapCountsOnceAndTheSecondTapGetsTheStaleNotice() {
            atFirstQuestion();
            int before = telegram.visible().size();
            int question = telegram.lastKeyboardMessageId();

            consume(Updates.press(nextUpdateId++, CHAT, question, "tap-1", "p:emergency:none"),
                    Updates.press(nextUpdateId++, CHAT, question, "tap-2", "p:emergency:none"));

            List<Call> seen = seenSince(before);
            assertThat(seen).filteredOn(c -> c.is("answerCallbackQuery"))
                    .extracting(c -> c.body().path("callback_query_id").asText() + "=" + c.text())
                    .containsExactly("tap-1=", "tap-2=" + TEXT.text("notice.stale"));
            assertThat(seen).filteredOn(c -> c.is("editMessageText")).hasSize(1);
            assertThat(seen.get(0).is("answerCallbackQuery")).isTrue();
            assertThat(whereWeAre()).contains(ShippedTriage.progress(2, ShippedTriage.QUESTIONS));
        }
    }

    static Stream<Arguments> unusableButtonData() {
        IntFunction<String> repeat = n -> "p:emergency:" + "n".repeat(n);
        return Stream.of(
                Arguments.of("\u0000garbage\u00ff"),
                Arguments.of("p:oldquestion:x"),
                Arguments.of(repeat.apply(60)),
                Arguments.of("p:emergency:" + "\u00e9".repeat(30)),
                Arguments.of("d:"));
    }

    @Nested
    class StrayInput {

        @Test
        void freeTextMidQuestionRepromptsAndAsksAgain() {
            atFirstQuestion();
            int sendsBefore = telegram.shown("sendMessage").size();

            consume(text("my back hurts"));

            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends).hasSize(sendsBefore + 2);
            assertThat(sends.get(sendsBefore).text()).startsWith("Please answer with the buttons");
            assertThat(sends.get(sendsBefore + 1).text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
            assertThat(sends.get(sendsBefore + 1).buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @ParameterizedTest
        @MethodSource("org.backtriage.telegram.intake.UpdateConsumerTest#unsupportedMessages")
        void anythingButTextMidQuestionRepromptsAndAsksAgain(String kind, Function<Integer, ObjectNode> message) {
            atFirstQuestion();
            int sendsBefore = telegram.shown("sendMessage").size();

            consume(message.apply(nextUpdateId++));

            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends).as(kind).hasSize(sendsBefore + 2);
            assertThat(sends.get(sendsBefore).text()).isEqualTo(TEXT.text("reprompt"));
            assertThat(sends.get(sendsBefore + 1).buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @Test
        void textOfMoreThan4096CharactersIsRepromptedAndNeverEchoed() {
            atFirstQuestion();
            String essay = "My back has hurt since Tuesday. ".repeat(200);
            assertThat(essay.length()).isGreaterThan(4_096);
            int sendsBefore = telegram.shown("sendMessage").size();

            consume(text(essay));

            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends).hasSize(sendsBefore + 2);
            assertThat(sends.get(sendsBefore).text()).isEqualTo(TEXT.text("reprompt"));
            assertThat(telegram.calls()).noneMatch(call -> call.body().toString().contains("since Tuesday"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("since Tuesday"));
        }

        @Test
        void editedMessageChannelPostAndEmptyUpdateGetNoReply() {
            atFirstQuestion();
            int before = telegram.visible().size();

            consume(Updates.editedText(nextUpdateId++, CHAT, "/restart"),
                    Updates.channelPost(nextUpdateId++, -100900, "/start"),
                    Updates.JSON.createObjectNode().put("update_id", nextUpdateId++));

            assertThat(telegram.visible()).hasSize(before);
            assertThat(whereWeAre()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
        }
    }

    static Stream<Arguments> unsupportedMessages() {
        return Stream.of(
                Arguments.of("sticker", (Function<Integer, ObjectNode>) id -> Updates.sticker(id, CHAT)),
                Arguments.of("photo", (Function<Integer, ObjectNode>) id -> Updates.photo(id, CHAT)),
                Arguments.of("voice", (Function<Integer, ObjectNode>) id -> Updates.voice(id, CHAT)),
                Arguments.of("document", (Function<Integer, ObjectNode>) id -> Updates.document(id, CHAT)),
                Arguments.of("location", (Function<Integer, ObjectNode>) id -> Updates.location(id, CHAT)),
                Arguments.of("contact", (Function<Integer, ObjectNode>) id -> Updates.contact(id, CHAT)));
    }

    @Nested
    class Redelivery {

        @Test
        void sameUpdateTwiceIsAnsweredOnce() {
            ObjectNode start = text("/start");
            consume(start);
            consume(start);

            assertThat(telegram.visible()).extracting(Call::method).containsExactly("sendmessage");
        }

        @Test
        void samePressTwiceIsHandledAndAnsweredOnce() {
            consume(text("/start"));
            ObjectNode begin = press("s");
            consume(begin, begin);
            consume(begin);

            assertThat(telegram.calls("answerCallbackQuery")).hasSize(1);
            assertThat(telegram.calls("editMessageText")).hasSize(1);
            assertThat(telegram.calls("sendMessage")).hasSize(1);
        }

        @Test
        void stoppedConsumerLeavesTheBatchUnhandledForTheNextStart() {
            consumer.stop();

            consume(text("/start"));

            assertThat(telegram.visible()).isEmpty();
            assertThat(sqlite.pendingReplies()).isEmpty();
        }

        @Test
        void updatesOfABatchAreHandledInOrder() {
            consume(text("/start"), Updates.press(nextUpdateId++, CHAT, 501, "q", "s"), text("/help"));

            // The press is answered at once, not behind the welcome (the two may cross); the messages keep their order.
            List<Call> seen = telegram.visible();
            assertThat(seen).filteredOn(c -> !c.is("answerCallbackQuery")).extracting(Call::method).containsExactly(
                    "sendmessage", "editmessagetext", "sendmessage", "sendmessage");
            assertThat(seen).filteredOn(c -> c.is("answerCallbackQuery")).singleElement()
                    .satisfies(answer -> assertThat(seen.indexOf(answer)).isLessThan(seen.indexOf(telegram.shown("editMessageText").get(0))));
            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends.get(0).text()).contains("Low back pain check");
            assertThat(telegram.shown("editMessageText").get(0).text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
            assertThat(sends.get(1).text()).contains("What this bot does");
            assertThat(sends.get(2).text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
        }
    }

    @Nested
    class Failures {

        @Test
        void chatServiceFailureStillAnswersPressAndLaterUpdatesAreServed() {
            consume(text("/start"));
            store.failNext();

            consume(press("s"));
            consume(text("/help"));

            Call answer = telegram.last("answerCallbackQuery");
            assertThat(answer.body().has("text")).isFalse();
            assertThat(telegram.calls("editMessageText")).isEmpty();
            assertThat(telegram.last("sendMessage").text()).contains("What this bot does");
            assertThat(logs.lines()).anyMatch(line -> line.contains("ERROR Update") && line.contains("could not be handled"));
        }

        @Test
        void aBatchWhoseTransactionFailsIsRetriedUpdateByUpdate() {
            consume(text("/start"));
            store.failNext();

            consume(press("s"), text("/help"));

            assertThat(telegram.calls("answerCallbackQuery")).hasSize(1);
            assertThat(telegram.calls("editMessageText")).hasSize(1);
            assertThat(telegram.calls("sendMessage")).anyMatch(call -> call.text().contains("What this bot does"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("WARN") && line.contains("trying them one by one"));
        }

        @Test
        void anEndingIsCountedOnceWhenItsBatchIsSavedUpdateByUpdate() {
            atFirstQuestion();
            List<String> walk = ShippedTriage.QL_WALK;
            walk.subList(0, walk.size() - 1).forEach(data -> consume(press(data)));
            store.failNextBatchAfterItsTurns();

            consume(press(walk.get(walk.size() - 1)), text("/help"));

            assertThat(logs.lines()).anyMatch(line -> line.contains("trying them one by one"));
            assertThat(monitoring.scrape().lines().filter(line -> line.startsWith("backtriage_sessions_finished_total{")))
                    .as("the one ending reached, counted once").singleElement().asString().endsWith("} 1.0");
        }

        @Test
        void eachUpdateOfABatchIsTimedOnItsOwn() {
            store.slowTurn(nextUpdateId, Duration.ofMillis(300));

            consume(text("/start"), text("/help"));

            String metrics = monitoring.scrape();
            assertThat(metrics).contains("backtriage_update_handling_seconds_count 2");
            assertThat(gauge(metrics, "backtriage_update_handling_seconds_max")).as("the slow one").isGreaterThanOrEqualTo(0.29);
            assertThat(bucketsUpTo(metrics, 0.1)).as("the quick one, not the two's average").isEqualTo(1);
        }

        private double gauge(String metrics, String name) {
            return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in\n" + metrics));
        }

        /** How many timings the histogram has at or under its largest bucket not above {@code seconds}. */
        private long bucketsUpTo(String metrics, double seconds) {
            java.util.regex.Pattern bucket = java.util.regex.Pattern.compile(
                    "^backtriage_update_handling_seconds_bucket\\{le=\"([0-9.]+)\"} ([0-9.]+)$");
            return metrics.lines().map(bucket::matcher).filter(java.util.regex.Matcher::matches)
                    .filter(m -> Double.parseDouble(m.group(1)) <= seconds)
                    .mapToLong(m -> (long) Double.parseDouble(m.group(2))).max().orElse(0);
        }

        @Test
        void closedStoreNeitherEscapesNorLeavesPressUnanswered() {
            consume(text("/start"));
            sqlite.close();

            consume(press("s"), text("/start"), Updates.sticker(nextUpdateId++, CHAT));

            assertThat(telegram.calls("answerCallbackQuery")).hasSize(1);
            assertThat(telegram.calls("sendMessage")).hasSize(1);
        }

        @Test
        void unreachableBotApiDoesNotEscapeAndTheRepliesWait() {
            telegram.close();

            consumeOnly(text("/start"), press("s"));

            assertThat(sqlite.pendingReplies()).extracting(Outgoing::reply).first().isInstanceOf(Reply.Send.class);
        }
    }
}
