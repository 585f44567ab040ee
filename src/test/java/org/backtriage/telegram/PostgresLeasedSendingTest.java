package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.cluster.LeaseTiming;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.http.HttpServer;
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.StoreException;
import org.backtriage.store.TestPostgres;
import org.backtriage.store.postgres.PostgresSessionStore;
import org.backtriage.telegram.intake.WebhookSecret;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.backtriage.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two webhook instances in this JVM on one PostgreSQL database, each with its own store and
 * pool: whichever instance an update comes to, the holder of the sender's lease sends its
 * replies, once; a clean stop hands sending over at once; a holder whose lease was taken over
 * while it was not looking stops sending.
 */
@NeedsPostgres
class PostgresLeasedSendingTest {
    private static final String PATH = "/telegram";
    private static final String SECRET = "leased-sending-secret";
    private static final LeaseTiming LEASES = LeaseTiming.ofTtl(Duration.ofSeconds(3));

    @RegisterExtension
    static final TestPostgres database = TestPostgres.perClass();
    private static int bots;

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;
    private long botId;
    private FakeBotApi telegram;
    private LogCapture logs;
    private Instance first;
    private Instance second;

    /** One instance: its store, its bot and the webhook server in front of it. */
    private final class Instance implements AutoCloseable {
        final PostgresSessionStore store = PostgresSessionStore.open(database.url(), Optional.empty(), botId, Clock.systemUTC());
        final WebhookBot bot = new WebhookBot(BotSetup.of(token, telegram.baseUrl()).withTuning(Tunings.fast()).withLeases(LEASES),
                ShippedTriage.wiring(store, store.leases(), ChatOptions.defaults()), new WebhookBot.Endpoint(PATH, SECRET, StoreException::retryableInChain),
                WebhookBot.Watch.NONE);
        final HttpServer server;

        Instance() {
            bot.start();
            server = HttpServer.start("webhook HTTP", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new HttpServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(20), 4, 4), bot.handler());
        }

