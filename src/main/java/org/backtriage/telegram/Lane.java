package org.backtriage.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;

/**
 * One chat's replies waiting to be sent, in the order they go, and whether a thread works on
 * them: at most one at a time, so one chat's replies never overtake each other and the chat has
 * at most one call in flight. A lane waiting (for a retry or for its pace) holds no thread.
 * Not thread-safe: the {@link Sender}'s lock guards every lane, but for {@link #pace} and
 * {@link #backOff}, which only the lane's own thread uses.
 */
final class Lane implements Runnable {
    final long chatId;
    /** This chat's pace: about one message a second for a person, fewer for a group. */
    final TokenBucket pace;
    /** The wait before sending again after a failure; reset by a success. */
    final CappedBackOff backOff;
    private final Consumer<Lane> work;
    private final Deque<Outgoing> waiting = new ArrayDeque<>();
    /** Waiting for a thread or working on one. */
    private boolean working;
    /** Failed calls in a row. */
    private int failures;

    /** {@code work} is what the lane's thread does with it. */
    Lane(long chatId, TokenBucket pace, CappedBackOff backOff, Consumer<Lane> work) {
        this.chatId = chatId;
        this.pace = pace;
        this.backOff = backOff;
        this.work = work;
    }

    /** A lane for chat {@code chatId} with its pace and back-off as {@code tuning} says. */
    static Lane forChat(long chatId, Tuning tuning, Consumer<Lane> work) {
        // Private chats have positive ids (the person's), groups negative ones.
        Tuning.Pace pace = chatId < 0 ? tuning.groupChat() : tuning.privateChat();
        return new Lane(chatId, new TokenBucket(pace.perSecond(), pace.burst(), System::nanoTime),
                new CappedBackOff(tuning.retryFirst(), tuning.retryMax(), CappedBackOff.JITTER,
                        () -> ThreadLocalRandom.current().nextDouble()), work);
    }

    @Override
    public void run() {
        work.accept(this);
    }

    /** Queues {@code replies}, just written for this chat, behind those waiting, in the order they were written; returns them. */
    List<Outgoing> add(List<Outgoing> replies) {
        waiting.addAll(replies);
        return List.copyOf(replies);
    }

    /**
     * Queues {@code replies} left in the outbox by an earlier run ahead of everything waiting,
     * which was written after them; any already waiting is skipped. Returns those queued.
     */
    List<Outgoing> addOlder(List<Outgoing> replies) {
        Set<Long> known = new HashSet<>();
        waiting.forEach(outgoing -> known.add(outgoing.id()));
        List<Outgoing> older = replies.stream().filter(outgoing -> !known.contains(outgoing.id())).toList();
        List<Outgoing> all = new ArrayList<>(older);
        all.addAll(waiting);
        waiting.clear();
        waiting.addAll(all);
        return older;
    }

    /** True when the lane has replies and no thread: the caller then gives it one. */
    boolean claim() {
        if (working || waiting.isEmpty()) {
            return false;
        }
        working = true;
        return true;
    }

    /** The reply to send next, or empty after giving up the thread (nothing is waiting). */
    Optional<Outgoing> next() {
        Outgoing head = waiting.peek();
        if (head == null) {
            working = false;
        }
        return Optional.ofNullable(head);
    }

    /** The head reply is done: it leaves the lane. */
    Outgoing finishNext() {
        return waiting.remove();
    }

    /** Everything waiting leaves the lane (the person blocked the bot); returns what did. */
    List<Outgoing> dropAll() {
        List<Outgoing> dropped = List.copyOf(waiting);
        waiting.clear();
        return dropped;
    }

    /** No thread, nothing waiting, and the pace full again: nothing left to remember about this chat. */
    boolean forgettable() {
        return !working && waiting.isEmpty() && pace.nanosUntilFull() == 0;
    }

    /** A call failed; returns how many have failed in a row. Only the lane's thread calls this. */
    int failed() {
        return ++failures;
    }

    /** A call succeeded, or its reply is done with: the back-off starts over. Only the lane's thread calls this. */
    void succeeded() {
        failures = 0;
        backOff.reset();
    }
}
