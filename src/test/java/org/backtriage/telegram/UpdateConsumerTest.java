package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Updates handed to the consumer as the poller would, with the real chat service and store,
 * and the real Bot API client talking to a local fake Bot API.
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
    private UpdateConsumer consumer;
    private int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        telegram = new FakeBotApi();
        http = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS).build();
        sqlite = ShippedTriage.store(dir);
        store = new FlakyStore(sqlite);
        consumer = consumerFor(ShippedTriage.chatService(store));
    }

    @AfterEach
    void tearDown() {
        sqlite.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        telegram.close();
    }

    private UpdateConsumer consumerFor(ChatService chat) {
        TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
        OkHttpTelegramClient client = new OkHttpTelegramClient(new ObjectMapper(), http, FakeBotApi.TOKEN,
                TelegramBot.telegramUrl(telegram.baseUrl()));
        return new UpdateConsumer(chat, new BotApi(client, scrubber), scrubber);
    }

    private void consume(ObjectNode... updates) {
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
        consume(text("/start"), press("s"));
    }

    private static List<String> firstQuestionButtons() {
        return List.of("None of these=p:emergency:none", "Yes, at least one=p:emergency:yes");
    }

    @Nested
    class Start {

        @Test
        void startInPrivateChatSendsWelcomeWithBeginButton() {
            consume(text("/start"));

            FakeBotApi.Call welcome = telegram.last("sendMessage");
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
        void groupMessagesGetNoReply() {
            consume(Updates.groupText(nextUpdateId++, -100777, "supergroup", "/start"),
                    Updates.groupText(nextUpdateId++, -100778, "group", "hello"));

            assertThat(telegram.visible()).isEmpty();
        }
    }

    @Nested
    class Buttons {

        @Test
        void beginAnswersPressRemovesItsButtonsAndAsksFirstQuestion() {
            consume(text("/start"));
            int welcomeId = telegram.lastKeyboardMessageId();

            consume(Updates.press(nextUpdateId++, CHAT, welcomeId, "begin-1", "s"));

            List<FakeBotApi.Call> seen = telegram.visible();
            assertThat(seen).extracting(FakeBotApi.Call::method)
                    .containsExactly("sendmessage", "answercallbackquery", "editmessagetext", "sendmessage");
            FakeBotApi.Call answer = seen.get(1);
            assertThat(answer.body().path("callback_query_id").asText()).isEqualTo("begin-1");
            assertThat(answer.body().has("text")).isFalse();
            FakeBotApi.Call edit = seen.get(2);
            assertThat(edit.body().path("chat_id").asText()).isEqualTo(Long.toString(CHAT));
            assertThat(edit.body().path("message_id").asInt()).isEqualTo(welcomeId);
            assertThat(edit.body().path("parse_mode").asText()).isEqualTo("HTML");
            assertThat(edit.body().has("reply_markup")).isFalse();
            FakeBotApi.Call question = seen.get(3);
            assertThat(question.text()).contains("Step 1 of 8").contains("signs that need help straight away");
            assertThat(question.body().path("parse_mode").asText()).isEqualTo("HTML");
            assertThat(question.buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @Test
        void stalePressShowsStaleNoticeAndAsksCurrentQuestionAgain() {
            atFirstQuestion();
            int sendsBefore = telegram.calls("sendMessage").size();

            consume(Updates.press(nextUpdateId++, CHAT, 12, "stale-1", "p:where:one_side"));

            FakeBotApi.Call answer = telegram.last("answerCallbackQuery");
            assertThat(answer.body().path("callback_query_id").asText()).isEqualTo("stale-1");
            assertThat(answer.text()).isEqualTo(TEXT.text("notice.stale"))
                    .isEqualTo("That button is from an earlier message. Here is the current question.");
            assertThat(telegram.calls("sendMessage")).hasSize(sendsBefore + 1);
            FakeBotApi.Call again = telegram.last("sendMessage");
            assertThat(again.text()).contains("Step 1 of 8");
            assertThat(again.buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @Test
        void everyPressIsAnsweredOnceBeforeAnythingElse() {
            atFirstQuestion();
            for (String data : List.of("p:emergency:none", "p:where:one_side", "p:urgent:none", "b", "b", "b")) {
                int before = telegram.visible().size();
                ObjectNode tap = press(data);

                consume(tap);

                List<FakeBotApi.Call> replies = telegram.visible().subList(before, telegram.visible().size());
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
            consume(press("b"));

            FakeBotApi.Call answer = telegram.last("answerCallbackQuery");
            assertThat(answer.text()).isEqualTo(TEXT.text("notice.no_back"));
        }

        @Test
        void pressWithoutMessageIsAnsweredAndNothingElse() {
            consume(Updates.pressWithoutMessage(nextUpdateId++, CHAT, "inline-1", "s"));

            assertThat(telegram.visible()).extracting(FakeBotApi.Call::method).containsExactly("answercallbackquery");
            assertThat(telegram.last("answerCallbackQuery").body().path("callback_query_id").asText()).isEqualTo("inline-1");
        }

        @Test
        void editRepliesToSomethingOtherThanAPressAreSkipped() {
            consumer.deliver(new Received.ForChat(CHAT, new Incoming.Text(), Optional.empty()), List.of(
                    new Reply.EditPressed("changed", Keyboard.NONE, false),
                    new Reply.Send("hello", Keyboard.NONE)));

            assertThat(telegram.visible()).extracting(FakeBotApi.Call::method).containsExactly("sendmessage");
        }
    }

    @Nested
    class StrayInput {

        @Test
        void freeTextMidQuestionRepromptsAndAsksAgain() {
            atFirstQuestion();
            int sendsBefore = telegram.calls("sendMessage").size();

            consume(text("my back hurts"));

            List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
            assertThat(sends).hasSize(sendsBefore + 2);
            assertThat(sends.get(sendsBefore).text()).startsWith("Please answer with the buttons");
            assertThat(sends.get(sendsBefore + 1).text()).contains("Step 1 of 8");
            assertThat(sends.get(sendsBefore + 1).buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @Test
        void stickerMidQuestionRepromptsAndAsksAgain() {
            atFirstQuestion();
            int sendsBefore = telegram.calls("sendMessage").size();

            consume(Updates.sticker(nextUpdateId++, CHAT));

            List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
            assertThat(sends).hasSize(sendsBefore + 2);
            assertThat(sends.get(sendsBefore).text()).startsWith("Please answer with the buttons");
            assertThat(sends.get(sendsBefore + 1).buttons()).containsExactlyElementsOf(firstQuestionButtons());
        }

        @Test
        void editedMessageGetsNoReply() {
            atFirstQuestion();
            int before = telegram.visible().size();

            consume(Updates.editedText(nextUpdateId++, CHAT, "/restart"));

            assertThat(telegram.visible()).hasSize(before);
        }
    }

    @Nested
    class Redelivery {

        @Test
        void sameUpdateTwiceIsAnsweredOnce() {
            ObjectNode start = text("/start");
            consume(start);
            consume(start);

            assertThat(telegram.visible()).extracting(FakeBotApi.Call::method).containsExactly("sendmessage");
        }

        @Test
        void samePressTwiceIsHandledAndAnsweredOnce() {
            consume(text("/start"));
            ObjectNode begin = press("s");
            consume(begin, begin);
            consume(begin);

            assertThat(telegram.calls("answerCallbackQuery")).hasSize(1);
            assertThat(telegram.calls("editMessageText")).hasSize(1);
            assertThat(telegram.calls("sendMessage")).hasSize(2);
        }

        @Test
        void stoppedConsumerLeavesTheBatchUnhandledForTheNextStart() {
            consumer.stop();

            consume(text("/start"));

            assertThat(telegram.visible()).isEmpty();
            assertThat(consumer.busy()).isFalse();
        }

        @Test
        void updatesOfABatchAreHandledInOrder() {
            consume(text("/start"), Updates.press(nextUpdateId++, CHAT, 501, "q", "s"), text("/help"));

            assertThat(telegram.visible()).extracting(FakeBotApi.Call::method).containsExactly(
                    "sendmessage", "answercallbackquery", "editmessagetext", "sendmessage", "sendmessage", "sendmessage");
            List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
            assertThat(sends.get(0).text()).contains("Low back pain check");
            assertThat(sends.get(1).text()).contains("Step 1 of 8");
            assertThat(sends.get(2).text()).contains("What this bot does");
            assertThat(sends.get(3).text()).contains("Step 1 of 8");
        }
    }

    @Nested
    class Failures {

        @Test
        void chatServiceFailureStillAnswersPressAndLaterUpdatesAreServed() {
            consume(text("/start"));
            store.failNext();

            consume(press("s"), text("/help"));

            FakeBotApi.Call answer = telegram.last("answerCallbackQuery");
            assertThat(answer.body().has("text")).isFalse();
            assertThat(telegram.calls("editMessageText")).isEmpty();
            assertThat(telegram.last("sendMessage").text()).contains("What this bot does");
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
        void botApiErrorsOnSendMessageDoNotStopTheBot() {
            telegram.failNext("sendMessage", new MockResponse().setResponseCode(500).setBody("<html>Bad Gateway</html>"));
            telegram.failNext("sendMessage", FakeBotApi.error(400, "Bad Request: can't parse entities"));

            consume(text("/start"), text("/help"), text("/start"));

            assertThat(telegram.calls("sendMessage")).hasSize(3);
            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        }

        @Test
        void failedAnswerAndEditDoNotStopTheRestOfTheReplies() {
            consume(text("/start"));
            telegram.failNext("answerCallbackQuery", FakeBotApi.error(400, "Bad Request: query is too old"));
            telegram.failNext("editMessageText", FakeBotApi.error(400,
                    "Bad Request: message is not modified: specified new message content is the same"));

            consume(press("s"));

            assertThat(telegram.last("sendMessage").text()).contains("Step 1 of 8");
        }

        @Test
        void unreachableBotApiDoesNotEscape() {
            telegram.close();

            consume(text("/start"), press("s"));
        }
    }

    /** A store that fails one turn on request, standing in for a full disk or a locked database. */
    static final class FlakyStore implements SessionStore {
        private final SessionStore delegate;
        private volatile boolean failNext;

        FlakyStore(SessionStore delegate) {
            this.delegate = delegate;
        }

        void failNext() {
            failNext = true;
        }

        @Override
        public Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> turn) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database is locked");
            }
            return delegate.run(chatId, updateId, turn);
        }

        @Override
        public Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                                 Function<Optional<StoredSession>, Turn> turn) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database is locked");
            }
            return delegate.runQueued(chatId, updateId, press, turn);
        }

        @Override
        public List<Outgoing> pendingReplies() {
            return delegate.pendingReplies();
        }

        @Override
        public void delivered(long outgoingId) {
            delegate.delivered(outgoingId);
        }

        @Override
        public void dropPending(long chatId) {
            delegate.dropPending(chatId);
        }

        @Override
        public int purgeIdleSince(Instant cutoff) {
            return delegate.purgeIdleSince(cutoff);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
