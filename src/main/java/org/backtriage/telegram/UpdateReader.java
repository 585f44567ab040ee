package org.backtriage.telegram;

import java.util.Locale;
import java.util.Optional;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Press;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Reads a Telegram update as an event for {@link org.backtriage.chat.ChatService}.
 *
 * <p>Only private chats are served. The triage asks about one person's health, so it must not
 * run in groups, supergroups or channels, where others read along and several people would
 * share one session; messages there are ignored without a reply (the bot should not chatter in
 * a group it was added to). A button press under a message outside a private chat, or with no
 * message at all, is only answered so the person's client stops waiting. Updates other than
 * new messages and button presses (edits, channel posts...) are ignored.
 */
final class UpdateReader {
    private static final String PRIVATE = "private";

    private UpdateReader() {
    }

    static Received read(Update update) {
        if (update.getMessage() != null) {
            return message(update.getMessage());
        }
        if (update.getCallbackQuery() != null) {
            return press(update.getCallbackQuery());
        }
        return new Received.Ignored("an update that is neither a new message nor a button press");
    }

    private static Received message(Message message) {
        if (!isPrivate(message.getChat())) {
            return new Received.Ignored("a message outside a private chat");
        }
        return new Received.ForChat(message.getChat().getId(), incoming(message), Optional.empty());
    }

    private static Incoming incoming(Message message) {
        String text = message.getText();
        if (text == null) {
            return new Incoming.Unsupported();
        }
        if (text.startsWith("/")) {
            return new Incoming.Command(commandName(text));
        }
        return new Incoming.Text();
    }

    /** {@code "/Start@backtriage_bot now"} → {@code "start"}. */
    static String commandName(String text) {
        String word = text.substring(1).split("\\s", 2)[0];
        int at = word.indexOf('@');
        if (at >= 0) {
            word = word.substring(0, at);
        }
        return word.toLowerCase(Locale.ROOT);
    }

    private static Received press(CallbackQuery query) {
        long presser = query.getFrom() == null || query.getFrom().getId() == null ? 0 : query.getFrom().getId();
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null || !isPrivate(message.getChat()) || message.getMessageId() == null) {
            return new Received.UnplacedPress(query.getId(), presser);
        }
        long chatId = message.getChat().getId();
        String data = query.getData() == null ? "" : query.getData();
        return new Received.ForChat(chatId, new Incoming.Button(data),
                Optional.of(new Press(query.getId(), message.getMessageId())));
    }

    private static boolean isPrivate(Chat chat) {
        return chat != null && chat.getId() != null && PRIVATE.equals(chat.getType());
    }
}
