package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.chat.Telemetry;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.CallPlaces;
import org.backtriage.telegram.client.TelegramAnswer;
import org.slf4j.Logger;

/**
 * Delivers one reply, the head of its chat's {@link Lane}, on the lane's thread, however long it
 * takes: it waits for the answer to the reply's press, for its chat's pace and the bot's, and for
 * a sure lease; makes the call; and tries again as {@link Next#after} says, until the reply is done
 * with (sent, given up, or its chat dropped). Logs each step with the reply's id and chat, never
 * its text.
 */
final class ReplyDelivery {
    /** The sender's: operators set one logger's level for everything sent. */
    private static final Logger log = Subsystem.SENDER.logger();
    /** How soon a reply held back for want of a sure lease is looked at again. */
    static final Duration NOT_HELD_RECHECK = Duration.ofMillis(100);
    /** A reply goes to another chat at most once (an edit no longer possible, or a group that moved). */
    private static final int MOST_REDIRECTS = 1;

    private final BotApi api;
    private final FairPace allChats;
    private final PressAnswers presses;
    private final SenderOptions options;
    private final Telemetry telemetry;
    private final Timing timing;

    ReplyDelivery(BotApi api, FairPace allChats, PressAnswers presses, SenderOptions options) {
        this.api = api;
        this.allChats = allChats;
        this.presses = presses;
        this.options = options;
        this.telemetry = options.telemetry();
        this.timing = options.timing();
    }

    /**
     * Delivers {@code outgoing}, the head of {@code lane}: returns {@link Next.Done},
     * {@link Next.GiveUp} or {@link Next.DropChat}, the rest being carried out here. An interrupt
     * (the sender closing) ends it; the reply then stays in the outbox.
     */
    Next deliver(Lane lane, Outgoing outgoing) throws InterruptedException {
        String what = "reply " + outgoing.id() + " to chat " + lane.chatId;
        if (expired(outgoing)) {
            return finished(lane, Next.TOO_OLD);
        }
        presses.awaitAnswered(outgoing);
        if (RetryPolicy.needsNoCall(outgoing)) {
            if (outgoing.reply() instanceof Reply.EditPressed) {
                log.debug("Reply {} edits a pressed message but belongs to no press; skipped", outgoing.id());
            }
            return Next.DONE;
        }
        MessageCall call = MessageCall.of(outgoing);
        int redirects = 0;
        while (!expired(outgoing)) {
            Optional<TelegramAnswer> made = callInTurn(lane, call, what);
            if (made.isEmpty()) {
                continue;
            }
            TelegramAnswer answer = made.get();
            switch (Next.after(answer, call.chatId())) {
                case Next.Done done -> {
                    if (!answer.description().isEmpty()) {
                        log.debug("Bot API {} for {}: {}", call.method(), what, answer.describe());
                    }
                    return finished(lane, done);
                }
                case Next.GiveUp giveUp -> {
                    log.warn("Bot API {} failed: {}; {} dropped", call.method(), answer.describe(), what);
                    telemetry.replyGivenUp(giveUp.reason());
                    return finished(lane, giveUp);
                }
                case Next.DropChat drop -> {
                    log.info("Bot API {} failed: {}; the person blocked the bot, so nothing more is sent to that chat"
                            + " unless they write again", call.method(), answer.describe());
                    return finished(lane, drop);
                }
                case Next.PauseAll(Duration retryAfter) -> {
                    log.info("Bot API {}: Telegram asks to slow down; sending {} again in {} ms, and nothing to any chat"
                            + " before then", call.method(), what, retryAfter.toMillis());
                    allChats.pause(retryAfter.toNanos());
                }
                case Next.BackOff _ -> timing.sleep(backOff(lane, call, what, answer));
                case Next.SendAsNew(long chatId) -> {
                    if (redirects++ == MOST_REDIRECTS) {
                        log.warn("Bot API {} failed: {}; {} dropped", call.method(), answer.describe(), what);
                        telemetry.replyGivenUp("refused");
                        return finished(lane, Next.REFUSED);
                    }
                    log.info("Bot API {} for {}: {}; sending it as a new message{}", call.method(), what, answer.describe(),
                            chatId == call.chatId() ? "" : " to chat " + chatId + ", which the group became");
                    call = call.asNewMessageTo(chatId);
                }
            }
        }
        return finished(lane, Next.TOO_OLD);
    }

    /**
     * Given up unsent, and logged and counted so, when {@code outgoing} was queued longer than
     * {@link RetryPolicy#REPLY_LIFETIME} ago: an answer to a message that old no longer fits the conversation.
     */
    private boolean expired(Outgoing outgoing) {
        if (!RetryPolicy.expired(outgoing, options.clock().instant())) {
            return false;
        }
        log.warn("Reply {} to chat {} given up unsent: queued {} h ago, longer than {} h", outgoing.id(), outgoing.chatId(),
                RetryPolicy.age(outgoing, options.clock().instant()).toHours(), RetryPolicy.REPLY_LIFETIME.toHours());
        telemetry.replyGivenUp("too_old");
        return true;
    }

    /**
     * Waits for the chat's pace; then takes a place for a call under way ({@link CallPlaces}), and
     * in it waits in line for the bot's pace, takes a token of each, makes sure the sender holds
     * its lease at this very moment, and makes the call: no wait for a place comes between the
     * pace or the lease and the call, so calls that waited for a place cannot leave together
     * faster than the pace, nor after the lease was lost. Not sure of the lease (its last renewal
     * is older than the lease lasts, or it was lost meanwhile): no call, since another instance
     * may be sending this very reply; it waits, out of its place, for the keeper's word, renewed
     * or lost (then this sender is stopped and the next holder sends the outbox afresh), and
     * returns empty, to take its turn again.
     */
    private Optional<TelegramAnswer> callInTurn(Lane lane, MessageCall call, String what) throws InterruptedException {
        for (long wait = lane.untilPaced(); wait > 0; wait = lane.untilPaced()) {
            timing.sleep(wait);
        }
        try (CallPlaces.Slot place = api.slot()) {
            allChats.take();
            lane.takePace();
            if (options.lease().held().getAsBoolean()) {
                return Optional.of(call.make(api));
            }
        }
        log.debug("Not sending {}: this instance is not sure it still holds the sender's lease", what);
        timing.sleep(NOT_HELD_RECHECK.toNanos());
        return Optional.empty();
    }

    private static Next finished(Lane lane, Next next) {
        lane.succeeded();
        return next;
    }

    /** Nanoseconds to wait before trying again, logged: a warning for the first failure in a row and every tenth. */
    private long backOff(Lane lane, MessageCall call, String what, TelegramAnswer answer) {
        int failures = lane.failed();
        long waitMillis = lane.backOffMillis();
        if (Thread.currentThread().isInterrupted()) {
            log.debug("Bot API {} for {} ended by closing: {}", call.method(), what, answer.describe());
        } else if (RetryPolicy.warns(failures)) {
            log.warn("Bot API {} failed: {}; sending {} again in {} ms (attempt {})", call.method(), answer.describe(),
                    what, waitMillis, failures + 1);
        } else {
            log.debug("Bot API {} failed: {}; sending {} again in {} ms (attempt {})", call.method(), answer.describe(),
                    what, waitMillis, failures + 1);
        }
        return TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }
}
