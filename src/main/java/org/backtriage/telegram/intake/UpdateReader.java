package org.backtriage.telegram.intake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Press;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Reads a Telegram update as an event for {@link org.backtriage.chat.ChatService}.
 *
 * <p>Only private chats are served. The triage asks about one person's health, so it must not
 * run in groups, supergroups or channels, where others read along and several people would
 * share one session. A command in a group or supergroup gets one polite line
 * ({@link Incoming.NotPrivate}); anything else there is ignored without a reply, so the bot does
 * not chatter in a group it was added to. A button press that cannot be placed in the presser's
 * own private chat is only answered, so the person's client stops waiting. Updates other than
 * new messages, button presses and inline queries (edits, channel posts...) are ignored. The
 * person's app language goes along as a hint for the conversation's language.
 */
final class UpdateReader {
    /** Telegram's limit for callback data; longer data cannot come from a button of this bot. */
    static final int MAX_BUTTON_DATA_BYTES = 64;
    private static final String PRIVATE = "private";
    private static final String GROUP = "group";
    private static final String SUPERGROUP = "supergroup";

    /** Fields a newer Bot API added, which this library version does not know, are skipped. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private UpdateReader() {
    }

    /**
     * The update Telegram wrote as {@code json}, in the library's type, whichever intake brought
     * it; fails when a field it knows holds what it cannot read.
     */
    static Update typed(JsonNode json) throws IOException {
        return JSON.treeToValue(json, Update.class);
    }

    static Received read(Update update) {
        if (update.getMessage() != null) {
            return message(update.getMessage());
        }
        if (update.getCallbackQuery() != null) {
            return press(update.getCallbackQuery());
        }
        if (update.getInlineQuery() != null && update.getInlineQuery().getFrom() != null) {
            InlineQuery query = update.getInlineQuery();
            return new Received.Inline(query.getId(), query.getFrom().getId(), language(query.getFrom()));
        }
        if (update.getEditedMessage() != null) {
            return new Received.Ignored("an edited message");
        }
        if (update.getChannelPost() != null || update.getEditedChannelPost() != null) {
            return new Received.Ignored("a channel post");
        }
        return new Received.Ignored("an update that is neither a new message nor a button press");
    }

    private static Received message(Message message) {
        Chat chat = message.getChat();
        if (chat == null || chat.getId() == null) {
            return new Received.Ignored("a message without a chat");
        }
        if (PRIVATE.equals(chat.getType())) {
            return new Received.ForChat(chat.getId(), incoming(message), Optional.empty(), language(message.getFrom()));
        }
        boolean group = GROUP.equals(chat.getType()) || SUPERGROUP.equals(chat.getType());
        if (group && message.getText() != null && message.getText().startsWith("/")
                && !commandName(message.getText()).isEmpty()) {
            return new Received.ForChat(chat.getId(), new Incoming.NotPrivate(), Optional.empty());
        }
        return new Received.Ignored("a message outside a private chat");
    }

    /** What a person sent; the text itself is never passed on (it is neither stored nor echoed). */
    private static Incoming incoming(Message message) {
        String text = message.getText();
        if (text == null) {
            // photos, stickers, voice, documents, locations, contacts...
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
        if (message == null || message.getMessageId() == null || !isPrivate(message.getChat())) {
            return new Received.UnplacedPress(query.getId(), presser);
        }
        long chatId = message.getChat().getId();
        if (chatId != presser) {
            // In a private chat the chat is the person; anything else is not their conversation.
            return new Received.UnplacedPress(query.getId(), presser);
        }
        String data = query.getData() == null ? "" : query.getData();
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_BUTTON_DATA_BYTES) {
            // Not from one of this bot's buttons: read it as an unknown (stale) button.
            data = "";
        }
        return new Received.ForChat(chatId, new Incoming.Button(data),
                Optional.of(new Press(query.getId(), message.getMessageId())), language(query.getFrom()));
    }

    /** The language of the person's Telegram app, e.g. "es", if it says. */
    private static Optional<String> language(User user) {
        return Optional.ofNullable(user).map(User::getLanguageCode).filter(code -> !code.isBlank());
    }

    private static boolean isPrivate(Chat chat) {
        return chat != null && chat.getId() != null && PRIVATE.equals(chat.getType());
    }
}
