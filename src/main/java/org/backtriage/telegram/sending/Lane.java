package org.backtriage.telegram.sending;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongPredicate;
import org.backtriage.chat.Outgoing;

/**
 * One chat's replies waiting to be sent, in the order they go, and whether a thread works on
 * them: at most one at a time, so one chat's replies never overtake each other and the chat has
 * at most one call in flight. Not thread-safe: the {@link Sender}'s lock guards every lane, but
 * for {@link #pace}, {@link #backOff} and the failures, which only the lane's own thread uses.
 */
final class Lane {
    final long chatId;
    /** This chat's pace: about one message a second for a person, fewer for a group. */
    private final TokenBucket pace;
    /** The wait before sending again after a failure; reset by a success. */
    private final CappedBackOff backOff;
    private final Deque<Outgoing> waiting = new ArrayDeque<>();
    /** A thread works on the lane. */
    private boolean working;
    /** Failed calls in a row. */
    private int failures;

    Lane(long chatId, TokenBucket pace, CappedBackOff backOff) {
        this.chatId = chatId;
        this.pace = pace;
        this.backOff = backOff;
    }

    /** A lane for chat {@code chatId} with its pace and back-off as {@code tuning} says, timed by {@code timing}. */
    static Lane forChat(long chatId, Tuning tuning, Timing timing) {
        // Private chats have positive ids (the person's), groups negative ones.
        Tuning.Pace pace = chatId < 0 ? tuning.groupChat() : tuning.privateChat();
        return new Lane(chatId, new TokenBucket(pace.perSecond(), pace.burst(), timing::nanoTime),
                new CappedBackOff(tuning.retryFirst(), tuning.retryMax(), tuning.retryJitter(),
                        () -> ThreadLocalRandom.current().nextDouble()));
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

    /** True when the lane has replies and no thread: the caller then starts one. */
    boolean claim() {
        if (working || waiting.isEmpty()) {
            return false;
        }
        working = true;
        return true;
    }

    /** Whether a thread works on the lane. */
    boolean claimed() {
        return working;
    }

    /** The reply to send next, or empty when nothing is waiting: then the thread is done with the lane. */
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

    /** Nanoseconds until the chat's pace lets a message go (0: now), taking nothing. Only the lane's thread calls this. */
    long untilPaced() {
        return pace.waitNanos();
    }

    /** A message goes now: it takes a token of the chat's pace. Only the lane's thread calls this. */
    void takePace() {
        pace.tryTake();
    }

    /** A call failed; returns how many have failed in a row. Only the lane's thread calls this. */
    int failed() {
        return ++failures;
    }

    /** How long to wait before trying again after a failure: longer each time, up to a cap. Only the lane's thread calls this. */
    long backOffMillis() {
        return backOff.nextBackOffMillis();
    }

    /** A call succeeded, or its reply is done with: the back-off starts over. Only the lane's thread calls this. */
    void succeeded() {
        failures = 0;
        backOff.reset();
    }
}
