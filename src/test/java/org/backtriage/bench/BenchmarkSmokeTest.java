package org.backtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small run of the end-to-end benchmark on every build: the real bot as its own process (its
 * main class from the test class path, since the jar is built after the tests), 30 people
 * walking complete paths to the five endings, about 400 updates. Pacing is off
 * (BACKTRIAGE_PACING=off): at Telegram's 1 message a second per chat one walk alone takes about
 * 40 s. It checks correctness only; the numbers belong in BENCHMARKS.md.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void thirtyPeopleWalkingToEveryEndingGetEveryReplyExactlyOnce() {
        Report report = Benchmark.run(Options.parse("--classpath", "--people", "30", "--warm-up", "0",
                "--bot-env", "BACKTRIAGE_PACING=off", "--quiet", "10"));

        assertThat(report.lost()).as("lost replies\n%s", report.text()).isZero();
        assertThat(report.duplicates()).as("duplicate replies\n%s", report.text()).isZero();
        assertThat(report.errors()).as("wrong replies\n%s", report.text()).isZero();
        assertThat(report.strays()).as("calls for no one\n%s", report.text()).isZero();
        assertThat(report.handled()).as("updates answered\n%s", report.text()).isEqualTo(report.offered());
        assertThat(report.finished().keySet()).as("endings reached\n%s", report.text())
                .containsExactlyInAnyOrder("emergency_care", "urgent_doctor", "clinician_first", "ql_pattern", "general");
        assertThat(report.peopleDone()).as("people who reached an ending\n%s", report.text()).isEqualTo(30);
        assertThat(report.botLogProblems()).as("the bot's warnings and errors").isEmpty();
        // Telegram's ~30 messages a second is what limits a bot: about one message an update, over every ending's walks.
        assertThat(report.messagesPerUpdate()).as("messages per update\n%s", report.text()).isLessThanOrEqualTo(1.15);
        assertThat(report.botExitCode()).as("exit code after SIGTERM").contains(0);
    }
}
