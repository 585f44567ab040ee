package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private TokenBucket bucket(Tuning.Pace pace) {
        return new TokenBucket(pace.perSecond(), pace.burst(), now::get);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Takes a token as soon as there is one, {@code count} times; the times taken, in ms from the start. */
    private List<Long> sendAsFastAsAllowed(TokenBucket bucket, int count) {
        long start = now.get();
        List<Long> times = new ArrayList<>();
        while (times.size() < count) {
            long wait = bucket.tryTake();
            if (wait == 0) {
                times.add(TimeUnit.NANOSECONDS.toMillis(now.get() - start));
            } else {
                now.addAndGet(wait);
            }
        }
        return times;
    }

    private static int mostInAnyWindow(List<Long> times, long windowMillis) {
        int most = 0;
        for (int i = 0; i < times.size(); i++) {
            int in = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < windowMillis; j++) {
                in++;
            }
            most = Math.max(most, in);
        }
        return most;
    }

    @Test
    void oneChatGetsThreeAtOnceThenOneASecond() {
        List<Long> times = sendAsFastAsAllowed(bucket(Tuning.DEFAULT.privateChat()), 7);

        assertThat(times).containsExactly(0L, 0L, 0L, 1_000L, 2_000L, 3_000L, 4_000L);
    }

    @Test
    void allChatsTogetherNeverExceedTwentyEightInAnySecondLeavingRoomUnderThirty() {
        List<Long> times = sendAsFastAsAllowed(bucket(Tuning.DEFAULT.allChats()), 300);

        assertThat(mostInAnyWindow(times, 1_000)).isLessThanOrEqualTo(28);
        // and sustain 27 a second: 300 messages in 299 / 27 s
        assertThat(times.get(299)).isBetween(11_024L, 11_124L);
    }

    @Test
    void aGroupNeverGetsMoreThanTwentyInAnyMinute() {
        List<Long> times = sendAsFastAsAllowed(bucket(Tuning.DEFAULT.groupChat()), 100);

        assertThat(mostInAnyWindow(times, 60_000)).isLessThanOrEqualTo(20);
    }

    @Test
    void waitSaysWhenTheNextTokenIsThereAndTakesNothing() {
        TokenBucket bucket = bucket(new Tuning.Pace(4, 1));
        assertThat(bucket.tryTake()).isZero();

        assertThat(bucket.waitNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        advanceMillis(100);
        assertThat(bucket.waitNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(bucket.tryTake()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        advanceMillis(150);
        assertThat(bucket.tryTake()).isZero();
    }

    @Test
    void restRefillsUpToTheBurstOnly() {
        TokenBucket bucket = bucket(new Tuning.Pace(1, 3));
        sendAsFastAsAllowed(bucket, 3);
        assertThat(bucket.nanosUntilFull()).isEqualTo(TimeUnit.SECONDS.toNanos(3));

        advanceMillis(60_000);

        assertThat(bucket.nanosUntilFull()).isZero();
        assertThat(sendAsFastAsAllowed(bucket, 4)).containsExactly(0L, 0L, 0L, 1_000L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Tuning.Pace(0, 1)).hasMessageContaining("rate above 0");
        assertThatThrownBy(() -> new Tuning.Pace(1, 0)).hasMessageContaining("burst of at least 1");
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, now::get)).hasMessageContaining("rate above 0");
    }
}
