package org.backtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small run of the end-to-end benchmark on every build: the real bot as its own process (its
 * main class from the test class path, since the jar is built after the tests), 30 people
 * walking complete paths to the ten endings a route of buttons reaches (three to each), about 350 updates. Pacing is off
 * (BACKTRIAGE_PACING=off): at Telegram's 1 message a second per chat one walk alone takes about
 * 40 s. It checks correctness only; the numbers belong in BENCHMARKS.md.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void thirtyPeopleWalkingToEveryEndingGetEveryReplyExactlyOnce() {
        Report report = Benchmark.run(Options.parse("--classpath", "--people", "30", "--warm-up", "0",
                "--bot-env", "BACKTRIAGE_PACING=off", "--quiet", "10"));

        assertCleanWalks(report);
    }

    /** The same over a webhook, the fake Bot API delivering each update as Telegram does. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void thirtyPeopleOverAWebhookGetEveryReplyExactlyOnce() {
        Report report = Benchmark.run(Options.parse("--classpath", "--people", "30", "--warm-up", "0", "--webhook", "1",
                "--bot-env", "BACKTRIAGE_PACING=off", "--quiet", "10"));

        assertCleanWalks(report);
        assertThat(report.webhookAnswers()).as("webhook POSTs by status\n%s", report.text())
                .containsOnlyKeys(200).containsEntry(200, report.offered());
    }

    private static void assertCleanWalks(Report report) {
        assertThat(report.lost()).as("lost replies\n%s", report.text()).isZero();
        assertThat(report.duplicates()).as("duplicate replies\n%s", report.text()).isZero();
        assertThat(report.errors()).as("wrong replies\n%s", report.text()).isZero();
        assertThat(report.strays()).as("calls for no one\n%s", report.text()).isZero();
        assertThat(report.handled()).as("updates answered\n%s", report.text()).isEqualTo(report.offered());
        assertThat(report.finished().keySet()).as("endings reached\n%s", report.text())
                .containsExactlyInAnyOrder("emergency_ambulance", "emergency_care", "help_now", "maternity_now", "maternity_unsure",
                        "urgent_doctor", "urgent_unsure", "clinician_first", "ql_pattern", "general");
        assertThat(report.peopleDone()).as("people who reached an ending\n%s", report.text()).isEqualTo(30);
        assertThat(report.botLogProblems()).as("the bot's warnings and errors").isEmpty();
        // Telegram's ~30 messages a second is what limits a bot: about one message an update, over every ending's walks.
        assertThat(report.messagesPerUpdate()).as("messages per update\n%s", report.text()).isLessThanOrEqualTo(1.15);
        assertThat(report.botExitCode()).as("exit code after SIGTERM").contains(0);
    }
}
