package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CappedBackOffTest {

    private static List<Long> waits(CappedBackOff backOff, int count) {
        List<Long> waits = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> waits.add(backOff.nextBackOffMillis()));
        return waits;
    }

    @Test
    void doublesFromHalfASecondToThirtySecondsAndNeverGivesUp() {
        CappedBackOff backOff = new CappedBackOff(CappedBackOff.INITIAL, CappedBackOff.MAX, CappedBackOff.JITTER, () -> 0.0);

        assertThat(waits(backOff, 10)).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L,
                30_000L, 30_000L);
        assertThat(waits(backOff, 10_000)).allMatch(wait -> wait == 30_000L);
    }

    @Test
    void jitterOnlyShortensWaits() {
        CappedBackOff backOff = new CappedBackOff(CappedBackOff.INITIAL, CappedBackOff.MAX, 0.2, () -> 0.999);

        assertThat(waits(backOff, 8)).containsExactly(401L, 801L, 1_601L, 3_201L, 6_402L, 12_804L, 24_006L, 24_006L);
    }

    @Test
    void defaultWaitsStayWithinBounds() {
        CappedBackOff backOff = new CappedBackOff();

        assertThat(waits(backOff, 50)).allMatch(wait -> wait >= 400 && wait <= 30_000);
    }

    @Test
    void successStartsOverFromTheShortestWait() {
        CappedBackOff backOff = new CappedBackOff(CappedBackOff.INITIAL, CappedBackOff.MAX, 0, () -> 0.5);
        waits(backOff, 6);

        backOff.reset();

        assertThat(waits(backOff, 2)).containsExactly(500L, 1_000L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new CappedBackOff(Duration.ZERO, Duration.ofSeconds(1), 0, () -> 0))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new CappedBackOff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, () -> 0))
                .hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> new CappedBackOff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, () -> 0))
                .hasMessageContaining("jitter");
    }
}
