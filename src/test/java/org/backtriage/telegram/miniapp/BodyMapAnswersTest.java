package org.backtriage.telegram.miniapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backtriage.Waits;
import org.backtriage.chat.ChatOptions;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.http.Rejections;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsServer;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.TelegramBot;
import org.backtriage.telegram.Wiring;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.telegram.testing.Updates;
import org.backtriage.testing.SlowBodies;
import org.backtriage.testing.SqliteFile;
import org.backtriage.triage.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The body map's answers over real HTTP: the real bot polling the fake Bot API, its operator
 * server with {@link BodyMapAnswers}, and the page's post as the page sends it, with initData
 * signed as Telegram signs it.
 */
class BodyMapAnswersTest {
    private static final long CHAT = 5151;
    private static final String PUBLIC_URL = "https://bot.example.org";

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private SqliteSessionStore store;
    private TelegramBot bot;
    private Monitoring monitoring;
    private OpsServer ops;
    private final HttpClient http = HttpClient.newHttpClient();
    private int nextUpdateId = 1;

    @BeforeEach
    void setUp() {
        telegram = new FakeBotApi();
        store = SqliteSessionStore.open(dir.resolve("bot.db"), Clock.systemUTC());
        Wiring wiring = ShippedTriage.wiring(store, store.leases(), ChatOptions.defaults().withMapUrl(Optional.of(PUBLIC_URL)));
        bot = new TelegramBot(Tunings.setup(telegram, Tunings.fast()), wiring);
        bot.start();
        monitoring = new Monitoring();
        ops = new OpsServer(new InetSocketAddress("127.0.0.1", 0), monitoring, store::answers, 
                OpsServer.Options.DEFAULT.serving(new MiniApp(FakeBotApi.TOKEN, wiring.chat(), wiring.clock(), bot.sendQueue(),
                        new Rejections(wiring.telemetry(), wiring.clock())).handlers()));
    }

    @AfterEach
    void tearDown() {
        ops.close();
        bot.close();
        store.close();
        monitoring.close();
        telegram.close();
    }

    @Test
    void theWhereQuestionCarriesAButtonThatOpensTheMapInThePersonsLanguageNamingTheQuestionMessage() throws Exception {
        Call where = toTheWhereQuestion();
        long message = where.body().path("message_id").asLong();

        JsonNode rows = where.body().path("reply_markup").path("inline_keyboard");
        List<JsonNode> mapButtons = new ArrayList<>();
        rows.forEach(row -> row.forEach(button -> {
            if (button.has("web_app")) {
                mapButtons.add(button);
            }
        }));
        assertThat(mapButtons).hasSize(1);
        assertThat(mapButtons.get(0).path("text").asText()).isEqualTo("\ud83e\uddcd Show me on a body map");
        // The question is an edit of the message pressed under, so the map's answer can edit it too.
        assertThat(mapButtons.get(0).path("web_app").path("url").asText())
                .isEqualTo(PUBLIC_URL + "/bodymap/?lang=en&m=" + message);
        assertThat(mapButtons.get(0).has("callback_data")).isFalse();
        // The buttons stay: the map is an extra way to answer.
        assertThat(where.buttons()).contains("\u2b1c Low back, left side=p:where:low_back_left", "Done=d:where");
    }

    @Test
    void theWhereQuestionSentAsANewMessageOpensTheMapWithoutAMessage() throws Exception {
        toTheWhereQuestion();

        say("something typed");

        Call where = telegram.last("sendMessage");
        assertThat(where.text()).contains("Where does it hurt?");
        assertThat(mapUrl(where)).isEqualTo(PUBLIC_URL + "/bodymap/?lang=en");
    }

