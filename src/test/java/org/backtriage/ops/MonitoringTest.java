package org.backtriage.ops;

import org.backtriage.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitoringTest {
    final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Monitoring monitoring = new Monitoring(clock);

    @AfterEach
    void close() {
        monitoring.close();
    }

    @Test
    void eachTelemetryCallShowsAsAnExactPrometheusLine() {
        monitoring.updateHandled(Duration.ofMillis(40));
        monitoring.updateHandled(Duration.ofMillis(60));
        monitoring.replySent("sendMessage");
        monitoring.replySent("sendMessage");
        monitoring.replySent("answerCallbackQuery");
        monitoring.deliveryFailed("sendMessage", 429);
        monitoring.deliveryFailed("editMessageText", 0);
        monitoring.conversationEnded("urgent_doctor");
        monitoring.polled(true);
        monitoring.polled(true);
        monitoring.polled(false);

        assertThat(monitoring.scrape().lines()).contains(
                "backtriage_updates_handled_total 2.0",
                "backtriage_replies_sent_total{method=\"sendMessage\"} 2.0",
                "backtriage_replies_sent_total{method=\"answerCallbackQuery\"} 1.0",
                "backtriage_telegram_errors_total{code=\"429\",method=\"sendMessage\"} 1.0",
                "backtriage_telegram_errors_total{code=\"0\",method=\"editMessageText\"} 1.0",
                "backtriage_sessions_finished_total{outcome=\"urgent_doctor\"} 1.0",
                "backtriage_polls_total{result=\"ok\"} 2.0",
                "backtriage_polls_total{result=\"failed\"} 1.0",
                "backtriage_update_handling_seconds_count 2",
                "backtriage_update_handling_seconds_sum 0.1");
    }

    @Test
    void updateHandlingIsAHistogramWithBuckets() {
        monitoring.updateHandled(Duration.ofMillis(5));

        assertThat(monitoring.scrape())
                .contains("# TYPE backtriage_update_handling_seconds histogram")
                .contains("backtriage_update_handling_seconds_bucket{le=\"0.001\"} 0")
                .contains("backtriage_update_handling_seconds_bucket{le=\"+Inf\"} 1");
    }

    @Test
    void countersKnownInAdvanceShowZeroBeforeAnythingHappens() {
        assertThat(monitoring.scrape().lines()).contains(
                "backtriage_updates_handled_total 0.0",
                "backtriage_polls_total{result=\"ok\"} 0.0",
                "backtriage_polls_total{result=\"failed\"} 0.0",
                "backtriage_update_handling_seconds_count 0");
    }

    @Test
    void jvmAndUptimeMetricsAreIncluded() {
        assertThat(monitoring.scrape())
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_threads_live_threads ")
                .contains("jvm_gc_")
                .contains("process_uptime_seconds ");
    }

    @Test
    void missingNamesAndDurationsNeverThrow() {
        assertThatCode(() -> {
            monitoring.replySent(null);
            monitoring.replySent(" ");
            monitoring.deliveryFailed(null, 500);
            monitoring.conversationEnded(null);
            monitoring.updateHandled(null);
        }).doesNotThrowAnyException();

        assertThat(monitoring.scrape().lines()).contains(
                "backtriage_replies_sent_total{method=\"unknown\"} 2.0",
                "backtriage_telegram_errors_total{code=\"500\",method=\"unknown\"} 1.0",
                "backtriage_sessions_finished_total{outcome=\"unknown\"} 1.0");
    }

    @Test
    void remembersTheLastSuccessfulPollOnly() {
        assertThat(monitoring.lastGoodPoll()).isEmpty();

        monitoring.polled(true);
        Instant good = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        monitoring.polled(false);

        assertThat(monitoring.lastGoodPoll()).contains(good);
        assertThat(monitoring.started()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    }
}
