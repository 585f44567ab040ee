package org.backtriage.bench;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What happened to the people of one part of a run (the warm-up, or the measured part). */
final class Phase {
    private static final int EXAMPLES = 20;

    final String name;
    /** People who joined this part of the run. */
    final AtomicInteger people = new AtomicInteger();
    /** Offered → the reply (see {@link Walk.Reply}). */
    final Samples replyLatency = new Samples();
    /** Offered → the last reply owed for the update. */
    final Samples lastReplyLatency = new Samples();
    /** Offered → first handed to the bot by getUpdates. */
    final Samples deliveryLatency = new Samples();
    /** When each reply arrived, for the busiest second. */
    final Samples replyInstants = new Samples();
    /** When each message (a new one or an edit) reached the Bot API, for the busiest second against Telegram's limit. */
    final Samples messageInstants = new Samples();
    /** Offered → confirmed by a later getUpdates offset: handled, its replies durable in the outbox. */
    final Samples confirmLatency = new Samples();
    final Samples confirmInstants = new Samples();
    final AtomicLong lastConfirmAt = new AtomicLong();
    final LongAdder offered = new LongAdder();
    final LongAdder replied = new LongAdder();
    final AtomicLong owed = new AtomicLong();
    final LongAdder errors = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final AtomicInteger peopleDone = new AtomicInteger();
    final Map<String, LongAdder> finishedByOutcome = new ConcurrentHashMap<>();
    private final Queue<String> examples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger exampleCount = new AtomicInteger();
    final AtomicLong firstOfferAt = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastReplyAt = new AtomicLong();
    /** No more updates are offered (the time or the arrivals ran out). */
    volatile boolean offeringStopped;

    Phase(String name) {
        this.name = name;
    }

    void error(String what) {
        errors.increment();
        example("error: " + what);
    }

    void duplicate(String what) {
        duplicates.increment();
        example("duplicate: " + what);
    }

    void offeredAt(long nanos) {
        offered.increment();
        firstOfferAt.accumulateAndGet(nanos, Math::min);
    }

    void repliedAt(long nanos, long latency) {
        replied.increment();
        replyLatency.add(latency);
        replyInstants.add(nanos);
        lastReplyAt.accumulateAndGet(nanos, Math::max);
    }

    void confirmedAt(long nanos, long latency) {
        confirmLatency.add(latency);
        confirmInstants.add(nanos);
        lastConfirmAt.accumulateAndGet(nanos, Math::max);
    }

    void finished(String outcome) {
        finishedByOutcome.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    /** Everything offered got every reply owed, and no one will offer more. */
    boolean settled() {
        return owed.get() == 0 && (offeringStopped || peopleDone.get() == people.get());
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    Map<String, Long> finished() {
        Map<String, Long> counts = new TreeMap<>();
        finishedByOutcome.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    private void example(String text) {
        if (exampleCount.incrementAndGet() <= EXAMPLES) {
            examples.add(text);
        }
    }
}