    @Test
    void aPostNamingTheQuestionMessageEditsItIntoTheNextQuestion() throws Exception {
        long message = toTheWhereQuestion().body().path("message_id").asLong();
        int sendsBefore = telegram.calls("sendMessage").size();
        int answersBefore = telegram.calls("answerCallbackQuery").size();

        HttpResponse<String> response = post(SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()),
                "[\"low_back_left\", \"buttock_left\"]", Optional.of(Long.toString(message)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        Call next = telegram.await(call -> call.is("editMessageText") && call.text().contains("feel like"), Duration.ofSeconds(5));
        assertThat(next.chatId()).isEqualTo(CHAT);
        assertThat(next.body().path("message_id").asLong()).isEqualTo(message);
        assertThat(next.text()).startsWith("\ud83e\uddcd You marked on the body map: Low back, left side; Buttock or hip\n\n"
                + "<i>Step 7 of 14</i>\n<b>What does the pain feel like?</b>");
        assertThat(next.buttons()).contains("\u2b1c Sharp or stabbing=p:feeling:sharp", "\u25c0 Back=b");
        awaitSent();
        assertThat(telegram.calls("sendMessage")).as("no new message").hasSize(sendsBefore);
        assertThat(telegram.calls("answerCallbackQuery")).as("no press to answer").hasSize(answersBefore);
        assertThat(store.peek(CHAT).orElseThrow().session().answers())
                .contains(new Answer("where", List.of("low_back_left", "buttock_hip")));
    }

    @Test
    void aQuestionMessageTelegramWillNotEditAnyMoreGetsTheNextQuestionAsANewMessage() throws Exception {
        long message = toTheWhereQuestion().body().path("message_id").asLong();
        telegram.failNext("editMessageText", org.backtriage.fakebotapi.Answer.error(400, "Bad Request: message to edit not found"));

        assertThat(post(SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()), "[\"hip_left\"]",
                Optional.of(Long.toString(message))).statusCode()).isEqualTo(200);

        Call next = telegram.await(call -> call.is("sendMessage") && call.text().contains("feel like"), Duration.ofSeconds(5));
        assertThat(next.text()).startsWith("\ud83e\uddcd You marked on the body map: Buttock or hip\n\n"
                + "<i>Step 7 of 14</i>\n<b>What does the pain feel like?</b>");
        assertThat(telegram.calls("editMessageText").get(telegram.calls("editMessageText").size() - 1).body()
                .path("message_id").asLong()).as("the edit tried first").isEqualTo(message);
    }

