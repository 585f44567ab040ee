package org.backtriage.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Updates waiting for the bot, kept as Telegram keeps them: numbered in the order they were
 * offered, handed out from the poll's offset on, forgotten only once a later poll's offset
 * confirms them. A poll with nothing to hand out waits up to its timeout for news.
 */
final class UpdateQueue {
    /** An update ready for getUpdates: its id and its JSON. */
    record Pending(long id, byte[] json, Delivered onDelivered) {
    }

    /** Told when an update is first handed to the bot. */
    interface Delivered {
        void delivered(long id, long nanos);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition news = lock.newCondition();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long nextId = 1;
    /** Highest id handed out so far: re-deliveries of lower ids are not "first" deliveries. */
    private long deliveredUpTo;
    private boolean closed;

    /** Adds an update built by {@code json} from its id; returns the id. */
    long offer(UpdateJson json, Delivered onDelivered) {
        lock.lock();
        try {
            long id = nextId++;
            pending.addLast(new Pending(id, json.build(id), onDelivered));
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
    List<Pending> poll(long offset, int limit, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!pending.isEmpty() && pending.peekFirst().id() < offset) {
                pending.pollFirst();
            }
            while (pending.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                news.awaitNanos(left);
                while (!pending.isEmpty() && pending.peekFirst().id() < offset) {
                    pending.pollFirst();
                }
            }
            List<Pending> batch = new ArrayList<>(Math.min(limit, pending.size()));
            long now = System.nanoTime();
            for (Pending update : pending) {
                if (batch.size() == limit) {
                    break;
                }
                batch.add(update);
                if (update.id() > deliveredUpTo) {
                    deliveredUpTo = update.id();
                    update.onDelivered().delivered(update.id(), now);
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Updates offered and not yet confirmed by the bot. */
    int unconfirmed() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Ends every waiting poll with what it has; later polls do not wait. */
    void close() {
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
