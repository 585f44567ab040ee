package org.backtriage.chat;

import java.util.List;

/** Replies written in the same transaction as the turn that made them, removed once delivered. */
public interface Outbox {

    /** Every reply not yet delivered, oldest first. */
    List<Outgoing> pendingReplies();

    /** The messenger accepted (or finally refused) this reply: remove it. */
    void delivered(long outgoingId);

    /** The person blocked the bot: drop what is still waiting for them. Their session stays, deletable by /forget. */
    void dropPending(long chatId);
}
