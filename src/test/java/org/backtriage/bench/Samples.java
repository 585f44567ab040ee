package org.backtriage.bench;

import java.util.Arrays;

/** Measured values in nanoseconds (latencies, or instants), kept whole for exact percentiles. */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    synchronized int size() {
        return size;
    }

    /** The value at quantile {@code q} (0..1) of {@code sorted} (nearest rank), or 0 when empty. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The most instants of {@code sorted} in any window of {@code windowNanos}. */
    static int mostWithin(long[] sorted, long windowNanos) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[to] - sorted[from] >= windowNanos) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
