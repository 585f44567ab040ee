package org.backtriage.chat;

import java.util.List;

/** Replies written in the same transaction as the turn that made them, removed once delivered. */
public interface Outbox {

    /** Every reply not yet delivered, oldest first. */
    List<Outgoing> pendingReplies();

    /** The messenger accepted (or finally refused) these replies: remove them, all in one go. */
    void delivered(List<Long> outgoingIds);

    /** As {@link #delivered(List)} for one reply. */
    default void delivered(long outgoingId) {
        delivered(List.of(outgoingId));
    }

    /** The person blocked the bot: drop what is still waiting for them. Their session stays, deletable by /forget. */
    void dropPending(long chatId);
}
