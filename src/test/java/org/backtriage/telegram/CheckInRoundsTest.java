package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.sending.Sender;
import org.backtriage.telegram.sending.SenderOptions;
import org.backtriage.telegram.testing.FakeTiming;
import org.backtriage.telegram.testing.LocalBotApi;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rounds alone, with a real store and sender but no bot: what comes due is handed to the sender, once. */
class CheckInRoundsTest {
    private static final long ANN = 4321;
    private static final long BOB = 4322;
    /** "How is your back now?", naming the day of the round: these sessions never reached an ending to date the check by. */
    private static final String ASK = ShippedTriage.messages().format("check_in.ask", java.util.Map.of("date", "25 November 2026"));

    @TempDir
    Path dir;
    private final FakeBotApi telegram = new FakeBotApi();
    private final LocalBotApi local = new LocalBotApi(telegram, Tunings.fast());
    private final MovableClock clock = new MovableClock();
    private final TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
    private final FakeTiming time = new FakeTiming();
    private SqliteSessionStore store;
    private Sender sender;
    private CheckInRounds rounds;

    @BeforeEach
    void setUp() {
        store = SqliteSessionStore.open(dir.resolve("bot.db"), clock);
        ChatService chat = new ChatService(new Engine(ShippedTriage.CONTENT.tree()), ShippedTriage.CONTENT.languages(), store,
                ChatOptions.defaults().withClock(clock).withCheckInAfter(Duration.ofDays(7)));
        sender = new Sender(store, local.api, SenderOptions.of(scrubber, Tunings.fast()).agingBy(clock));
        sender.start(List.of());
        rounds = new CheckInRounds(chat, sender, scrubber, time);
    }

    @AfterEach
    void tearDown() {
        rounds.stop();
        sender.shutdownNow();
        local.close();
        sender.awaitTermination(Duration.ofSeconds(2));
        store.close();
        telegram.close();
    }

    private void planCheckIn(long chatId, Duration in) {
        StoredSession session = new StoredSession(ShippedTriage.CONTENT.tree().version(), Session.notStarted(), clock.instant());
        store.run(chatId, OptionalLong.empty(), saved -> new Turn.Save(session, List.of(),
                new Turn.CheckInChange.Set(new CheckIn(clock.instant().plus(in), CheckIn.Stage.SCHEDULED, Optional.empty()))));
    }

    private List<Long> askedChats() {
        return telegram.shown("sendMessage").stream().filter(c -> c.text().equals(ASK)).map(Call::chatId).toList();
    }

    @Test
    void aRoundSendsWhatCameDueAndOnlyThat() {
        planCheckIn(ANN, Duration.ofMinutes(1));
        planCheckIn(BOB, Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(5));

        rounds.releaseDue();
        assertThat(sender.awaitIdle(Duration.ofSeconds(5))).isTrue();
        rounds.releaseDue();
        assertThat(sender.awaitIdle(Duration.ofSeconds(5))).isTrue();

        assertThat(askedChats()).containsExactly(ANN);
    }

    @Test
    void startRunsItsFirstChoreThenARoundAtOnce() throws Exception {
        planCheckIn(ANN, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(5));
        CountDownLatch first = new CountDownLatch(1);

        rounds.start(first::countDown);

        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(askedChats()).containsExactly(ANN));
    }

    @Test
    void aRoundComesEvery30SecondsAndSendsWhatCameDueSince() {
        planCheckIn(BOB, Duration.ofMinutes(10));
        rounds.start(() -> { });
        assertThat(time.untilNextWake()).isEqualTo(Duration.ofSeconds(30));
        assertThat(askedChats()).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        time.advance(Duration.ofSeconds(30));

        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(askedChats()).containsExactly(BOB));
        assertThat(time.untilNextWake()).as("and the next round 30 s on").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFailingFirstChoreDoesNotStopTheRounds() {
        planCheckIn(ANN, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(5));

        rounds.start(() -> {
            throw new IllegalStateException("menu refused");
        });

        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(askedChats()).containsExactly(ANN));
    }
}
