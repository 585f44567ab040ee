package org.backtriage.telegram;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.chat.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try of a lane's next reply: whether it may go now (its age, its press's answer, the paces),
 * the Bot API call, and what the result means for the lane ({@link RetryPolicy}), logged with the
 * reply's id and chat (never its text). Runs on the lane's thread; the {@link Sender} carries out
 * the {@link Next} step.
 */
final class ReplyCall {
    /** The sender's: operators set one logger's level for everything sent. */
    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    /** What the lane does after one try. */
    sealed interface Next {
        /** The reply is done (sent, or given up): it leaves the lane. */
        record Finish() implements Next {
        }

        /** Everything waiting for the chat is dropped: the person blocked the bot. */
        record DropChat() implements Next {
        }

        /** Come back to the same reply after {@code nanos}, leaving the thread to other lanes. */
        record Wait(long nanos) implements Next {
        }

        /**
         * Waiting for something that wakes the lane when it comes: a token of the shared pace,
         * or the answer to the reply's press.
         */
        record Parked() implements Next {
        }
    }

    static final Next FINISH = new Next.Finish();
    static final Next DROP_CHAT = new Next.DropChat();
    static final Next PARKED = new Next.Parked();
    /** How soon a reply held back for want of a sure lease is looked at again. */
    static final long NOT_HELD_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BotApi api;
    private final SharedPace allChats;
    private final PressAnswers presses;
    private final Telemetry telemetry;
    private final Clock clock;
    private final BooleanSupplier closing;
    /** Whether the sender surely holds its lease right now: asked right before each call. */
    private final BooleanSupplier held;

    ReplyCall(BotApi api, SharedPace allChats, PressAnswers presses, Telemetry telemetry, Clock clock,
              BooleanSupplier closing, BooleanSupplier held) {
        this.api = api;
        this.allChats = allChats;
        this.presses = presses;
        this.telemetry = telemetry;
        this.clock = clock;
        this.closing = closing;
        this.held = held;
    }

    /** Tries {@code outgoing}, the head of {@code lane}. */
    Next attempt(Lane lane, Outgoing outgoing) {
        String what = "reply " + outgoing.id() + " to chat " + lane.chatId;
        Optional<RetryPolicy.Verdict> expired = RetryPolicy.expired(outgoing, clock.instant());
        if (expired.isPresent()) {
            log.warn("Reply {} to chat {} given up unsent: queued {} h ago, longer than {} h", outgoing.id(), lane.chatId,
                    RetryPolicy.age(outgoing, clock.instant()).toHours(), RetryPolicy.REPLY_LIFETIME.toHours());
            return carryOut(lane, expired.get(), "", what);
        }
        if (!presses.answered(outgoing, lane)) {
            return PARKED;
        }
        if (RetryPolicy.needsNoCall(outgoing)) {
            if (outgoing.reply() instanceof Reply.EditPressed) {
                log.debug("Reply {} edits a pressed message but belongs to no press; skipped", outgoing.id());
            }
            return FINISH;
        }
        long wait = lane.pace.waitNanos();
        if (wait > 0) {
            return new Next.Wait(wait);
        }
        if (!allChats.take(lane)) {
            return PARKED;
        }
        lane.pace.tryTake();
        if (!held.getAsBoolean()) {
            return notHeld(what);
        }
        if (outgoing.reply() instanceof Reply.Send send) {
            return settle(lane, "sendMessage", what, api.send(lane.chatId, send.html(), send.keyboard()));
        }
        Reply.EditPressed edit = (Reply.EditPressed) outgoing.reply();
        Delivery edited = api.edit(lane.chatId, outgoing.press().get().messageId(), edit.html(), edit.keyboard());
        if (RetryPolicy.editImpossible(edited)) {
            // The refused edit showed nothing, so the new message is still the one message of this reply.
            log.info("Bot API editMessageText for {}: {}; sending it as a new message", what, edited.describe());
            if (!held.getAsBoolean()) {
                return notHeld(what);
            }
            return settle(lane, "sendMessage", what, api.send(lane.chatId, edit.html(), edit.keyboard()));
        }
        return settle(lane, "editMessageText", what, edited);
    }

    /**
     * The sender is not sure of its lease now (its last renewal is older than the lease lasts, or
     * it was lost meanwhile): no call, whatever its threads were doing, since another instance may
     * be sending this very reply; the reply stays, and waits for the keeper's word: renewed, or
     * lost (then this sender is stopped and the outbox is sent afresh by the next holder).
     */
    private Next notHeld(String what) {
        log.debug("Not sending {}: this instance is not sure it still holds the sender's lease", what);
        return new Next.Wait(NOT_HELD_RECHECK_NANOS);
    }

    private Next settle(Lane lane, String method, String what, Delivery delivery) {
        RetryPolicy.Verdict verdict = RetryPolicy.afterCall(delivery);
        if (delivery instanceof Delivery.Accepted accepted && !accepted.note().isEmpty()) {
            log.debug("Bot API {} for {}: {}", method, what, accepted.describe());
        } else if (verdict instanceof RetryPolicy.Verdict.GiveUp) {
            log.warn("Bot API {} failed: {}; {} dropped", method, delivery.describe(), what);
        } else if (verdict instanceof RetryPolicy.Verdict.DropChat) {
            log.info("Bot API {} failed: {}; the person blocked the bot, so nothing more is sent to that chat"
                    + " unless they write again", method, delivery.describe());
        } else if (verdict instanceof RetryPolicy.Verdict.PauseAll pause) {
            log.info("Bot API {}: Telegram asks to slow down; sending {} again in {} ms, and nothing to any chat"
                    + " before then", method, what, pause.retryAfter().toMillis());
        } else if (verdict instanceof RetryPolicy.Verdict.BackOff) {
            return backOff(lane, method, what, delivery);
        }
        return carryOut(lane, verdict, method, what);
    }

    /** Does what {@code verdict} says, but for backing off. */
    private Next carryOut(Lane lane, RetryPolicy.Verdict verdict, String method, String what) {
        if (verdict instanceof RetryPolicy.Verdict.PauseAll pause) {
            allChats.pause(pause.retryAfter().toNanos());
            return new Next.Wait(pause.retryAfter().toNanos());
        }
        lane.succeeded();
        if (verdict instanceof RetryPolicy.Verdict.GiveUp giveUp) {
            telemetry.replyGivenUp(giveUp.reason());
        }
        return verdict instanceof RetryPolicy.Verdict.DropChat ? DROP_CHAT : FINISH;
    }

    private Next backOff(Lane lane, String method, String what, Delivery delivery) {
        int failures = lane.failed();
        long waitMillis = lane.backOff.nextBackOffMillis();
        if (closing.getAsBoolean()) {
            log.debug("Bot API {} for {} ended by closing: {}", method, what, delivery.describe());
        } else if (RetryPolicy.warns(failures)) {
            log.warn("Bot API {} failed: {}; sending {} again in {} ms (attempt {})", method, delivery.describe(),
                    what, waitMillis, failures + 1);
        } else {
            log.debug("Bot API {} failed: {}; sending {} again in {} ms (attempt {})", method, delivery.describe(),
                    what, waitMillis, failures + 1);
        }
        return new Next.Wait(TimeUnit.MILLISECONDS.toNanos(waitMillis));
    }
}
