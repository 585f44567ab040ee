package org.backtriage.telegram;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Bot API calls this bot makes. A failed call is logged once (method, error code,
 * description; never the token) and otherwise ignored: one lost message must not stop the bot
 * from answering the next person.
 */
final class BotApi {
    private static final Logger log = LoggerFactory.getLogger(BotApi.class);
    /** Telegram's answer to an edit that changes nothing, e.g. a button tapped twice; harmless. */
    /** Every text this bot shows is Telegram HTML (the library's own constant is lower case). */
    static final String PARSE_MODE = "HTML";
    private static final String NOT_MODIFIED = "message is not modified";

    private final TelegramClient client;
    private final TokenScrubber scrubber;

    BotApi(TelegramClient client, TokenScrubber scrubber) {
        this.client = client;
        this.scrubber = scrubber;
    }

    /** Stops the person's client waiting for the press, showing {@code notice} as a toast when present. */
    boolean answerPress(String queryId, Optional<String> notice) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer = AnswerCallbackQuery.builder().callbackQueryId(queryId);
        notice.ifPresent(answer::text);
        return call(answer.build());
    }

    boolean send(long chatId, String html, Keyboard keyboard) {
        SendMessage.SendMessageBuilder<?, ?> message = SendMessage.builder()
                .chatId(chatId)
                .text(html)
                .parseMode(PARSE_MODE);
        if (!keyboard.isEmpty()) {
            message.replyMarkup(markup(keyboard));
        }
        return call(message.build());
    }

    /** Rewrites the message a button was pressed under; an empty keyboard removes its buttons. */
    boolean edit(Received.Pressed pressed, String html, Keyboard keyboard) {
        EditMessageText.EditMessageTextBuilder<?, ?> edit = EditMessageText.builder()
                .chatId(pressed.chatId())
                .messageId(pressed.messageId())
                .text(html)
                .parseMode(PARSE_MODE);
        if (!keyboard.isEmpty()) {
            edit.replyMarkup(markup(keyboard));
        }
        return call(edit.build());
    }

    /** The command menu Telegram shows next to the text field: command name to description, in order. */
    boolean setCommands(Map<String, String> menu) {
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

    /** Runs one call; true when Telegram accepted it. */
    private <T extends Serializable> boolean call(BotApiMethod<T> method) {
        String name = method.getMethod();
        try {
            client.execute(method);
            return true;
        } catch (TelegramApiRequestException e) {
            String description = scrubber.scrub(e.getApiResponse() != null ? e.getApiResponse() : e.getMessage());
            if (description != null && description.toLowerCase(Locale.ROOT).contains(NOT_MODIFIED)) {
                log.debug("Bot API {}: {}", name, description);
            } else {
                log.warn("Bot API {} failed: error {}: {}", name, e.getErrorCode(), description);
            }
        } catch (TelegramApiException e) {
            log.warn("Bot API {} failed: {}", name, describe(e));
        } catch (RuntimeException e) {
            // The client rejects some failures unchecked (e.g. a dispatcher shut down while closing).
            log.warn("Bot API {} failed: {}", name, describe(e));
        }
        return false;
    }

    /** The exception and its causes in one line, e.g. "Unable to execute sendmessage method: SocketTimeoutException: timeout". */
    private String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        for (int i = 0; cause != null && i < 5; i++, cause = cause.getCause()) {
            text.append(": ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return scrubber.scrub(text.toString());
    }
}
