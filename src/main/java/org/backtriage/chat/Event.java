package org.backtriage.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * One incoming update for a chat, as handled in a batch: the chat, the messenger's update id
 * (so a re-delivery changes nothing), the button press being answered, what arrived, and the
 * person's app language as a hint.
 */
public record Event(long chatId, long updateId, Optional<Press> press, Incoming incoming, Optional<String> language) {
    public Event {
        Objects.requireNonNull(press, "press");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(language, "language");
    }
}
