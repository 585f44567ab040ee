package org.backtriage.telegram.sending;

import java.util.function.BooleanSupplier;

/**
 * The lease a {@link Sender} sends the outbox under: {@code held}, asked right before every Bot
 * API call for a reply, says whether this sender surely holds it at that moment (by the lease's
 * own expiry, and only for the holding it was made for: a lease lost and taken back is a new
 * sender's); {@code fenced} is told when the store refused a removal because another instance
 * took the lease over; {@code rescanned}, whether the outbox is also read now and then (so
 * replies removed lately are remembered, not sent again).
 */
record SenderLease(BooleanSupplier held, Runnable fenced, boolean rescanned) {
    /** A sender alone on its store: always the holder, never fenced, never rescanning. */
    static final SenderLease ALONE = new SenderLease(() -> true, () -> { }, false);
}
