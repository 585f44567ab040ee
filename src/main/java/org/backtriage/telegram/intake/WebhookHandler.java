package org.backtriage.telegram.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.http.Rejections;
import org.backtriage.http.RequestBody;
import org.backtriage.logging.Subsystem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * {@code POST <path>}: one update from Telegram, handled like a polled one ({@link UpdateIntake},
 * then {@link org.backtriage.chat.ChatService#handleBatch} with that one event), its replies
 * queued in the outbox and sent by the {@code Sender}, never in this answer. The answer tells
 * Telegram whether to deliver it again:
 *
 * <ul>
 *   <li>200 once the update's transaction committed, or it was handled before (a duplicate), or
 *       it can never succeed (its turn fails whatever the store does): Telegram holds back the
 *       chat's later updates while it retries one, so a poison update must not be retried;
 *   <li>503 when the store failed in a way that passes (unreachable, busy, restarting, a
 *       conflict with another transaction): nothing was kept, and the same update delivered again
 *       later succeeds. A store failure that would recur (a value or constraint the turn breaks)
 *       is the update's own: 200, as above;
 *   <li>403 without the right secret token, 413 for a body over {@link #MAX_BODY}, 408 for one not
 *       all there within {@link RequestBody#WITHIN}, 400 for a body that is not a Telegram update:
 *       nothing changes, each is counted ({@link Rejections}) and the first in a minute logged,
 *       never with the body.
 * </ul>
 */
public final class WebhookHandler extends Handler.Abstract {
    private static final Logger log = Subsystem.INTAKE.logger();
    /** Refusals go under their own name, so an operator can route or mute them (README, "Logs"). */
    private static final Logger refusals = Subsystem.REFUSED.logger();
    /** Telegram's updates are a few kilobytes; anything near this is not one. */
    public static final int MAX_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final WebhookSecret secret;
    private final UpdateIntake intake;
    private final Predicate<Throwable> worthRetrying;
    private final IntConsumer answered;
    private final Rejections rejections;

    /** Where Telegram posts the updates, with which secret, and how a failure of the store is judged. */
    public interface Route {
        /** The path Telegram posts to. */
        String path();

        /** What Telegram sends in {@link WebhookSecret#HEADER} with each request. */
        String secret();

        /** Whether a failure (or its causes) passes, so that Telegram's retry may succeed. */
        Predicate<Throwable> worthRetrying();
    }

    /**
     * Takes the updates posted to {@code endpoint} to {@code intake}. The endpoint's
     * {@code worthRetrying}, the store's judgement of a failure (and its causes), tells a failure
     * of the store that passes (worth Telegram's retry) from one that recurs or is the update's own
     * turn's; {@code answered} hears every status answered (for the operator's health check);
     * {@code rejections} counts the refusals, and says which may be logged.
     */
    public WebhookHandler(Route endpoint, UpdateIntake intake, IntConsumer answered, Rejections rejections) {
        this.path = endpoint.path();
        this.secret = new WebhookSecret(endpoint.secret());
        this.intake = intake;
        this.worthRetrying = endpoint.worthRetrying();
        this.answered = answered;
        this.rejections = rejections;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Answer answer = answer(request);
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        answer.allow().ifPresent(allow -> response.getHeaders().put(HttpHeader.ALLOW, allow));
        if (answer.status() == 413 || answer.status() == 408) {
            // The rest of the body is not read: the connection cannot carry another request.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        // Heard before the answer leaves, so whoever sees the answer finds it counted.
        answered.accept(answer.status());
        Content.Sink.write(response, true, answer.text() + "\n", callback);
        return true;
    }

    private record Answer(int status, String text, Optional<String> allow) {
        Answer(int status, String text) {
            this(status, text, Optional.empty());
        }
    }

    private Answer answer(Request request) {
        if (!Request.getPathInContext(request).equals(path)) {
            rejections.count(Rejections.WEBHOOK, "path");
            return new Answer(404, "not found");
        }
        // Before anything else, so that nobody without the secret learns anything, the method included.
        if (!secret.matches(Optional.ofNullable(request.getHeaders().get(WebhookSecret.HEADER)))) {
            refused("secret", "Webhook: a request from {} without the right secret token; refused with 403",
                    Request.getRemoteAddr(request));
            return new Answer(403, "forbidden");
        }
        if (!request.getMethod().equals("POST")) {
            rejections.count(Rejections.WEBHOOK, "method");
            return new Answer(405, "method not allowed; use POST", Optional.of("POST"));
        }
        if (request.getLength() > MAX_BODY) {
            // Refused on its Content-Length alone: none of it is read.
            refused("too_large", "Webhook: a request body of {} bytes, over the limit of {}; refused with 413", request.getLength(),
                    MAX_BODY);
            return new Answer(413, "request body too large");
        }
        // Refused once over the limit, whatever the body's length says (or if it says none).
        RequestBody body = RequestBody.read(request, MAX_BODY);
        switch (body.ending()) {
            case TOO_LARGE:
                refused("too_large", "Webhook: a request body over the limit of {} bytes; refused with 413", MAX_BODY);
                return new Answer(413, "request body too large");
            case TOO_SLOW:
                refused("too_slow", "Webhook: a request body not all there within {} s; refused with 408",
                        RequestBody.WITHIN.toSeconds());
                return new Answer(408, "request body too slow");
            case BROKE_OFF:
                rejections.count(Rejections.WEBHOOK, "broke_off");
                log.debug("Webhook: the request body broke off");
                return new Answer(400, "request body broke off");
            default:
                return update(body.bytes());
        }
    }

    /** Counts a refusal, and logs it unless another was logged within the minute (then it is summed up later). */
    private void refused(String reason, String format, Object... arguments) {
        if (rejections.refused(Rejections.WEBHOOK, reason)) {
            refusals.warn(format, arguments);
        } else {
            refusals.debug(format, arguments);
        }
    }

    private Answer update(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            // Where, never what: the parser's message quotes the body.
            JsonLocation at = e instanceof JsonProcessingException parse ? parse.getLocation() : null;
            refused("not_json", "Webhook: a request body of {} bytes that is not JSON{}; refused with 400", body.length,
                    at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
            return new Answer(400, "not JSON");
        }
        if (json == null || !json.isObject() || !json.path("update_id").canConvertToInt()) {
            refused("not_update", "Webhook: a JSON body of {} bytes that is not a Telegram update (no update_id); refused with 400",
                    body.length);
            return new Answer(400, "not a Telegram update");
        }
        Update update;
        try {
            update = UpdateReader.typed(json);
        } catch (IOException | RuntimeException e) {
            // Delivered again, it would fail again and hold back the chat's later updates.
            log.error("Update {} could not be read ({}); dropped, answered 200 so it does not hold up its chat",
                    json.path("update_id").asInt(), e.getClass().getSimpleName());
            return new Answer(200, "ok");
        }
        return receive(update);
    }

    /** The update handled in a transaction of its own; 503 only when the store failed in a way that passes. */
    private Answer receive(Update update) {
        Optional<Event> event = intake.read(update);
        if (event.isEmpty()) {
            return new Answer(200, "ok");
        }
        List<Handled> handled;
        try {
            handled = intake.chat().handleBatch(List.of(event.get()));
        } catch (RuntimeException e) {
            handled = List.of(Handled.failed(event.get(), e));
        }
        Optional<RuntimeException> failure = handled.get(0).failure();
        if (failure.isPresent() && worthRetrying.test(failure.get())) {
            log.warn("Update {} could not be saved ({}); answered 503, so Telegram delivers it again", update.getUpdateId(),
                    intake.scrubber().scrub(String.valueOf(failure.get().getMessage())));
            return new Answer(503, "try again later");
        }
        // A failure here recurs (its turn throws, or breaks a constraint): logged, its press answered, not retried.
        intake.settle(handled);
        return new Answer(200, "ok");
    }
}
