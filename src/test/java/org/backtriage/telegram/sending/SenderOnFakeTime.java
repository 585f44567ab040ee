package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.backtriage.Waits;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.ops.Monitoring;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.testing.FakeTiming;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.testing.LogCapture;
import org.backtriage.triage.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender delivering real outbox entries (made by the real chat service and store) through the
 * real Bot API client to a local fake Bot API that fails on request, on time the test moves: the
 * fake Bot API times each call by it, so every wait (a back-off, a pause, a pace) is exact. The
 * people, the wiring and the waits that {@link SenderTest} and {@link SenderFailureTest} share.
 */
abstract class SenderOnFakeTime {
    static final long ANN = 1001;
    static final long BOB = 1002;
    static final long CAT = 1003;
    static final Messages TEXT = ShippedTriage.messages();
    static final Duration IDLE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    FakeBotApi telegram;
    SqliteSessionStore store;
    ChatService chat;
    LogCapture logs;
    OkHttpClient http;
    Sender sender;
    final Monitoring monitoring = new Monitoring();
    final FakeTiming time = new FakeTiming();
    /** Whether the sender holds its lease, as the keeper would say; held unless a test says otherwise. */
    final AtomicBoolean leaseHeld = new AtomicBoolean(true);
    final SenderLease lease = new SenderLease(leaseHeld::get, () -> { }, false);
    /** The Bot API the last {@link #start} wired, for a test that watches its places for calls. */
    BotApi api;
    int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        logs = new LogCapture();
        telegram = new FakeBotApi();
        telegram.timeCallsBy(time::nanoTime);
        store = ShippedTriage.store(dir);
        chat = ShippedTriage.chatService(store);
    }

    @AfterEach
    void tearDown() {
        if (sender != null) {
            sender.shutdownNow();
            http.dispatcher().cancelAll();
            assertThat(sender.awaitTermination(Duration.ofSeconds(2))).isTrue();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        store.close();
        telegram.close();
        monitoring.close();
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
    }

    /**
     * A sender with {@code tuning} on {@code outbox}, wired as the bot wires it and started with
     * what the outbox holds; one started before is stopped first, as by a restart.
     */
    Sender start(Tuning tuning, Outbox outbox) {
        if (http == null) {
            http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).build();
        }
        if (sender != null) {
            sender.shutdownNow();
            assertThat(sender.awaitTermination(Duration.ofSeconds(2))).isTrue();
        }
        TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
        api = BotApi.over(http, Tunings.access(telegram), tuning.callTimeout());
        sender = new Sender(outbox, api, SenderOptions.of(scrubber, tuning).counting(monitoring)
                .agingBy(time.clock(java.time.Instant.now())).timedBy(time).under(lease));
        sender.start(outbox.pendingReplies());
        return sender;
    }

    Sender start(Tuning tuning) {
        return start(tuning, store);
    }

    Sender start() {
        return start(Tunings.fast());
    }

    /** One turn of {@code chatId}'s conversation, its replies written to the outbox (not yet queued). */
    List<Outgoing> turn(long chatId, Incoming incoming) {
        return chat.handleQueued(chatId, nextUpdateId++, Optional.empty(), incoming);
    }

    List<Outgoing> command(long chatId, String name) {
        return turn(chatId, new Incoming.Command(name));
    }

    /** A press of the button with {@code data} under message {@code messageId}. */
    List<Outgoing> press(long chatId, int messageId, String data) {
        int id = nextUpdateId++;
        return chat.handleQueued(chatId, id, Optional.of(new Press("query-" + id, messageId)), new Incoming.Button(data));
    }

    void queue(long chatId, List<Outgoing> replies) {
        sender.queue(chatId, replies);
    }

    /**
     * Moves time on, from one sleep's end to the next, until every queued reply was sent (its
     * removal from the outbox may still be to come).
     */
    void awaitNothingQueued() {
        time.runUntil(() -> sender.queued() == 0);
    }

    /** As above, then waits (in real time) for the removals from the outbox too. */
    void awaitIdle() {
        awaitNothingQueued();
        assertThat(sender.awaitIdle(IDLE)).as("everything sent within %s", IDLE).isTrue();
    }

    /** Brings {@code chatId} to the first question with its replies delivered already (nothing sent here). */
    void atFirstQuestion(long chatId) {
        command(chatId, "start");
        press(chatId, 900, "s");
        store.pendingReplies().forEach(outgoing -> store.delivered(outgoing.id()));
    }

    static List<String> html(List<Outgoing> replies) {
        return replies.stream().map(outgoing -> outgoing.reply() instanceof Reply.Send send ? send.html() : null)
                .filter(text -> text != null).toList();
    }

    /** The texts the pressed message is rewritten to. */
    static List<String> rewritten(List<Outgoing> replies) {
        return replies.stream().map(outgoing -> outgoing.reply() instanceof Reply.EditPressed edit ? edit.html() : null)
                .filter(text -> text != null).toList();
    }

    List<String> shownTexts(long chatId) {
        return telegram.shown("sendMessage").stream().filter(c -> c.chatId() == chatId).map(Call::text).toList();
    }

    void awaitLogLine(String part) {
        Waits.upTo(IDLE).untilAsserted(() -> assertThat(logs.lines()).anyMatch(line -> line.contains(part)));
    }

    static long millisBetween(Call earlier, Call later) {
        return TimeUnit.NANOSECONDS.toMillis(later.at() - earlier.at());
    }

    static Predicate<Call> nth(String method, int n) {
        return c -> c.is(method) && c.n() == n;
    }

}
