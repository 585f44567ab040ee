package org.backtriage.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply waiting in the outbox until the messenger accepts it. Replies to one chat are sent in
 * the order of {@code id}; {@code press} is what the reply answers in place, if anything: a
 * button press, or the message a body map was opened from;
 * {@code queuedAt} is when it was written to the outbox (a reply too old to matter is given up).
 */
public record Outgoing(long id, long chatId, Optional<Press> press, Reply reply, Instant queuedAt) {
    public Outgoing {
        Objects.requireNonNull(press, "press");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}
