package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers read from bytes, with no server: Telegram's JSON, a proxy's page, a failure. */
class AnswerReaderTest {
    private static final String TOKEN = "123456789:AAHfakeTOKENforTESTSonly-never_logged";
    private final AnswerReader reader = new AnswerReader(new JsonFactory(), new TokenScrubber(TOKEN));

    private Delivery read(int status, String body) {
        return reader.read(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void okIsAcceptedWhateverTheResult() {
        assertThat(read(200, "{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":1}}}")).isEqualTo(Delivery.ACCEPTED);
        assertThat(read(200, "{\"result\":true,\"ok\":true}")).isEqualTo(Delivery.ACCEPTED);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterOrOneSecond() {
        assertThat(read(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
                + "\"parameters\":{\"retry_after\":7}}")).isEqualTo(new Delivery.Throttled(Duration.ofSeconds(7)));
        assertThat(read(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"}"))
                .isEqualTo(new Delivery.Throttled(Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "403 | Forbidden: bot was blocked by the user | Blocked",
        "400 | Bad Request: message is not modified | Accepted",
        "400 | Bad Request: query is too old and response timeout expired | Accepted",
        "400 | Bad Request: chat not found | Refused",
        "401 | Unauthorized | Failed",
        "404 | Not Found | Failed",
        "500 | Internal Server Error | Failed",
    })
    void telegramsErrorsAreSortedByWhatTheyMean(int code, String description, String kind) {
        Delivery delivery = read(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}");

        assertThat(delivery.getClass().getSimpleName()).isEqualTo(kind);
    }

    @Test
    void aMissingErrorCodeIsTakenFromTheHttpStatus() {
        assertThat(read(400, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}"))
                .isEqualTo(new Delivery.Refused(400, "Bad Request: chat not found"));
    }

    @Test
    void aPageThatIsNotJsonIsRefusedFor4xxAndRetriedOtherwise() {
        assertThat(read(413, "<html><body>413 Request Entity Too Large</body></html>")).isInstanceOf(Delivery.Refused.class)
                .extracting(Delivery::describe).asString().startsWith("error 413: HTTP 413, not a Bot API answer: <html>");
        assertThat(read(408, "<html>408</html>")).isInstanceOf(Delivery.Failed.class);
        assertThat(read(502, "<html>502 Bad Gateway</html>")).isInstanceOf(Delivery.Failed.class);
        assertThat(read(200, "{\"result\":true}")).as("JSON without ok").isInstanceOf(Delivery.Failed.class);
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
