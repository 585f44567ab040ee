package org.backtriage.telegram;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.backtriage.chat.Button;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Reply;
import org.backtriage.chat.Telemetry;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultsButton;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * The Bot API calls this bot makes, each answered with a {@link Delivery} that says what to do
 * next. Nothing here retries or logs: the {@link Sender} decides, knowing which reply it was.
 *
 * <p>Every call is sent as JSON on the calling thread with OkHttp's blocking call: the library's
 * own client runs every call on its dispatcher's threads, even {@code execute}, and that hand-off
 * was a third of the bot's CPU. The frequent calls (answer a press, send, edit: one to three per
 * update) are written field by field from this bot's own values; the rare ones (the command menu,
 * inline answers) use the library's method objects, validated by it.
 */
final class BotApi {
    /** Every text this bot shows is Telegram HTML (the library's own constant is lower case). */
    static final String PARSE_MODE = "HTML";
    /** An edit that changes nothing, e.g. a button tapped twice: already as wanted. */
    private static final String NOT_MODIFIED = "message is not modified";
    /** A press answered after Telegram stopped waiting, or answered before: nothing left to do. */
    private static final List<String> PRESS_GONE = List.of("query is too old", "query id is invalid");
    /** Telegram's 429 without parameters (never seen, but then wait a little rather than hammer). */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_DESCRIPTION = 240;
    /** Telegram refuses a message without text; nothing is sent. */
    private static final Delivery EMPTY_TEXT = new Delivery.Refused(0, "not sent, invalid: the text is empty");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** Statuses of a page that is not the Bot API's answer but is worth trying again (see notAnAnswer). */
    private static final List<Integer> RETRIED_PAGES = List.of(401, 404, 408, 429);

    private static final java.util.regex.Pattern ERROR_STATUS = java.util.regex.Pattern.compile("^error (\\d{3}):");

    private final OkHttpClient calls;
    private final ObjectMapper json;
    private final HttpUrl base;
    private final String token;
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private final TokenScrubber scrubber;
    private final Telemetry telemetry;

    /**
     * Calls {@code base}{@code /bot<token>/<method>} with {@code calls}, whose call timeout bounds
     * each call; results are counted in {@code telemetry}.
     */
    BotApi(OkHttpClient calls, HttpUrl base, String token, TokenScrubber scrubber, Telemetry telemetry) {
        this.calls = calls;
        this.json = new ObjectMapper();
        this.base = base;
        this.token = token;
        this.scrubber = scrubber;
        this.telemetry = telemetry;
    }

    /** Stops the person's client waiting for the press, showing {@code notice} as a toast when present. */
    Delivery answerPress(String queryId, Optional<String> notice) {
        return answerPressWith(queryId, notice.map(text -> new Reply.Notice(text)));
    }

    /** As above; a notice marked {@code alert} shows as a pop-up the person closes. */
    Delivery answerPressWith(String queryId, Optional<Reply.Notice> notice) {
        return post("answerCallbackQuery", body -> {
            body.writeStringField("callback_query_id", queryId);
            if (notice.isPresent()) {
                body.writeStringField("text", notice.get().text());
                if (notice.get().alert()) {
                    body.writeBooleanField("show_alert", true);
                }
            }
        });
    }

