package org.backtriage.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * What a turn's edits rewrite: the message a button sits under and the press to answer
 * (Telegram's callback query id), or, for the body map's answer, the message its page was opened
 * from, with no press to answer.
 */
public record Press(Optional<String> queryId, long messageId) {
    public Press {
        Objects.requireNonNull(queryId, "queryId");
    }

    /** A button press, {@code queryId}, under message {@code messageId}. */
    public Press(String queryId, long messageId) {
        this(Optional.of(queryId), messageId);
    }

    /** Message {@code messageId} is to be edited, but no press is to be answered. */
    public static Press ofMessage(long messageId) {
        return new Press(Optional.empty(), messageId);
    }
}
