package org.backtriage.telegram.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
 * The Bot API calls this bot makes, each answered with a {@link TelegramAnswer} ({@link AnswerReader})
 * and counted. Nothing here retries or logs: the sender decides, knowing which reply it was.
 *
 * <p>Every call is sent as JSON on the calling thread with OkHttp's blocking call, not with the
 * library's own client, which hands every call to its dispatcher's threads and back, even
 * {@code execute}. The frequent calls (answer a press, send, edit: one to three per
 * update) are written field by field from this bot's own values; the rare ones (the command menu,
 * inline answers) use the library's method objects, validated by it.
 */
public final class BotApi {
    /** The updates this bot reads: getUpdates and setWebhook ask for these only. */
    public static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query");
    /** Every text this bot shows is Telegram HTML (the library's own constant is lower case). */
    static final String PARSE_MODE = "HTML";
    /** Telegram refuses a message without text; nothing is sent. */
    private static final TelegramAnswer EMPTY_TEXT = TelegramAnswer.none(TelegramAnswer.Kind.REFUSED,
            "not sent, invalid: the text is empty");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /**
     * Calls under way at once, at most: each chat sends on a thread of its own, and unpaced (a
     * local stand-in, or a burst of press answers) they would each open a connection. A few calls
     * at once fill Telegram's 30 messages a second many times over, and a few slow ones still
     * leave room for the rest.
     */
    public static final int MOST_AT_ONCE = 8;

    private final OkHttpClient calls;
    private final ObjectMapper json;
    private final BotAccess access;
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private final CallPlaces places = new CallPlaces(MOST_AT_ONCE);
    private final TokenScrubber scrubber;
    private final AnswerReader answers;
    private final Telemetry telemetry;

