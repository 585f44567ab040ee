package org.backtriage.telegram.sending;

import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TelegramAnswer;

/** The Bot API call that shows a reply: a new message, or the pressed message rewritten. */
sealed interface MessageCall {
    /** The chat the call goes to. */
    long chatId();

    /** The Bot API method, for logs. */
    String method();

    /** A new message at the bottom of the chat. */
    record Send(long chatId, String html, Keyboard keyboard) implements MessageCall {
        @Override
        public String method() {
            return "sendMessage";
        }
    }

    /** Message {@code messageId}, the one a button was pressed under, rewritten. */
    record Edit(long chatId, long messageId, String html, Keyboard keyboard) implements MessageCall {
        @Override
        public String method() {
            return "editMessageText";
        }
    }

    /** The call for {@code outgoing}, a message or an edit of a pressed message that has a press. */
    static MessageCall of(Outgoing outgoing) {
        return switch (outgoing.reply()) {
            case Reply.Send(String html, Keyboard keyboard) -> new Send(outgoing.chatId(), html, keyboard);
            case Reply.EditPressed edit -> new Edit(outgoing.chatId(), outgoing.press().orElseThrow().messageId(),
                    edit.html(), edit.keyboard());
            case Reply.Notice _ -> throw new IllegalArgumentException("a notice is the answer to a press, not a message");
        };
    }

    /** Makes the call. */
    default TelegramAnswer make(BotApi api) {
        return switch (this) {
            case Send(long chat, String html, Keyboard keyboard) -> api.send(chat, html, keyboard);
            case Edit(long chat, long message, String html, Keyboard keyboard) -> api.edit(chat, message, html, keyboard);
        };
    }

    /** What this shows, as a new message to chat {@code chatId}. */
    default MessageCall asNewMessageTo(long chatId) {
        return switch (this) {
            case Send(_, String html, Keyboard keyboard) -> new Send(chatId, html, keyboard);
            case Edit(_, _, String html, Keyboard keyboard) -> new Send(chatId, html, keyboard);
        };
    }
}
