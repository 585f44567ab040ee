package org.backtriage.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads the answer to one Bot API call (Telegram's JSON, or a proxy's page) into a
 * {@link Delivery}: what the answer means, not what to do about it ({@link RetryPolicy}). Every
 * text it keeps is scrubbed of the token.
 */
final class AnswerReader {
    /** An edit that changes nothing, e.g. a button tapped twice: already as wanted. */
    private static final String NOT_MODIFIED = "message is not modified";
    /** A press answered after Telegram stopped waiting, or answered before: nothing left to do. */
    private static final List<String> PRESS_GONE = List.of("query is too old", "query id is invalid");
    /** Telegram's 429 without parameters (never seen, but then wait a little rather than hammer). */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_DESCRIPTION = 240;
    /** Statuses of a page that is not the Bot API's answer but is worth trying again (see notAnAnswer). */
    private static final List<Integer> RETRIED_PAGES = List.of(401, 404, 408, 429);

    private final JsonFactory json;
    private final TokenScrubber scrubber;

    AnswerReader(JsonFactory json, TokenScrubber scrubber) {
        this.json = json;
        this.scrubber = scrubber;
    }

    /**
     * Reads Telegram's answer: {@code ok}, and when not ok {@code error_code}, {@code description}
     * and {@code parameters.retry_after}. The {@code result} is skipped: nothing here needs it.
     */
    Delivery read(int status, byte[] body) {
        Boolean ok = null;
        int code = 0;
        String description = "";
        Integer retryAfter = null;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return notAnAnswer(status, body);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "ok" -> ok = value == JsonToken.VALUE_TRUE;
                    case "error_code" -> code = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "description" -> description = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                    case "parameters" -> retryAfter = retryAfter(parser, value);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return notAnAnswer(status, body);
        }
        if (ok == null) {
            return notAnAnswer(status, body);
        }
        if (ok) {
            return Delivery.ACCEPTED;
        }
        return refused(code == 0 ? status : code, scrubber.scrub(description), retryAfter);
    }

    private static Integer retryAfter(JsonParser parser, JsonToken value) throws IOException {
        Integer seconds = null;
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.getCurrentName();
            JsonToken inner = parser.nextToken();
            if (field.equals("retry_after") && inner == JsonToken.VALUE_NUMBER_INT) {
                seconds = parser.getIntValue();
            } else {
                parser.skipChildren();
            }
        }
        return seconds;
    }

    /**
     * An answer that is not the Bot API's JSON, e.g. a proxy's HTML error page. A 4xx page says
     * this request is wrong (too large, say, or barred): sent again, it gets the same page, so it
     * is refused for good. A 5xx page (Telegram down behind the proxy) is worth trying again, and
     * so are 401, 404, 408 and 429 pages, which mean a wrong URL, or a pause, for every call alike.
     */
    private Delivery notAnAnswer(int status, byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8)
                .lines().findFirst().orElse("").strip();
        String why = scrubber.scrub("HTTP " + status + ", not a Bot API answer: " + start);
        if (status >= 400 && status < 500 && !RETRIED_PAGES.contains(status)) {
            return new Delivery.Refused(status, why);
        }
        return new Delivery.Failed(why);
    }

    private Delivery refused(int code, String description, Integer retryAfterSeconds) {
        String lower = description.toLowerCase(Locale.ROOT);
        if (code == 429) {
            return new Delivery.Throttled(retryAfterSeconds == null || retryAfterSeconds < 1
                    ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(retryAfterSeconds));
        }
        if (code == 403) {
            return new Delivery.Blocked(description);
        }
        if (code == 400 && lower.contains(NOT_MODIFIED)) {
            return new Delivery.Accepted(description);
        }
        if (code == 400 && PRESS_GONE.stream().anyMatch(lower::contains)) {
            return new Delivery.Accepted(description);
        }
        if (code >= 500 || code == 401 || code == 404 || code == 0) {
            // 401 or 404 mid-run: the token was revoked or the API URL is wrong, for every call
            // alike. Dropping this reply would not help; keep it, and polling reports the problem.
            return new Delivery.Failed("error " + code + ": " + description);
        }
        return new Delivery.Refused(code, description);
    }

    /**
     * The exception and its causes in one short line, e.g. "IOException: unexpected end of
     * stream: EOFException: \n not found"; only the first line of each message, as a parser's
     * message goes on to quote the answer.
     */
    String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable link = failure;
        for (int i = 0; link != null && i < 4; i++, link = link.getCause()) {
            String message = String.valueOf(link.getMessage()).lines().findFirst().orElse("");
            text.append(i == 0 ? "" : ": ").append(link.getClass().getSimpleName()).append(": ").append(message);
        }
        String line = scrubber.scrub(text.toString());
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION) + "...";
    }
}
