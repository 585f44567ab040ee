package org.backtriage.fakebotapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The updates a test delivers, served to getUpdates as Telegram serves them: each until a later
 * offset confirms it; a poll with nothing to serve is held briefly (Telegram holds it for its
 * timeout), so a bot polls again soon. A test may also serve an update again, as Telegram should
 * not, to see that it changes nothing.
 */
final class HeldUpdates implements UpdateSource {
    /** An update to serve again, to a poll that arrives after {@code since} (not to a closed bot's dangling poll). */
    private record Redelivery(ObjectNode update, long since) {
    }

    /** Every update delivered, kept like Telegram keeps them until confirmed. */
    private final List<ObjectNode> updates = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Redelivery> redeliveries = new ConcurrentLinkedQueue<>();
    /** The highest update id confirmed by a getUpdates offset above it. */
    private final AtomicLong confirmed = new AtomicLong();
    private volatile Duration emptyPollHold = Duration.ofMillis(150);
    private volatile boolean closed;

    synchronized void deliver(ObjectNode update) {
        updates.add(update);
        notifyAll();
    }

    /** Serves {@code update} again on the next poll, although it may have been confirmed. */
    synchronized void redeliver(ObjectNode update) {
        redeliveries.add(new Redelivery(update, System.nanoTime()));
        notifyAll();
    }

    /** How long a getUpdates call with nothing to deliver is held before its empty answer. */
    void holdEmptyPolls(Duration hold) {
        emptyPollHold = hold;
    }

    /** Serves everything not yet confirmed, whatever the limit; holds an empty poll as set, whatever the timeout. */
    @Override
    public synchronized List<byte[]> poll(long offset, int limit, long timeoutMillis) throws InterruptedException {
        long arrived = System.nanoTime();
        confirmed.accumulateAndGet(offset - 1, Math::max);
        List<byte[]> result = new ArrayList<>();
        long deadline = arrived + emptyPollHold.toNanos();
        while (true) {
            for (Redelivery again : redeliveries) {
                if (again.since() < arrived && redeliveries.remove(again)) {
                    result.add(json(again.update()));
                }
            }
            long from = Math.max(offset, confirmed.get() + 1);
            updates.stream().filter(u -> u.path("update_id").asLong() >= from).forEach(u -> result.add(json(u)));
            long left = deadline - System.nanoTime();
            if (!result.isEmpty() || closed || left <= 0) {
                return result;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private static byte[] json(ObjectNode update) {
        return update.toString().getBytes(StandardCharsets.UTF_8);
    }
}
