package org.backtriage.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.backtriage.chat.Telemetry;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/**
 * The requests the bot's public surfaces refuse (the webhook without its secret, a forged body
 * map post, a body too large...), which anyone can send and nobody should be able to flood the log
 * with. Each is counted in the telemetry by surface and reason. The first in a minute may be logged
 * on a line of its own; the others are only tallied, and summed up in one line with the next
 * refusal a minute or more later: at most two lines a minute, however many come.
 */
public final class Rejections {
    /** The webhook, {@code POST <path>}. */
    public static final String WEBHOOK = "webhook";
    /** The body map's answers, {@code POST /bodymap/answer}. */
    public static final String BODY_MAP = "bodymap";
    /** At most one refusal logged on its own line per this long. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    private static final Logger log = Subsystem.REFUSED.logger();

    private final Telemetry telemetry;
    private final Clock clock;
    /** When a refusal was last let log its own line; null before the first. */
    private Instant lineAt;
    /** When the first of those tallied since came. */
    private Instant since;
    /** "surface reason" -> how many, in the order they first came. */
    private final Map<String, Integer> tallied = new LinkedHashMap<>();

    public Rejections(Telemetry telemetry, Clock clock) {
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** Counts a refusal that is never logged on its own (a wrong path or method). */
    public void count(String surface, String reason) {
        telemetry.refused(surface, reason);
    }

    /**
     * Counts a refusal; true when the caller may log it on a line of its own (none was in the last
     * minute), false when it is tallied for the next summary instead.
     */
    public boolean refused(String surface, String reason) {
        telemetry.refused(surface, reason);
        Instant now = clock.instant();
        synchronized (this) {
            if (lineAt != null && now.isBefore(lineAt.plus(EVERY))) {
                if (tallied.isEmpty()) {
                    since = now;
                }
                tallied.merge(surface + " " + reason, 1, Integer::sum);
                return false;
            }
            if (!tallied.isEmpty()) {
                log.warn("Also refused since {}, not logged one by one (a line a minute at most): {}", since,
                        tallied.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
                tallied.clear();
            }
            lineAt = now;
            return true;
        }
    }
}
