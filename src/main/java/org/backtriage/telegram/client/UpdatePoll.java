package org.backtriage.telegram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * getUpdates: Telegram's long poll for this bot's updates, one call at a time on the caller's
 * thread, on the client whose reads wait longer than the poll ({@link BotHttp}). Its answer is
 * read as every call's is ({@link TelegramAnswer}); the updates it brings are handed on as
 * Telegram wrote them, one JSON object each, so that one the bot cannot read is skipped alone
 * rather than failing its whole batch. {@link #cancel}, from any thread, ends the call under way
 * and refuses the later ones: one poll lasts from its first call to its cancelling.
 */
public final class UpdatePoll {
    /** How long one getUpdates call waits for news on Telegram's side. */
    public static final int LONG_POLL_SECONDS = 50;
    /** Telegram's most updates in one answer. */
    static final int UPDATES_PER_CALL = 100;
    private static final String METHOD = "getUpdates";
    private static final MediaType JSON_BODY = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final HttpUrl url;
    private final AnswerReader answers;
    private Call open;
    private boolean cancelled;

    UpdatePoll(OkHttpClient http, BotAccess access) {
        this.http = http;
        this.url = access.method(METHOD);
        this.answers = new AnswerReader(JSON.getFactory(), access.scrubber());
    }

    /**
     * What one poll came back with: Telegram's answer, and when it was taken the updates it
     * brought, oldest first (none when it was not).
     */
    public record Polled(TelegramAnswer answer, List<JsonNode> updates) {
        public Polled {
            Objects.requireNonNull(answer, "answer");
            updates = List.copyOf(updates);
        }

        static Polled failed(TelegramAnswer answer) {
            return new Polled(answer, List.of());
        }
    }

    /**
     * The updates after {@code offset - 1}: confirms to Telegram every update below
     * {@code offset}, then waits up to {@link #LONG_POLL_SECONDS} for news. Never throws: a call
     * that could not be made, or was cancelled, is a failed answer.
     */
    public Polled next(long offset) {
        Call call = http.newCall(new Request.Builder().url(url).post(RequestBody.create(body(offset), JSON_BODY)).build());
        synchronized (this) {
            if (cancelled) {
                return Polled.failed(TelegramAnswer.none(TelegramAnswer.Kind.TRY_AGAIN, "not sent: polling was cancelled"));
            }
            open = call;
        }
        try (Response response = call.execute()) {
            byte[] body = response.body().bytes();
            JsonNode taken = taken(body);
            if (taken == null) {
                // Telegram's refusal, or something that is not its answer: read as every call's is.
                return Polled.failed(answers.read(METHOD, response.code(), body));
            }
            JsonNode result = taken.path("result");
            if (!result.isArray()) {
                return Polled.failed(TelegramAnswer.none(TelegramAnswer.Kind.TRY_AGAIN,
                        "the answer's result is not a list of updates"));
            }
            List<JsonNode> updates = new ArrayList<>(result.size());
            result.forEach(updates::add);
            return new Polled(TelegramAnswer.OK, updates);
        } catch (IOException | RuntimeException e) {
            // A timeout, a refused or dropped connection, an answer broken off, a cancelled call.
            return Polled.failed(TelegramAnswer.none(TelegramAnswer.Kind.TRY_AGAIN, answers.describe(e)));
        } finally {
            synchronized (this) {
                open = null;
            }
        }
    }

    /** Ends the call under way, if any (its {@link #next} returns at once, failed), and every later one. */
    public void cancel() {
        Call call;
        synchronized (this) {
            cancelled = true;
            call = open;
        }
        if (call != null) {
            call.cancel();
        }
    }

    /** Telegram's answer when it says {@code "ok": true}, read once; else null. */
    private static JsonNode taken(byte[] body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer != null && answer.path("ok").asBoolean(false) ? answer : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] body(long offset) {
        try {
            return CallJson.body(JSON.getFactory(), body -> {
                body.writeNumberField("offset", offset);
                body.writeNumberField("timeout", LONG_POLL_SECONDS);
                body.writeNumberField("limit", UPDATES_PER_CALL);
                CallJson.allowedUpdates(body);
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a getUpdates call", e);
        }
    }
}
