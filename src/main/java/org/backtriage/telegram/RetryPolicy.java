package org.backtriage.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;

/**
 * What the sender does with a reply, before its Bot API call and after it, and with the answer to
 * a button press: decisions only, from values, with no threads, no I/O and no logging. The
 * {@link Sender} carries them out, knowing which reply it was.
 *
 * <p>429 → wait {@code retry_after}, and nothing goes to any chat before then; 5xx, a proxy's page
 * instead of Telegram's JSON, 401 and 404, timeouts, dropped connections → back off and send again;
 * "message is not modified" and "query is too old" → done; an edit of a message that can no longer
 * be edited → sent as a new message instead; other 4xx → given up; 403 (the person
 * blocked the bot) → everything waiting for that chat is dropped. A reply queued more than
 * {@link #REPLY_LIFETIME} ago is given up unsent.
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

    /** What to do with a reply: the outcome of one call, or of looking at it before the call. */
    sealed interface Verdict {
        /** Sent, or as good as sent: it leaves the lane and the outbox. */
        record Done() implements Verdict {
        }

        /** Never to be sent: it leaves the lane and the outbox, counted as given up for {@code reason}. */
        record GiveUp(String reason) implements Verdict {
            public GiveUp {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** The person blocked the bot: everything waiting for the chat is dropped. */
        record DropChat() implements Verdict {
        }

        /** Telegram asks to slow down: send it again after {@code retryAfter}, and nothing to any chat before then. */
        record PauseAll(Duration retryAfter) implements Verdict {
            public PauseAll {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }

        /** Worth trying again: after the lane's back-off, which doubles with each failure up to a cap. */
        record BackOff() implements Verdict {
        }
    }

    static final Verdict DONE = new Verdict.Done();
    static final Verdict DROP_CHAT = new Verdict.DropChat();
    static final Verdict BACK_OFF = new Verdict.BackOff();
    /** Counted as given up: refused for good by the messenger. */
    static final Verdict REFUSED = new Verdict.GiveUp("refused");
    /** Counted as given up: queued longer ago than {@link #REPLY_LIFETIME}. */
    static final Verdict TOO_OLD = new Verdict.GiveUp("too_old");

    /** Given up unsent when {@code outgoing} was queued longer than {@link #REPLY_LIFETIME} before {@code now}. */
    static Optional<Verdict> expired(Outgoing outgoing, Instant now) {
        return age(outgoing, now).compareTo(REPLY_LIFETIME) > 0 ? Optional.of(TOO_OLD) : Optional.empty();
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
        return outgoing.reply() instanceof Reply.Notice
                || outgoing.reply() instanceof Reply.EditPressed && outgoing.press().isEmpty();
    }

    /** What a call's answer means for the reply it sent. */
    static Verdict afterCall(Delivery delivery) {
        if (delivery instanceof Delivery.Accepted) {
            return DONE;
        }
        if (delivery instanceof Delivery.Refused) {
            return REFUSED;
        }
        if (delivery instanceof Delivery.Blocked) {
            return DROP_CHAT;
        }
        if (delivery instanceof Delivery.Throttled throttled) {
            // Telegram's flood limit is usually the bot's: every chat waits, not only this one.
            return new Verdict.PauseAll(throttled.retryAfter());
        }
        return BACK_OFF;
    }

    /**
     * Whether an edit of a pressed message was refused because that message can no longer be
     * edited (Telegram allows edits for 48 hours) or is gone (deleted by the person): then what it
     * would have shown, the current question, goes as a new message instead, so the person still
     * finds it at the bottom of the chat.
     */
    static boolean editImpossible(Delivery delivery) {
        if (!(delivery instanceof Delivery.Refused refused)) {
            return false;
        }
        String description = refused.description().toLowerCase(java.util.Locale.ROOT);
        return description.contains("message can't be edited") || description.contains("message to edit not found")
                || description.contains("message_id_invalid");
    }

    /** Whether the {@code failures}-th failure in a row of one reply is worth a warning (else a debug line). */
    static boolean warns(int failures) {
        return failures == 1 || failures % WARN_EVERY == 0;
    }

    /**
     * Whether to answer a press again after its {@code tries}-th try got {@code delivery}: only a
     * throttled or failed try, fewer than {@link #PRESS_ANSWER_TRIES} times, and not while closing.
     */
    static boolean answersPressAgain(Delivery delivery, int tries, boolean closing) {
        boolean worthIt = delivery instanceof Delivery.Throttled || delivery instanceof Delivery.Failed;
        return worthIt && tries < PRESS_ANSWER_TRIES && !closing;
    }
}
