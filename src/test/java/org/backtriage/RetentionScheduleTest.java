package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.logging.Subsystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Idle sessions deleted at once and then every round, whatever one round does. */
class RetentionScheduleTest {
    static final Duration RETENTION = Duration.ofDays(30);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(Subsystem.BOT.loggerName());

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    List<String> lines() {
        return List.copyOf(logged.list).stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }

    @Test
    void theFirstRoundComesAtOnceNotAnHourLater() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        try (RetentionSchedule schedule = RetentionSchedule.start(() -> {
            first.countDown();
            return 0;
        }, RETENTION, RetentionSchedule.EVERY)) {
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(lines()).as("nothing deleted, nothing said").isEmpty();
    }

    @Test
    void runsEveryRoundAndSaysWhatItDeleted() throws Exception {
        // Rounds never overlap: once the third has begun, the first has said what it did.
        CountDownLatch rounds = new CountDownLatch(3);
        AtomicInteger calls = new AtomicInteger();
        try (RetentionSchedule schedule = RetentionSchedule.start(() -> {
            rounds.countDown();
            return calls.incrementAndGet() == 1 ? 2 : 0;
        }, RETENTION, Duration.ofMillis(20))) {
            assertThat(rounds.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(lines()).containsExactly("INFO deleted 2 session(s) idle for over 30 days");
    }

    @Test
    void aFailedRoundIsLoggedAndTheNextOneStillRuns() throws Exception {
        // Rounds never overlap: once the third has begun, the first two have said what they did.
        CountDownLatch rounds = new CountDownLatch(3);
        AtomicInteger calls = new AtomicInteger();
        try (RetentionSchedule schedule = RetentionSchedule.start(() -> {
            rounds.countDown();
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database is locked");
            }
            return calls.get() == 2 ? 1 : 0;
        }, RETENTION, Duration.ofMillis(20))) {
            assertThat(rounds.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(lines()).containsExactly("ERROR deleting idle sessions failed; will try again in an hour: database is locked",
                "INFO deleted 1 session(s) idle for over 30 days");
    }

    @Test
    void closingStopsTheRounds() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        RetentionSchedule schedule = RetentionSchedule.start(() -> {
            calls.incrementAndGet();
            first.countDown();
            return 0;
        }, RETENTION, Duration.ofMillis(50));
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

        schedule.close();
        int afterClose = calls.get();

        // Closed means over: the rounds' thread has ended, so none can come however long one waits.
        assertThat(schedule.ended()).isTrue();
        assertThat(calls.get()).isEqualTo(afterClose);
    }
}
