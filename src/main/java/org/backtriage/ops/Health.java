package org.backtriage.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.backtriage.logging.Redaction;

/**
 * Whether the bot can do its work: the database answers, and a poll for updates succeeded
 * within the window. A bot with no successful poll yet counts as starting, and healthy, for
 * one window after start-up; after that the missing poll is a fault like a stale one.
 */
final class Health {
    private final Monitoring monitoring;
    private final BooleanSupplier databaseUp;
    private final Duration pollWindow;

    Health(Monitoring monitoring, BooleanSupplier databaseUp, Duration pollWindow) {
        this.monitoring = monitoring;
        this.databaseUp = databaseUp;
        this.pollWindow = pollWindow;
    }

    /** Empty when healthy, else what is wrong in one line. */
    Optional<String> problem() {
        List<String> problems = new ArrayList<>(2);
        databaseProblem().ifPresent(problems::add);
        pollingProblem().ifPresent(problems::add);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private Optional<String> databaseProblem() {
        try {
            return databaseUp.getAsBoolean() ? Optional.empty() : Optional.of("database does not answer");
        } catch (RuntimeException e) {
            return Optional.of("database check failed: " + oneLine(Redaction.redact(e.toString())));
        }
    }

    private Optional<String> pollingProblem() {
        Instant now = monitoring.now();
        Optional<Instant> last = monitoring.lastGoodPoll();
        if (last.isPresent()) {
            Duration since = Duration.between(last.get(), now);
            return since.compareTo(pollWindow) <= 0 ? Optional.empty()
                    : Optional.of("no successful poll for updates for " + since.toSeconds() + " s (allowed "
                            + pollWindow.toSeconds() + " s; last at " + last.get().truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        Duration running = Duration.between(monitoring.started(), now);
        return running.compareTo(pollWindow) <= 0 ? Optional.empty()
                : Optional.of("no successful poll for updates since start " + running.toSeconds() + " s ago (allowed "
                        + pollWindow.toSeconds() + " s)");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
