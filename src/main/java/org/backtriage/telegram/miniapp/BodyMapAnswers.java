package org.backtriage.telegram.miniapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.backtriage.chat.ChatService;
import org.backtriage.http.Rejections;
import org.backtriage.http.RequestBody;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.sending.SendQueue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * {@code POST /bodymap/answer}: the places a person marked on the body map page, with the
 * Mini App's signed {@code initData}, as {@code {"initData": "...", "regions": ["...", ...]}},
 * with {@code "message": <id>} when the page was opened from a question message whose id its
 * button's address carried: that message is then edited into the next question, as a press
 * edits the message it was under (Telegram refusing the edit, it comes as a new message). The
 * id is not signed: at worst a person's own post edits another message of their own chat with the
 * bot. The initData is checked as Telegram documents ({@link WebAppInitData}); the person is the user
 * it names, nobody else. The regions answer the map's question through {@link ChatService#handleMarked}:
 * the same store transaction and outbox as a button press, so the reply is paced and ordered,
 * exactly once per initData (its hash is the key). Every answer is JSON:
 *
 * <ul>
 *   <li>200 {@code {"ok":true}}: taken;
 *   <li>401: no, a malformed, a forged or altered, an expired initData, or one already used: nothing changes;
 *   <li>400: a body that is not that JSON (a {@code message} that is not a positive integer among
 *       it), or names a region the map does not have; 413 over {@link #MAX_BODY}; 408 for a body not
 *       all there within {@link RequestBody#WITHIN};
 *   <li>409: the conversation is no longer on that question (or there is none): nothing changes;
 *   <li>503: the store failed; the page may try again.
 * </ul>
 *
 * Other answers' bodies are {@code {"ok":false,"error":"<code>"}}. Paths other than {@link #PATH}
 * are left to the next handler. Refusals are counted ({@link Rejections}) and the first in a minute
 * logged, without the body, which holds the person's name.
 */
public final class BodyMapAnswers extends Handler.Abstract {
    /** Where the page posts. */
    public static final String PATH = "/bodymap/answer";
    /** An initData is a few hundred bytes, and fourteen regions fewer still. */
    static final int MAX_BODY = 16 * 1024;
    private static final Logger log = Subsystem.MINI_APP.logger();
    /** Refusals go under their own name, so an operator can route or mute them (README, "Logs"). */
    private static final Logger refusals = Subsystem.REFUSED.logger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebAppInitData initData;
    private final ChatService chat;
    private final SendQueue sender;
    private final Clock clock;
    private final Set<String> regions;
    private final Rejections rejections;

    /**
     * For the bot with {@code token} (used only to check initData, never kept or shown); the
     * replies a post queues are handed to {@code sender}, as an update's are; {@code rejections}
     * counts the refused posts and says which may be logged.
     */
    BodyMapAnswers(String token, ChatService chat, Clock clock, SendQueue sender, Rejections rejections) {
        this.initData = new WebAppInitData(token);
        this.chat = chat;
        this.sender = sender;
        this.clock = clock;
        this.regions = Set.copyOf(chat.bodyMapRegions());
        this.rejections = rejections;
    }

    private record Answer(int status, String error, Optional<String> allow) {
        static Answer ok() {
            return new Answer(200, "", Optional.empty());
        }

        static Answer refused(int status, String error) {
            return new Answer(status, error, Optional.empty());
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals(PATH)) {
            return false;
        }
        Answer answer;
        try {
            answer = answer(request);
        } catch (RuntimeException e) {
            log.warn("Body map: a post could not be taken ({}); answered 503", e.getClass().getSimpleName());
            answer = Answer.refused(503, "unavailable");
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        answer.allow().ifPresent(allow -> response.getHeaders().put(HttpHeader.ALLOW, allow));
        if (answer.status() == 413 || answer.status() == 408) {
            // The rest of the body is not read: the connection cannot carry another request.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        String body = answer.status() == 200 ? "{\"ok\":true}" : "{\"ok\":false,\"error\":\"" + answer.error() + "\"}";
        Content.Sink.write(response, true, body, callback);
        return true;
    }

    private Answer answer(Request request) {
        if (!request.getMethod().equals("POST")) {
            rejections.count(Rejections.BODY_MAP, "method");
            return new Answer(405, "method_not_allowed", Optional.of("POST"));
        }
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return refused(400, "not_json", "a post whose Content-Type is not application/json");
        }
        if (request.getLength() > MAX_BODY) {
            return refused(413, "too_large", "a post of {} bytes, over the limit of {}", request.getLength(), MAX_BODY);
        }
        RequestBody read = RequestBody.read(request, MAX_BODY);
        switch (read.ending()) {
            case TOO_LARGE:
                return refused(413, "too_large", "a post over the limit of {} bytes", MAX_BODY);
            case TOO_SLOW:
                return refused(408, "too_slow", "a post not all there within {} s", RequestBody.WITHIN.toSeconds());
            case BROKE_OFF:
                rejections.count(Rejections.BODY_MAP, "broke_off");
                return Answer.refused(400, "bad_body");
            default:
                break;
        }
        byte[] body = read.bytes();
        Optional<Post> post = post(body);
        if (post.isEmpty()) {
            return refused(400, "bad_body", "a post of {} bytes that is not {{initData, regions, message?}}", body.length);
        }
        WebAppInitData.Checked checked = initData.check(post.get().initData(), clock.instant());
        if (checked.signed().isEmpty()) {
            String why = checked.refusal().orElseThrow().name().toLowerCase(Locale.ROOT);
            return refused(401, why, "a post with initData refused ({})", why);
        }
        if (!regions.containsAll(post.get().regions())) {
            rejections.count(Rejections.BODY_MAP, "unknown_region");
            return Answer.refused(400, "unknown_region");
        }
        WebAppInitData.Signed signed = checked.signed().get();
        ChatService.MapAnswer taken = chat.handleMarked(signed.userId(), key(signed.hash()), post.get().regions(),
                signed.languageCode(), post.get().message());
        if (!taken.queued().isEmpty()) {
            sender.queue(signed.userId(), taken.queued());
        }
        return switch (taken.marked()) {
            case TAKEN -> Answer.ok();
            case STALE -> Answer.refused(409, "stale");
            case SEEN_BEFORE -> refused(401, "replayed", "an initData used before for chat {}", signed.userId());
        };
    }

    /**
     * The refusal, counted, and logged as "Body map: " + {@code what} + its answer, unless another
     * was logged within the minute (then it is summed up later).
     */
    private Answer refused(int status, String error, String what, Object... arguments) {
        String line = "Body map: " + what + "; answered " + status + ", nothing changed";
        if (rejections.refused(Rejections.BODY_MAP, error)) {
            refusals.warn(line, arguments);
        } else {
            refusals.debug(line, arguments);
        }
        return Answer.refused(status, error);
    }

    /** A post as the page sends it; {@code message}: the question message the page was opened from, when known. */
    private record Post(String initData, Set<String> regions, OptionalLong message) {
    }

    private static Optional<Post> post(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject() || !json.path("initData").isTextual() || !json.path("regions").isArray()
                || json.get("regions").isEmpty()) {
            return Optional.empty();
        }
        Set<String> regions = new LinkedHashSet<>();
        for (JsonNode region : json.get("regions")) {
            if (!region.isTextual()) {
                return Optional.empty();
            }
            regions.add(region.asText());
        }
        OptionalLong message = OptionalLong.empty();
        if (json.has("message")) {
            JsonNode id = json.get("message");
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
                return Optional.empty();
            }
            message = OptionalLong.of(id.asLong());
        }
        return Optional.of(new Post(json.get("initData").asText(), regions, message));
    }

    /**
     * The post's key in the store's processed ids: the hash's first 8 bytes with the sign bit set,
     * so it is never a Telegram update id (those are positive), and one initData is taken once.
     */
    static long key(String hash) {
        byte[] bytes = HexFormat.of().parseHex(hash);
        return ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong() | Long.MIN_VALUE;
    }
}