    @Test
    void aPostWithoutAMessageAnswersTheQuestionAndTheNextOneComesAsANewMessage() throws Exception {
        toTheWhereQuestion();
        int sendsBefore = telegram.calls("sendMessage").size();

        HttpResponse<String> response = post(SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()),
                "[\"low_back_left\", \"buttock_left\"]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        Call next = telegram.await(call -> call.is("sendMessage") && call.n() > sendsBefore && call.text().contains("feel like"),
                Duration.ofSeconds(5));
        assertThat(next.chatId()).isEqualTo(CHAT);
        assertThat(next.text()).startsWith("\ud83e\uddcd You marked on the body map: Low back, left side; Buttock or hip\n\n"
                + "<i>Step 7 of 14</i>\n<b>What does the pain feel like?</b>");
        assertThat(next.buttons()).contains("\u2b1c Sharp or stabbing=p:feeling:sharp");
        assertThat(store.peek(CHAT).orElseThrow().session().answers())
                .contains(new Answer("where", List.of("low_back_left", "buttock_hip")));
    }

    @Test
    void bothLegsBelowTheKneeAskAtOnceToConfirmTheEmergencySign() throws Exception {
        toTheWhereQuestion();

        assertThat(post(SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()), "[\"below_knee_left\", \"below_knee_right\"]")
                .statusCode()).isEqualTo(200);

        Call confirm = telegram.await(call -> call.is("sendMessage") && call.text().contains("You marked both legs"),
                Duration.ofSeconds(5));
        assertThat(confirm.text()).contains("Do you have pain, numbness, tingling or weakness in <b>both</b> legs?");
        assertThat(confirm.buttons()).startsWith("Yes, both legs: pain, numbness, tingling, weakness=p:where_both_legs:yes",
                "No, I marked it by mistake=p:where_both_legs:no");
    }

    @Test
    void bothBacksOfTheThighsAskAtOnceToConfirmTheEmergencySignToo() throws Exception {
        toTheWhereQuestion();

        assertThat(post(SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()), "[\"thigh_back_left\", \"thigh_back_right\"]")
                .statusCode()).isEqualTo(200);

        Call confirm = telegram.await(call -> call.is("sendMessage") && call.text().contains("You marked both legs"),
                Duration.ofSeconds(5));
        assertThat(confirm.text()).isEqualTo("\ud83e\uddcd You marked on the body map: Back of the thigh; Both legs (on the map)\n\n"
                + "<i>Step 7 of 7</i>\n" + ShippedTriage.messages().text("q.where_both_legs.text"));
        assertThat(confirm.buttons()).startsWith("Yes, both legs: pain, numbness, tingling, weakness=p:where_both_legs:yes",
                "No, I marked it by mistake=p:where_both_legs:no");
    }

    @Test
    void aForgedOrExpiredInitDataIs401AndChangesNoRow() throws Exception {
        toTheWhereQuestion();
        Map<String, List<List<String>>> before = rows();
        Map<String, String> fields = SignedInitData.typical(CHAT, Instant.now());
        String forged = SignedInitData.query(fields, SignedInitData.hash("987654321:AAotherBotsTokenxxxxxxxxxxxxxxxxxxxx", fields));
        String old = SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now().minus(Duration.ofHours(1)));
        String unsigned = SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()).replaceAll("&hash=[0-9a-f]+$", "");
        String otherPerson = SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()).replace("%22id%22%3A" + CHAT, "%22id%22%3A1");

        for (Map.Entry<String, String> bad : Map.of(forged, "bad_hash", old, "expired", unsigned, "no_hash", otherPerson,
                "bad_hash", "", "missing").entrySet()) {
            HttpResponse<String> response = post(bad.getKey(), "[\"hip_left\"]");
            assertThat(response.statusCode()).as(bad.getValue()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"ok\":false,\"error\":\"" + bad.getValue() + "\"}");
        }
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aReplayedPostIsNotTakenTwice() throws Exception {
        toTheWhereQuestion();
        String initData = SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now());
        assertThat(post(initData, "[\"hip_left\"]").statusCode()).isEqualTo(200);
        telegram.await(call -> call.is("sendMessage") && call.text().contains("feel like"), Duration.ofSeconds(5));
        // Back to "where" with the buttons, so only the key can tell the replay apart.
        tap("b");
        awaitSent();
        Map<String, List<List<String>>> before = rows();
        int sends = telegram.calls("sendMessage").size();

        HttpResponse<String> replay = post(initData, "[\"thigh_back_left\"]");

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).isEqualTo("{\"ok\":false,\"error\":\"replayed\"}");
        assertThat(rows()).isEqualTo(before);
        assertThat(telegram.calls("sendMessage")).hasSize(sends);
    }

    @Test
    void aPostForAQuestionAlreadyAnsweredIs409AndChangesNothing() throws Exception {
        toTheWhereQuestion();
        tap("p:where:thigh");
        tap("d:where");
        Map<String, List<List<String>>> before = rows();

        HttpResponse<String> late = post(SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now()), "[\"hip_left\"]");

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).isEqualTo("{\"ok\":false,\"error\":\"stale\"}");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aPersonTheBotNeverTalkedToGets409AndNoSession() throws Exception {
        HttpResponse<String> stranger = post(SignedInitData.of(FakeBotApi.TOKEN, 777, Instant.now()), "[\"hip_left\"]");

        assertThat(stranger.statusCode()).isEqualTo(409);
        assertThat(store.peek(777)).isEmpty();
    }

    @Test
    void aBadBodyOrAnUnknownRegionIs400() throws Exception {
        toTheWhereQuestion();
        Map<String, List<List<String>>> before = rows();
        String initData = SignedInitData.of(FakeBotApi.TOKEN, CHAT, Instant.now());

        assertThat(post(initData, "[\"elbow\"]").body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_region\"}");
        assertThat(post(initData, "[]").statusCode()).isEqualTo(400);
        assertThat(post(initData, "\"hip_left\"").statusCode()).isEqualTo(400);
        assertThat(send("POST", "application/json", "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "text/plain", "{}").body()).isEqualTo("{\"ok\":false,\"error\":\"not_json\"}");
        for (String message : List.of("0", "-7", "1.5", "\"12\"", "null", "[12]", "99999999999999999999")) {
            HttpResponse<String> bad = post(initData, "[\"hip_left\"]", Optional.of(message));
            assertThat(bad.statusCode()).as(message).isEqualTo(400);
            assertThat(bad.body()).as(message).isEqualTo("{\"ok\":false,\"error\":\"bad_body\"}");
        }
        assertThat(oversized()).startsWith("HTTP/1.1 413");
        HttpResponse<String> get = send("GET", "application/json", "");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theOperatorPathsStillAnswerBesideIt() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
    }

    /**
     * Issue 18, point 2: more connections than the endpoint serves and lets wait, each sending a
     * post's head and then one byte of its body a second (and opening again when closed), never
     * keep /healthz from answering, and each post gets 408 once its body is overdue.
     */
    @Test
    void postsWhoseBodiesTrickleInNeverHoldUpTheHealthCheck() throws Exception {
        List<Duration> took = new ArrayList<>();
        try (SlowBodies attack = SlowBodies.start(ops.port(), BodyMapAnswers.PATH, "", 24)) {
            long until = System.nanoTime() + Duration.ofSeconds(9).toNanos();
            while (System.nanoTime() < until) {
                long asked = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port()
                        + "/healthz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                took.add(Duration.ofNanos(System.nanoTime() - asked));

                assertThat(health.statusCode()).as("health after %s", took).isEqualTo(200);
                assertThat(took.get(took.size() - 1)).as("health after %s", took).isLessThan(Duration.ofSeconds(2));
                Thread.sleep(250);
            }
            assertThat(attack.answers()).as("the posts whose bodies were overdue").containsKey("HTTP/1.1 408");
        }
        assertThat(took).hasSizeGreaterThan(10);
    }

    @Test
    void aPostWhoseBodyIsNotAllThereWithinFiveSecondsIs408AndChangesNothing() throws Exception {
        toTheWhereQuestion();
        Map<String, List<List<String>>> before = rows();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", ops.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST " + BodyMapAnswers.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"initData\": \"")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close")
                    .endsWith("{\"ok\":false,\"error\":\"too_slow\"}");
        }
        assertThat(rows()).isEqualTo(before);
    }

    /** /start, Start, "none" to the four red-flag lists and not pregnant: the question the map answers, as last shown. */
    private Call toTheWhereQuestion() {
        say("/start");
        for (String data : List.of("s", "p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:none", "p:urgent_history:none",
                "p:lasting:none")) {
            tap(data);
        }
        Call where = telegram.last("editMessageText");
        assertThat(where.text()).contains("Where does it hurt?");
        return where;
    }

    private void say(String text) {
        int id = nextUpdateId++;
        telegram.deliver(Updates.text(id, CHAT, text));
        telegram.awaitHandled(id);
        awaitSent();
    }

    private void tap(String data) {
        int id = nextUpdateId++;
        ObjectNode press = Updates.press(id, CHAT, telegram.lastKeyboardMessageId(), "q" + id, data);
        telegram.deliver(press);
        telegram.awaitHandled(id);
        awaitSent();
    }

    private void awaitSent() {
        Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(store.pendingReplies()).isEmpty());
    }

    private HttpResponse<String> post(String initData, String regions) throws Exception {
        return post(initData, regions, Optional.empty());
    }

    /** As the page posts it; {@code message}: the JSON of its "message" field, when it has one. */
    private HttpResponse<String> post(String initData, String regions, Optional<String> message) throws Exception {
        ObjectNode body = Updates.JSON.createObjectNode().put("initData", initData);
        body.set("regions", Updates.JSON.readTree(regions));
        if (message.isPresent()) {
            body.set("message", Updates.JSON.readTree(message.get()));
        }
        return send("POST", "application/json", body.toString());
    }

    /** The address the map button under {@code question} opens. */
    private static String mapUrl(Call question) {
        List<String> urls = new ArrayList<>();
        question.body().path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button -> {
            if (button.has("web_app")) {
                urls.add(button.path("web_app").path("url").asText());
            }
        }));
        assertThat(urls).hasSize(1);
        return urls.get(0);
    }

    private HttpResponse<String> send(String method, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + BodyMapAnswers.PATH))
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A post saying it is 20 kB long: refused on its Content-Length alone, none of it read. */
    private String oversized() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", ops.port())) {
            socket.getOutputStream().write(("POST " + BodyMapAnswers.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** Every row of every table, as text. */
    private Map<String, List<List<String>>> rows() throws Exception {
        return SqliteFile.everyRow(dir.resolve("bot.db"));
    }
}
