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
import org.backtriage.store.TestPostgres;

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
        if (!options.postgres()) {
            return run(options, Optional.empty());
        }
        if (System.getenv(TestPostgres.VARIABLE) == null) {
            throw new IllegalArgumentException("--postgres needs " + TestPostgres.VARIABLE
                    + " (a superuser's URL; bench/run.sh postgres starts a throwaway server)");
        }
        try (TestPostgres database = TestPostgres.create(Benchmark.class)) {
            return run(options, Optional.of(database.url()));
        }
    }

    private static Report run(Options options, Optional<String> postgres) {
        Content content = Content.fromFile(options.tree(), ChatService.TEXT_KEYS);
        Path dir = temporaryFolder();
        boolean webhook = options.webhookInstances() > 0;
        UpdateQueue updates = new UpdateQueue(webhook);
        Crowd crowd = new Crowd(updates, content, options.seed(), BOT_ID);
        Optional<BotMetrics> metrics = options.metrics() ? Optional.of(BotMetrics.onFreePort()) : Optional.empty();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        postgres.ifPresent(url -> env.put("BACKTRIAGE_DB", url));
        env.putAll(options.botEnv());
        Map<String, String> firstOnly = metrics.map(endpoint -> Map.of("BACKTRIAGE_HTTP_PORT", Integer.toString(endpoint.port())))
                .orElse(Map.of());
        Optional<PostgresCpu> database = postgres.flatMap(PostgresCpu::of);
        try (FakeBotApi server = FakeBotApi.serving(TOKEN, updates, crowd);
             BotInstances bot = BotInstances.start(options.webhookInstances(), options.launch(), options.botFlags(), TOKEN,
                     server.baseUrl(), options.tree(), dir, env, firstOnly)) {
            if (webhook) {
                setWebhook(server);
                server.deliverByWebhook(bot.webhooks());
            }
            long readyAt = awaitReady(server, bot);
            long startUpCpu = bot.cpuNanos();
            if (options.warmUpPeople() > 0) {
                Phase warmUp = new Phase("warm-up");
                closedLoop(crowd, warmUp, options.warmUpPeople(), 0, options.quietSeconds(), bot);
                if (!warmUp.settled()) {
                    System.err.println("bench: the warm-up did not settle: " + warmUp.owed.get() + " replies owed");
                }
            }
            options.jfr().ifPresent(file -> jcmd(bot.first(), "JFR.start", "name=bench", "settings=profile",
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
            long databaseCpuBefore = database.map(PostgresCpu::nanos).orElse(0L);
            Map<Integer, Long> webhookBefore = server.webhookAnswers();
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
            long serverCpu = server.cpuNanos() - serverCpuBefore;
            long databaseCpu = database.map(PostgresCpu::nanos).orElse(0L) - databaseCpuBefore;
            // The database server is part of the run, not a disturbance.
            double othersCores = Math.max(0, (machineBusyNanos() - machineBefore - botCpu - harnessCpu - databaseCpu) / 1e9 / wall);
            Map<Integer, Long> webhookAnswers = new java.util.TreeMap<>();
            server.webhookAnswers().forEach((status, count) -> {
                long d = count - webhookBefore.getOrDefault(status, 0L);
                if (d > 0) {
                    webhookAnswers.put(status, d);
                }
            });
            Map<String, Long> calls = difference(server.counts(), callsBefore);
            double handlingMillis = BotMetrics.meanHandlingMillis(metricsBefore, metrics.map(BotMetrics::scrape).orElse(Map.of()));
            options.jfr().ifPresent(file -> jcmd(bot.first(), "JFR.stop", "name=bench"));
            List<Long> peakRss = bot.peakRssKb();
            long rss = bot.rssKb();
            boolean diedEarly = !bot.alive();
            Optional<Integer> exit = bot.stop();
            List<String> problems = bot.problems();
            if (diedEarly) {
                measured.error("the bot process ended during the run; its log: " + bot.log());
            }
            String intake = intake(options, postgres.isPresent());
            Report report = report(load, intake, bot, server, readyAt, startUpCpu, measured, crowd,
                    new Report.BotCpu(botCpu, botSystemShare, botThreads), handlingMillis, peakRss, rss,
                    calls, webhookAnswers, database.isPresent() ? databaseCpu : -1,
                    problems, new Report.BotCpu(harnessCpu, 0, harnessThreads), serverCpu, othersCores, lag, exit);
            if (report.clean()) {
                deleteQuietly(dir);
            } else {
                System.err.println("bench: kept the bot's database and log for a look: " + dir);
            }
            return report;
        }
    }

    /** How updates reach the bot and where it keeps them, in words. */
    private static String intake(Options options, boolean postgres) {
        String store = postgres ? "PostgreSQL" : "SQLite";
        if (options.webhookInstances() == 0) {
            return "long polling, " + store;
        }
        return "webhook, " + options.webhookInstances() + (options.webhookInstances() == 1 ? " instance, " : " instances, ")
                + store + (options.webhookInstances() > 1 ? " shared" : "");
    }

    /** Registers a webhook at the fake as {@code webhook set} would: an https URL (never called) and the secret. */
    private static void setWebhook(FakeBotApi server) {
        String body = "{\"url\":\"https://bench.invalid/telegram\",\"secret_token\":\"" + BotInstances.WEBHOOK_SECRET
                + "\",\"max_connections\":40}";
        try {
            int status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(server.baseUrl() + "/bot" + TOKEN + "/setWebhook"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("the fake Bot API refused setWebhook: " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the fake Bot API", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Report report(String load, String intake, BotInstances bot, FakeBotApi server, long readyAt,
                                 long startUpCpu, Phase phase,
                                 Crowd crowd, Report.BotCpu cpu, double handlingMillis, List<Long> peakRss, long rss,
                                 Map<String, Long> calls, Map<Integer, Long> webhookAnswers, long databaseCpu,
                                 List<String> problems, Report.BotCpu harnessCpu, long serverCpu, double othersCores, double lag,
                                 Optional<Integer> exit) {
        long handled = phase.replied.sum();
        long first = phase.firstOfferAt.get();
        long last = phase.lastReplyAt.get();
        double seconds = handled == 0 ? 0 : (last - first) / 1e9;
        long totalCalls = calls.values().stream().mapToLong(Long::longValue).sum();
        long durable = phase.confirmLatency.size();
        double durableSeconds = durable == 0 ? 0 : (phase.lastConfirmAt.get() - first) / 1e9;
        double[] milestones = bot.first().startUpMilestones();
        return new Report(load, intake, bot.webhook(), bot.first().commandAsTyped(), milestones[0], milestones[1],
                (server.firstCallAt() - bot.first().startedAt()) / 1e9,
                (readyAt - bot.first().startedAt()) / 1e9,
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
                peakRss, rss, calls, handled == 0 ? 0 : (double) totalCalls / handled, webhookAnswers,
                databaseCpu < 0 || handled == 0 ? -1 : databaseCpu / 1e6 / handled,
                phase.errors.sum(), crowd.strays(), Math.max(0, phase.owed.get()), phase.duplicates.sum(),
                phase.examples(), problems, harnessCpu.nanos() / 1e9, harnessCpu.threads(), serverCpu / 1e9, othersCores, lag, exit);
    }

    /**
     * {@code people} people start at once with {@code /start}; each offers the next update the
     * moment the reply to the previous one arrived. Offering stops after {@code seconds} if above 0.
     */
    static void closedLoop(Crowd crowd, Phase phase, int people, double seconds, double quietSeconds, BotInstances bot) {
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
    static double openLoop(Crowd crowd, Phase phase, double rate, double seconds, double quietSeconds, BotInstances bot) {
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
    private static void settle(Crowd crowd, Phase phase, double quietSeconds, BotInstances bot,
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

    /**
     * Waits until the bot polled, or until every webhook instance listens; returns that instant
     * (System.nanoTime).
     */
    private static long awaitReady(FakeBotApi server, BotInstances bot) {
        try {
            Waits.upTo(Duration.ofNanos(START_TIMEOUT)).pollInterval(Duration.ofMillis(bot.webhook() ? 5 : 1)).until(() -> {
                if (!bot.alive()) {
                    throw new IllegalStateException("the bot exited before it was ready; its log: " + bot.log() + "\n"
                            + String.join("\n", tail(bot.log())));
                }
                return bot.webhook() ? bot.listening() : server.firstPollAt() != 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the bot was not ready within 60 s; its log: " + bot.log());
        }
        return bot.webhook() ? System.nanoTime() : server.firstPollAt();
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
