package org.backtriage.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to Telegram on a few threads of its own: each chat's replies in a
 * {@link Lane}, the answers to button presses by {@link PressAnswers}, what each call's result
 * means by {@link RetryPolicy}. A slow or failing chat never holds up another. A reply leaves the
 * outbox only once Telegram accepted it, or it was given up; each given up is logged once, with
 * its chat's id (never its text), and counted.
 *
 * <p>Pacing: each message (send or edit) takes a token from its chat's bucket and from one bucket
 * for all chats, so Telegram's limits are rarely met. A 429's {@code retry_after} pauses the
 * bucket for all chats. Lanes short of the shared bucket's token wait in one line
 * ({@link SharedPace}), served in order by one timer, so a backlog of many chats costs one
 * wake-up per message, not one per waiting chat.
 */
final class Sender implements SendQueue {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    static final String THREAD_PREFIX = "telegram-sender-";
    /** Replies one lane handles before giving its thread to the next lane in line. */
    private static final int REPLIES_PER_TURN = 8;

    private final BotApi api;
    private final Telemetry telemetry;
    private final TokenScrubber scrubber;
    private final Tuning tuning;
    private final SenderThreads threads;
    /** The bucket all chats share, and the line of lanes waiting for its tokens. */
    private final SharedPace allChats;
    private final PressAnswers presses;
    private final ReplyCall call;
    /** Replies sent and not yet removed from the outbox. */
    private final SentReplies sent;
    private final Map<Long, Lane> lanes = new HashMap<>();
    /** Replies in lanes, over all lanes; and times a lane was given a thread: what a backlog costs. */
    private int queued;
    private long laneRuns;
    private boolean started;
    private volatile boolean closing;

    Sender(Outbox outbox, BotApi api, TokenScrubber scrubber, Tuning tuning) {
        this(outbox, api, scrubber, tuning, Telemetry.NONE, Clock.systemUTC());
    }

    /** As above, counting replies given up in {@code telemetry}; {@code clock} tells a reply's age. */
    Sender(Outbox outbox, BotApi api, TokenScrubber scrubber, Tuning tuning, Telemetry telemetry, Clock clock) {
        this(outbox, api, scrubber, tuning, telemetry, clock, SenderLease.ALONE);
    }

    /**
     * As above, sending under {@code lease}: no call for a reply unless it is surely held then;
     * sent replies are removed from {@code outbox}, which may be fenced by it (a removal refused
     * tells the lease's {@code fenced}: another instance took over sending, so this one must stop).
     */
    Sender(Outbox outbox, BotApi api, TokenScrubber scrubber, Tuning tuning, Telemetry telemetry, Clock clock,
           SenderLease lease) {
        this.api = api;
        this.scrubber = scrubber;
        this.tuning = tuning;
        this.telemetry = telemetry;
        this.threads = new SenderThreads(tuning.senderThreads(), THREAD_PREFIX);
        this.allChats = new SharedPace(new TokenBucket(tuning.allChats().perSecond(), tuning.allChats().burst(),
                System::nanoTime), threads::later, System::nanoTime);
        this.presses = new PressAnswers(api, tuning, threads::later, scrubber, () -> closing);
        this.call = new ReplyCall(api, allChats, presses, telemetry, clock, () -> closing, lease.held());
        this.sent = new SentReplies(outbox, task -> threads.later(task, 0), scrubber, lease.fenced(), lease.rescanned());
    }

    /**
     * Starts sending: {@code pending}, the replies left in the outbox by an earlier run or another
     * instance, and whatever is queued, each chat's in the order of their ids. Only the first call
     * does anything.
     */
    synchronized void start(List<Outgoing> pending) {
        if (started) {
            return;
        }
        if (!pending.isEmpty()) {
            log.info("{} replies from before the restart are waiting to be sent", pending.size());
        }
        byChat(pending).forEach((chatId, replies) -> {
            List<Outgoing> older = lane(chatId).merge(replies, sent::knows);
            queued += older.size();
            older.forEach(presses::expect);
        });
        started = true;
        presses.start();
        lanes.values().forEach(this::wake);
    }

    /** {@code replies} by chat, in the order of each chat's first reply, each chat's in order. */
    static Map<Long, List<Outgoing>> byChat(List<Outgoing> replies) {
        Map<Long, List<Outgoing>> byChat = new LinkedHashMap<>();
        replies.forEach(outgoing -> byChat.computeIfAbsent(outgoing.chatId(), id -> new ArrayList<>()).add(outgoing));
        return byChat;
    }

    /**
     * Queues replies written to the outbox for chat {@code chatId}, but for those queued or sent
     * already (a rescan may find what a turn queued here, or the other way round).
     */
    @Override
    public synchronized void queue(long chatId, List<Outgoing> replies) {
        if (replies.isEmpty()) {
            return;
        }
        Lane lane = lane(chatId);
        List<Outgoing> added = lane.merge(replies, sent::knows);
        if (added.isEmpty()) {
            return;
        }
        added.forEach(presses::expect);
        queued += added.size();
        presses.dispatchFor(added);
        wake(lane);
    }

    /**
     * Queues what a read of the outbox found, {@code pending}: the replies another instance wrote,
     * or that a signal of new ones missed. Those queued or sent already are left out.
     */
    void found(List<Outgoing> pending) {
        byChat(pending).forEach(this::queue);
    }

