package org.backtriage.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the grammY peer's load server ({@code bench/loadsrv.mjs} in the peer's folder) prints at
 * the end of a run, from its {@code finish()}: one line each for the cold start, the counts, the
 * throughput, the latency, the Bot API calls and the bot's CPU and memory. Times in milliseconds
 * unless the name says otherwise.
 *
 * @param coldStartMs spawn to the first getUpdates request
 * @param unexpected sendMessage calls that arrived while the person was not waiting for one
 * @param overall handled updates ÷ (last reply − the load's start), updates/s
 * @param sustained the middle 80 % of the replies, updates/s
 * @param calls Bot API calls other than getUpdates
 * @param botCpuSeconds the bot's utime + stime (with its child processes) over the load
 * @param rssPeakMb the highest VmRSS sampled every 200 ms during the load
 * @param hwmMb VmHWM at the end: the peak resident memory over the bot's whole life
 */
record LoadsrvReport(double coldStartMs, long injected, long handled, long unfinished, boolean timedOut, long unexpected,
                     long httpErrors, double overall, double seconds, double sustained, long peakPerSecond,
                     double p50, double p95, double p99, double max, long calls, long getUpdates, String byMethod,
                     double botCpuSeconds, double cpuMsPerUpdate, double corePercent, double loadServerCpuSeconds,
                     double rssPeakMb, double hwmMb) {
    private static final String NUMBER = "(-?[0-9.]+|NaN)";
    private static final Pattern COLD = Pattern.compile("cold start: first getUpdates " + NUMBER + " ms after spawn");
    private static final Pattern COUNTS = Pattern.compile("updates injected (\\d+), handled (\\d+), unfinished users (\\d+)"
            + "( \\(TIMEOUT\\))?, unexpected extra sends (\\d+), HTTP errors returned (\\d+)");
    private static final Pattern THROUGHPUT = Pattern.compile("throughput: " + NUMBER + " updates/s overall in " + NUMBER
            + " s, " + NUMBER + " sustained \\(middle 80%\\), peak (\\d+) in 1 s");
    private static final Pattern LATENCY = Pattern.compile("p50 " + NUMBER + " p95 " + NUMBER + " p99 " + NUMBER + " max " + NUMBER);
    private static final Pattern CALLS = Pattern.compile("bot API calls excl\\. getUpdates: (\\d+) \\(" + NUMBER
            + "/s\\), getUpdates (\\d+); by method (\\{.*})");
    private static final Pattern CPU = Pattern.compile("bot CPU " + NUMBER + " s = " + NUMBER + " ms/update \\(" + NUMBER
            + "% of one core\\); load server CPU " + NUMBER + " s; bot RSS peak " + NUMBER + " MB \\(VmHWM " + NUMBER + " MB\\)");

    /** The report in {@code text} (the load server's standard output); fails naming the line it misses. */
    static LoadsrvReport parse(String text) {
        Matcher cold = find(COLD, text, "cold start");
        Matcher counts = find(COUNTS, text, "updates injected");
        Matcher throughput = find(THROUGHPUT, text, "throughput");
        Matcher latency = find(LATENCY, text, "latency");
        Matcher calls = find(CALLS, text, "bot API calls");
        Matcher cpu = find(CPU, text, "bot CPU");
        return new LoadsrvReport(number(cold, 1),
                Long.parseLong(counts.group(1)), Long.parseLong(counts.group(2)), Long.parseLong(counts.group(3)),
                counts.group(4) != null, Long.parseLong(counts.group(5)), Long.parseLong(counts.group(6)),
                number(throughput, 1), number(throughput, 2), number(throughput, 3), Long.parseLong(throughput.group(4)),
                number(latency, 1), number(latency, 2), number(latency, 3), number(latency, 4),
                Long.parseLong(calls.group(1)), Long.parseLong(calls.group(3)), calls.group(4),
                number(cpu, 1), number(cpu, 2), number(cpu, 3), number(cpu, 4), number(cpu, 5), number(cpu, 6));
    }

    /** Bot API calls other than getUpdates, per handled update. */
    double callsPerUpdate() {
        return handled == 0 ? Double.NaN : (double) calls / handled;
    }

    /**
     * Whether every person finished within the load server's time limit, the stand-in answered
     * every call and no send came that nobody waited for (see {@link #unexpected}).
     */
    boolean clean() {
        return unfinished == 0 && !timedOut && httpErrors == 0 && unexpected == 0 && injected == handled;
    }

    private static Matcher find(Pattern pattern, String text, String line) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the load server's report has no '" + line + "' line");
        }
        return matcher;
    }

    private static double number(Matcher matcher, int group) {
        return Double.parseDouble(matcher.group(group));
    }
}
