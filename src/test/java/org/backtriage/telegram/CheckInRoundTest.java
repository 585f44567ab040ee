package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.testing.LogCapture;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds of due check-ins as the bot runs them every 30 seconds, with one check-in that cannot
 * be made: its chat's session row is gone (as after a hand edit), so its turn throws.
 */
class CheckInRoundTest {
    private static final long ANN = 4321;
    private static final long BOB = 4322;
    private static final long CAT = 4323;
    /** "How is your back now?", naming the day of the round: these sessions never reached an ending to date the check by. */
    private static final String ASK = ShippedTriage.messages().format("check_in.ask", java.util.Map.of("date", "25 November 2026"));

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private SqliteSessionStore store;
    private TelegramBot bot;
    private LogCapture logs;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void setUp() throws Exception {
        logs = new LogCapture();
        telegram = new FakeBotApi();
        store = SqliteSessionStore.open(dir.resolve("bot.db"), clock);
        Wiring wiring = ShippedTriage.wiring(store, store.leases(), ChatOptions.defaults().withClock(clock).withCheckInAfter(Duration.ofDays(7)));
        // Bob's is due first: a round that stops at the first failure reaches no one.
        planCheckIn(BOB, Duration.ofMinutes(1));
        planCheckIn(ANN, Duration.ofMinutes(2));
        planCheckIn(CAT, Duration.ofMinutes(3));
        sql("DELETE FROM sessions WHERE chat_id = " + BOB);
        bot = new TelegramBot(Tunings.setup(telegram, Tunings.fast()), wiring);
        bot.start();
        awaitFirstRoundDone();
        clock.advance(Duration.ofMinutes(5));
    }

    /**
     * The bot runs a round of its own at start, after publishing its menu: it finds nothing due
     * yet, as long as it runs before the clock moves on. Then its timer waits 30 s for the next
     * one; the rounds here are the test's.
     */
    private void awaitFirstRoundDone() throws InterruptedException {
        assertThat(bot.awaitFirstCheckInRound(Duration.ofSeconds(10))).as("the bot's first check-in round").isTrue();
    }

    @AfterEach
    void tearDown() {
        bot.close();
        store.close();
        telegram.close();
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN));
    }

    private void planCheckIn(long chatId, Duration in) {
        StoredSession session = new StoredSession(ShippedTriage.CONTENT.tree().version(), Session.notStarted(), clock.instant());
        store.run(chatId, OptionalLong.empty(), saved -> new Turn.Save(session, List.of(),
                new Turn.CheckInChange.Set(new CheckIn(clock.instant().plus(in), CheckIn.Stage.SCHEDULED, Optional.empty()))));
    }

    /** One round, as the bot's timer runs it, and the sending of what it queued. */
    private void round() {
        bot.releaseDueCheckIns();
        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(store.pendingReplies()).isEmpty());
    }

    private List<Long> askedChats() {
        return telegram.shown("sendMessage").stream().filter(c -> c.text().equals(ASK)).map(Call::chatId).toList();
    }

    private List<String> linesAbout(long chatId) {
        return logs.lines().stream().filter(line -> line.contains("chat " + chatId)).toList();
    }

    @Test
    void aCheckInThatFailsHoldsUpNoOther() {
        round();

        assertThat(askedChats()).containsExactlyInAnyOrder(ANN, CAT);
        assertThat(linesAbout(BOB)).singleElement().asString().contains(" WARN ", "failed (attempt 1 of 3); trying again next round");
        assertThat(sql("SELECT chat_id || ' ' || stage FROM check_ins ORDER BY chat_id"))
                .containsExactly(ANN + " ASKED", BOB + " SCHEDULED", CAT + " ASKED");
    }

    @Test
    void aCheckInThatKeepsFailingIsTriedThreeTimesThenDroppedWithOneLine() {
        round();
        round();
        round();
        List<String> afterThree = linesAbout(BOB);
        round();

        assertThat(afterThree).hasSize(3);
        assertThat(afterThree.get(2)).contains(" ERROR ", "The check-in for chat " + BOB + " failed 3 times; dropped, it is not tried again");
        assertThat(linesAbout(BOB)).as("nothing more after it was dropped").isEqualTo(afterThree);
        assertThat(sql("SELECT chat_id FROM check_ins ORDER BY chat_id")).containsExactly(String.valueOf(ANN), String.valueOf(CAT));
        assertThat(askedChats()).containsExactlyInAnyOrder(ANN, CAT);
    }

    private List<String> sql(String query) {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
             Statement st = c.createStatement()) {
            if (!st.execute(query)) {
                return rows;
            }
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
