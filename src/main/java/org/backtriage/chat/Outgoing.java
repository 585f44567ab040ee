package org.backtriage.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * A reply waiting in the outbox until the messenger accepts it. Replies to one chat are sent in
 * the order of {@code id}; {@code press} is the button press the reply answers, if any.
 */
public record Outgoing(long id, long chatId, Optional<Press> press, Reply reply) {
    public Outgoing {
        Objects.requireNonNull(press, "press");
        Objects.requireNonNull(reply, "reply");
    }
}
