package org.backtriage.triage;

/** "Step {@code step} of {@code total}", the total being the longest route from here. */
public record Progress(int step, int total) {
}
