package org.backtriage.chat;

import java.util.Objects;

/** A button press being answered: the press's id (Telegram's callback query id) and the message the button sits under. */
public record Press(String id, long messageId) {
    public Press {
        Objects.requireNonNull(id, "id");
    }
}