        int deliver(long updateId, long chatId) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + PATH))
                    .header(WebhookSecret.HEADER, SECRET).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Updates.text((int) updateId, chatId, "/start").toString()))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        @Override
        public void close() {
            server.close();
            bot.close();
            store.close();
        }
    }

    @BeforeEach
    void start() {
        // A bot of its own for each test: its rows and leases apart from the other tests'.
        token = (++bots) + "00000001:AAHleasedSENDINGtestTOKEN_0123456789";
        botId = Long.parseLong(token.substring(0, token.indexOf(':')));
        telegram = new FakeBotApi(token);
        logs = new LogCapture();
        first = new Instance();
        second = new Instance();
    }

    @AfterEach
    void stop() {
        second.close();
        first.close();
        telegram.close();
        logs.close();
    }

    @Test
    void onlyTheLeaseHolderSendsWhicheverInstanceTheUpdateCameTo() throws Exception {
        assertThat(first.bot.sends()).as("first to start").isTrue();
        assertThat(second.bot.sends()).as("standing by").isFalse();

        assertThat(second.deliver(1, 101)).isEqualTo(200);
        assertThat(first.deliver(2, 102)).isEqualTo(200);

        telegram.awaitCount(call -> call.is("sendMessage"), 2, Duration.ofSeconds(10));
        Thread.sleep(500); // room for a second copy to show up, were there one
        assertThat(telegram.shown("sendMessage")).extracting(call -> call.body().path("chat_id").asLong())
                .containsExactlyInAnyOrder(101L, 102L);
        assertThat(database.query("SELECT count(*) FROM outbox WHERE bot_id = " + botId)).containsExactly("0");
        assertThat(logs.lines()).anyMatch(line -> line.contains("Another instance holds the sender lease; this one stands by"));
    }

    @Test
    void aCleanStopHandsSendingOverAtOnce() throws Exception {
        first.close();
        long stopped = System.nanoTime();

        Waits.upTo(Duration.ofSeconds(5)).until(second.bot::sends);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("released, not expired")
                .isLessThan(LEASES.ttl());
        assertThat(second.deliver(1, 101)).isEqualTo(200);
        telegram.awaitCount(call -> call.is("sendMessage"), 1, Duration.ofSeconds(10));
        first = new Instance();
        assertThat(first.bot.sends()).as("the restarted one stands by").isFalse();
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverMeanwhileStopsSendingAndTheNextHolderSendsEachReplyOnce() throws Exception {
        // As if the holder had been paused past its TTL and a third instance, since gone, took the lease over.
        database.query("UPDATE leases SET holder = 'a-third-instance', epoch = epoch + 1, expires_at = now() + interval"
                + " '1 second' WHERE bot_id = " + botId + " AND name = 'sender' RETURNING holder");

        Waits.upTo(Duration.ofSeconds(3)).until(() -> !first.bot.sends());
        // Once the third's lease expired, one of the two takes it (either may come first).
        Waits.upTo(LEASES.ttl().plus(LEASES.renewEvery()).plusSeconds(2)).until(() -> first.bot.sends() || second.bot.sends());
        assertThat(first.bot.sends() && second.bot.sends()).as("both").isFalse();
        assertThat(database.query("SELECT epoch FROM leases WHERE bot_id = " + botId + " AND name = 'sender'"))
                .containsExactly("3");
        assertThat(logs.lines()).anyMatch(line -> line.contains("The sender lease (epoch 1) was taken over by another instance"));

        assertThat(first.deliver(1, 101)).isEqualTo(200);
        telegram.awaitCount(call -> call.is("sendMessage"), 1, Duration.ofSeconds(10));
        Thread.sleep(500);
        assertThat(telegram.shown("sendMessage")).hasSize(1);
    }

    @Test
    void aStandbyPollerCallsNeitherGetUpdatesNorDeleteWebhookUntilItTakesOver() throws Exception {
        // Each polling instance talks to a Bot API of its own, so each one's calls are told apart.
        String otherBot = (botId + 1) + token.substring(token.indexOf(':'));
        try (FakeBotApi firstApi = new FakeBotApi(otherBot); FakeBotApi secondApi = new FakeBotApi(otherBot);
             PostgresSessionStore firstStore = PostgresSessionStore.open(database.url(), Optional.empty(), botId + 1,
                     Clock.systemUTC());
             PostgresSessionStore secondStore = PostgresSessionStore.open(database.url(), Optional.empty(), botId + 1,
                     Clock.systemUTC())) {
            TelegramBot polling = new TelegramBot(BotSetup.of(otherBot, firstApi.baseUrl()).withTuning(Tunings.fast())
                    .withLeases(LEASES), ShippedTriage.wiring(firstStore, firstStore.leases(), ChatOptions.defaults()));
            TelegramBot standby = new TelegramBot(BotSetup.of(otherBot, secondApi.baseUrl()).withTuning(Tunings.fast())
                    .withLeases(LEASES), ShippedTriage.wiring(secondStore, secondStore.leases(), ChatOptions.defaults()));
            Thread standingBy = new Thread(standby::start, "standby-start");
            try {
                polling.start();
                firstApi.await(call -> call.is("getUpdates"), Duration.ofSeconds(5));
                standingBy.start();
                Thread.sleep(LEASES.renewEvery().multipliedBy(3).toMillis());
                assertThat(secondApi.calls()).extracting(org.backtriage.fakebotapi.Call::method).as("a standby")
                        .doesNotContain("getUpdates", "deleteWebhook");

                polling.close();
                secondApi.await(call -> call.is("getUpdates"), Duration.ofSeconds(5));
                assertThat(secondApi.calls("deleteWebhook")).hasSize(1);
                secondApi.deliver(Updates.text(1, 101, "/start"));
                secondApi.awaitCount(call -> call.is("sendMessage"), 1, Duration.ofSeconds(10));
            } finally {
                polling.close();
                standby.close();
                standingBy.join(5_000);
            }
        }
    }
}
