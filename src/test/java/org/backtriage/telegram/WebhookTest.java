package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.SessionStore;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.http.HttpServer;
import org.backtriage.store.StoreException;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.intake.WebhookHandler;
import org.backtriage.telegram.intake.WebhookSecret;
import org.backtriage.telegram.testing.FlakyStore;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.backtriage.testing.LogCapture;
import org.backtriage.testing.SqliteFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTP on loopback, its replies to the fake Bot API, its rows in a real SQLite file. */
class WebhookTest {
    static final String SECRET = "s3cret_Token-of-the-webhook";
    static final String PATH = "/telegram";
    static final long CHAT = 4711;

    @TempDir
    Path dir;
    FakeBotApi telegram;
    SqliteSessionStore sqlite;
    FlakyStore store;
    WebhookBot bot;
    HttpServer server;
    LogCapture logs;
    final List<Integer> answered = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        logs = new LogCapture();
        telegram = new FakeBotApi();
        sqlite = ShippedTriage.store(dir);
        store = new FlakyStore(sqlite);
        startBot(store);
    }

    void startBot(SessionStore on) {
        bot = new WebhookBot(Tunings.setup(telegram, Tunings.fast()), ShippedTriage.wiring(on, sqlite.leases(), ChatOptions.defaults()),
                new WebhookBot.Endpoint(PATH, SECRET, StoreException::retryableInChain), new WebhookBot.Watch() {
                    @Override
                    public void answered(int status) {
                        WebhookTest.this.answered.add(status);
                    }

                    @Override
                    public void telegramSays(java.util.Optional<String> problem) {
                    }
                });
        bot.start();
        server = HttpServer.start("webhook HTTP", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(20), 4, 4), bot.handler());
    }

    @AfterEach
    void stop() {
        server.close();
        bot.close();
        sqlite.close();
        telegram.close();
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(FakeBotApi.TOKEN) || line.contains(SECRET));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + PATH);
    }

    HttpResponse<String> post(String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(WebhookSecret.HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> deliver(ObjectNode update) throws Exception {
        return post(SECRET, update.toString());
    }

    /** Every row of every table in the database file, counted on a connection of its own. */
    Map<String, Long> rows() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        SqliteFile.everyRow(dir.resolve("bot.db")).forEach((table, rows) -> counts.put(table, (long) rows.size()));
        return counts;
    }

    void awaitSent(int messages) {
        Waits.upTo(Duration.ofSeconds(5)).until(() -> telegram.shown("sendMessage").size() >= messages);
    }

    @Nested
    class Refused {
        @Test
        void aForgedRequestWithoutTheSecretGets403AndChangesNoRow() throws Exception {
            Map<String, Long> before = rows();

            HttpResponse<String> response = post(null, Updates.text(1, CHAT, "/start").toString());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(rows()).isEqualTo(before);
            assertThat(telegram.visible()).isEmpty();
            assertThat(logs.lines()).filteredOn(line -> line.contains("without the right secret token; refused with 403"))
                    .hasSize(1);
        }

        @Test
        void aWrongSecretGets403AndSoDoItsPrefixAndTheSecretWithMoreAfterIt() throws Exception {
            Map<String, Long> before = rows();
            String update = Updates.text(1, CHAT, "/start").toString();

            assertThat(post("wrong", update).statusCode()).isEqualTo(403);
            assertThat(post(SECRET.substring(0, SECRET.length() - 1), update).statusCode()).isEqualTo(403);
            assertThat(post(SECRET + "x", update).statusCode()).isEqualTo(403);
            assertThat(post("", update).statusCode()).isEqualTo(403);

            assertThat(rows()).isEqualTo(before);
            assertThat(telegram.visible()).isEmpty();
        }

        @Test
        void aBodyOverOneMebibyteIsRefusedWith413OnItsLengthAloneWithoutReadingIt() throws Exception {
            Map<String, Long> before = rows();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5_000);
                // The head only: were the body awaited, no answer would come.
                socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + WebhookSecret.HEADER + ": " + SECRET + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + (WebhookHandler.MAX_BODY + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();

                String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

                assertThat(statusLine).isEqualTo("HTTP/1.1 413");
            }
            assertThat(rows()).isEqualTo(before);
            assertThat(logs.lines()).filteredOn(line -> line.contains("over the limit of 1048576; refused with 413")).hasSize(1);
        }

        @Test
        void aBodyOverOneMebibyteWithoutALengthIsRefusedWith413AfterOneByteTooMany() throws Exception {
            byte[] big = new byte[WebhookHandler.MAX_BODY + 1];
            java.util.Arrays.fill(big, (byte) ' ');
            // A stream of unknown length: sent chunked, with no Content-Length to go by.
            HttpRequest request = HttpRequest.newBuilder(url()).header(WebhookSecret.HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(logs.lines()).filteredOn(line -> line.contains("over the limit of 1048576 bytes; refused with 413"))
                    .hasSize(1);
        }

        @Test
        void aBodyNotAllThereWithinFiveSecondsGets408AndTheConnectionIsClosed() throws Exception {
            Map<String, Long> before = rows();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + WebhookSecret.HEADER + ": " + SECRET + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 500\r\n\r\n{\"update_id\": 1").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();

                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

                assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close").endsWith("request body too slow\n");
            }
            assertThat(rows()).isEqualTo(before);
            assertThat(logs.lines()).filteredOn(line -> line.contains("not all there within 5 s; refused with 408")).hasSize(1);
        }

        @Test
        void malformedJsonGets400AndIsLoggedOnceWithoutTheBody() throws Exception {
            Map<String, Long> before = rows();

            HttpResponse<String> response = post(SECRET, "{\"update_id\": 5, \"message\": privatetext");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(rows()).isEqualTo(before);
            List<String> lines = logs.lines().stream().filter(line -> line.startsWith("backtriage.refused ")).toList();
            assertThat(lines).singleElement().asString().contains("not JSON (at line 1, column").contains("refused with 400")
                    .doesNotContain("privatetext");
        }

        @Test
        void jsonThatIsNotAnUpdateGets400() throws Exception {
            assertThat(post(SECRET, "[1, 2, 3]").statusCode()).isEqualTo(400);
            assertThat(post(SECRET, "{\"message\": {}}").statusCode()).isEqualTo(400);
            assertThat(post(SECRET, "").statusCode()).isEqualTo(400);
        }

        @Test
        void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/other")).header(WebhookSecret.HEADER, SECRET).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(url()).header(WebhookSecret.HEADER, SECRET).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forgedGet = http.send(HttpRequest.newBuilder(url()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).contains("POST");
            assertThat(forgedGet.statusCode()).as("nothing told without the secret").isEqualTo(403);
        }
    }

    @Nested
    class Delivered {
        @Test
        void aGoodUpdateGets200AndItsReplyIsSent() throws Exception {
            HttpResponse<String> response = deliver(Updates.text(1, CHAT, "/start"));

            assertThat(response.statusCode()).isEqualTo(200);
            awaitSent(1);
            assertThat(telegram.last("sendMessage").chatId()).isEqualTo(CHAT);
            assertThat(telegram.last("sendMessage").buttons()).isNotEmpty();
            assertThat(answered).containsExactly(200);
        }

        @Test
        void theSameUpdateTwiceGetsOneReplyAndBoth200() throws Exception {
            ObjectNode start = Updates.text(1, CHAT, "/start");

            assertThat(deliver(start).statusCode()).isEqualTo(200);
            assertThat(deliver(start).statusCode()).isEqualTo(200);

            awaitSent(1);
            // Both were handled before their 200: a duplicate reply would be in the outbox now, and sent before it empties.
            Waits.upTo(Duration.ofSeconds(10)).until(() -> sqlite.pendingReplies().isEmpty());
            assertThat(telegram.shown("sendMessage")).hasSize(1);
        }

        @Test
        void aPoisonUpdateGets200AndTheChatsNextUpdateIsStillHandled() throws Exception {
            store.poison(2);
            assertThat(deliver(Updates.text(1, CHAT, "/start")).statusCode()).isEqualTo(200);
            awaitSent(1);

            assertThat(deliver(Updates.text(2, CHAT, "/help")).statusCode()).as("retrying cannot help").isEqualTo(200);
            assertThat(deliver(Updates.text(2, CHAT, "/help")).statusCode()).as("nor can a retry anyway").isEqualTo(200);
            assertThat(deliver(Updates.text(3, CHAT, "/restart")).statusCode()).isEqualTo(200);

            awaitSent(2);
            assertThat(logs.lines()).anyMatch(line -> line.contains("Update 2 could not be handled"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("answered 503"));
        }

        @Test
        void aPressWhoseTurnFailsIsAnsweredAnd200() throws Exception {
            store.poison(2);
            deliver(Updates.text(1, CHAT, "/start"));
            awaitSent(1);

            HttpResponse<String> response = deliver(Updates.press(2, CHAT, telegram.lastKeyboardMessageId(), "q2", "s"));

            assertThat(response.statusCode()).isEqualTo(200);
            telegram.await(call -> call.is("answerCallbackQuery") && call.body().path("callback_query_id").asText().equals("q2"),
                    Duration.ofSeconds(5));
        }

        @Test
        void updatesWithoutAConversationAre200() throws Exception {
            assertThat(deliver(Updates.editedText(1, CHAT, "edited")).statusCode()).isEqualTo(200);
            assertThat(deliver(Updates.channelPost(2, -100, "news")).statusCode()).isEqualTo(200);
            assertThat(deliver(Updates.pressWithoutMessage(3, CHAT, "q3", "s")).statusCode()).isEqualTo(200);
            telegram.await(call -> call.is("answerCallbackQuery"), Duration.ofSeconds(5));
        }

        @Test
        void webhookModeNeitherPollsNorDeletesTheWebhookNotEvenWhenItStops() throws Exception {
            deliver(Updates.text(1, CHAT, "/start"));
            awaitSent(1);
            telegram.await(call -> call.is("getWebhookInfo"), Duration.ofSeconds(5));

            server.close();
            bot.close();

            assertThat(telegram.calls()).noneMatch(call -> call.is("getUpdates") || call.is("deleteWebhook")
                    || call.is("setWebhook"));
        }

        @Test
        void aMissingWebhookIsLoggedAtStart() {
            Waits.upTo(Duration.ofSeconds(5)).until(() -> logs.lines().stream().anyMatch(line -> line.contains(
                    "Telegram has no webhook set for this bot, so no update reaches it; run: java -jar backtriage.jar"
                            + " webhook set https://<your public address>/telegram")));
        }
    }

    @Nested
    class StoreFailing {
        @Test
        void aClosedStoreGets503AndTelegramsRetryToTheNextStartSucceeds() throws Exception {
            ObjectNode start = Updates.text(1, CHAT, "/start");
            sqlite.close();

            HttpResponse<String> refused = deliver(start);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(logs.lines()).anyMatch(line -> line.contains("Update 1 could not be saved")
                    && line.contains("answered 503, so Telegram delivers it again"));
            assertThat(telegram.visible()).isEmpty();

            server.close();
            bot.close();
            sqlite = ShippedTriage.store(dir);
            startBot(sqlite);

            assertThat(deliver(start).statusCode()).isEqualTo(200);
            awaitSent(1);
            assertThat(telegram.shown("sendMessage")).hasSize(1);
        }

        @Test
        void aStoreFailureThatRecursGets200AndAnErrorLineAndTheChatsNextUpdateIsHandled() throws Exception {
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
                 Statement st = other.createStatement()) {
                // Every reply this turn queues breaks a constraint: the same on every retry.
                st.execute("CREATE TRIGGER refuse_replies BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused'); END");

                assertThat(deliver(Updates.text(1, CHAT, "/start")).statusCode()).as("retrying cannot help").isEqualTo(200);

                st.execute("DROP TRIGGER refuse_replies");
            }
            assertThat(logs.lines()).anyMatch(line -> line.contains("Update 1 could not be handled"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("answered 503"));

            assertThat(deliver(Updates.text(2, CHAT, "/start")).statusCode()).isEqualTo(200);
            awaitSent(1);
            assertThat(telegram.shown("sendMessage")).hasSize(1);
        }

        @Test
        void aDatabaseLockedByAnotherWriterGets503UntilItIsFreeThen200() throws Exception {
            ObjectNode start = Updates.text(1, CHAT, "/start");
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
                 Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE"); // another writer holds the lock past the store's busy timeout

                assertThat(deliver(start).statusCode()).isEqualTo(503);

                st.execute("ROLLBACK");
            }

            assertThat(deliver(start).statusCode()).as("Telegram's retry").isEqualTo(200);
            awaitSent(1);
            assertThat(telegram.shown("sendMessage")).hasSize(1);
        }
    }

    @Nested
    class KeepAlive {
        @Test
        void oneConnectionCarriesUpdateAfterUpdate() throws Exception {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(10_000);
                for (int id = 1; id <= 3; id++) {
                    byte[] body = Updates.text(id, CHAT + id, "/start").toString().getBytes(StandardCharsets.UTF_8);
                    socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + WebhookSecret.HEADER + ": " + SECRET + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().write(body);
                    socket.getOutputStream().flush();

                    assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok\n");
                }
            }
            awaitSent(3);
        }

        /** One answer: its head, then as many body bytes as its Content-Length says. */
        private String readAnswer(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head);
                }
                head.append((char) b);
            }
            int length = head.toString().lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
