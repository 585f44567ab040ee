package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.mockwebserver.MockResponse;
import org.backtriage.chat.ChatService;
import org.backtriage.store.SqliteSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;

/** The bot as Main runs it: real long polling against a local fake Bot API. */
class TelegramBotTest {
    private static final long CHAT = 777;

    @TempDir
    Path dir;

    private FakeBotApi telegram;
    private SqliteSessionStore sqlite;
    private UpdateConsumerTest.FlakyStore store;
    private TelegramBot bot;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        logs.start();
        root().addAppender(logs);
        telegram = new FakeBotApi();
        sqlite = ShippedTriage.store(dir);
        store = new UpdateConsumerTest.FlakyStore(sqlite);
        bot = new TelegramBot(FakeBotApi.TOKEN, telegram.baseUrl(), ShippedTriage.chatService(store));
    }

    @AfterEach
    void tearDown() {
        bot.close();
        sqlite.close();
        telegram.close();
        root().detachAppender(logs);
        assertThat(logLines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Every logged message and every message of a logged exception chain. */
    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getClassName() + ": " + t.getMessage());
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    lines.add(suppressed.getClassName() + ": " + suppressed.getMessage());
                }
            }
        }
        return lines;
    }

    /** Sends {@code text} from the person and waits until the bot has replied to it. */
    private void say(String text) {
        int id = nextUpdateId++;
        telegram.deliver(Updates.text(id, CHAT, text));
        telegram.awaitHandled(id);
    }

    /** Taps the button with {@code data} under the last message sent with buttons, and waits for the bot. */
    private void tap(String data) {
        int id = nextUpdateId++;
        telegram.deliver(Updates.press(id, CHAT, telegram.lastKeyboardMessageId(), "q" + id, data));
        telegram.awaitHandled(id);
    }

    @Test
    void startPublishesTheCommandMenuThenPollsForMessagesAndPresses() {
        bot.start();

        FakeBotApi.Call poll = telegram.await(c -> c.method().equals("getupdates"), Duration.ofSeconds(5));
        JsonNode commands = telegram.last("setMyCommands").body().path("commands");
        List<String> names = new ArrayList<>();
        commands.forEach(command -> names.add(command.path("command").asText()));
        assertThat(names).containsExactly("start", "restart", "back", "help", "forget");
        assertThat(commands.get(0).path("description").asText()).isEqualTo("Begin, or continue where you left off");
        assertThat(poll.body().path("offset").asInt()).isEqualTo(1);
        assertThat(poll.body().path("timeout").asInt()).isEqualTo(50);
        assertThat(poll.body().path("limit").asInt()).isEqualTo(100);
        assertThat(poll.body().path("allowed_updates").toString()).isEqualTo("[\"message\",\"callback_query\"]");
        assertThat(telegram.calls("deleteWebhook")).hasSize(1);
    }

    @Test
    void fullWalkToAMassageRequest() {
        bot.start();

        say("/start");
        assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        tap("s");
        assertThat(telegram.last("sendMessage").text()).contains("Step 1 of 8");
        for (String data : List.of("p:emergency:none", "p:urgent:none", "p:where:one_side", "p:feeling:sharp",
                "p:duration:under_6w", "p:severity:moderate", "p:age:20_50", "p:activities:lifting")) {
            tap(data);
        }
        assertThat(telegram.last("editMessageText").buttons()).contains("\u2705 Lifting while leaning over=p:activities:lifting");
        tap("d:activities");

        List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
        FakeBotApi.Call report = sends.get(sends.size() - 2);
        assertThat(report.text())
                .contains("quadratus lumborum")
                .contains("20 minutes each side")
                .contains("60 minutes in total")
                .contains("not a diagnosis")
                .contains("Lifting while leaning over");
        assertThat(report.buttons()).isEmpty();
        assertThat(sends.get(sends.size() - 1).text()).contains("forward the message above to your massage therapist");
        assertThat(telegram.calls("answerCallbackQuery")).hasSize(10);
    }

    @Test
    void updateDeliveredAgainAfterARestartIsNotAnsweredTwice() {
        bot.start();
        int id = nextUpdateId;
        say("/start");
        bot.close();
        int sent = telegram.calls("sendMessage").size();

        bot = new TelegramBot(FakeBotApi.TOKEN, telegram.baseUrl(), ShippedTriage.chatService(store));
        telegram.redeliver(Updates.text(id, CHAT, "/start"));
        int polls = telegram.calls("getUpdates").size();
        bot.start();
        // The new run takes /start again, and asks for what follows it once it is handled.
        telegram.await(c -> c.is("getUpdates") && c.n() > polls && c.body().path("offset").asInt() > id, Duration.ofSeconds(5));
        assertThat(telegram.calls("sendMessage")).hasSize(sent);

        say("/help");
        assertThat(telegram.last("sendMessage").text()).contains("What this bot does");
    }

    @Test
    void closeIsQuickAndLeavesNoThreadsBehind() {
        telegram.holdEmptyPolls(Duration.ofSeconds(30));
        bot.start();
        telegram.await(c -> c.method().equals("getupdates"), Duration.ofSeconds(5));

        long started = System.nanoTime();
        bot.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(lingeringThreads(Duration.ofSeconds(3))).isEmpty();
    }

    /** Non-daemon threads of the poller or OkHttp still alive after {@code grace}: they would keep the JVM running. */
    private static List<String> lingeringThreads(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> lingering;
        do {
            lingering = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .filter(t -> !t.isDaemon())
                    .map(Thread::getName)
                    .filter(name -> name.equals(TelegramBot.POLLER_THREAD) || name.startsWith("OkHttp"))
                    .toList();
            if (lingering.isEmpty()) {
                return lingering;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lingering;
            }
        } while (System.nanoTime() < deadline);
        return lingering;
    }

    @Test
    void closeBeforeStartIsFineAndCloseTwiceToo() {
        bot.close();
        bot.close();

        assertThat(lingeringThreads(Duration.ofSeconds(3))).isEmpty();
        assertThatThrownBy(bot::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedCommandMenuIsNotFatal() {
        telegram.failNext("setMyCommands", FakeBotApi.error(400, "Bad Request: BOT_COMMAND_INVALID"));

        bot.start();
        say("/start");

        assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        assertThat(logLines()).anyMatch(line -> line.toLowerCase(Locale.ROOT)
                .contains("warn bot api setmycommands failed: error 400: bad request: bot_command_invalid"));
    }

    @Test
    void refusedTokenFailsStartWithoutShowingTheTokenAndStartCanBeRetried() {
        telegram.failNext("deleteWebhook", FakeBotApi.error(401, "Unauthorized"));

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
        telegram.failNext("deleteWebhook", new MockResponse().setResponseCode(502).setBody("Bad Gateway"));

        bot.start();
        say("/start");

        assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
        assertThat(logLines()).anyMatch(line -> line.contains("Cannot start polling the Bot API at http://")
                && line.contains("trying again in"));
    }

    @Test
    void pollingSurvivesAFailedGetUpdates() {
        telegram.failNext("getUpdates", new MockResponse().setResponseCode(502).setBody("Bad Gateway"));

        bot.start();
        say("/start");

        assertThat(telegram.last("sendMessage").buttons()).containsExactly("Start the questions=s");
    }

    @Test
    void tokenNeverAppearsInLogsWhenCallsFail() {
        String echoed = "/bot" + FakeBotApi.TOKEN + "/sendMessage";
        telegram.failNext("setMyCommands", FakeBotApi.error(400, "Bad Request: at " + echoed));
        telegram.failNext("sendMessage", new MockResponse().setResponseCode(500).setBody("Internal error at " + echoed));
        telegram.failNext("sendMessage", FakeBotApi.error(400, "Bad Request: chat not found at " + echoed));
        telegram.failNext("answerCallbackQuery", FakeBotApi.error(400, "Bad Request: query is too old " + echoed));
        telegram.failNext("getUpdates", new MockResponse().setResponseCode(502).setBody("Bad Gateway " + echoed));
        bot.start();

        say("/start");
        say("/help");
        tap("s");
        store.failNext();
        tap("p:emergency:none");
        say("/start");

        List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
        assertThat(sends.get(sends.size() - 2).text()).contains("You were part-way through");
        bot.close();
        List<String> lines = logLines().stream().map(line -> line.toLowerCase(Locale.ROOT)).toList();
        assertThat(lines).anyMatch(line -> line.contains("bot api setmycommands failed: error 400: bad request: at /bot<token>/sendmessage"));
        assertThat(lines).anyMatch(line -> line.contains("bot api sendmessage failed: error 400: bad request: chat not found"));
        assertThat(lines).anyMatch(line -> line.contains("bot api answercallbackquery failed: error 400"));
        assertThat(lines).anyMatch(line -> line.contains("could not be handled"));
        assertThat(logLines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
    }

    @Nested
    class Wiring {

        @Test
        void apiUrlGivesSchemeHostAndPortWithDefaultPorts() {
            assertThat(TelegramBot.telegramUrl(URI.create("https://api.telegram.org")))
                    .isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
            assertThat(TelegramBot.telegramUrl(URI.create("http://127.0.0.1:8081")))
                    .isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081, false));
            assertThat(TelegramBot.telegramUrl(URI.create("http://bot-api.internal/")))
                    .isEqualTo(new TelegramUrl("http", "bot-api.internal", 80, false));
            assertThat(TelegramUrl.DEFAULT_URL).isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
        }

        @Test
        void apiUrlWithoutHttpOrWithAPathIsRefused() {
            assertThatThrownBy(() -> TelegramBot.telegramUrl(URI.create("ftp://api.telegram.org")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
            assertThatThrownBy(() -> TelegramBot.telegramUrl(URI.create("https://api.telegram.org/bot123/")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme, host and port only");
            assertThatThrownBy(() -> new TelegramBot(" ", URI.create("https://api.telegram.org"), chat()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("bot token is blank");
        }

        private ChatService chat() {
            return ShippedTriage.chatService(store);
        }

        @Test
        void eachPollAsksForUpdatesAfterTheLastOne() {
            GetUpdates next = TelegramBot.nextUpdates(41);

            assertThat(next.getOffset()).isEqualTo(42);
            assertThat(next.getTimeout()).isEqualTo(50);
            assertThat(next.getLimit()).isEqualTo(100);
            assertThat(next.getAllowedUpdates()).containsExactly("message", "callback_query");
            assertThat(TelegramBot.POLL_READ_TIMEOUT).isGreaterThan(Duration.ofSeconds(next.getTimeout()));
        }
    }
}
