package org.backtriage.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outgoing;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.sending.SendQueue;
import org.backtriage.telegram.sending.Sender;
import org.backtriage.telegram.sending.Timing;
import org.slf4j.Logger;

/**
 * Looks for due check-ins ("check on me in a week") every {@link #EVERY} on a thread of its own,
 * and hands the replies each made to the sending ({@link SendQueue}). The chat layer makes each
 * check-in in a transaction of its own, so polling gets in between them. With several instances
 * on one store, each runs rounds: the store lets one of them claim each due check-in (SKIP
 * LOCKED), and only the sender lease's holder sends what it queued ({@code LeasedSending}), so
 * each check-in is made once and sent once, whichever instance made it.
 */
final class CheckInRounds {
    private static final Logger log = Subsystem.CHECK_INS.logger();
    /** How often due check-ins are looked for. */
    static final Duration EVERY = Duration.ofSeconds(30);

    private final ChatService chat;
    private final SendQueue sender;
    private final TokenScrubber scrubber;
    private final Timing timing;
    private Thread rounds;
    /** Counted down once the first round (after the chore) is done. */
    private final CountDownLatch firstRound = new CountDownLatch(1);
    private boolean stopped;

    /** Rounds of {@code chat}'s due check-ins handed to {@code sender}, {@link #EVERY} apart by {@code timing}. */
    CheckInRounds(ChatService chat, SendQueue sender, TokenScrubber scrubber, Timing timing) {
        this.chat = chat;
        this.sender = sender;
        this.scrubber = scrubber;
        this.timing = timing;
    }

    /**
     * Runs {@code first} (a chore that must not hold up polling), then a round now and every
     * {@link #EVERY}, on a thread of their own. Only the first call does anything.
     */
    synchronized void start(Runnable first) {
        if (rounds != null || stopped) {
            return;
        }
        rounds = Thread.ofVirtual().name("check-ins").start(() -> {
            runSafely(first);
            try {
                while (true) {
                    releaseDue();
                    firstRound.countDown();
                    timing.sleep(EVERY.toNanos());
                }
            } catch (InterruptedException stopping) {
                // stop() ended the rounds.
            }
        });
    }

    private void runSafely(Runnable chore) {
        try {
            chore.run();
        } catch (RuntimeException e) {
            log.error("A chore before the check-in rounds failed: {}", scrubber.scrub(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Whether the first round (after the chore) was done within {@code timeout}: from then on the
     * next round is {@link #EVERY} away (tests run their own rounds after it).
     */
    boolean awaitFirstRound(Duration timeout) throws InterruptedException {
        return firstRound.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ends the rounds; one under way is interrupted. */
    synchronized void stop() {
        stopped = true;
        if (rounds != null) {
            rounds.interrupt();
        }
    }

    /** Queues every check-in that has come due and hands it to the sender; never throws. */
    void releaseDue() {
        try {
            List<Outgoing> due = chat.releaseDueCheckIns();
            Map<Long, List<Outgoing>> byChat = Sender.byChat(due);
            byChat.forEach(sender::queue);
            if (!due.isEmpty()) {
                log.info("{} check-in(s) came due", byChat.size());
            }
        } catch (RuntimeException e) {
            log.error("Looking for due check-ins failed; trying again in {} s: {}", EVERY.toSeconds(),
                    scrubber.scrub(String.valueOf(e.getMessage())));
        }
    }
}
