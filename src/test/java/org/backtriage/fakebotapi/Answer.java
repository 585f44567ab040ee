package org.backtriage.fakebotapi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HTTP answer of the fake Bot API, and how the connection behaves while giving it: written
 * at once (or after {@code delay}), cut off halfway through the body, or not written at all with
 * the connection closed after the request.
 */
public record Answer(int status, String contentType, byte[] body, Duration delay, Cut cut) {
    /** How the answer reaches the caller. */
    public enum Cut {
        /** In full. */
        NONE,
        /** The connection closes after the request, without an answer. */
        BEFORE_ANSWER,
        /** The head and half the body, then the connection closes. */
        DURING_BODY
    }

    static final byte[] OK_TRUE = "{\"ok\":true,\"result\":true}".getBytes(StandardCharsets.UTF_8);

    public Answer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(cut, "cut");
    }

    /** Telegram's JSON with status {@code status}. */
    public static Answer json(int status, String json) {
        return json(status, json.getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(int status, byte[] json) {
        return new Answer(status, "application/json", json, Duration.ZERO, Cut.NONE);
    }

    /** A page that is not the Bot API's JSON, e.g. a proxy's; {@code contentType} empty for none. */
    public static Answer page(int status, String contentType, String body) {
        return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Cut.NONE);
    }

    /** Telegram's refusal: {@code {"ok":false,"error_code":code,"description":...}}. */
    public static Answer error(int code, String description) {
        return json(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":" + quoted(description) + "}");
    }

    public static Answer tooManyRequests(int retryAfterSeconds) {
        return json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":" + retryAfterSeconds + "}}");
    }

    /** The group became supergroup {@code newChatId}: Telegram's 400 with {@code migrate_to_chat_id}. */
    public static Answer migrated(long newChatId) {
        return json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was upgraded to a"
                + " supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":" + newChatId + "}}");
    }

    /** What a proxy in front of Telegram answers when Telegram is down: a page, not JSON. */
    public static Answer badGateway() {
        return page(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
    }

    public static Answer blocked() {
        return error(403, "Forbidden: bot was blocked by the user");
    }

    /** The same answer, written only after {@code delay}. */
    public Answer after(Duration delay) {
        return new Answer(status, contentType, body, delay, cut);
    }

    /** The same answer, reaching the caller as {@code cut} says. */
    public Answer cut(Cut cut) {
        return new Answer(status, contentType, body, delay, cut);
    }

    /** Status line, head and body, as written to the connection. */
    byte[] bytes() {
        byte[] head = ("HTTP/1.1 " + status + (status == 200 ? " OK" : " Error")
                + (contentType.isEmpty() ? "" : "\r\nContent-Type: " + contentType)
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Answer that && status == that.status && contentType.equals(that.contentType)
                && Arrays.equals(body, that.body) && delay.equals(that.delay) && cut == that.cut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), delay, cut);
    }

    @Override
    public String toString() {
        return "Answer " + status + " " + new String(body, StandardCharsets.UTF_8) + (cut == Cut.NONE ? "" : " " + cut);
    }
}
