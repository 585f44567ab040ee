package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TelegramAnswer;
import org.slf4j.Logger;

/**
 * Delivers the outbox to Telegram: each chat's replies in its {@link Lane}, sent one after the
 * other by a virtual thread of the chat's own while it has any ({@link ReplyDelivery}); the
 * answers to button presses by {@link PressAnswers}. A slow or failing chat never holds up
 * another. A reply leaves the outbox only once Telegram accepted it, or it was given up; each
 * given up is logged once, with its chat's id (never its text), and counted.
 *
 * <p>Pacing: each message (send or edit) takes a token from its chat's bucket and from one bucket
 * for all chats ({@link FairPace}), so Telegram's limits are rarely met; a 429's
 * {@code retry_after} pauses every chat.
 */
public final class Sender implements SendQueue {
    private static final Logger log = Subsystem.SENDER.logger();
    public static final String THREAD_PREFIX = "telegram-sender-";

    private final BotApi api;
    private final SenderOptions options;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name(THREAD_PREFIX, 1).factory());
    private final PressAnswers presses;
    private final ReplyDelivery delivery;
    /** Replies sent and not yet removed from the outbox. */
    private final SentReplies sent;
    /** The chats with replies to send, or whose pace is not yet full again. */
    private final Map<Long, Lane> lanes = new HashMap<>();
    /** Lanes that ran out of replies, oldest first: forgotten once their pace is full again. */
    private final Deque<Lane> resting = new ArrayDeque<>();
    /** Replies in lanes, over all lanes. */
    private int queued;
    private boolean started;

    /**
     * Sends to {@code api} what is queued, as {@code options} say; sent replies are removed from
     * {@code outbox}, which may be fenced by the options' lease (a removal refused tells its
     * {@code fenced}: another instance took over sending, so this one must stop).
     */
    public Sender(Outbox outbox, BotApi api, SenderOptions options) {
        this.api = api;
        this.options = options;
        this.presses = new PressAnswers(api, options, this::onThread);
        this.delivery = new ReplyDelivery(api, new FairPace(options.tuning().allChats(), options.timing()), presses,
                options);
        this.sent = new SentReplies(outbox, this::onThread, options.scrubber(), options.lease());
    }

    /**
     * Starts sending: {@code pending}, the replies left in the outbox by an earlier run or another
     * instance, and whatever is queued, each chat's in the order of their ids. Only the first call
     * does anything.
     */
    public synchronized void start(List<Outgoing> pending) {
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
        List.copyOf(lanes.values()).forEach(this::wake);
    }

    /** {@code replies} by chat, in the order of each chat's first reply, each chat's in order. */
    public static Map<Long, List<Outgoing>> byChat(List<Outgoing> replies) {
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
     * Answers an inline query on a thread of its own, once: Telegram forgets an inline query within
     * seconds, so it is neither queued in the outbox nor retried; a failure is logged.
     */
    @Override
    public void answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare) {
        boolean taken = onThread(() -> {
            TelegramAnswer answer = api.answerInline(queryId, shared, nothingToShare);
            if (!answer.done()) {
                log.warn("Bot API answerInlineQuery failed: {}", answer.describe());
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
    public boolean awaitIdle(Duration timeout) {
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

    /** The chats remembered: those with replies to send, and those whose pace is not yet full again. */
    synchronized int chatsRemembered() {
        forgetRested();
        return lanes.size();
    }

    /** Stops sending at once: every thread is interrupted (a call under way is left to the HTTP client to end); the rest stays in the outbox. */
    public void shutdownNow() {
        threads.shutdownNow();
    }

    /**
     * Whether every sender thread ended within {@code timeout} after {@link #shutdownNow}. Then
     * removes from the outbox what was sent and not yet removed, so it is not sent again on the
     * next start.
     */
    public boolean awaitTermination(Duration timeout) {
        boolean ended;
        try {
            ended = threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        sent.removeNow();
        return ended;
    }

    /** Runs {@code task} on a new thread; false when the sender is shut down. */
    private boolean onThread(Runnable task) {
        try {
            threads.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Chat {@code chatId}'s lane, made when it has none. Holds this. */
    private Lane lane(long chatId) {
        forgetRested();
        return lanes.computeIfAbsent(chatId, id -> Lane.forChat(id, options.tuning(), options.timing()));
    }

    /** Gives a lane with replies and no thread one. Holds this. */
    private void wake(Lane lane) {
        if (started && lane.claim() && !onThread(() -> send(lane))) {
            log.debug("Replies to chat {} came while closing; they stay in the outbox", lane.chatId);
        }
    }

    /**
     * A lane's thread: its replies one after the other until none is left. An interrupt (closing)
     * ends it, the replies left staying in the outbox. A failure of the sender's own is logged
     * and the reply tried again after the lane's back-off; an {@code Error} is not caught: the
     * lane stops, its replies wait in the outbox for the next start.
     */
    private void send(Lane lane) {
        while (true) {
            Optional<Outgoing> head = next(lane);
            if (head.isEmpty()) {
                return;
            }
            try {
                switch (delivery.deliver(lane, head.get())) {
                    case Next.DropChat _ -> drop(lane);
                    case Next.Done _, Next.GiveUp _ -> finish(lane);
                    case Next.PauseAll _, Next.BackOff _, Next.SendAsNew _ ->
                            throw new IllegalStateException("a reply's delivery ends done, given up or dropped");
                }
            } catch (InterruptedException closing) {
                return;
            } catch (RuntimeException e) {
                log.error("Sending failed unexpectedly; trying again", options.scrubber().scrub(e));
                try {
                    options.timing().sleep(TimeUnit.MILLISECONDS.toNanos(lane.backOffMillis()));
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }
    }

    /** The lane's next reply; when there is none, its thread ends and the lane rests until its pace is full. */
    private synchronized Optional<Outgoing> next(Lane lane) {
        Optional<Outgoing> next = lane.next();
        if (next.isEmpty()) {
            resting.add(lane);
            forgetRested();
        }
        return next;
    }

    /** Forgets the lanes resting longest whose pace is full again: nothing left to remember about their chats. Holds this. */
    private void forgetRested() {
        while (!resting.isEmpty()) {
            Lane lane = resting.peek();
            if (lane.claimed()) {
                resting.poll();
            } else if (lane.forgettable()) {
                resting.poll();
                lanes.remove(lane.chatId, lane);
            } else {
                return;
            }
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
            options.telemetry().replyGivenUp("blocked");
            presses.replyDone(outgoing);
        }
        queued -= dropped.size();
        notifyAll();
    }
}
