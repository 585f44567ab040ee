package org.backtriage.fakebotapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself, called over plain HTTP as Telegram would be: its answers, its record, its faults. */
class FakeBotApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeBotApi telegram = new FakeBotApi();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void tearDown() {
        telegram.close();
    }

    private HttpResponse<String> call(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> method(String name, String json) throws IOException, InterruptedException {
        return call("/bot" + FakeBotApi.TOKEN + "/" + name, json);
    }

    @Test
    void sendMessageIsAnsweredWithANewMessageAndRecordedAsShown() throws Exception {
        HttpResponse<String> first = method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\",\"reply_markup\":{}}");
        HttpResponse<String> second = method("sendmessage", "{\"chat_id\":7,\"text\":\"Again\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("result").path("message_id").asInt()).isEqualTo(501);
        assertThat(JSON.readTree(second.body()).path("result").path("message_id").asInt()).isEqualTo(502);
        assertThat(telegram.lastKeyboardMessageId()).isEqualTo(501);
        assertThat(telegram.shown("sendMessage")).extracting(Call::text, Call::n).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Hi", 1), org.assertj.core.groups.Tuple.tuple("Again", 2));
        assertThat(telegram.counts()).containsEntry("sendMessage", 1L).containsEntry("sendmessage", 1L);
    }

    @Test
    void aCallForAnotherTokenOrAnUnknownMethodIs404AndToldToTheListener() throws Exception {
        List<String> unexpected = new CopyOnWriteArrayList<>();
        try (FakeBotApi bench = FakeBotApi.serving("1:other", (offset, limit, timeout) -> List.of(), new FakeBotApi.Listener() {
            @Override
            public void unexpected(String what) {
                unexpected.add(what);
            }
        })) {
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(bench.baseUrl() + "/bot2:x/getMe"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(bench.baseUrl() + "/bot1:other/getMe"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(wrong.statusCode()).isEqualTo(404);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unexpected).containsExactly("a call to /bot2:x/getMe", "a call of an unknown method getme");
            assertThatThrownBy(bench::calls).as("the benchmark's fake records nothing")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void getUpdatesServesAnUpdateUntilALaterOffsetConfirmsIt() throws Exception {
        ObjectNode update = JSON.createObjectNode().put("update_id", 1);
        telegram.deliver(update);

        assertThat(method("getUpdates", "{\"offset\":0}").body()).isEqualTo("{\"ok\":true,\"result\":[{\"update_id\":1}]}");
        assertThat(method("getUpdates", "{\"offset\":1}").body()).isEqualTo("{\"ok\":true,\"result\":[{\"update_id\":1}]}");
        assertThat(method("getUpdates", "{\"offset\":2}").body()).isEqualTo("{\"ok\":true,\"result\":[]}");
        telegram.redeliver(update);
        assertThat(method("getUpdates", "{\"offset\":2}").body()).as("served again once, as asked")
                .isEqualTo("{\"ok\":true,\"result\":[{\"update_id\":1}]}");
    }

    @Test
    void anInjectedAnswerReplacesTheNextMatchingCallsAndTakesNoEffect() throws Exception {
        telegram.inject(c -> c.is("sendMessage") && c.chatId() == 7, Fault.answer(Answer.tooManyRequests(3)), 1);

        HttpResponse<String> throttled = method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\"}");
        HttpResponse<String> then = method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\"}");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(throttled.body()).path("parameters").path("retry_after").asInt()).isEqualTo(3);
        assertThat(then.statusCode()).isEqualTo(200);
        assertThat(telegram.calls("sendMessage")).extracting(Call::shown).containsExactly(false, true);
    }

    @Test
    void aDroppedConnectionGivesNoAnswerAndASlowAnswerComesLate() throws Exception {
        telegram.inject(c -> c.is("sendMessage"), Fault.dropBeforeAnswer(), 1);
        assertThatThrownBy(() -> method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\"}")).isInstanceOf(IOException.class);

        telegram.inject(c -> c.is("sendMessage"), Fault.dropDuringAnswer(), 1);
        assertThatThrownBy(() -> method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\"}")).isInstanceOf(IOException.class);
        assertThat(telegram.shown("sendMessage")).as("done, though the answer broke off").hasSize(1);

        telegram.inject(c -> c.is("sendMessage"), Fault.slow(Duration.ofMillis(300)), 1);
        long asked = System.nanoTime();
        assertThat(method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\"}").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRefusedConnectionIsClosedBeforeAnyRequestIsRead() throws Exception {
        telegram.refuseConnections(1);

        assertThatThrownBy(() -> method("sendMessage", "{\"chat_id\":7,\"text\":\"Hi\"}")).isInstanceOf(IOException.class);
        assertThat(telegram.calls()).isEmpty();
    }
}
