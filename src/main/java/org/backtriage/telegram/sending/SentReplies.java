package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.backtriage.chat.Outbox;
import org.backtriage.cluster.LeaseLostException;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.TokenScrubber;
import org.slf4j.Logger;

/**
 * Replies Telegram accepted (or that were given up: refused for good, too old, or for a person
 * who blocked the bot) that are still in the outbox. They are removed
 * together: one transaction for all that gathered while the last removal ran, instead of one per
 * reply under the store's lock, which the poller's batch transaction needs too. Until a reply is
 * removed, a crash sends it again on the next start, as it would between sending and removing
 * one reply: at least once, never lost.
 *
 * <p>It also remembers, for {@link #REMEMBERED}, the replies it removed: a rescan of the outbox
 * that read them just before their removal committed must not queue them again ({@link #knows}).
 * A removal refused because another instance took over sending tells {@code fenced}: this
 * instance must stop, and the other sends what was not removed.
 */
final class SentReplies {
    private static final Logger log = Subsystem.SENDER.logger();
    /** Ids listed in full in an error line; beyond that, the count and the range. */
    private static final int IDS_SHOWN = 10;
    /** How long removed replies are remembered: far longer than a read of the outbox takes. */
    static final Duration REMEMBERED = Duration.ofSeconds(30);
    /** At most this many (a few hundred kB), however fast the sender goes. */
    static final int MOST_REMEMBERED = 20_000;

    private final Outbox outbox;
    private final Executor removals;
    private final TokenScrubber scrubber;
    private final Runnable fenced;
    private final boolean remembering;
    /** Sent, waiting to be removed. */
    private final List<Long> waiting = new ArrayList<>();
    /** Being removed right now. */
    private List<Long> removing = List.of();
    /** Removed lately, and when ({@link System#nanoTime}), oldest first. */
    private final Deque<long[]> removed = new ArrayDeque<>();
    private final Set<Long> removedIds = new HashSet<>();
    /** Whether a removal is queued or running. */
    private boolean removalPlanned;

    /**
     * Removes from {@code outbox}, on {@code removals} (the sender's threads); the {@code lease}'s
     * {@code fenced} hears of a removal refused; when it says the outbox is also read by rescans,
     * removed replies are remembered.
     */
    SentReplies(Outbox outbox, Executor removals, TokenScrubber scrubber, SenderLease lease) {
        this.outbox = outbox;
        this.removals = removals;
        this.scrubber = scrubber;
        this.fenced = lease.fenced();
        this.remembering = lease.rescanned();
    }

    /** Whether reply {@code outgoingId} was sent (or given up) lately: waiting for its removal, or removed. */
    synchronized boolean knows(long outgoingId) {
        return waiting.contains(outgoingId) || removing.contains(outgoingId) || removedIds.contains(outgoingId);
    }

    /** Reply {@code outgoingId} was sent: it is removed with the next removal. */
    synchronized void add(long outgoingId) {
        waiting.add(outgoingId);
        if (!removalPlanned) {
            removalPlanned = true;
            removals.execute(this::removeNow);
        }
    }

    /**
     * Removes every reply sent so far, in one transaction, on this thread; waits first for a
     * removal under way, as one runs at a time.
     */
    void removeNow() {
        List<Long> ids;
        synchronized (this) {
            while (!removing.isEmpty()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            ids = List.copyOf(waiting);
            waiting.clear();
            removing = ids;
        }
        try {
            if (!ids.isEmpty()) {
                outbox.delivered(ids);
            }
        } catch (LeaseLostException e) {
            log.warn("Replies {} were sent, but another instance took over sending before they were removed from the"
                    + " outbox; it may send them again. This instance stops sending.", describe(ids));
            fenced.run();
        } catch (RuntimeException e) {
            log.error("Replies {} were sent but could not be removed from the outbox; they may be sent again later"
                    + " (a rescan of the outbox or a restart)", describe(ids), scrubber.scrub(e));
        } finally {
            synchronized (this) {
                removing = List.of();
                // Also those whose removal failed: not sent again by the next rescan, only by a later one or a restart.
                remember(ids);
                removalPlanned = !waiting.isEmpty();
                if (removalPlanned) {
                    removals.execute(this::removeNow);
                }
                notifyAll();
            }
        }
    }

    /** Waits until every reply added so far is removed (or its removal failed); false when {@code deadline} (nanoTime) passed first. */
    synchronized boolean awaitRemoved(long deadline) {
        return Await.until(this, () -> waiting.isEmpty() && removing.isEmpty(), deadline);
    }

    /** Remembers {@code ids} as removed now, and forgets those removed over {@link #REMEMBERED} ago. Holds this. */
    private void remember(List<Long> ids) {
        if (!remembering) {
            return;
        }
        long now = System.nanoTime();
        for (long id : ids) {
            removed.add(new long[] {id, now});
            removedIds.add(id);
        }
        while (!removed.isEmpty() && (now - removed.peek()[1] > REMEMBERED.toNanos() || removed.size() > MOST_REMEMBERED)) {
            removedIds.remove(removed.poll()[0]);
        }
    }

    private static String describe(List<Long> ids) {
        return ids.size() <= IDS_SHOWN ? ids.toString()
                : ids.size() + " (" + ids.get(0) + " to " + ids.get(ids.size() - 1) + ")";
    }
}
