package org.backtriage.telegram.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.backtriage.telegram.client.TelegramAnswer.Kind;

/**
 * Reads the answer to one Bot API call (Telegram's JSON, or a proxy's page) into a
 * {@link TelegramAnswer}: what the answer means, not what to do about it (the sending decides that).
 * Every text it keeps is scrubbed of the token.
 */
final class AnswerReader {
    /** An edit that changes nothing, e.g. a button tapped twice: already as wanted. */
    private static final String NOT_MODIFIED = "message is not modified";
    /** A press answered after Telegram stopped waiting, or answered before: nothing left to do. */
    private static final List<String> PRESS_GONE = List.of("query is too old", "query id is invalid");
    /** An edit of a message that can no longer be edited (Telegram allows 48 hours), or that the person deleted. */
    private static final List<String> EDIT_IMPOSSIBLE = List.of("message can't be edited", "message to edit not found",
            "message_id_invalid");
    private static final String EDIT = "editMessageText";
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

    /** What Telegram's error answer carried in {@code parameters}; 0 when absent. */
    private record Parameters(int retryAfter, long migrateToChatId) {
        static final Parameters NONE = new Parameters(0, 0);
    }

    /**
     * Reads Telegram's answer to a call of {@code method}: {@code ok}, and when not ok
     * {@code error_code}, {@code description} and {@code parameters}. The {@code result} is
     * skipped: nothing here needs it.
     */
    TelegramAnswer read(String method, int status, byte[] body) {
        Boolean ok = null;
        int code = 0;
        String description = "";
        Parameters parameters = Parameters.NONE;
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
                    case "parameters" -> parameters = parameters(parser, value);
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
            return TelegramAnswer.OK;
        }
        return refused(method, status, code, scrubber.scrub(description), parameters);
    }

    private static Parameters parameters(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Parameters.NONE;
        }
        int retryAfter = 0;
        long migrateTo = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.getCurrentName();
            JsonToken inner = parser.nextToken();
            if (field.equals("retry_after") && inner == JsonToken.VALUE_NUMBER_INT) {
                retryAfter = parser.getIntValue();
            } else if (field.equals("migrate_to_chat_id") && inner == JsonToken.VALUE_NUMBER_INT) {
                migrateTo = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        return new Parameters(retryAfter, migrateTo);
    }

    /**
     * An answer that is not the Bot API's JSON, e.g. a proxy's HTML error page. A 4xx page says
     * this request is wrong (too large, say, or barred): sent again, it gets the same page, so it
     * is refused for good. A 5xx page (Telegram down behind the proxy) is worth trying again, and
     * so are 401, 404, 408 and 429 pages, which mean a wrong URL, or a pause, for every call alike.
     */
    private TelegramAnswer notAnAnswer(int status, byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8)
                .lines().findFirst().orElse("").strip();
        String why = scrubber.scrub("HTTP " + status + ", not a Bot API answer: " + start);
        boolean refusesThisRequest = status >= 400 && status < 500 && !RETRIED_PAGES.contains(status);
        return TelegramAnswer.error(refusesThisRequest ? Kind.REFUSED : Kind.TRY_AGAIN, status, 0, why);
    }

    private static TelegramAnswer refused(String method, int status, int errorCode, String description,
                                          Parameters parameters) {
        int code = errorCode == 0 ? status : errorCode;
        String lower = description.toLowerCase(Locale.ROOT);
        if (code == 429) {
            return TelegramAnswer.throttled(status, description, parameters.retryAfter() < 1
                    ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(parameters.retryAfter()));
        }
        if (parameters.migrateToChatId() != 0) {
            return TelegramAnswer.migrated(status, errorCode, description, parameters.migrateToChatId());
        }
        return TelegramAnswer.error(kind(method, code, lower), status, errorCode, description);
    }

    private static Kind kind(String method, int code, String description) {
        if (code == 403) {
            return Kind.BLOCKED;
        }
        if (code == 400 && (description.contains(NOT_MODIFIED) || PRESS_GONE.stream().anyMatch(description::contains))) {
            return Kind.ALREADY_DONE;
        }
        if (code == 400 && method.equals(EDIT) && EDIT_IMPOSSIBLE.stream().anyMatch(description::contains)) {
            return Kind.EDIT_IMPOSSIBLE;
        }
        // 401 or 404 mid-run: the token was revoked or the API URL is wrong, for every call
        // alike. Dropping this reply would not help; keep it, and polling reports the problem.
        boolean tryAgain = code >= 500 || code == 401 || code == 404 || code == 0;
        return tryAgain ? Kind.TRY_AGAIN : Kind.REFUSED;
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
