package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The line for the bot-wide pace, on a hand-moved clock and a scheduler that only records. */
class SharedPaceTest {
    private long now;
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final SharedPace pace = new SharedPace(new TokenBucket(1, 1, () -> now), (task, nanos) -> {
        scheduled.add(task);
        delays.add(nanos);
    }, () -> now);

    private final Runnable ann = () -> { };
    private final Runnable bob = () -> { };
    private final Runnable cat = () -> { };
    private final Runnable dan = () -> { };

    /** Moves the clock by {@code seconds} and runs what was scheduled so far (the timer), once. */
    private void timerFires(double seconds) {
        now += (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        delays.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void withATokenThereTheFirstSendsAtOnce() {
        assertThat(pace.take(ann)).isTrue();
        assertThat(scheduled).isEmpty();
    }

    @Test
    void thoseShortOfATokenWaitInLineWithOneTimerForAll() {
        pace.take(ann);

        assertThat(pace.take(bob)).isFalse();
        assertThat(pace.take(cat)).isFalse();

        assertThat(scheduled).hasSize(1);
        assertThat(delays.get(0)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void eachTokenGoesToTheHeadOfTheLineWhichIsRunAgainAndSends() {
        pace.take(ann);
        pace.take(bob);
        pace.take(cat);

        timerFires(1);

        // Bob is run again (and only Bob); the timer is set for Cat's token.
        assertThat(scheduled).hasSize(2).first().isSameAs(bob);
        assertThat(delays).containsExactly(0L, TimeUnit.SECONDS.toNanos(1));
        assertThat(pace.take(bob)).isTrue();
    }

    @Test
    void whoeverComesWhileOthersWaitJoinsTheLineBehindThemEvenWhenATokenIsThere() {
        pace.take(ann);
        pace.take(bob);
        pace.take(cat);
        timerFires(1);
        now += TimeUnit.SECONDS.toNanos(5);

        assertThat(pace.take(dan)).isFalse();
        assertThat(pace.take(bob)).isTrue();
    }

    @Test
    void aPauseHoldsEveryoneUntilItEndsThenTheLineGoesInOrder() {
        pace.pause(TimeUnit.SECONDS.toNanos(5));

        assertThat(pace.take(ann)).as("a token is there, but the bot must wait").isFalse();
        assertThat(pace.take(bob)).isFalse();
        assertThat(delays).containsExactly(TimeUnit.SECONDS.toNanos(5));

        timerFires(5);

        assertThat(scheduled).first().isSameAs(ann);
        assertThat(pace.take(ann)).isTrue();
        assertThat(pace.take(bob)).as("Bob's token comes a second later").isFalse();
    }

    @Test
    void aTokenHandedOutBeforeAPauseWaitsForItsEndFirstInLine() {
        pace.take(ann);
        pace.take(bob);
        pace.take(cat);
        timerFires(1);
        pace.pause(TimeUnit.SECONDS.toNanos(3));

        assertThat(pace.take(bob)).isFalse();
        timerFires(3);

        assertThat(scheduled).first().isSameAs(bob);
    }

    @Test
    void aShorterPauseDoesNotCutALongerOneShort() {
        pace.pause(TimeUnit.SECONDS.toNanos(10));
        pace.pause(TimeUnit.SECONDS.toNanos(1));
        now += TimeUnit.SECONDS.toNanos(2);

        assertThat(pace.take(ann)).isFalse();
    }

    @Test
    void aHandedTokenIsUsedOnce() {
        pace.take(ann);
        pace.take(bob);
        timerFires(1);

        assertThat(pace.take(bob)).isTrue();
        assertThat(pace.take(bob)).isFalse();
    }
}
