package org.backtriage.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ChatService} holds its conversations: the clock turns are timed by; how long a
 * conversation may rest before the person is asked to continue or start again
 * ({@code resumeAfter}); when the check-in a person may ask for at the end comes
 * ({@code checkInAfter}) and whether endings offer it at all; where handled updates and finished
 * conversations are reported; and the public https origin the body map page is served from, for
 * the button that opens it (none when empty). Start from {@link #defaults()}.
 */
public record ChatOptions(Clock clock, Duration resumeAfter, Duration checkInAfter, boolean offersCheckIns,
                          Telemetry telemetry, Optional<String> mapUrl) {
    public ChatOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(resumeAfter, "resumeAfter");
        Objects.requireNonNull(checkInAfter, "checkInAfter");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(mapUrl, "mapUrl");
    }

    /**
     * The bot's usual conversations: the system clock, {@link ChatService#RESUME_AFTER},
     * check-ins offered {@link ChatService#CHECK_IN_AFTER} after the end, no telemetry, no body map.
     */
    public static ChatOptions defaults() {
        return new ChatOptions(Clock.systemUTC(), ChatService.RESUME_AFTER, ChatService.CHECK_IN_AFTER, true,
                Telemetry.NONE, Optional.empty());
    }

    public ChatOptions withClock(Clock clock) {
        return new ChatOptions(clock, resumeAfter, checkInAfter, offersCheckIns, telemetry, mapUrl);
    }

    public ChatOptions withResumeAfter(Duration resumeAfter) {
        return new ChatOptions(clock, resumeAfter, checkInAfter, offersCheckIns, telemetry, mapUrl);
    }

    public ChatOptions withCheckInAfter(Duration checkInAfter) {
        return new ChatOptions(clock, resumeAfter, checkInAfter, offersCheckIns, telemetry, mapUrl);
    }

    /** Endings offer no check-in: for an adapter that cannot reach the person later (a terminal session). */
    public ChatOptions withoutCheckIns() {
        return new ChatOptions(clock, resumeAfter, checkInAfter, false, telemetry, mapUrl);
    }

    public ChatOptions withTelemetry(Telemetry telemetry) {
        return new ChatOptions(clock, resumeAfter, checkInAfter, offersCheckIns, telemetry, mapUrl);
    }

    public ChatOptions withMapUrl(Optional<String> mapUrl) {
        return new ChatOptions(clock, resumeAfter, checkInAfter, offersCheckIns, telemetry, mapUrl);
    }
}
