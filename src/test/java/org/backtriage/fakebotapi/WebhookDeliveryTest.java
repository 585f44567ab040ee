package org.backtriage.fakebotapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.backtriage.Waits;
import org.backtriage.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's webhook delivery, to small local HTTP servers standing in for the bot's instances:
 * what setWebhook registers, the POSTs with their secret, retries, one update per chat in flight,
 * and the instances taking turns.
 */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "s3cret_for-tests";
    private final FakeBotApi telegram = new FakeBotApi();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Instance> instances = new ArrayList<>();

    /** One instance of the bot as Telegram sees it: a webhook endpoint that records each POST and answers as told. */
    private static final class Instance implements AutoCloseable {
        /** A POST it received: the update's id, the secret header (empty: none), the content type. */
        record Post(long updateId, String secret, String contentType, String body) {
        }

        final List<Post> posts = new CopyOnWriteArrayList<>();
        final HttpServer server;
        volatile ToIntFunction<JsonNode> status = update -> 200;
        /** A body to answer with, chunked; none when null. */
        volatile String answerBody;

        Instance() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/telegram", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                JsonNode update = JSON.readTree(body);
                posts.add(new Post(update.path("update_id").asLong(),
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token")),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                String answer = answerBody;
                exchange.sendResponseHeaders(status.applyAsInt(update), answer == null ? -1 : 0);
                if (answer != null) {
                    exchange.getResponseBody().write(answer.getBytes(StandardCharsets.UTF_8));
                }
                exchange.close();
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/telegram");
        }

        List<Long> ids() {
            return posts.stream().map(Post::updateId).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @AfterEach
    void tearDown() {
        telegram.close();
        instances.forEach(Instance::close);
    }

    private Instance instance() throws IOException {
        Instance instance = new Instance();
        instances.add(instance);
        return instance;
    }

    private String method(String name, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + FakeBotApi.TOKEN + "/" + name))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void setWebhook(int maxConnections) throws IOException, InterruptedException {
        method("setWebhook", "{\"url\":\"https://bot.example.org/telegram\",\"secret_token\":\"" + SECRET
                + "\",\"max_connections\":" + maxConnections + "}");
    }

    private static ObjectNode message(long updateId, long chatId) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.putObject("message").put("message_id", updateId).putObject("chat").put("id", chatId).put("type", "private");
        return update;
    }

    private void awaitAllDelivered(int count) {
        try {
            Waits.upTo(WAIT).until(() -> telegram.deliveries().stream().filter(Delivery::delivered).count() >= count
                    && telegram.pendingWebhookUpdates() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not " + count + " delivered; the POSTs were " + telegram.deliveries(), e);
        }
    }

    @Test
    void setWebhookRegistersUrlSecretAndConnectionsAndGetUpdatesIsRefusedWhileItIsSet() throws Exception {
        setWebhook(7);

        JsonNode info = JSON.readTree(method("getWebhookInfo", "{}")).path("result");
        assertThat(info.path("url").asText()).isEqualTo("https://bot.example.org/telegram");
        assertThat(info.path("max_connections").asInt()).isEqualTo(7);
        assertThat(info.path("pending_update_count").asInt()).isZero();
        assertThat(info.has("last_error_date")).as("no delivery failed").isFalse();
        assertThat(method("getUpdates", "{\"offset\":0}")).isEqualTo("{\"ok\":false,\"error_code\":409,\"description\":"
                + "\"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first\"}");

        method("deleteWebhook", "{}");
        assertThat(JSON.readTree(method("getWebhookInfo", "{}")).path("result").path("url").asText()).isEmpty();
        assertThat(method("getUpdates", "{\"offset\":0}")).isEqualTo("{\"ok\":true,\"result\":[]}");
    }

    @Test
    void eachUpdateIsPostedAsJsonWithTheRegisteredSecretAndRecordedWithItsTimes() throws Exception {
        Instance bot = instance();
        setWebhook(40);
        telegram.deliverByWebhook(List.of(bot.url()));
        long before = System.nanoTime();

        telegram.deliver(message(1, 7));
        awaitAllDelivered(1);

        assertThat(bot.posts).singleElement().satisfies(post -> {
            assertThat(post.secret()).isEqualTo(SECRET);
            assertThat(post.contentType()).isEqualTo("application/json");
            assertThat(post.body()).isEqualTo(message(1, 7).toString());
        });
        assertThat(telegram.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.updateId()).isEqualTo(1);
            assertThat(delivery.chatId()).isEqualTo(7);
            assertThat(delivery.instance()).isEqualTo(bot.url());
            assertThat(delivery.status()).isEqualTo(200);
            assertThat(delivery.sentAt()).isBetween(before, delivery.answeredAt());
        });
        assertThat(telegram.webhookAnswers()).containsExactly(java.util.Map.entry(200, 1L));
    }

    @Test
    void nothingIsPostedWhileNoWebhookIsSet() throws Exception {
        Instance bot = instance();
        telegram.deliverByWebhook(List.of(bot.url()));
        telegram.deliver(message(1, 7));

        assertThat(method("getUpdates", "{\"offset\":0}")).as("still served to a poll").contains("\"update_id\":1");
        assertThat(bot.posts).isEmpty();
    }

    @Test
    void anUpdateAnsweredWithAnErrorOrNoAnswerIsPostedAgainUntilA2xx() throws Exception {
        Instance bot = instance();
        bot.status = update -> bot.posts.size() <= 2 ? 503 : 200;
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.any() + "/telegram");
        setWebhook(40);
        telegram.deliverByWebhook(List.of(nobody, bot.url()));

        telegram.deliver(message(1, 7));
        awaitAllDelivered(1);

        assertThat(bot.ids()).containsExactly(1L, 1L, 1L);
        assertThat(telegram.deliveries()).extracting(Delivery::status).containsSubsequence(503, 503, 200).contains(0);
        assertThat(telegram.deliveries()).last().extracting(Delivery::status).isEqualTo(200);
        JsonNode info = JSON.readTree(method("getWebhookInfo", "{}")).path("result");
        assertThat(info.path("last_error_date").asLong()).isPositive();
        assertThat(info.path("last_error_message").asText()).isIn("Connection refused", "Wrong response from the webhook: 503");
    }

    @Test
    void aChatsLaterUpdateWaitsForItsEarlierOnesAnswerWhileOtherChatsGoOn() throws Exception {
        Instance bot = instance();
        CountDownLatch release = new CountDownLatch(1);
        bot.status = update -> {
            if (update.path("update_id").asLong() == 1) {
                await(release);
            }
            return 200;
        };
        setWebhook(40);
        telegram.deliverByWebhook(List.of(bot.url()));

        telegram.deliver(message(1, 7));
        telegram.deliver(message(2, 7));
        telegram.deliver(message(3, 8));
        Waits.upTo(WAIT).until(() -> telegram.deliveries().stream().anyMatch(d -> d.updateId() == 3 && d.delivered()));

        assertThat(bot.ids()).as("chat 7's second update waits for its first's answer").doesNotContain(2L);
        assertThat(telegram.pendingWebhookUpdates()).isEqualTo(2);
        release.countDown();
        awaitAllDelivered(3);
        assertThat(bot.ids().indexOf(2L)).isGreaterThan(bot.ids().indexOf(1L));
        assertThat(telegram.deliveries().stream().filter(d -> d.chatId() == 7).map(Delivery::updateId))
                .containsExactly(1L, 2L);
    }

    @Test
    void aChunkedAnswerIsReadWholeAndTheChatsNextUpdatesFollow() throws Exception {
        Instance bot = instance();
        bot.answerBody = "{\"method\":\"sendMessage\",\"chat_id\":7,\"text\":\"a reply in the answer, which Telegram reads\"}";
        setWebhook(40);
        telegram.deliverByWebhook(List.of(bot.url()));

        for (int i = 1; i <= 5; i++) {
            telegram.deliver(message(i, 7));
        }
        awaitAllDelivered(5);

        assertThat(bot.ids()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(telegram.deliveries()).extracting(Delivery::status).containsOnly(200);
    }

    @Test
    void theInstancesTakeTurnsAndOneThatStoppedIsLeftOut() throws Exception {
        Instance first = instance();
        Instance second = instance();
        setWebhook(40);
        telegram.deliverByWebhook(List.of(first.url(), second.url()));

        for (int i = 1; i <= 20; i++) {
            telegram.deliver(message(i, 100 + i));
        }
        awaitAllDelivered(20);
        assertThat(first.posts).hasSize(10);
        assertThat(second.posts).hasSize(10);

        second.close();
        // One chat: one update in flight at a time, so the instances would alternate if nothing left one out.
        for (int i = 21; i <= 40; i++) {
            telegram.deliver(message(i, 99));
        }
        awaitAllDelivered(40);

        assertThat(first.ids().subList(10, first.ids().size())).as("every update from 21 on, in order, at the instance still up")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(21, 40).boxed().toList());
        assertThat(telegram.deliveries().stream().filter(d -> d.status() == 0).count())
                .as("attempts at the stopped instance: once it failed, it is left out for a second").isLessThan(10);
    }

    @Test
    void atMostMaxConnectionsUpdatesAreInFlightAtOnce() throws Exception {
        Instance bot = instance();
        CountDownLatch release = new CountDownLatch(1);
        bot.status = update -> {
            await(release);
            return 200;
        };
        setWebhook(3);
        telegram.deliverByWebhook(List.of(bot.url()));

        for (int i = 1; i <= 10; i++) {
            telegram.deliver(message(i, 100 + i));
        }
        Waits.upTo(WAIT).until(() -> bot.posts.size() == 3 && telegram.pendingWebhookUpdates() == 10);

        release.countDown();
        awaitAllDelivered(10);
        List<Delivery> deliveries = telegram.deliveries();
        assertThat(deliveries).hasSize(10);
        assertThat(deliveries).as("no POST began while three others were in flight").allSatisfy(delivery ->
                assertThat(deliveries.stream().filter(other -> other.sentAt() < delivery.sentAt()
                        && other.answeredAt() > delivery.sentAt()).count()).isLessThan(3));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