    /**
     * Answers an inline query with the person's own final message as the one result, or, when
     * they have none, with no result and a button that opens the bot to start the check.
     */
    Delivery answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare) {
        AnswerInlineQuery.AnswerInlineQueryBuilder<?, ?> answer = AnswerInlineQuery.builder()
                .inlineQueryId(queryId)
                .isPersonal(true)
                .cacheTime(0);
        if (shared.isPresent()) {
            answer.results(List.of(InlineQueryResultArticle.builder()
                    .id("summary")
                    .title(shared.get().title())
                    .description(shared.get().description())
                    .inputMessageContent(InputTextMessageContent.builder()
                            .messageText(shared.get().html())
                            .parseMode(PARSE_MODE)
                            .build())
                    .build()));
        } else {
            answer.results(List.of());
            answer.button(InlineQueryResultsButton.builder().text(nothingToShare).startParameter("share").build());
        }
        return call(answer.build());
    }

    Delivery send(long chatId, String html, Keyboard keyboard) {
        if (html.isBlank()) {
            return EMPTY_TEXT;
        }
        return post("sendMessage", body -> {
            body.writeNumberField("chat_id", chatId);
            body.writeStringField("text", html);
            body.writeStringField("parse_mode", PARSE_MODE);
            writeKeyboard(body, keyboard);
        });
    }

    /** Rewrites message {@code messageId} (the one a button was pressed under); an empty keyboard removes its buttons. */
    Delivery edit(long chatId, long messageId, String html, Keyboard keyboard) {
        if (html.isBlank()) {
            return EMPTY_TEXT;
        }
        return post("editMessageText", body -> {
            body.writeNumberField("chat_id", chatId);
            body.writeNumberField("message_id", messageId);
            body.writeStringField("text", html);
            body.writeStringField("parse_mode", PARSE_MODE);
            writeKeyboard(body, keyboard);
        });
    }

    /** {@code reply_markup}: the inline keyboard, rows of buttons; nothing for an empty keyboard. */
    private static void writeKeyboard(JsonGenerator body, Keyboard keyboard) throws IOException {
        if (keyboard.isEmpty()) {
            return;
        }
        body.writeObjectFieldStart("reply_markup");
        body.writeArrayFieldStart("inline_keyboard");
        for (List<Button> row : keyboard.rows()) {
            body.writeStartArray();
            for (Button button : row) {
                body.writeStartObject();
                body.writeStringField("text", button.label());
                // A share button opens the chat picker; the chosen chat shows this bot's inline answer.
                body.writeStringField(button.action() == Button.Action.SHARE ? "switch_inline_query" : "callback_data",
                        button.data());
                body.writeEndObject();
            }
            body.writeEndArray();
        }
        body.writeEndArray();
        body.writeEndObject();
    }

    /** The command menu Telegram shows next to the text field: command name to description, in order. */
    Delivery setCommands(Map<String, String> menu) {
        return setCommands(menu, Optional.empty());
    }

    /** The command menu for people whose app is in {@code language} (every language when empty). */
    Delivery setCommands(Map<String, String> menu, Optional<String> language) {
        List<BotCommand> commands = new ArrayList<>();
        menu.forEach((name, description) ->
                commands.add(BotCommand.builder().command(name).description(description).build()));
        SetMyCommands.SetMyCommandsBuilder<?, ?> set = SetMyCommands.builder().commands(commands);
        language.ifPresent(set::languageCode);
        return call(set.build());
    }

    /** A call built from the library's method object (validated by it): the rarer ones, e.g. the command menu. */
    private <T extends Serializable> Delivery call(BotApiMethod<T> method) {
        String name = METHOD_NAMES.getOrDefault(method.getMethod(), method.getMethod());
        byte[] body;
        try {
            method.validate();
            body = json.writeValueAsBytes(method);
        } catch (TelegramApiValidationException e) {
            // Nothing is sent: the call itself is wrong.
            return reported(name, new Delivery.Refused(0, "not sent, invalid: " + scrubber.scrub(String.valueOf(e.getMessage()))));
        } catch (JsonProcessingException e) {
            return reported(name, new Delivery.Refused(0, "not sent, invalid: " + describe(e)));
        }
        return reported(name, attempt(name, body));
    }

    /** The JSON fields of one call's body, written straight from this bot's own values. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator body) throws IOException;
    }

    /**
     * A frequent call (answer a press, send, edit) with its body written field by field: no
     * library method object to build and serialise by reflection for every message.
     */
    private Delivery post(String method, Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator body = json.getFactory().createGenerator(bytes)) {
            body.writeStartObject();
            fields.write(body);
            body.writeEndObject();
        } catch (IOException e) {
            return reported(method, new Delivery.Refused(0, "not sent, invalid: " + describe(e)));
        }
        return reported(method, attempt(method, bytes.toByteArray()));
    }

    private Delivery reported(String method, Delivery delivery) {
        report(method, delivery);
        return delivery;
    }

    /**
     * The library names some methods in lower case (sendmessage...); metrics use the Bot API's own
     * spelling. Of the calls still made with the library's objects, these two.
     */
    private static final Map<String, String> METHOD_NAMES = Map.of(
            "answerinlinequery", "answerInlineQuery",
            "setmycommands", "setMyCommands");

    /** Counts the call for the operator: a reply sent, or a failure by its HTTP status (0: no answer). */
    private void report(String method, Delivery delivery) {
        if (delivery instanceof Delivery.Accepted) {
            telemetry.replySent(method);
        } else if (delivery instanceof Delivery.Refused refused) {
            telemetry.deliveryFailed(method, refused.code());
        } else if (delivery instanceof Delivery.Blocked) {
            telemetry.deliveryFailed(method, 403);
        } else if (delivery instanceof Delivery.Throttled) {
            telemetry.deliveryFailed(method, 429);
        } else {
            java.util.regex.Matcher status = ERROR_STATUS.matcher(((Delivery.Failed) delivery).why());
            telemetry.deliveryFailed(method, status.find() ? Integer.parseInt(status.group(1)) : 0);
        }
    }

    private Delivery attempt(String method, byte[] body) {
        Request request = new Request.Builder()
                .url(urls.computeIfAbsent(method, this::url))
                .post(RequestBody.create(body, JSON))
                .build();
        // On this thread: no hand-off to the HTTP client's dispatcher and back. The client's
        // call timeout bounds the whole call, connecting and reading the answer included.
        try (Response response = calls.newCall(request).execute()) {
            return answered(response.code(), response.body().bytes());
        } catch (IOException | RuntimeException e) {
            // A timeout, a refused or dropped connection, an answer broken off, or the client
            // refusing new calls while the bot closes.
            return new Delivery.Failed(describe(e));
        }
    }

    private HttpUrl url(String method) {
        return base.newBuilder().addPathSegment("bot" + token).addPathSegment(method).build();
    }

    /**
     * Reads Telegram's answer: {@code ok}, and when not ok {@code error_code}, {@code description}
     * and {@code parameters.retry_after}. The {@code result} is skipped: nothing here needs it.
     */
    private Delivery answered(int status, byte[] body) {
        Boolean ok = null;
        int code = 0;
        String description = "";
        Integer retryAfter = null;
        try (JsonParser parser = json.getFactory().createParser(body)) {
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
    private String describe(Throwable failure) {
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
