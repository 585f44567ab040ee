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

    /**
     * Asks to be told when new replies may be waiting: {@code listener} runs, on a thread of the
     * store's and briefly, after a transaction that queued replies committed, also one of another
     * instance sharing the store. It may run when nothing is new, and a signal may be missed (a
     * dropped connection), so a sender also rescans {@link #pendingReplies} now and then; never
     * trust a "highest id seen": ids are drawn before their transactions commit, in another
     * order. By default a store does not signal, and the rescan alone finds its replies.
     */
    default void onNewReplies(Runnable listener) {
    }
}
