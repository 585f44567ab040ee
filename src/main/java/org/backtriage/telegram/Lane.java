package org.backtriage.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
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

    /** Queues {@code replies} for this chat, each in its place by id ({@link #merge}); returns those queued. */
    List<Outgoing> add(List<Outgoing> replies) {
        return merge(replies, id -> false);
    }

    /**
     * Queues those of {@code replies} neither waiting here nor {@code known} (sent already), each
     * in its place by id: one chat's replies are written one turn at a time, so their ids grow in
     * the order they must go, whichever instance wrote them and whoever found them first (the
     * turn's own instance, a rescan of the outbox, or the last run's leftovers at start). Never
     * ahead of the head while a thread works on it: that call may be under way. Returns those queued.
     */
    List<Outgoing> merge(List<Outgoing> replies, LongPredicate known) {
        Set<Long> waitingIds = new HashSet<>();
        waiting.forEach(outgoing -> waitingIds.add(outgoing.id()));
        List<Outgoing> added = new ArrayList<>();
        for (Outgoing outgoing : replies) {
            if (waitingIds.add(outgoing.id()) && !known.test(outgoing.id())) {
                added.add(outgoing);
            }
        }
        if (added.isEmpty()) {
            return List.of();
        }
        if (waiting.isEmpty() || waiting.peekLast().id() < added.get(0).id() && ascending(added)) {
            // The usual case: newer than all waiting, in order.
            waiting.addAll(added);
            return List.copyOf(added);
        }
        List<Outgoing> all = new ArrayList<>(waiting);
        Outgoing head = working ? all.remove(0) : null;
        all.addAll(added);
        all.sort(Comparator.comparingLong(Outgoing::id));
        waiting.clear();
        if (head != null) {
            waiting.add(head);
        }
        waiting.addAll(all);
        return List.copyOf(added);
    }

    private static boolean ascending(List<Outgoing> replies) {
        for (int i = 1; i < replies.size(); i++) {
            if (replies.get(i - 1).id() > replies.get(i).id()) {
                return false;
            }
        }
        return true;
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
