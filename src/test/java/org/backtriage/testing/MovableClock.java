package org.backtriage.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, in UTC; it starts at 25 November 2026, 09:00, unless told otherwise. */
public final class MovableClock extends Clock {
    private volatile Instant now;

    public MovableClock() {
        this(Instant.parse("2026-11-25T09:00:00Z"));
    }

    public MovableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
