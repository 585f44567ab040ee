package org.backtriage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.backtriage.Waits;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.fakebotapi.FakeBotApi;

/**
 * End-to-end benchmark: the real bot as a separate process against a local fake Bot API, with
 * simulated people walking complete paths of the tree. Closed loop (N people, each pressing the
 * next button as soon as the reply shows it) or open loop (updates offered at a fixed rate).
 * Not part of the unit tests; see BENCHMARKS.md.
 */
public final class Benchmark {
    /** Shaped like a real token (the bot checks the shape); the fake Bot API accepts only it. */
    static final String TOKEN = "123456789:AAHbenchTOKENforLOCALuseONLY_0123456";
    static final long BOT_ID = 123456789L;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** A bot that has not polled by then is not going to. */
    private static final long START_TIMEOUT = TimeUnit.SECONDS.toNanos(60);

    private Benchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        Report report = run(options);
        System.out.print(report.text());
        System.exit(report.clean() ? 0 : 1);
    }

    /** Runs the benchmark once, from starting the bot to stopping it. */
    static Report run(Options options) {
        Content content = Content.fromFile(options.tree(), ChatService.TEXT_KEYS);
        Path dir = temporaryFolder();
        UpdateQueue updates = new UpdateQueue();
        Crowd crowd = new Crowd(updates, content, options.seed(), BOT_ID);
        Optional<BotMetrics> metrics = options.metrics() ? Optional.of(BotMetrics.onFreePort()) : Optional.empty();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        metrics.ifPresent(endpoint -> env.put("BACKTRIAGE_HTTP_PORT", Integer.toString(endpoint.port())));
        env.putAll(options.botEnv());
        try (FakeBotApi server = FakeBotApi.serving(TOKEN, updates, crowd);
             BotProcess bot = BotProcess.start(options.launch(), options.botFlags(), TOKEN, server.baseUrl(),
                     options.tree(), dir, env)) {
            awaitFirstPoll(server, bot);
            long startUpCpu = bot.cpuNanos();
            if (options.warmUpPeople() > 0) {
                Phase warmUp = new Phase("warm-up");
                closedLoop(crowd, warmUp, options.warmUpPeople(), 0, options.quietSeconds(), bot);
                if (!warmUp.settled()) {
                    System.err.println("bench: the warm-up did not settle: " + warmUp.owed.get() + " replies owed");
                }
            }
            options.jfr().ifPresent(file -> jcmd(bot, "JFR.start", "name=bench", "settings=profile",
                    "filename=" + file.toAbsolutePath()));
            Phase measured = new Phase("measured");
            Map<String, Long> callsBefore = server.counts();
            Map<String, Double> metricsBefore = metrics.map(BotMetrics::scrape).orElse(Map.of());
            long wallBefore = System.nanoTime();
            long machineBefore = machineBusyNanos();
            long botCpuBefore = bot.cpuNanos();
            long[] botUserSystemBefore = bot.userAndSystemNanos();
            Map<String, Long> threadsBefore = bot.cpuByThread();
            long harnessCpuBefore = harnessCpuNanos();
            Map<String, Long> harnessThreadsBefore = BotProcess.cpuByThread(ProcessHandle.current().pid());
            long serverCpuBefore = server.cpuNanos();
            double lag;
            String load;
            if (options.openLoop()) {
                lag = openLoop(crowd, measured, options.openRate(), options.seconds(), options.quietSeconds(), bot);
                load = String.format(Locale.ROOT, "open loop, %.0f updates/s offered for %.0f s (people join as needed)",
                        options.openRate(), options.seconds());
            } else {
                closedLoop(crowd, measured, options.people(), options.seconds(), options.quietSeconds(), bot);
                lag = -1;
                load = String.format(Locale.ROOT, "closed loop, %d people at once%s", options.people(),
                        options.seconds() > 0 ? String.format(Locale.ROOT, ", offering for at most %.0f s", options.seconds()) : "");
            }
            if (options.warmUpPeople() > 0) {
                load += ", after a warm-up of " + options.warmUpPeople() + " people";
            }
            long botCpu = bot.cpuNanos() - botCpuBefore;
            long[] botUserSystem = bot.userAndSystemNanos();
            double botSystemShare = botCpu > 0 ? (double) (botUserSystem[1] - botUserSystemBefore[1]) / botCpu : 0;
            Map<String, Long> botThreads = difference(bot.cpuByThread(), threadsBefore);
            long harnessCpu = harnessCpuNanos() - harnessCpuBefore;
            Map<String, Long> harnessThreads = difference(BotProcess.cpuByThread(ProcessHandle.current().pid()),
                    harnessThreadsBefore);
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            double othersCores = Math.max(0, (machineBusyNanos() - machineBefore - botCpu - harnessCpu) / 1e9 / wall);
            long serverCpu = server.cpuNanos() - serverCpuBefore;
            Map<String, Long> calls = difference(server.counts(), callsBefore);
            double handlingMillis = BotMetrics.meanHandlingMillis(metricsBefore, metrics.map(BotMetrics::scrape).orElse(Map.of()));
            options.jfr().ifPresent(file -> jcmd(bot, "JFR.stop", "name=bench"));
            long peakRss = bot.peakRssKb();
            long rss = bot.rssKb();
            boolean diedEarly = !bot.alive();
            Optional<Integer> exit = bot.stop();
            List<String> problems = bot.problems();
            if (diedEarly) {
                measured.error("the bot process ended during the run; its log: " + bot.log());
            }
            Report report = report(load, bot, server, startUpCpu, measured, crowd,
                    new Report.BotCpu(botCpu, botSystemShare, botThreads), handlingMillis, peakRss, rss,
                    calls, problems, new Report.BotCpu(harnessCpu, 0, harnessThreads), serverCpu, othersCores, lag, exit);
            if (report.clean()) {
                deleteQuietly(dir);
            } else {
                System.err.println("bench: kept the bot's database and log for a look: " + dir);
            }
            return report;
        }
    }

    private static Report report(String load, BotProcess bot, FakeBotApi server, long startUpCpu, Phase phase,
                                 Crowd crowd, Report.BotCpu cpu, double handlingMillis, long peakRss, long rss,
                                 Map<String, Long> calls,
                                 List<String> problems, Report.BotCpu harnessCpu, long serverCpu, double othersCores, double lag,
                                 Optional<Integer> exit) {
        long handled = phase.replied.sum();
        long first = phase.firstOfferAt.get();
        long last = phase.lastReplyAt.get();
        double seconds = handled == 0 ? 0 : (last - first) / 1e9;
        long totalCalls = calls.values().stream().mapToLong(Long::longValue).sum();
        long durable = phase.confirmLatency.size();
        double durableSeconds = durable == 0 ? 0 : (phase.lastConfirmAt.get() - first) / 1e9;
        double[] milestones = bot.startUpMilestones();
        return new Report(load, bot.commandAsTyped(), milestones[0], milestones[1],
                (server.firstCallAt() - bot.startedAt()) / 1e9,
                (server.firstPollAt() - bot.startedAt()) / 1e9,
                startUpCpu / 1e9,
                phase.offered.sum(), handled, phase.finished(), phase.people.get(), phase.peopleDone.get(),
                seconds, seconds > 0 ? handled / seconds : 0,
                Samples.mostWithin(phase.replyInstants.sorted(), SECOND),
                Samples.mostWithin(phase.messageInstants.sorted(), SECOND),
                Report.Latency.of(phase.replyLatency.sorted()),
                Report.Latency.of(phase.lastReplyLatency.sorted()),
                Report.Latency.of(phase.deliveryLatency.sorted()),
                durable, durableSeconds, durableSeconds > 0 ? durable / durableSeconds : 0,
                Samples.mostWithin(phase.confirmInstants.sorted(), SECOND),
                Report.Latency.of(phase.confirmLatency.sorted()),
                handled == 0 ? 0 : cpu.nanos() / 1e6 / handled, cpu, handlingMillis,
                peakRss, rss, calls, handled == 0 ? 0 : (double) totalCalls / handled,
                phase.errors.sum(), crowd.strays(), Math.max(0, phase.owed.get()), phase.duplicates.sum(),
                phase.examples(), problems, harnessCpu.nanos() / 1e9, harnessCpu.threads(), serverCpu / 1e9, othersCores, lag, exit);
    }

    /**
     * {@code people} people start at once with {@code /start}; each offers the next update the
     * moment the reply to the previous one arrived. Offering stops after {@code seconds} if above 0.
     */
    static void closedLoop(Crowd crowd, Phase phase, int people, double seconds, double quietSeconds, BotProcess bot) {
        List<Person> crowdOfPhase = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            crowdOfPhase.add(crowd.join(phase));
        }
        long start = System.nanoTime();
        long stopAt = seconds > 0 ? start + (long) (seconds * SECOND) : Long.MAX_VALUE;
        crowd.drive(person -> {
            if (System.nanoTime() < stopAt) {
                crowd.offerNext(person, System.nanoTime());
            }
        });
        for (Person person : crowdOfPhase) {
            crowd.offerNext(person, System.nanoTime());
        }
        settle(crowd, phase, quietSeconds, bot, () -> System.nanoTime() >= stopAt);
    }

    /**
     * Offers {@code rate} updates a second for {@code seconds}, each the next step of a person
     * whose previous step got its reply, or the {@code /start} of a new person when none is
     * waiting. Latency counts from the scheduled instant, so a late harness cannot hide a slow
     * bot. Returns how late, at most, the harness offered (ms).
     */
    static double openLoop(Crowd crowd, Phase phase, double rate, double seconds, double quietSeconds, BotProcess bot) {
        ConcurrentLinkedQueue<Person> waiting = new ConcurrentLinkedQueue<>();
        crowd.drive(waiting::add);
        long period = (long) (SECOND / rate);
        long arrivals = (long) (rate * seconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long maxLag = 0;
        for (long i = 0; i < arrivals && bot.alive(); i++) {
            long due = start + i * period;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            maxLag = Math.max(maxLag, now - due);
            Person person = waiting.poll();
            crowd.offerNext(person != null ? person : crowd.join(phase), due);
        }
        phase.offeringStopped = true;
        settle(crowd, phase, quietSeconds, bot, () -> true);
        return maxLag / 1e6;
    }

    /** Waits until every reply owed arrived, or none came for {@code quietSeconds}, or the bot died. */
    private static void settle(Crowd crowd, Phase phase, double quietSeconds, BotProcess bot,
                               java.util.function.BooleanSupplier offeringOver) {
        long quiet = (long) (quietSeconds * SECOND);
        long lastChange = System.nanoTime();
        long lastOwed = -1;
        long lastReplied = -1;
        while (!phase.settled() && bot.alive()) {
            if (offeringOver.getAsBoolean()) {
                phase.offeringStopped = true;
            }
            long owed = phase.owed.get();
            long replied = phase.replied.sum();
            long now = System.nanoTime();
            if (owed != lastOwed || replied != lastReplied) {
                lastOwed = owed;
                lastReplied = replied;
                lastChange = now;
            } else if (now - lastChange > quiet) {
                System.err.printf(Locale.ROOT, "bench: %s: nothing for %.0f s with %d replies owed; giving up waiting%n",
                        phase.name, quietSeconds, owed);
                phase.offeringStopped = true;
                return;
            }
            sleepMillis(20);
        }
    }

    private static void awaitFirstPoll(FakeBotApi server, BotProcess bot) {
        try {
            Waits.upTo(Duration.ofNanos(START_TIMEOUT)).pollInterval(Duration.ofMillis(1)).until(() -> {
                if (!bot.alive()) {
                    throw new IllegalStateException("the bot exited before polling; its log: " + bot.log() + "\n"
                            + String.join("\n", tail(bot.log())));
                }
                return server.firstPollAt() != 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the bot did not poll within 60 s; its log: " + bot.log());
        }
    }

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - 20), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void jcmd(BotProcess bot, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(bot.pid())));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                System.err.println("bench: jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            System.err.println("bench: cannot run jcmd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new java.util.TreeMap<>();
        after.forEach((method, count) -> {
            long d = count - before.getOrDefault(method, 0L);
            if (d > 0) {
                delta.put(method, d);
            }
        });
        return delta;
    }

    /**
     * CPU time the whole machine spent busy so far (all cores, every process and the kernel), in
     * nanoseconds, from the first line of /proc/stat.
     */
    private static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            // user nice system idle iowait irq softirq steal: all but idle and iowait.
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * TimeUnit.SECONDS.toNanos(1) / BotProcess.TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long harnessCpuNanos() {
        return BotProcess.cpuNanos(ProcessHandle.current().pid());
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("backtriage-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the bot's database", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