    /**
     * Answers, without text, a press in chat {@code chatId} that has no replies of its own (it
     * cannot be placed, or handling it failed); not from the outbox: within seconds it is gone.
     */
    @Override
    public void answer(long chatId, String queryId) {
        presses.answer(chatId, queryId);
    }

    /**
     * Answers an inline query on a sender thread, once: Telegram forgets an inline query within
     * seconds, so it is neither queued in the outbox nor retried; a failure is logged.
     */
    @Override
    public void answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare) {
        boolean taken = threads.execute(() -> {
            Delivery delivery = api.answerInline(queryId, shared, nothingToShare);
            if (!(delivery instanceof Delivery.Accepted)) {
                log.warn("Bot API answerInlineQuery failed: {}", delivery.describe());
            }
        });
        if (!taken) {
            log.debug("An inline query came while closing; not answered");
        }
    }

    /**
     * Waits until everything queued has been sent (or given up) and removed from the outbox, and
     * every press answered; false when {@code timeout} passed first.
     */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            if (!Await.until(this, () -> queued == 0, deadline)) {
                return false;
            }
        }
        // A reply is added to the sent ones before it stops counting as queued.
        return presses.awaitSettled(deadline) && sent.awaitRemoved(deadline);
    }

    /** Replies queued and not yet sent, and press answers not yet settled. */
    synchronized int queued() {
        return queued + presses.unsettled();
    }

    /** How many times a lane was given a thread so far. */
    synchronized long laneRuns() {
        return laneRuns;
    }

    /** Stops sending at once; a call under way is left to the HTTP client to cancel; the rest stays in the outbox. */
    void shutdownNow() {
        closing = true;
        threads.shutdownNow();
    }

    /**
     * Whether every sender thread ended within {@code timeout} after {@link #shutdownNow}. Then
     * removes from the outbox what was sent and not yet removed, so it is not sent again on the
     * next start.
     */
    boolean awaitTermination(Duration timeout) {
        boolean ended = threads.awaitTermination(timeout);
        sent.removeNow();
        return ended;
    }

    private Lane lane(long chatId) {
        return lanes.computeIfAbsent(chatId, id -> Lane.forChat(id, tuning, this::work));
    }

    /** Puts an idle lane with work in line for a thread. Holds this. */
    private void wake(Lane lane) {
        if (started && lane.claim()) {
            threads.later(lane, 0);
        }
    }

    /** A lane's turn on a thread: its next few replies, unless one must wait. */
    private void work(Lane lane) {
        try {
            synchronized (this) {
                laneRuns++;
            }
            for (int step = 0; step < REPLIES_PER_TURN; step++) {
                Optional<Outgoing> outgoing = next(lane);
                if (outgoing.isEmpty()) {
                    return;
                }
                ReplyCall.Next next = call.attempt(lane, outgoing.get());
                if (next instanceof ReplyCall.Next.Wait wait) {
                    threads.later(lane, wait.nanos());
                    return;
                }
                if (next instanceof ReplyCall.Next.Parked) {
                    return;
                }
                if (next instanceof ReplyCall.Next.Finish) {
                    finish(lane);
                } else {
                    drop(lane);
                }
            }
            // Give the thread to other lanes; this one goes to the back of the line.
            threads.later(lane, 0);
        } catch (Throwable e) {
            // Never lose a lane: its replies stay queued and are tried again.
            log.error("Sending failed unexpectedly; trying again", scrubber.scrub(e));
            threads.later(lane, TimeUnit.MILLISECONDS.toNanos(lane.backOff.nextBackOffMillis()));
        }
    }

    /** The lane's next reply; when there is none, the lane is idle and forgotten once its pace is full. */
    private synchronized Optional<Outgoing> next(Lane lane) {
        Optional<Outgoing> next = lane.next();
        if (next.isEmpty()) {
            long untilFull = lane.pace.nanosUntilFull();
            if (untilFull == 0) {
                lanes.remove(lane.chatId, lane);
            } else {
                threads.later(() -> forget(lane), untilFull);
            }
        }
        return next;
    }

    private synchronized void forget(Lane lane) {
        if (lane.forgettable()) {
            lanes.remove(lane.chatId, lane);
        }
    }

    /**
     * Takes the done head reply off its lane. It is removed from the outbox shortly, together with
     * the others sent meanwhile ({@link SentReplies}).
     */
    private synchronized void finish(Lane lane) {
        Outgoing outgoing = lane.finishNext();
        sent.add(outgoing.id());
        queued--;
        presses.replyDone(outgoing);
        notifyAll();
    }

    /**
     * The person blocked the bot: nothing waiting for them is sent. One step: exactly the replies
     * the lane holds leave it, and leave the outbox with the next removal, as sent ones do. A
     * reply written for the chat meanwhile is not in the lane yet, so it stays in both and is
     * sent: the person wrote again, so they unblocked the bot.
     */
    private synchronized void drop(Lane lane) {
        List<Outgoing> dropped = lane.dropAll();
        for (Outgoing outgoing : dropped) {
            sent.add(outgoing.id());
            telemetry.replyGivenUp("blocked");
            presses.replyDone(outgoing);
        }
        queued -= dropped.size();
        notifyAll();
    }
}
