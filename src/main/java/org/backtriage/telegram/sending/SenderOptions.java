package org.backtriage.telegram.sending;

import java.time.Clock;
import java.util.Objects;
import org.backtriage.chat.Telemetry;
import org.backtriage.telegram.client.TokenScrubber;

/**
 * How a {@link Sender} works, but for what it sends and to whom: built with {@link #of} and
 * changed a part at a time.
 *
 * @param scrubber takes the token out of every line logged
 * @param tuning paces, retry waits and timeouts
 * @param telemetry counts replies given up
 * @param clock tells a reply's age (one queued over a day ago is given up)
 * @param timing the clock and sleep of pacing and back-off
 * @param lease whether the sender surely holds its lease, asked right before every call
 */
public record SenderOptions(TokenScrubber scrubber, Tuning tuning, Telemetry telemetry, Clock clock, Timing timing,
                     SenderLease lease) {

    public SenderOptions {
        Objects.requireNonNull(scrubber, "scrubber");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(lease, "lease");
    }

    /** Real time, nothing counted, alone on its store. */
    public static SenderOptions of(TokenScrubber scrubber, Tuning tuning) {
        return new SenderOptions(scrubber, tuning, Telemetry.NONE, Clock.systemUTC(), Timing.SYSTEM, SenderLease.ALONE);
    }

    public SenderOptions counting(Telemetry counted) {
        return new SenderOptions(scrubber, tuning, counted, clock, timing, lease);
    }

    public SenderOptions agingBy(Clock wallClock) {
        return new SenderOptions(scrubber, tuning, telemetry, wallClock, timing, lease);
    }

    SenderOptions timedBy(Timing time) {
        return new SenderOptions(scrubber, tuning, telemetry, clock, time, lease);
    }

    SenderOptions under(SenderLease held) {
        return new SenderOptions(scrubber, tuning, telemetry, clock, timing, held);
    }
}
