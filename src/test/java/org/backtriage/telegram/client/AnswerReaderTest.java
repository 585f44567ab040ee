package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.backtriage.telegram.client.TelegramAnswer.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers read from bytes, with no server: Telegram's JSON, a proxy's page, a failure. */
class AnswerReaderTest {
    private static final String TOKEN = "123456789:AAHfakeTOKENforTESTSonly-never_logged";
    private final AnswerReader reader = new AnswerReader(new JsonFactory(), new TokenScrubber(TOKEN));

    private TelegramAnswer read(int status, String body) {
        return reader.read("sendMessage", status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void okIsAcceptedWhateverTheResult() {
        assertThat(read(200, "{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":1}}}")).isEqualTo(TelegramAnswer.OK);
        assertThat(read(200, "{\"result\":true,\"ok\":true}")).isEqualTo(TelegramAnswer.OK);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterOrOneSecond() {
        assertThat(read(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
                + "\"parameters\":{\"retry_after\":7}}"))
                .isEqualTo(TelegramAnswer.throttled(429, "Too Many Requests", Duration.ofSeconds(7)));
        assertThat(read(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"}"))
                .isEqualTo(TelegramAnswer.throttled(429, "Too Many Requests", Duration.ofSeconds(1)));
    }

    @Test
    void aGroupThatBecameASupergroupCarriesItsNewId() {
        TelegramAnswer answer = read(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was"
                + " upgraded to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-1001234567890}}");

        assertThat(answer.kind()).isEqualTo(Kind.MIGRATED);
        assertThat(answer.migrateToChatId()).hasValue(-1001234567890L);
        assertThat(answer.describe()).isEqualTo("error 400: Bad Request: group chat was upgraded to a supergroup chat");
    }

    @Test
    void onlyAnEditIsImpossibleForAMessageThatCanNoLongerBeEdited() {
        byte[] body = "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message can't be edited\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(reader.read("editMessageText", 400, body).kind()).isEqualTo(Kind.EDIT_IMPOSSIBLE);
        assertThat(reader.read("sendMessage", 400, body).kind()).isEqualTo(Kind.REFUSED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "403 | Forbidden: bot was blocked by the user | BLOCKED",
        "400 | Bad Request: message is not modified | ALREADY_DONE",
        "400 | Bad Request: query is too old and response timeout expired | ALREADY_DONE",
        "400 | Bad Request: chat not found | REFUSED",
        "401 | Unauthorized | TRY_AGAIN",
        "404 | Not Found | TRY_AGAIN",
        "500 | Internal Server Error | TRY_AGAIN",
    })
    void telegramsErrorsAreSortedByWhatTheyMean(int code, String description, Kind kind) {
        TelegramAnswer answer = read(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}");

        assertThat(answer).isEqualTo(TelegramAnswer.error(kind, code, code, description));
    }

    @Test
    void aMissingErrorCodeIsTakenFromTheHttpStatus() {
        TelegramAnswer answer = read(400, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}");

        assertThat(answer).isEqualTo(TelegramAnswer.error(Kind.REFUSED, 400, 0, "Bad Request: chat not found"));
        assertThat(answer.code()).isEqualTo(400);
    }

    @Test
    void aPageThatIsNotJsonIsRefusedFor4xxAndRetriedOtherwise() {
        TelegramAnswer tooLarge = read(413, "<html><body>413 Request Entity Too Large</body></html>");
        assertThat(tooLarge.kind()).isEqualTo(Kind.REFUSED);
        assertThat(tooLarge.describe()).startsWith("error 413: HTTP 413, not a Bot API answer: <html>");
        assertThat(read(408, "<html>408</html>").kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(read(502, "<html>502 Bad Gateway</html>").kind()).isEqualTo(Kind.TRY_AGAIN);
        assertThat(read(200, "{\"result\":true}").kind()).as("JSON without ok").isEqualTo(Kind.TRY_AGAIN);
    }

    @Test
    void theTokenNeverStaysInADescription() {
        String echoed = "/bot" + TOKEN + "/sendMessage";

        assertThat(read(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: at " + echoed + "\"}").describe())
                .doesNotContain(TOKEN).contains("/bot<token>/sendMessage");
        assertThat(read(500, "Internal error at " + echoed).describe()).doesNotContain(TOKEN);
    }

    @Test
    void aFailureIsOneShortLineWithItsCauses() {
        IOException failure = new IOException("unexpected end of stream on " + TOKEN + "\nmore", new EOFException("\\n not found"));

        assertThat(reader.describe(failure)).isEqualTo("IOException: unexpected end of stream on <token>: EOFException: \\n not found");
        assertThat(reader.describe(new IOException("x".repeat(500)))).hasSize(243).endsWith("...");
    }
}
