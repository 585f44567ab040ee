package org.backtriage.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One simulated person in a private chat with the bot: their walk, how far they got, and, per
 * step, when it was offered and which replies are still owed. Guarded by its own monitor,
 * except {@link #deliveredAt} and {@link #confirmedAt}, written by the update queue.
 */
final class Person {
    final long chatId;
    final Walk walk;
    final Phase phase;
    /** The step to offer next; equals the walk's length once the last one was offered. */
    int next;
    /** The message whose buttons the person presses next (0 before the welcome arrived). */
    int buttonsMessageId;
    final long[] offeredAt;
    final AtomicLongArray deliveredAt;
    final AtomicLongArray confirmedAt;
    final int[] answersOwed;
    final int[] editsOwed;
    final int[] sendsOwed;
    final boolean[] replied;
    /** The message id each press was made under, to check edits rewrite that one. */
    final int[] pressedMessageId;
    /** The person stopped: the bot showed something that does not let them go on. */
    boolean stuck;

    Person(long chatId, Walk walk, Phase phase) {
        this.chatId = chatId;
        this.walk = walk;
        this.phase = phase;
        int steps = walk.length();
        offeredAt = new long[steps];
        deliveredAt = new AtomicLongArray(steps);
        confirmedAt = new AtomicLongArray(steps);
        answersOwed = new int[steps];
        editsOwed = new int[steps];
        sendsOwed = new int[steps];
        replied = new boolean[steps];
        pressedMessageId = new int[steps];
    }

    boolean finished() {
        return next == walk.length() && owedTotal() == 0;
    }

    int owedTotal() {
        int owed = 0;
        for (int step = 0; step < next; step++) {
            owed += answersOwed[step] + editsOwed[step] + sendsOwed[step];
        }
        return owed;
    }

    /** Whether the step offered last got its reply, so the next one may be offered. */
    boolean ready() {
        return !stuck && next < walk.length() && (next == 0 || replied[next - 1]);
    }
}
