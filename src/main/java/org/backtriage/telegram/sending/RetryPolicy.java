package org.backtriage.telegram.sending;

import java.time.Duration;
import java.time.Instant;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;

/**
 * What the sender does with a reply before its Bot API call, and with the answer to a button
 * press: decisions only, from values, with no threads, no I/O and no logging (after a reply's call:
 * {@link Next#after}). A reply queued more than {@link #REPLY_LIFETIME} ago is given up unsent.
 */
final class RetryPolicy {
    /**
     * A reply queued longer ago than this is given up unsent: Telegram keeps an update 24 hours,
     * and an answer to a message older than that (after a long outage, or a reply failing all
     * day) no longer fits the conversation.
     */
    static final Duration REPLY_LIFETIME = Duration.ofHours(24);
    /** Tries of one answer to a press: Telegram stops waiting for it within seconds. */
    static final int PRESS_ANSWER_TRIES = 5;
    /** After the first failure of a call, only every so many is logged as a warning. */
    static final int WARN_EVERY = 10;

    private RetryPolicy() {
    }

    /** Whether {@code outgoing} was queued longer than {@link #REPLY_LIFETIME} before {@code now}: given up unsent. */
    static boolean expired(Outgoing outgoing, Instant now) {
        return age(outgoing, now).compareTo(REPLY_LIFETIME) > 0;
    }

    static Duration age(Outgoing outgoing, Instant now) {
        return Duration.between(outgoing.queuedAt(), now);
    }

    /**
     * Done without a call: a Notice is shown as the answer to its press (without a press there is
     * nothing to show it on), and an edit of a pressed message that belongs to no press has no
     * message to edit.
     */
    static boolean needsNoCall(Outgoing outgoing) {
        return switch (outgoing.reply()) {
            case Reply.Notice _ -> true;
            case Reply.EditPressed _ -> outgoing.press().isEmpty();
            case Reply.Send _ -> false;
        };
    }

    /** Whether the {@code failures}-th failure in a row of one reply is worth a warning (else a debug line). */
    static boolean warns(int failures) {
        return failures == 1 || failures % WARN_EVERY == 0;
    }
}