    /** Calls {@code <Bot API>/bot<token>/<method>} with {@code calls}, whose call timeout bounds each call. */
    private BotApi(OkHttpClient calls, BotAccess access, Telemetry telemetry) {
        this.calls = calls;
        // Jackson keeps its buffers per thread by default, and each lane is a new virtual thread:
        // a shared pool saves 12 KB of garbage a call (BENCHMARKS.md).
        this.json = new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(2 * MOST_AT_ONCE)).build());
        this.access = access;
        this.scrubber = access.scrubber();
        this.answers = new AnswerReader(json.getFactory(), scrubber);
        this.telemetry = telemetry;
    }

    /**
     * The Bot API for every call but getUpdates, of the bot {@code access} names, each call bounded
     * by {@code callTimeout}, on {@code http}'s dispatcher and connection pool, so closing
     * {@code http} ends its calls too; nothing is counted.
     */
    public static BotApi over(OkHttpClient http, BotAccess access, Duration callTimeout) {
        return over(http, access, callTimeout, Telemetry.NONE);
    }

    /** As above, counting every call's result in {@code telemetry}. */
    public static BotApi over(OkHttpClient http, BotAccess access, Duration callTimeout, Telemetry telemetry) {
        // Calls run on the sender's threads; the dispatcher's limits apply only to asynchronous
        // calls (getUpdates). The sender retries failed calls itself, paced and logged: OkHttp
        // must not resend a message on its own.
        OkHttpClient calls = http.newBuilder()
                .readTimeout(callTimeout)
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .build();
        return new BotApi(calls, access, telemetry);
    }

    /** Stops the person's client waiting for the press, showing {@code notice} as a toast when present. */
    TelegramAnswer answerPress(String queryId, Optional<String> notice) {
        return answerPressWith(queryId, notice.map(text -> new Reply.Notice(text)));
    }

    /** As above; a notice marked {@code alert} shows as a pop-up the person closes. */
    public TelegramAnswer answerPressWith(String queryId, Optional<Reply.Notice> notice) {
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
    public TelegramAnswer answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare) {
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

    public TelegramAnswer send(long chatId, String html, Keyboard keyboard) {
        if (html.isBlank()) {
            return EMPTY_TEXT;
        }
        return post("sendMessage", body -> {
            body.writeNumberField("chat_id", chatId);
            body.writeStringField("text", html);
            body.writeStringField("parse_mode", PARSE_MODE);
            CallJson.keyboard(body, keyboard, OptionalLong.empty());
        });
    }

    /**
     * Rewrites message {@code messageId} (the one a button was pressed under); an empty keyboard
     * removes its buttons. A Mini App's button in it opens its page with {@code m=<messageId>}
     * added to the address, so the page's answer can edit this message in turn.
     */
    public TelegramAnswer edit(long chatId, long messageId, String html, Keyboard keyboard) {
        if (html.isBlank()) {
            return EMPTY_TEXT;
        }
        return post("editMessageText", body -> {
            body.writeNumberField("chat_id", chatId);
            body.writeNumberField("message_id", messageId);
            body.writeStringField("text", html);
            body.writeStringField("parse_mode", PARSE_MODE);
            CallJson.keyboard(body, keyboard, OptionalLong.of(messageId));
        });
    }

    /** The command menu Telegram shows next to the text field: command name to description, in order. */
    public TelegramAnswer setCommands(Map<String, String> menu) {
        return setCommands(menu, Optional.empty());
    }

    /** The command menu for people whose app is in {@code language} (every language when empty). */
    public TelegramAnswer setCommands(Map<String, String> menu, Optional<String> language) {
        List<BotCommand> commands = new ArrayList<>();
        menu.forEach((name, description) ->
                commands.add(BotCommand.builder().command(name).description(description).build()));
        SetMyCommands.SetMyCommandsBuilder<?, ?> set = SetMyCommands.builder().commands(commands);
        language.ifPresent(set::languageCode);
        return call(set.build());
    }

    /** A call built from the library's method object (validated by it): the rarer ones, e.g. the command menu. */
    private <T extends Serializable> TelegramAnswer call(BotApiMethod<T> method) {
        String name = METHOD_NAMES.getOrDefault(method.getMethod(), method.getMethod());
        byte[] body;
        try {
            method.validate();
            body = json.writeValueAsBytes(method);
        } catch (TelegramApiValidationException e) {
            return reported(name, invalid(scrubber.scrub(String.valueOf(e.getMessage()))));
        } catch (JsonProcessingException e) {
            return reported(name, invalid(answers.describe(e)));
        }
        return reported(name, attempt(name, body).answer());
    }

    /** What one call came back with: the answer as the sender reads it, and its body as it came (empty without one). */
    record Exchange(TelegramAnswer answer, byte[] body) {
    }

    /**
     * A frequent call (answer a press, send, edit) with its body written field by field: no
     * library method object to build and serialise by reflection for every message.
     */
    private TelegramAnswer post(String method, CallJson.Fields fields) {
        return reported(method, exchange(method, fields).answer());
    }

    /**
     * A call whose answer's body its caller reads too ({@link WebhookAdmin}'s, which sends nobody
     * anything, so it is not counted), on the same client, places and reading as every other call.
     */
    Exchange exchange(String method, CallJson.Fields fields) {
        byte[] body;
        try {
            body = CallJson.body(json.getFactory(), fields);
        } catch (IOException e) {
            return new Exchange(invalid(answers.describe(e)), new byte[0]);
        }
        return attempt(method, body);
    }

    /** Nothing is sent: the call itself is wrong. */
    private static TelegramAnswer invalid(String why) {
        return TelegramAnswer.none(TelegramAnswer.Kind.REFUSED, "not sent, invalid: " + why);
    }

    /** Counts the call for the operator: a reply sent, or a failure by Telegram's code or the HTTP status (0: no answer). */
    private TelegramAnswer reported(String method, TelegramAnswer answer) {
        if (answer.done()) {
            telemetry.replySent(method);
        } else {
            telemetry.deliveryFailed(method, answer.code());
        }
        return answer;
    }

    /**
     * The library names some methods in lower case (sendmessage...); metrics use the Bot API's own
     * spelling. Of the calls still made with the library's objects, these two.
     */
    private static final Map<String, String> METHOD_NAMES = Map.of(
            "answerinlinequery", "answerInlineQuery",
            "setmycommands", "setMyCommands");

    private Exchange attempt(String method, byte[] body) {
        Request request = new Request.Builder()
                .url(urls.computeIfAbsent(method, this::url))
                .post(RequestBody.create(body, JSON))
                .build();
        CallPlaces.Slot slot;
        try {
            slot = places.take();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return new Exchange(TelegramAnswer.none(TelegramAnswer.Kind.TRY_AGAIN, "not sent: the bot is closing"), new byte[0]);
        }
        // On this thread: no hand-off to the HTTP client's dispatcher and back. The client's
        // call timeout bounds the whole call, connecting and reading the answer included.
        try (slot; Response response = calls.newCall(request).execute()) {
            byte[] answer = response.body().bytes();
            return new Exchange(answers.read(method, response.code(), answer), answer);
        } catch (IOException | RuntimeException e) {
            // A timeout, a refused or dropped connection, an answer broken off, or the client
            // refusing new calls while the bot closes.
            return new Exchange(TelegramAnswer.none(TelegramAnswer.Kind.TRY_AGAIN, answers.describe(e)), new byte[0]);
        }
    }

    /** A place for a call under way, held by this thread until closed ({@link CallPlaces#take}). */
    public CallPlaces.Slot slot() throws InterruptedException {
        return places.take();
    }

    /** Threads waiting for a place for a call (tests watch a caller reach it). */
    public int callsWaiting() {
        return places.waiting();
    }

    private HttpUrl url(String method) {
        return access.method(method);
    }
}
