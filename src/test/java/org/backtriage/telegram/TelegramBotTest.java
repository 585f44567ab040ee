package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.awaitility.core.ConditionTimeoutException;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.SessionStore;
import org.backtriage.cluster.LeaseTiming;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.client.UpdatePoll;
import org.backtriage.telegram.intake.LongPolling;
import org.backtriage.telegram.intake.UpdateConsumer;
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

/** The bot as Main runs it: real long polling against a local fake Bot API. */
class TelegramBotTest {
    private static final long CHAT = 777;
    private static final Messages TEXT = ShippedTriage.messages();

    @TempDir
    Path dir;

    private FakeBotApi telegram;
    private SqliteSessionStore sqlite;
    private FlakyStore store;
    /** The store of the bot running now: after a simulated crash, a second one on the same file. */
    private SessionStore current;
    private TelegramBot bot;
    private LogCapture logs;
    private final List<AutoCloseable> leftovers = new ArrayList<>();
    private int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        logs = new LogCapture();
        telegram = new FakeBotApi();
        sqlite = ShippedTriage.store(dir);
        store = new FlakyStore(sqlite);
        current = store;
        bot = newBot(store, Tunings.fast());
    }

    @AfterEach
    void tearDown() throws Exception {
        bot.close();
        for (AutoCloseable leftover : leftovers) {
            leftover.close();
        }
        sqlite.close();
        telegram.close();
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
    }

    private TelegramBot newBot(SessionStore on, Tuning tuning) {
        current = on;
        return new TelegramBot(Tunings.setup(telegram, tuning), ShippedTriage.wiring(on, sqlite.leases(), ChatOptions.defaults()));
    }

    /** Sends {@code text} from the person and waits until the bot has replied to it. */
    private ObjectNode say(String text) {
        int id = nextUpdateId++;
        ObjectNode update = Updates.text(id, CHAT, text);
        telegram.deliver(update);
        telegram.awaitHandled(id);
        awaitSent();
        return update;
    }

    /** Taps the button with {@code data} under the last message sent with buttons, and waits for the bot. */
    private ObjectNode tap(String data) {
        int id = nextUpdateId++;
        ObjectNode update = Updates.press(id, CHAT, telegram.lastKeyboardMessageId(), "q" + id, data);
        telegram.deliver(update);
        telegram.awaitHandled(id);
        awaitSent();
        return update;
    }

    /** Waits until the outbox is empty: every queued reply accepted by the fake. */
    private void awaitSent() {
        awaitOutbox(current, 0);
    }

    private static void awaitOutbox(Outbox outbox, int size) {
        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(outbox.pendingReplies()).hasSize(size));
    }

    /** Non-daemon threads of the poller, the sender or OkHttp still alive after {@code grace}: they would keep the JVM running. */
    private static List<String> lingeringThreads(Duration grace) {
        try {
            return Waits.upTo(grace).until(TelegramBotTest::lingeringThreads, List::isEmpty);
        } catch (ConditionTimeoutException e) {
            return lingeringThreads();
        }
    }

    private static List<String> lingeringThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !t.isDaemon())
                .map(Thread::getName)
                .filter(name -> name.equals(LongPolling.POLLER_THREAD) || name.startsWith(Sender.THREAD_PREFIX)
                        || name.startsWith("OkHttp"))
                .toList();
    }

    @Test
    void startPollsForMessagesAndPressesThenPublishesTheCommandMenu() {
        // A slow menu does not hold up the first poll: nobody needs the menu to be answered.
        telegram.inject(c -> c.is("setMyCommands"), Fault.slow(Duration.ofSeconds(2)), 2);
        long started = System.nanoTime();
        bot.start();

        Call poll = telegram.await(c -> c.is("getUpdates"), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(poll.at() - started)).isLessThan(Duration.ofMillis(1_500));
        telegram.awaitCount(c -> c.is("setMyCommands"), 2, Duration.ofSeconds(8));
        List<Call> menus = telegram.calls("setMyCommands");
        assertThat(menus).hasSize(2);
        JsonNode commands = menus.get(0).body().path("commands");
        List<String> names = new ArrayList<>();
        commands.forEach(command -> names.add(command.path("command").asText()));
        assertThat(names).containsExactly("start", "restart", "back", "language", "help", "forget");
        assertThat(commands.get(0).path("description").asText()).isEqualTo("Begin, or continue where you left off");
        assertThat(menus.get(0).body().has("language_code")).isFalse();
        assertThat(menus.get(1).body().path("language_code").asText()).isEqualTo("es");
        assertThat(menus.get(1).body().path("commands").get(0).path("description").asText())
                .isEqualTo("Empezar, o seguir donde lo dejó");
        assertThat(poll.body().path("offset").asInt()).isEqualTo(1);
        assertThat(poll.body().path("timeout").asInt()).isEqualTo(50);
        assertThat(poll.body().path("limit").asInt()).isEqualTo(100);
        assertThat(poll.body().path("allowed_updates").toString())
                .isEqualTo("[\"message\",\"callback_query\",\"inline_query\"]");
        assertThat(telegram.calls("deleteWebhook")).hasSize(1);
    }

    @Test
    void fullWalkToAMassageRequest() {
        bot.start();

        say("/start");
        assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        tap("s");
        // The welcome becomes the first question, and every answer turns it into the next one.
        assertThat(telegram.last("editMessageText").text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
        for (String data : List.of("p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:none", "p:urgent_history:none",
                "p:lasting:none", "p:where:low_back_left", "d:where", "p:feeling:sharp", "d:feeling", "p:duration:under_6w",
                "p:course:better", "p:severity:moderate")) {
            tap(data);
        }
        // "Neither of these" leaves nothing else to tick: it answers at once, with no Done.
        tap("p:impact:neither");
        // Not pregnant and no lasting condition: the plainest route, fourteen questions.
        assertThat(telegram.last("editMessageText").text()).contains(ShippedTriage.progress(12, 14)).contains(TEXT.text("q.age.text"));
        tap("p:age:20_50");
        tap("p:activities:lifting");
        assertThat(telegram.last("editMessageText").buttons()).contains(TEXT.format("toggle.on",
                Map.of("label", TEXT.text("q.activities.lifting"))) + "=p:activities:lifting");
        tap("d:activities");
        tap("p:cautions:none");

        Call report = telegram.last("editMessageText");
        List<Call> sends = telegram.shown("sendMessage");
        assertThat(report.text())
                .startsWith(TEXT.text("outcome.massage.title"))
                .contains(TEXT.text("request.plan"))
                .contains(TEXT.text("request.stretch"))
                .contains("Lifting while leaning over")
                .contains(TEXT.text("report.red_flags_none"))
                .contains(TEXT.text("q.cautions.none.report"))
                .endsWith(TEXT.text("outcome.footer"));
        assertThat(report.buttons()).isEmpty();
        assertThat(sends.get(sends.size() - 1).text()).isEqualTo(String.join("\n\n", TEXT.text("after.request"),
                TEXT.text("self_care"), TEXT.text("after.commands")));
        assertThat(telegram.calls("answerCallbackQuery")).hasSize(18);
        assertThat(telegram.calls()).filteredOn(c -> !c.is("getUpdates")).allMatch(Call::shown);
        // One message an update: the welcome, 18 edits (questions, ticks, the final message), the short message after it.
        assertThat(sends).hasSize(2);
        assertThat(telegram.shown("editMessageText")).hasSize(18);
    }

    @Nested
    class NothingLostNothingTwice {

        /**
         * The process dies right after the transaction that handled an update and queued its
         * reply, before sending anything: no close, no shutdown hook. Its sender never ran; its
         * database connection is simply abandoned, and the next run opens the same file.
         */
        @Test
        void replyCommittedJustBeforeACrashIsSentAfterTheRestartExactlyOnce() {
            ChatService firstRun = ShippedTriage.chatService(sqlite);
            TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
            BotApi api = BotApi.over(new OkHttpClient(), Tunings.access(telegram), Tunings.fast().callTimeout());
            UpdateConsumer dying = new UpdateConsumer(firstRun, new Sender(sqlite, api,
                    SenderOptions.of(scrubber, Tunings.fast())),
                    scrubber);
            ObjectNode start = Updates.text(nextUpdateId++, CHAT, "/start");
            telegram.deliver(start);
            dying.consume(List.of(Updates.parse(start)));
            assertThat(sqlite.pendingReplies()).hasSize(1);
            assertThat(telegram.visible()).isEmpty();

            SqliteSessionStore secondRun = ShippedTriage.store(dir);
            leftovers.add(secondRun);
            bot = newBot(secondRun, Tunings.fast());
            bot.start();
            // Never confirmed, /start comes again; the reply from before the crash goes out, once.
            telegram.awaitHandled(1);
            awaitSent();

            assertThat(telegram.visible()).singleElement().satisfies(welcome -> {
                assertThat(welcome.is("sendMessage")).isTrue();
                assertThat(welcome.text()).isEqualTo(TEXT.text("welcome"));
            });
            tap("s");
            assertThat(telegram.last("editMessageText").text()).contains(ShippedTriage.progress(1, ShippedTriage.QUESTIONS));
            assertThat(telegram.shown("sendMessage")).hasSize(1);
        }

        @Test
        void updateDeliveredAgainAfterARestartChangesNothingAndSendsNothing() {
            bot.start();
            say("/start");
            tap("s");
            tap("p:emergency:none");
            tap("p:pregnancy:no");
            ObjectNode back = tap("b");
            assertThat(telegram.last("editMessageText").text()).contains(ShippedTriage.progress(2, ShippedTriage.QUESTIONS));
            // Within one run the library itself drops an update it has seen.
            telegram.redeliver(back);
            say("/help");
            bot.close();
            int seen = telegram.visible().size();

            bot = newBot(store, Tunings.fast());
            bot.start();
            telegram.redeliver(back);
            say("/start");

            List<Call> after = telegram.visible().subList(seen, telegram.visible().size());
            assertThat(after).extracting(Call::method).containsExactly("sendmessage", "sendmessage");
            assertThat(after.get(0).text()).isEqualTo(TEXT.text("resume"));
            // One "back" from question 3, not two.
            assertThat(after.get(1).text()).contains(ShippedTriage.progress(2, ShippedTriage.QUESTIONS));
            assertThat(telegram.calls("answerCallbackQuery")).hasSize(4);
        }

        @Test
        void repliesThatCouldNotBeSentBeforeCloseAreSentOnTheNextStartOnce() {
            telegram.inject(c -> c.is("sendMessage"), Fault.answer(Answer.badGateway()), -1);
            bot.start();
            int id = nextUpdateId++;
            telegram.deliver(Updates.text(id, CHAT, "/start"));
            telegram.awaitHandled(id);
            telegram.await(c -> c.is("sendMessage"), Duration.ofSeconds(2));

            long closing = System.nanoTime();
            bot.close();
            Duration took = Duration.ofNanos(System.nanoTime() - closing);

            Tuning fast = Tunings.fast();
            assertThat(took).isLessThan(fast.finishUpdate().plus(fast.flush()).plusSeconds(2));
            assertThat(sqlite.pendingReplies()).hasSize(1);
            assertThat(telegram.shown("sendMessage")).isEmpty();
            assertThat(logs.lines()).anyMatch(line -> line.contains("Stopping with 1 replies not yet sent; they stay in the"
                    + " outbox for the next start"));

            telegram.heal();
            bot = newBot(store, Tunings.fast());
            bot.start();
            awaitSent();
            assertThat(telegram.shown("sendMessage")).extracting(Call::text).containsExactly(TEXT.text("welcome"));
            say("/help");
            assertThat(telegram.shown("sendMessage")).hasSize(2);
        }
    }

    @Nested
    class Closing {

        @Test
        void closeIsQuickAndLeavesNoThreadsBehind() {
            telegram.holdEmptyPolls(Duration.ofSeconds(30));
            bot.start();
            telegram.await(c -> c.is("getUpdates"), Duration.ofSeconds(5));

            long started = System.nanoTime();
            bot.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(lingeringThreads(Duration.ofSeconds(3))).isEmpty();
        }

        @Test
        void closeFinishesTheUpdateUnderWayAndSendsItsReplies() throws InterruptedException {
            CountDownLatch handling = new CountDownLatch(1);
            store.holdNext(handling, Duration.ofMillis(500));
            bot.start();
            telegram.deliver(Updates.text(nextUpdateId++, CHAT, "/start"));
            assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();

            bot.close();

            assertThat(telegram.shown("sendMessage")).extracting(Call::text).containsExactly(TEXT.text("welcome"));
            assertThat(sqlite.pendingReplies()).isEmpty();
            assertThat(lingeringThreads(Duration.ofSeconds(3))).isEmpty();
        }

        /** With the production timings: nothing can be sent, and closing still ends within 8 seconds. */
        @Test
        void closeEndsWithinEightSecondsWhenNothingCanBeSent() {
            telegram.inject(c -> c.is("sendMessage"), Fault.answer(Answer.badGateway()), -1);
            bot = newBot(store, Tuning.DEFAULT);
            bot.start();
            int id = nextUpdateId++;
            telegram.deliver(Updates.text(id, CHAT, "/start"));
            telegram.awaitHandled(id);

            long started = System.nanoTime();
            bot.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(8));
            assertThat(lingeringThreads(Duration.ofSeconds(2))).isEmpty();
            assertThat(sqlite.pendingReplies()).hasSize(1);
        }

        @Test
        void closeBeforeStartIsFineAndCloseTwiceToo() {
            bot.close();
            bot.close();

            assertThat(lingeringThreads(Duration.ofSeconds(3))).isEmpty();
            assertThatThrownBy(bot::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class StartAndPolling {

        @Test
        void failedCommandMenuIsNotFatal() {
            telegram.failNext("setMyCommands", Answer.error(400, "Bad Request: BOT_COMMAND_INVALID"));

            bot.start();
            say("/start");

            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
            // The menu goes out on its own thread after the first poll, so its warning may come after the reply.
            Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.lower()).anyMatch(line -> line.contains(
                    "warn bot api setmycommands failed: error 400: bad request: bot_command_invalid")));
        }

        @Test
        void refusedTokenFailsStartWithoutShowingTheTokenAndStartCanBeRetried() {
            telegram.failNext("deleteWebhook", Answer.error(401, "Unauthorized"));

            assertThatThrownBy(bot::start)
                    .isInstanceOf(BotStartException.class)
                    .hasMessageContaining("Telegram refused the bot token (HTTP 401); copy it again from @BotFather")
                    .hasMessageNotContaining(FakeBotApi.TOKEN);

            bot.start();
            say("/start");
            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        }

        @Test
        void startKeepsTryingWhileTheBotApiCannotBeReached() {
            telegram.failNext("deleteWebhook", Answer.page(502, "", "Bad Gateway"));

            bot.start();
            say("/start");

            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
            assertThat(logs.lines()).anyMatch(line -> line.contains("Cannot start polling the Bot API at http://")
                    && line.contains("trying again in"));
        }

        @Test
        void pollingSurvivesFailedGetUpdates() {
            telegram.failNext("getUpdates", Answer.badGateway());
            telegram.failNext("getUpdates", Answer.error(500, "Internal Server Error"));
            telegram.inject(c -> c.is("getUpdates"), Fault.dropBeforeAnswer(), 1);
            telegram.inject(c -> c.is("getUpdates"), Fault.stall(Duration.ofMillis(300)), 1);

            bot.start();
            say("/start");

            assertThat(telegram.calls("getUpdates").size()).isGreaterThanOrEqualTo(5);
            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        }

        @Test
        void anUpdateTheBotCannotReadIsSkippedAndConfirmedAndTheRestOfItsBatchIsServed() {
            ObjectNode unreadable = JsonNodeFactory.instance.objectNode().put("update_id", 1);
            unreadable.put("callback_query", "a press that is not an object");
            telegram.deliver(unreadable);
            nextUpdateId = 2;
            ObjectNode start = Updates.text(nextUpdateId++, CHAT, "/start");
            telegram.deliver(start);

            bot.start();
            telegram.awaitHandled(2);
            awaitSent();

            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
            assertThat(telegram.calls("getUpdates").get(1).body().path("offset").asInt()).isEqualTo(3);
            assertThat(logs.lines()).anyMatch(line -> line.contains("ERROR Update 1 could not be read (")
                    && line.endsWith("); skipped"));
            assertThat(say("/help").path("update_id").asInt()).isEqualTo(3);
            assertThat(telegram.calls("getUpdates").getLast().body().path("offset").asInt()).isEqualTo(4);
        }

        @Test
        void whenTelegramStartsTheUpdateIdsAgainLowerTheOffsetFollowsThem() {
            nextUpdateId = 700;
            bot.start();
            say("/start");
            assertThat(telegram.calls("getUpdates").getLast().body().path("offset").asInt()).isEqualTo(701);

            // After a week without updates Telegram picks a new, maybe lower, id, and serves it
            // although the bot's offset is above it, until an offset above it confirms it.
            telegram.redeliver(Updates.text(5, CHAT, "/help"));

            telegram.await(c -> c.is("getUpdates") && c.body().path("offset").asInt() == 6, Duration.ofSeconds(5));
            awaitSent();
            assertThat(telegram.shown("sendMessage")).hasSize(2);
            assertThat(telegram.shown("sendMessage").getLast().text()).startsWith("<b>What this bot does</b>");
        }

        @Test
        void conflictOnGetUpdatesIsExplainedAndPollingGoesOnWithBackOff() {
            String conflict = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
            telegram.failNext("getUpdates", Answer.error(409, conflict));
            telegram.failNext("getUpdates", Answer.error(409, conflict));

            bot.start();
            say("/start");

            List<Call> polls = telegram.calls("getUpdates");
            // The back-off waits at least 16 ms (20 ms less jitter), then 32 ms.
            assertThat(TimeUnit.NANOSECONDS.toMillis(polls.get(1).at() - polls.get(0).at())).isGreaterThanOrEqualTo(16);
            assertThat(TimeUnit.NANOSECONDS.toMillis(polls.get(2).at() - polls.get(1).at())).isGreaterThanOrEqualTo(32);
            assertThat(logs.lines()).filteredOn(line -> line.contains("WARN getUpdates refused with 409 Conflict: another"
                    + " instance is polling with this token") && line.contains("Telegram said: " + conflict)).hasSize(2);
            assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        }

        @Test
        void tokenNeverAppearsInLogsWhenCallsFail() {
            String echoed = "/bot" + FakeBotApi.TOKEN + "/sendMessage";
            telegram.failNext("setMyCommands", Answer.error(400, "Bad Request: at " + echoed));
            telegram.failNext("sendMessage", Answer.page(500, "", "Internal error at " + echoed));
            telegram.failNext("sendMessage", Answer.error(400, "Bad Request: chat not found at " + echoed));
            telegram.failNext("answerCallbackQuery", Answer.error(500, "Internal Server Error at " + echoed));
            telegram.failNext("getUpdates", Answer.page(502, "", "Bad Gateway " + echoed));
            telegram.failNext("getUpdates", Answer.error(409, "Conflict: at " + echoed));
            bot.start();

            say("/start");
            say("/help");
            tap("s");
            store.failNext();
            tap("p:emergency:none");
            say("/start");

            List<Call> sends = telegram.shown("sendMessage");
            assertThat(sends.get(sends.size() - 2).text()).contains("You were part-way through");
            bot.close();
            List<String> lines = logs.lower();
            assertThat(lines).anyMatch(line -> line.contains("bot api setmycommands failed: error 400: bad request: at /bot<token>/sendmessage"));
            assertThat(lines).anyMatch(line -> line.contains("bot api sendmessage failed: error 400: bad request: chat not found at /bot<token>/"));
            assertThat(lines).anyMatch(line -> line.contains("bot api answercallbackquery failed: error 500"));
            assertThat(lines).anyMatch(line -> line.contains("could not be handled"));
            assertThat(lines).anyMatch(line -> line.contains("409 conflict") && line.contains("/bot<token>/"));
            assertThat(logs.lines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
        }
    }

    @Nested
    class Wiring {

        @Test
        void aBlankTokenIsRefused() {
            assertThatThrownBy(() -> BotSetup.of(" ", URI.create("https://api.telegram.org")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("bot token is blank");
        }

        @Test
        void whatTheBotIsBuiltWithNeverShowsTheTokenOrTheWebhooksSecret() {
            BotSetup setup = BotSetup.of(FakeBotApi.TOKEN, URI.create("https://api.telegram.org"));
            WebhookBot.Endpoint endpoint = new WebhookBot.Endpoint("/telegram", "s3cret-of-the-webhook", e -> false);

            assertThat(setup.toString()).contains("token=(set)").doesNotContain(FakeBotApi.TOKEN)
                    .doesNotContain(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1));
            assertThat(setup.unpaced().withLeases(LeaseTiming.DEFAULT).toString()).doesNotContain(FakeBotApi.TOKEN);
            assertThat(endpoint.toString()).isEqualTo("Endpoint[path=/telegram, secret=(set)]");
        }

        @Test
        void aQuietPollEndsWithTelegramsEmptyAnswerNotATimeout() {
            assertThat(UpdatePoll.LONG_POLL_SECONDS).isEqualTo(50);
            assertThat(TelegramBot.POLL_READ_TIMEOUT).isGreaterThan(Duration.ofSeconds(UpdatePoll.LONG_POLL_SECONDS));
        }

        @Test
        void productionTimingsStayUnderTelegramsLimits() {
            Tuning tuning = Tuning.DEFAULT;

            // About 30 messages a second per bot: burst + rate in any one second.
            assertThat(tuning.allChats().burst() + tuning.allChats().perSecond()).isLessThanOrEqualTo(30);
            assertThat(tuning.privateChat()).isEqualTo(new Tuning.Pace(1, 3));
            // 20 messages a minute per group.
            assertThat(tuning.groupChat().burst() + 60 * tuning.groupChat().perSecond()).isLessThanOrEqualTo(20);
            assertThat(tuning.retryFirst()).isEqualTo(Duration.ofMillis(200));
            assertThat(tuning.retryMax()).isEqualTo(Duration.ofSeconds(30));
            assertThat(tuning.finishUpdate().plus(tuning.flush()).plus(TelegramBot.STOP_TIMEOUT.multipliedBy(2)))
                    .isLessThanOrEqualTo(Duration.ofSeconds(8));
        }
    }
}
