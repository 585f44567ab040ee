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
 * Whether the bot can do its work: the database answers, and updates reach it. With long
 * polling, a poll succeeded within the window. With a webhook, Telegram delivered within the
 * window, or, when nothing came (a quiet hour, or another instance behind the load balancer got
 * it all), Telegram's getWebhookInfo answered within the window without a recent delivery error.
 * A bot with neither yet counts as starting, and healthy, for one window after start-up, unless
 * getWebhookInfo already named a problem.
 */
final class Health {
    private final Monitoring monitoring;
    private final BooleanSupplier databaseUp;
    private final Duration window;
    private final OpsServer.Intake intake;

    Health(Monitoring monitoring, BooleanSupplier databaseUp, Duration window) {
        this(monitoring, databaseUp, window, OpsServer.Intake.POLLING);
    }

    Health(Monitoring monitoring, BooleanSupplier databaseUp, Duration window, OpsServer.Intake intake) {
        this.monitoring = monitoring;
        this.databaseUp = databaseUp;
        this.window = window;
        this.intake = intake;
    }

    /** Empty when healthy, else what is wrong in one line. */
    Optional<String> problem() {
        List<String> problems = new ArrayList<>(2);
        databaseProblem().ifPresent(problems::add);
        (intake == OpsServer.Intake.POLLING ? pollingProblem() : webhookProblem()).ifPresent(problems::add);
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
        Optional<Instant> last = monitoring.lastGoodPoll();
        if (last.isPresent()) {
            Duration since = Duration.between(last.get(), monitoring.now());
            return within(since) ? Optional.empty()
                    : Optional.of("no successful poll for updates for " + since.toSeconds() + " s (allowed "
                            + window.toSeconds() + " s; last at " + last.get().truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        return starting() ? Optional.empty()
                : Optional.of("no successful poll for updates since start " + running().toSeconds() + " s ago (allowed "
                        + window.toSeconds() + " s)");
    }

    private Optional<String> webhookProblem() {
        Optional<Instant> delivered = monitoring.lastWebhook();
        if (delivered.isPresent() && within(Duration.between(delivered.get(), monitoring.now()))) {
            return Optional.empty();
        }
        Optional<Monitoring.WebhookInfo> info = monitoring.lastWebhookInfo()
                .filter(checked -> within(Duration.between(checked.at(), monitoring.now())));
        if (info.isPresent() && info.get().problem().isEmpty()) {
            return Optional.empty();
        }
        String quiet = delivered.map(at -> "no webhook request for " + Duration.between(at, monitoring.now()).toSeconds()
                + " s (allowed " + window.toSeconds() + " s; last at " + at.truncatedTo(ChronoUnit.SECONDS) + ")")
                .orElse("no webhook request since start " + running().toSeconds() + " s ago (allowed "
                        + window.toSeconds() + " s)");
        if (info.isPresent()) {
            return Optional.of(quiet + ", and getWebhookInfo says: " + oneLine(info.get().problem().get()));
        }
        return starting() ? Optional.empty() : Optional.of(quiet + ", and no answer from getWebhookInfo");
    }

    private boolean within(Duration since) {
        return since.compareTo(window) <= 0;
    }

    private Duration running() {
        return Duration.between(monitoring.started(), monitoring.now());
    }

    private boolean starting() {
        return within(running());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
