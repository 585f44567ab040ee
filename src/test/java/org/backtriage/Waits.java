package org.backtriage;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Timed waits in tests, for work done on other threads or in another process. */
public final class Waits {
    private Waits() {
    }

    /**
     * Waits up to {@code timeout}: checks at once, then every 10 ms, on the test's own thread (no
     * thread of Awaitility's to find among the bot's).
     */
    public static ConditionFactory upTo(Duration timeout) {
        return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .pollInSameThread();
    }
}
