package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.backtriage.Waits;
import org.backtriage.telegram.testing.FakeTiming;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line for the bot-wide pace, on time the test moves: who sends when, exactly. */
class FairPaceTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final FakeTiming time = new FakeTiming();
    /** One message a second, no burst beyond the one token. */
    private final FairPace pace = new FairPace(new Tuning.Pace(1, 1), time);
    /** Who took a token, and when (time since the start), in the order they took them. */
    private final List<String> taken = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }

    /** {@code who} takes a token on a thread of their own, and is in line (or sleeping at its head) on return. */
    private void takes(String who) {
        int waitingBefore = pace.waiting();
        int sleepingBefore = time.sleepers();
        Thread thread = Thread.ofVirtual().name(who).start(() -> {
            try {
                pace.take();
                taken.add(who + " at " + time.elapsed().toMillis() + " ms");
            } catch (InterruptedException e) {
                // The test ended.
            }
        });
        threads.add(thread);
        Waits.upTo(Duration.ofSeconds(5)).until(() -> taken.stream().anyMatch(line -> line.startsWith(who + " "))
                || pace.waiting() > waitingBefore || time.sleepers() > sleepingBefore);
    }

    private void awaitTaken(int count) {
        Waits.upTo(Duration.ofSeconds(5)).until(() -> taken.size() >= count);
    }

    @Test
    void withATokenThereTheFirstSendsAtOnce() throws InterruptedException {
        pace.take();

        assertThat(time.sleepsAsked()).isEmpty();
    }

    @Test
    void thoseShortOfATokenWaitInLineAndOnlyTheHeadSleepsThenEachGoesAsItsTokenComes() {
        takes("ann");
        takes("bob");
        takes("cat");
        takes("dan");

        assertThat(time.sleepers()).as("only the head of the line sleeps").isEqualTo(1);
        assertThat(pace.waiting()).isEqualTo(2);
        for (int k = 1; k <= 3; k++) {
            assertThat(time.advanceToNextWake()).isEqualTo(SECOND);
            awaitTaken(k + 1);
        }

        assertThat(taken).containsExactly("ann at 0 ms", "bob at 1000 ms", "cat at 2000 ms", "dan at 3000 ms");
    }

    @Test
    void aPauseHoldsEveryoneUntilItEndsThenTheLineGoesInOrder() {
        pace.pause(Duration.ofSeconds(5).toNanos());

        takes("ann");
        takes("bob");
        time.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(taken).as("a token is there, but the bot must wait").isEmpty();
        time.advance(Duration.ofNanos(1));
        awaitTaken(1);
        assertThat(time.advanceToNextWake()).as("Bob's token comes a second later").isEqualTo(SECOND);
        awaitTaken(2);

        assertThat(taken).containsExactly("ann at 5000 ms", "bob at 6000 ms");
    }

    @Test
    void aPauseAskedWhileTheHeadSleepsForATokenHoldsItToo() {
        takes("ann");
        takes("bob");
        pace.pause(Duration.ofSeconds(3).toNanos());

        time.advance(SECOND);
        assertThat(time.advanceToNextWake()).isEqualTo(Duration.ofSeconds(2));
        awaitTaken(2);

        assertThat(taken).containsExactly("ann at 0 ms", "bob at 3000 ms");
    }

    @Test
    void aShorterPauseDoesNotCutALongerOneShort() {
        pace.pause(Duration.ofSeconds(10).toNanos());
        pace.pause(SECOND.toNanos());

        takes("ann");

        assertThat(time.untilNextWake()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theBotsPaceLetsAtMost28MessagesThroughInAnySecond() throws InterruptedException {
        FairPace bot = new FairPace(Tuning.ALL_CHATS, time);
        List<Long> times = new ArrayList<>();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    bot.take();
                    times.add(time.nanoTime());
                }
            } catch (InterruptedException e) {
                // The test ended.
            }
        });
        threads.add(sender);
        time.runUntil(() -> !sender.isAlive());

        sender.join();
        assertThat(times).hasSize(100);
        int most = 0;
        for (int i = 0; i < times.size(); i++) {
            int in = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < SECOND.toNanos(); j++) {
                in++;
            }
            most = Math.max(most, in);
        }
        assertThat(most).isLessThanOrEqualTo(28);
        // 27 a second after the first: not slower than the pace either.
        assertThat((double) (times.get(99) - times.get(0))).isCloseTo(99 * 1e9 / 27, within(1e3));
    }
}
