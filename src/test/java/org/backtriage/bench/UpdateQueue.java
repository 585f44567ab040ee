package org.backtriage.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.backtriage.fakebotapi.UpdateSource;

/**
 * Updates waiting for the bot, kept as Telegram keeps them: numbered in the order they were
 * offered, handed out from the poll's offset on, forgotten only once a later poll's offset
 * confirms them. A poll with nothing to hand out waits up to its timeout for news.
 *
 * <p>The bot polls again only after handling the whole batch, each update in a transaction that
 * also holds its replies; so a confirmation tells that the update and its replies are durable.
 * For webhook delivery the fake's deliverer is the one polling, taking updates into its own queue;
 * there the bot's 2xx to the update's POST, which it answers once the transaction committed, is
 * the confirmation.
 */
final class UpdateQueue implements UpdateSource {
    /** An update ready for getUpdates: its id, its JSON, and who wants to know what became of it. */
    record Pending(long id, byte[] json, Progress progress) {
    }

    /** Told when an update is first handed to the bot, and when a later poll confirms it. */
    interface Progress {
        void delivered(long nanos);

        void confirmed(long nanos);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition news = lock.newCondition();
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** Webhook delivery: taken by the deliverer, waiting for the bot's 2xx; null when the bot polls. */
    private final java.util.Map<Long, Progress> awaitingAnswer;
    private long nextId = 1;
    /** Highest id handed out so far: re-deliveries of lower ids are not "first" deliveries. */
    private long deliveredUpTo;
    private boolean closed;

    /** For a bot that polls: a later poll's offset confirms. */
    UpdateQueue() {
        this(false);
    }

    /** {@code webhook}: the bot's 2xx to the update's POST confirms it, not the deliverer's offsets. */
    UpdateQueue(boolean webhook) {
        awaitingAnswer = webhook ? new java.util.HashMap<>() : null;
    }

    /** Adds an update built by {@code json} from its id; returns the id. */
    long offer(UpdateJson json, Progress progress) {
        lock.lock();
        try {
            long id = nextId++;
            pending.addLast(new Pending(id, json.build(id), progress));
            news.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Confirms every update below {@code offset}, then returns up to {@code limit} from there on,
     * waiting up to {@code timeoutMillis} while there are none.
     */
    @Override
    public List<byte[]> poll(long offset, int limit, long timeoutMillis) throws InterruptedException {
        long arrived = System.nanoTime();
        long deadline = arrived + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            confirmBelow(offset, arrived);
            while (pending.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                news.awaitNanos(left);
                confirmBelow(offset, arrived);
            }
            List<byte[]> batch = new ArrayList<>(Math.min(limit, pending.size()));
            long now = System.nanoTime();
            for (java.util.Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending update = it.next();
                if (batch.size() == limit) {
                    break;
                }
                batch.add(update.json());
                if (update.id() > deliveredUpTo) {
                    deliveredUpTo = update.id();
                    update.progress().delivered(now);
                }
                if (awaitingAnswer != null) {
                    // The deliverer keeps it now, and may get the bot's answer before it polls again.
                    it.remove();
                    awaitingAnswer.put(update.id(), update.progress());
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the updates below {@code offset}: the bot handled them before it asked at {@code nanos}. */
    private void confirmBelow(long offset, long nanos) {
        while (!pending.isEmpty() && pending.peekFirst().id() < offset) {
            Pending update = pending.pollFirst();
            if (update.id() <= deliveredUpTo) {
                update.progress().confirmed(nanos);
            }
        }
    }

    @Override
    public void answered(long updateId, long nanos) {
        lock.lock();
        try {
            Progress progress = awaitingAnswer == null ? null : awaitingAnswer.remove(updateId);
            if (progress != null) {
                progress.confirmed(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Updates offered and not yet confirmed by the bot. */
    int unconfirmed() {
        lock.lock();
        try {
            return pending.size() + (awaitingAnswer == null ? 0 : awaitingAnswer.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            news.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The JSON of one update, given the id it gets. */
    interface UpdateJson {
        byte[] build(long id);
    }
}
