package org.backtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small run of the end-to-end benchmark on every build: the real bot as its own process (its
 * main class from the test class path, since the jar is built after the tests), 30 people
 * walking complete paths to the five endings. The bot paces itself under Telegram's limits (25
 * messages a second, 1 a second per chat), so a full walk takes about 20 s on its own: people
 * stop offering after 8 s, and the test then waits for every reply owed for what was offered.
 * It checks correctness only; the numbers belong in BENCHMARKS.md.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void thirtyPeopleGetEveryReplyExactlyOnce() {
        Report report = Benchmark.run(Options.parse("--classpath", "--people", "30", "--warm-up", "0", "--seconds", "8",
                "--quiet", "10"));

        assertThat(report.lost()).as("lost replies\n%s", report.text()).isZero();
        assertThat(report.duplicates()).as("duplicate replies\n%s", report.text()).isZero();
        assertThat(report.errors()).as("wrong replies\n%s", report.text()).isZero();
        assertThat(report.strays()).as("calls for no one\n%s", report.text()).isZero();
        assertThat(report.handled()).as("updates answered\n%s", report.text()).isEqualTo(report.offered());
        assertThat(report.handled()).as("updates answered\n%s", report.text()).isGreaterThanOrEqualTo(30);
        assertThat(report.peopleDone()).as("people who reached an ending\n%s", report.text()).isPositive();
        assertThat(report.botLogProblems()).as("the bot's warnings and errors").isEmpty();
        assertThat(report.botExitCode()).as("exit code after SIGTERM").contains(0);
    }
}
