package org.backtriage.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.backtriage.chat.Button;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Reply;
import org.backtriage.chat.Telemetry;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultsButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Bot API calls this bot makes, each answered with a {@link Delivery} that says what to do
 * next. Nothing here retries or logs: the {@link Sender} decides, knowing which reply it was.
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

    private static final java.util.regex.Pattern ERROR_STATUS = java.util.regex.Pattern.compile("^error (\\d{3}):");

    private final TelegramClient client;
    private final TokenScrubber scrubber;
    private final Duration timeout;
    private final Telemetry telemetry;

    /**
     * {@code timeout} bounds the wait for one call's answer, on top of the HTTP client's own
     * timeouts: the library can leave a call's future unfinished when an answer breaks off.
     */
    BotApi(TelegramClient client, TokenScrubber scrubber, Duration timeout) {
        this(client, scrubber, timeout, Telemetry.NONE);
    }

    /** As above, counting every call's result in {@code telemetry}. */
    BotApi(TelegramClient client, TokenScrubber scrubber, Duration timeout, Telemetry telemetry) {
        this.client = client;
        this.scrubber = scrubber;
        this.timeout = timeout;
        this.telemetry = telemetry;
    }

    /** Stops the person's client waiting for the press, showing {@code notice} as a toast when present. */
    Delivery answerPress(String queryId, Optional<String> notice) {
        return answerPressWith(queryId, notice.map(text -> new Reply.Notice(text)));
    }

    /** As above; a notice marked {@code alert} shows as a pop-up the person closes. */
    Delivery answerPressWith(String queryId, Optional<Reply.Notice> notice) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer = AnswerCallbackQuery.builder().callbackQueryId(queryId);
        notice.ifPresent(n -> {
            answer.text(n.text());
            if (n.alert()) {
                answer.showAlert(true);
            }
        });
        return call(answer.build());
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
        SendMessage.SendMessageBuilder<?, ?> message = SendMessage.builder()
                .chatId(chatId)
                .text(html)
                .parseMode(PARSE_MODE);
        if (!keyboard.isEmpty()) {
            message.replyMarkup(markup(keyboard));
        }
        return call(message.build());
    }

    /** Rewrites message {@code messageId} (the one a button was pressed under); an empty keyboard removes its buttons. */
    Delivery edit(long chatId, long messageId, String html, Keyboard keyboard) {
        EditMessageText.EditMessageTextBuilder<?, ?> edit = EditMessageText.builder()
                .chatId(chatId)
                .messageId(Math.toIntExact(messageId))
                .text(html)
                .parseMode(PARSE_MODE);
        if (!keyboard.isEmpty()) {
            edit.replyMarkup(markup(keyboard));
        }
        return call(edit.build());
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

    static InlineKeyboardMarkup markup(Keyboard keyboard) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (List<Button> row : keyboard.rows()) {
            InlineKeyboardRow buttons = new InlineKeyboardRow();
            row.forEach(button -> buttons.add(button.action() == Button.Action.SHARE
                    // Opens the chat picker; the chosen chat shows this bot's inline answer.
                    ? InlineKeyboardButton.builder().text(button.label()).switchInlineQuery(button.data()).build()
                    : InlineKeyboardButton.builder().text(button.label()).callbackData(button.data()).build()));
            rows.add(buttons);
        }
        return new InlineKeyboardMarkup(rows);
    }

    private <T extends Serializable> Delivery call(BotApiMethod<T> method) {
        Delivery delivery = attempt(method);
        report(METHOD_NAMES.getOrDefault(method.getMethod(), method.getMethod()), delivery);
        return delivery;
    }

    /** The library names some methods in lower case; metrics use the Bot API's own spelling. */
    private static final Map<String, String> METHOD_NAMES = Map.of(
            "sendmessage", "sendMessage",
            "editmessagetext", "editMessageText",
            "answercallbackquery", "answerCallbackQuery",
            "answerInlineQuery", "answerInlineQuery",
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

    private <T extends Serializable> Delivery attempt(BotApiMethod<T> method) {
        try {
            client.executeAsync(method).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Delivery.ACCEPTED;
        } catch (ExecutionException e) {
            return failed(e.getCause() == null ? e : e.getCause());
        } catch (TelegramApiValidationException e) {
            // Thrown before anything is sent: the reply itself is wrong, e.g. button data over 64 bytes.
            return new Delivery.Refused(0, "not sent, invalid: " + scrubber.scrub(String.valueOf(e.getMessage())));
        } catch (TelegramApiException e) {
            return failed(e);
        } catch (TimeoutException e) {
            return new Delivery.Failed("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Failed("interrupted");
        } catch (RuntimeException e) {
            // e.g. the HTTP client refusing new calls while the bot closes
            return new Delivery.Failed(describe(e));
        }
    }

    private Delivery failed(Throwable failure) {
        if (!(failure instanceof TelegramApiRequestException refused) || refused.getErrorCode() == null
                || refused.getErrorCode() == 0) {
            // No Bot API answer: the connection failed or timed out, or a proxy answered with a page.
            return new Delivery.Failed(describe(failure));
        }
        int code = refused.getErrorCode();
        String description = scrubber.scrub(refused.getApiResponse() != null ? refused.getApiResponse()
                : String.valueOf(refused.getMessage()));
        String lower = description.toLowerCase(Locale.ROOT);
        if (code == 429) {
            Integer seconds = refused.getParameters() == null ? null : refused.getParameters().getRetryAfter();
            return new Delivery.Throttled(seconds == null || seconds < 1 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(seconds));
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
        if (code >= 500 || code == 401 || code == 404) {
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
