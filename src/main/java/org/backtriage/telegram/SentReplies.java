package org.backtriage.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.backtriage.chat.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies Telegram accepted (or that were given up: refused for good, too old, or for a person
 * who blocked the bot) that are still in the outbox. They are removed
 * together: one transaction for all that gathered while the last removal ran, instead of one per
 * reply under the store's lock, which the poller's batch transaction needs too. Until a reply is
 * removed, a crash sends it again on the next start, as it would between sending and removing
 * one reply: at least once, never lost.
 */
final class SentReplies {
    private static final Logger log = LoggerFactory.getLogger(SentReplies.class);
    /** Ids listed in full in an error line; beyond that, the count and the range. */
    private static final int IDS_SHOWN = 10;

    private final Outbox outbox;
    private final Executor removals;
    private final TokenScrubber scrubber;
    /** Sent, waiting to be removed. */
    private final List<Long> waiting = new ArrayList<>();
    /** Being removed right now. */
    private int removing;
    /** Whether a removal is queued or running. */
    private boolean removalPlanned;

    /** Removes from {@code outbox}, on {@code removals} (the sender's threads). */
    SentReplies(Outbox outbox, Executor removals, TokenScrubber scrubber) {
        this.outbox = outbox;
        this.removals = removals;
        this.scrubber = scrubber;
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
            while (removing > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            ids = List.copyOf(waiting);
            waiting.clear();
            removing = ids.size();
        }
        try {
            if (!ids.isEmpty()) {
                outbox.delivered(ids);
            }
        } catch (RuntimeException e) {
            log.error("Replies {} were sent but could not be removed from the outbox; they may be sent again after"
                    + " a restart", describe(ids), scrubber.scrub(e));
        } finally {
            synchronized (this) {
                removing = 0;
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
        return Await.until(this, () -> waiting.isEmpty() && removing == 0, deadline);
    }

    private static String describe(List<Long> ids) {
        return ids.size() <= IDS_SHOWN ? ids.toString()
                : ids.size() + " (" + ids.get(0) + " to " + ids.get(ids.size() - 1) + ")";
    }
}
