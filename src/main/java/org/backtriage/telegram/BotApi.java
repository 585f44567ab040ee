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
import org.backtriage.chat.Keyboard;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
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

    private final TelegramClient client;
    private final TokenScrubber scrubber;
    private final Duration timeout;

    /**
     * {@code timeout} bounds the wait for one call's answer, on top of the HTTP client's own
     * timeouts: the library can leave a call's future unfinished when an answer breaks off.
     */
    BotApi(TelegramClient client, TokenScrubber scrubber, Duration timeout) {
        this.client = client;
        this.scrubber = scrubber;
        this.timeout = timeout;
    }

    /** Stops the person's client waiting for the press, showing {@code notice} as a toast when present. */
    Delivery answerPress(String queryId, Optional<String> notice) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer = AnswerCallbackQuery.builder().callbackQueryId(queryId);
        notice.ifPresent(answer::text);
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
        List<BotCommand> commands = new ArrayList<>();
        menu.forEach((name, description) ->
                commands.add(BotCommand.builder().command(name).description(description).build()));
        return call(SetMyCommands.builder().commands(commands).build());
    }

    static InlineKeyboardMarkup markup(Keyboard keyboard) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (List<Button> row : keyboard.rows()) {
            InlineKeyboardRow buttons = new InlineKeyboardRow();
            row.forEach(button -> buttons.add(InlineKeyboardButton.builder()
                    .text(button.label())
                    .callbackData(button.data())
                    .build()));
            rows.add(buttons);
        }
        return new InlineKeyboardMarkup(rows);
    }

    private <T extends Serializable> Delivery call(BotApiMethod<T> method) {
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
