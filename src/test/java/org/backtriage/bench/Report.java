package org.backtriage.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The numbers of one benchmark run, and how they are printed. */
record Report(
        String load,
        String intake,
        boolean webhook,
        List<String> botCommand,
        double firstLogSeconds,
        double startingSeconds,
        double firstCallSeconds,
        /** To the first getUpdates, or (webhook) until every instance listens. */
        double readySeconds,
        double startUpCpuSeconds,
        long offered,
        long handled,
        Map<String, Long> finished,
        int people,
        int peopleDone,
        double seconds,
        double sustainedPerSecond,
        int peakPerSecond,
        int peakMessagesPerSecond,
        Latency reply,
        Latency lastReply,
        Latency delivery,
        long durable,
        double durableSeconds,
        double durablePerSecond,
        int peakDurablePerSecond,
        Latency durableLatency,
        double botCpuMillisPerUpdate,
        BotCpu botCpu,
        double handlingMillis,
        /** Each instance's. */
        List<Long> peakRssKb,
        long rssAtEndKb,
        Map<String, Long> calls,
        double callsPerUpdate,
        /** Webhook POSTs by the status the bot answered (0: no answer). */
        Map<Integer, Long> webhookAnswers,
        /** The PostgreSQL server's CPU per update handled; -1 without one. */
        double databaseCpuMillisPerUpdate,
        long errors,
        long strays,
        long lost,
        long duplicates,
        List<String> examples,
        List<String> botLogProblems,
        double harnessCpuSeconds,
        String harnessThreads,
        double serverCpuSeconds,
        double othersCores,
        double schedulerLagMaxMillis,
        Optional<Integer> botExitCode) {

    /** A process's CPU over the measured part (the bot's, or the harness's own): in all, the kernel's share, and by thread name (ns). */
    record BotCpu(long nanos, double systemShare, Map<String, Long> byThread) {
        String threads() {
            StringBuilder text = new StringBuilder();
            byThread.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(entry -> entry.getValue() > 0)
                    .limit(8)
                    .forEach(entry -> text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                            "%s %.0f%%", entry.getKey(), 100.0 * entry.getValue() / Math.max(1, nanos))));
            return text.toString();
        }
    }

    /** Latency percentiles in milliseconds. */
    record Latency(long count, double p50, double p95, double p99, double max) {
        static Latency of(long[] sortedNanos) {
            return new Latency(sortedNanos.length, millis(Samples.quantile(sortedNanos, 0.50)),
                    millis(Samples.quantile(sortedNanos, 0.95)), millis(Samples.quantile(sortedNanos, 0.99)),
                    millis(sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1]));
        }

        String text() {
            return String.format(Locale.ROOT, "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f ms (n=%d)", p50, p95, p99, max, count);
        }
    }

    /** Messages Telegram counts against its limit (new ones and edits; not the answers to presses) per update handled. */
    double messagesPerUpdate() {
        long messages = calls.getOrDefault("sendMessage", 0L) + calls.getOrDefault("editMessageText", 0L);
        return handled == 0 ? 0 : (double) messages / handled;
    }

    /** The benchmark's own verdict on correctness: nothing lost, nothing twice, nothing wrong. */
    boolean clean() {
        return errors == 0 && strays == 0 && lost == 0 && duplicates == 0 && handled == offered;
    }

    /** Peak resident memory summed over the instances, kB. */
    long peakRssTotalKb() {
        return peakRssKb.stream().mapToLong(Long::longValue).sum();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        line(out, "load:        %s", load);
        line(out, "intake:      %s", intake);
        line(out, "bot:         %s", String.join(" ", botCommand));
        line(out, "start-up:    %s %.2f s after process start (bot CPU %.2f s); first log line %.2f s,"
                + " content and database ready %.2f s, first Bot API call %.2f s",
                webhook ? "webhook listening" : "first getUpdates", readySeconds, startUpCpuSeconds, firstLogSeconds,
                startingSeconds, firstCallSeconds);
        line(out, "updates:     %d offered, %d handled (reply arrived); %d of %d people finished; endings %s",
                offered, handled, peopleDone, people, finished);
        line(out, "throughput:  %.0f updates/s sustained over %.2f s; peak 1-s window %d updates/s",
                sustainedPerSecond, seconds, peakPerSecond);
        long conversations = finished.values().stream().mapToLong(Long::longValue).sum();
        line(out, "people:      %d conversations completed, %.0f a minute", conversations,
                seconds > 0 ? conversations * 60 / seconds : 0);
        line(out, "messages:    %.2f per update handled (sends and edits, what Telegram's ~30 a second counts);"
                + " busiest second %d", messagesPerUpdate(), peakMessagesPerSecond);
        line(out, "latency:     offered -> reply          %s", reply.text());
        line(out, "             offered -> last reply     %s", lastReply.text());
        line(out, webhook ? "             offered -> taken to post  %s" : "             offered -> in getUpdates  %s",
                delivery.text());
        line(out, webhook ? "durable:     %d updates answered 2xx by the webhook (handled, replies in the outbox):"
                : "durable:     %d updates confirmed by the bot's next getUpdates (handled, replies in the outbox):", durable);
        line(out, "             %.0f updates/s over %.2f s; peak 1-s window %d updates/s", durablePerSecond, durableSeconds,
                peakDurablePerSecond);
        line(out, "             offered -> confirmed      %s", durableLatency.text());
        if (schedulerLagMaxMillis >= 0) {
            line(out, "open loop:   the harness offered at most %.1f ms late", schedulerLagMaxMillis);
        }
        line(out, "bot CPU:     %.3f ms/update (utime+stime %.2f s over the measured part, %.0f%% of it in the kernel)",
                botCpuMillisPerUpdate, botCpu.nanos() / 1e9, 100 * botCpu.systemShare());
        line(out, "             by thread: %s", botCpu.threads());
        if (handlingMillis >= 0) {
            line(out, "bot's own:   %.3f ms to handle an update on average (its /metrics: the transaction with session, update"
                    + " id and outbox; one at a time on the poller thread)", handlingMillis);
        }
        if (databaseCpuMillisPerUpdate >= 0) {
            line(out, "database:    PostgreSQL server CPU %.3f ms/update (its processes, living and ended)",
                    databaseCpuMillisPerUpdate);
        }
        line(out, "bot memory:  peak RSS (VmHWM) %.1f MB%s, RSS at the end %.1f MB", peakRssTotalKb() / 1024.0,
                peakRssKb.size() > 1 ? " in all (" + String.join(" + ", peakRssKb.stream()
                        .map(kb -> String.format(Locale.ROOT, "%.1f", kb / 1024.0)).toList()) + ")" : "",
                rssAtEndKb / 1024.0);
        line(out, "Bot API:     %.2f calls/update %s", callsPerUpdate, calls);
        if (webhook) {
            line(out, "webhook:     POSTs by status answered %s (0: no answer)", webhookAnswers);
        }
        line(out, "correctness: errors %d, stray calls %d, lost replies %d, duplicate replies %d%s",
                errors, strays, lost, duplicates, clean() ? " (clean)" : " (NOT CLEAN)");
        examples.forEach(example -> line(out, "             %s", example));
        line(out, "bot log:     %d WARN/ERROR lines before SIGTERM", botLogProblems.size());
        botLogProblems.stream().limit(5).forEach(problem -> line(out, "             %s", problem));
        line(out, "harness:     CPU %.2f s, of which the fake Bot API's HTTP threads %.2f s", harnessCpuSeconds, serverCpuSeconds);
        line(out, "             by thread: %s", harnessThreads);
        line(out, "machine:     other processes used %.2f cores on average during the measured part%s%s", othersCores,
                databaseCpuMillisPerUpdate >= 0 ? " (not counting the database server)" : "",
                othersCores > 0.2 ? " (NOT QUIET: the numbers above are disturbed)" : "");
        line(out, "bot exit:    %s after SIGTERM", botExitCode.map(code -> "code " + code).orElse("killed (did not stop within 15 s)"));
        return out.toString();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
