package org.backtriage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Side by side with the grammY peer (BENCHMARKS.md): two or more bots run one after the other,
 * alternately, on the peer's own load server ({@code node bench/loadsrv.mjs}, used unchanged),
 * each in a fresh process with a fresh database; the load server's report of each run is kept,
 * and the figures of every bot are printed with their ratio to the first bot's in the same
 * pair. Alternating in one run is the point: this machine is shared, so only ratios measured
 * side by side mean anything, never a figure from another day.
 *
 * <pre>
 * PeerComparison --name long --users 200 --rounds 15 --pairs 3 --budget 240 --loadsrv PEER/bench/loadsrv.mjs --out DIR
 *     --bot peer --cwd PEER --cmd "./run.sh bot" --env BACKTRIAGE_SQLITE_SYNCHRONOUS=NORMAL
 *     --bot ours --cmd "java ... -jar backtriage.jar bot" --env BACKTRIAGE_PACING=off
 * </pre>
 * A bot without {@code --cwd} runs in a new temporary folder.
 *
 * <p>Other engineers share the machine, so an idle machine is not waited for: each run records
 * how busy other processes kept the cores meanwhile and the load average, and every pair is
 * kept; the summary gives the median ratio over the pairs and says how busy the machine was.
 * The bots swap places in every other pair, so a machine growing busier or quieter during the
 * run favours neither. No new pair starts once it would end after {@code --budget} seconds (as
 * long as the last pair took), so a busy machine gives fewer pairs, not a longer run.
 */
public final class PeerComparison {
    private static final long TICKS_PER_SECOND = BotProcess.TICKS_PER_SECOND;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
    /** Other processes busier than this many cores (median over the runs) make the machine busy. */
    private static final double BUSY_CORES = 0.25;

    /** One contender: how the load server starts it. */
    record Bot(String label, Path cwd, String cmd, List<String> env) {
    }

    /**
     * One run of one bot: the load server's report and what was measured around it: the cores
     * other processes kept busy meanwhile, and the machine's 1-minute load average as it started.
     */
    record Run(int pair, Bot bot, LoadsrvReport report, double othersCores, double load, int exitCode, Path raw,
               StartUp startUp) {
    }

    /**
     * Seconds from the spawn to our bot's "starting" line (settings, tree and messages checked,
     * database open) and to the first getUpdates; -1 where the log has no such line (the peer's
     * log has no timestamps).
     */
    record StartUp(double starting, double firstGetUpdates) {
        static final StartUp UNKNOWN = new StartUp(-1, -1);
    }

    /** One figure of the table: how to read it from a report, and whether more is better. */
    record Figure(String name, ToDoubleFunction<Run> value, boolean higherIsBetter, String format) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("updates/s overall", r -> r.report().overall(), true, "%,.0f"),
            new Figure("updates/s sustained", r -> r.report().sustained(), true, "%,.0f"),
            new Figure("CPU ms/update", r -> r.report().cpuMsPerUpdate(), false, "%.3f"),
            new Figure("p50 ms", r -> r.report().p50(), false, "%,.1f"),
            new Figure("p99 ms", r -> r.report().p99(), false, "%,.1f"),
            new Figure("peak RSS MB", r -> r.report().hwmMb(), false, "%.1f"),
            new Figure("first getUpdates ms", r -> r.report().coldStartMs(), false, "%,.0f"),
            new Figure("calls/update", r -> r.report().callsPerUpdate(), false, "%.2f"));

    private PeerComparison() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("peer comparison: " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.out);
        System.out.printf(Locale.ROOT, "== %s: %d people x %d rounds, up to %d pairs in %d s (%s, alternately, on %s)%n",
                options.name, options.users, options.rounds, options.pairs, options.budgetSeconds,
                options.bots.stream().map(Bot::label).collect(Collectors.joining(", ")), typed(options.loadsrv.toString()));
        for (Bot bot : options.bots) {
            System.out.printf(Locale.ROOT, "%-6s %s%s%s%n", bot.label() + ":", typed(bot.cmd()),
                    bot.env().isEmpty() ? "" : ", env " + typed(String.join(" ", bot.env())),
                    bot.cwd() == null ? ", in a new temporary folder" : ", in " + typed(bot.cwd().toString()));
        }
        List<Run> runs = new ArrayList<>();
        long start = System.nanoTime();
        long lastPairNanos = 0;
        for (int pair = 1; pair <= options.pairs; pair++) {
            long elapsed = System.nanoTime() - start;
            if (pair > 1 && elapsed + lastPairNanos > TimeUnit.SECONDS.toNanos(options.budgetSeconds)) {
                System.out.printf(Locale.ROOT, "stopped after %d pairs: another would end after the %d s budget%n",
                        pair - 1, options.budgetSeconds);
                break;
            }
            for (Bot bot : inOrder(options.bots, pair)) {
                Run run = runOnce(options, pair, bot);
                runs.add(run);
                System.out.printf(Locale.ROOT, "pair %d, %-5s %,.0f updates/s, %.3f ms CPU/update, p99 %,.0f ms, %.0f MB, "
                                + "first getUpdates %,.0f ms; others busy %.2f cores, load %.1f%s  (%s)%n",
                        pair, bot.label() + ":", run.report().overall(), run.report().cpuMsPerUpdate(), run.report().p99(),
                        run.report().hwmMb(), run.report().coldStartMs(), run.othersCores(), run.load(),
                        run.report().clean() ? "" : "  NOT CLEAN", typed(run.raw().toString()));
            }
            lastPairNanos = System.nanoTime() - start - elapsed;
        }
        System.out.println();
        System.out.print(table(options, runs));
        System.exit(runs.stream().allMatch(r -> r.report().clean()) ? 0 : 1);
    }

    /** The bots as given in odd pairs, the other way round in even ones. */
    static List<Bot> inOrder(List<Bot> bots, int pair) {
        List<Bot> order = new ArrayList<>(bots);
        if (pair % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    /**
     * The per-pair figures and their ratios, then for each figure the median ratio over the
     * pairs against its target, and how busy the machine was; as Markdown.
     */
    static String table(Options options, List<Run> runs) {
        StringBuilder out = new StringBuilder();
        Bot base = options.bots.get(0);
        List<Integer> pairs = runs.stream().map(Run::pair).distinct().sorted().toList();
        out.append("| pair | bot | ").append(FIGURES.stream().map(Figure::name).collect(Collectors.joining(" | ")))
                .append(" | others busy (cores) | load | clean |\n");
        out.append("|---".repeat(FIGURES.size() + 5)).append("|\n");
        for (int pair : pairs) {
            List<Run> inPair = options.bots.stream()
                    .map(bot -> runs.stream().filter(r -> r.pair() == pair && r.bot() == bot).findFirst().orElseThrow())
                    .toList();
            Run baseRun = inPair.get(0);
            for (Run run : inPair) {
                out.append("| ").append(pair).append(" | ").append(run.bot().label()).append(" | ");
                for (Figure figure : FIGURES) {
                    out.append(String.format(Locale.ROOT, figure.format(), figure.value().applyAsDouble(run))).append(" | ");
                }
                out.append(String.format(Locale.ROOT, "%.2f | %.1f | ", run.othersCores(), run.load()))
                        .append(run.report().clean() ? "yes" : "**no**").append(" |\n");
            }
            for (Run run : inPair.subList(1, inPair.size())) {
                out.append("| ").append(pair).append(" | ").append(run.bot().label()).append('/').append(base.label()).append(" | ");
                for (Figure figure : FIGURES) {
                    out.append(String.format(Locale.ROOT, "%.2f×", ratio(figure, run, baseRun))).append(" | ");
                }
                out.append("| | |\n");
            }
        }
        for (Bot bot : options.bots.subList(1, options.bots.size())) {
            out.append(String.format(Locale.ROOT, "%n| %s/%s, %s | median of %d pairs | min–max | target | met |%n",
                    bot.label(), base.label(), options.name, pairs.size()));
            out.append("|---|---|---|---|---|\n");
            for (Figure figure : FIGURES) {
                List<Double> ratios = ratios(runs, pairs, figure, bot, base);
                double median = median(ratios);
                Double target = options.targets.get(figure.name());
                out.append(String.format(Locale.ROOT, "| %s | %.2f× | %.2f–%.2f× | %s | %s |%n", figure.name(), median,
                        ratios.get(0), ratios.get(ratios.size() - 1),
                        target == null ? "" : (figure.higherIsBetter() ? "≥ " : "≤ ") + target + "×",
                        target == null ? "" : (figure.higherIsBetter() ? median >= target : median <= target) ? "yes" : "**no**"));
            }
        }
        List<Double> others = runs.stream().map(Run::othersCores).sorted().toList();
        List<Double> loads = runs.stream().map(Run::load).sorted().toList();
        out.append(String.format(Locale.ROOT, "%nmachine: other processes kept %.2f cores busy (median; %.2f–%.2f) of %d during "
                        + "the %d runs; 1-minute load average %.1f (median; %.1f–%.1f) as they started%n",
                median(others), others.get(0), others.get(others.size() - 1), Runtime.getRuntime().availableProcessors(),
                runs.size(), median(loads), loads.get(0), loads.get(loads.size() - 1)));
        if (median(others) > BUSY_CORES) {
            out.append("a busy machine: the bots competed with other work for the cores, which changes the ratios of "
                    + "throughput, CPU per update and start-up (BENCHMARKS.md); the quietest pair's are the closest to a quiet "
                    + "machine's\n");
        }
        int quietest = pairs.stream().min(Comparator.comparingDouble(pair -> busiest(runs, pair))).orElseThrow();
        for (Bot bot : options.bots.subList(1, options.bots.size())) {
            out.append(String.format(Locale.ROOT, "quietest pair: %d (other processes at most %.2f cores busy): ", quietest,
                    busiest(runs, quietest)));
            out.append(FIGURES.stream().filter(figure -> options.targets.containsKey(figure.name()) || options.targets.isEmpty())
                    .map(figure -> String.format(Locale.ROOT, "%s %.2f×", figure.name(),
                            ratios(runs, List.of(quietest), figure, bot, base).get(0)))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        for (Bot bot : options.bots) {
            List<StartUp> known = runs.stream().filter(r -> r.bot() == bot && r.startUp().starting() > 0)
                    .map(Run::startUp).toList();
            if (!known.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%s start-up, median of %d runs: 'starting' logged %.2f s and the first "
                                + "getUpdates %.2f s after the spawn%n", bot.label(), known.size(),
                        median(known, StartUp::starting), median(known, StartUp::firstGetUpdates)));
            }
        }
        return out.toString();
    }

    /** The most cores other processes kept busy in one of {@code pair}'s runs. */
    private static double busiest(List<Run> runs, int pair) {
        return runs.stream().filter(r -> r.pair() == pair).mapToDouble(Run::othersCores).max().orElseThrow();
    }

    /** The ratios of {@code bot}'s figure to {@code base}'s in each of {@code pairs}, sorted. */
    private static List<Double> ratios(List<Run> runs, List<Integer> pairs, Figure figure, Bot bot, Bot base) {
        List<Double> ratios = new ArrayList<>();
        for (int pair : pairs) {
            Run mine = runs.stream().filter(r -> r.pair() == pair && r.bot() == bot).findFirst().orElseThrow();
            Run theirs = runs.stream().filter(r -> r.pair() == pair && r.bot() == base).findFirst().orElseThrow();
            ratios.add(ratio(figure, mine, theirs));
        }
        ratios.sort(Comparator.naturalOrder());
        return ratios;
    }

    private static double median(List<StartUp> runs, ToDoubleFunction<StartUp> value) {
        return median(runs.stream().map(value::applyAsDouble).sorted().toList());
    }

    private static double ratio(Figure figure, Run mine, Run theirs) {
        return figure.value().applyAsDouble(mine) / figure.value().applyAsDouble(theirs);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Runs the load server once with {@code bot}; keeps its output in the out folder. */
    private static Run runOnce(Options options, int pair, Bot bot) throws IOException, InterruptedException {
        double load = loadAverage();
        Path cwd = bot.cwd() != null ? bot.cwd() : Files.createTempDirectory("backtriage-peer-");
        List<String> command = new ArrayList<>(List.of(options.node, options.loadsrv.toString(),
                "--users", Integer.toString(options.users), "--rounds", Integer.toString(options.rounds),
                "--cwd", cwd.toString(), "--cmd", bot.cmd()));
        for (String env : bot.env()) {
            command.add("--env");
            command.add(env);
        }
        String name = options.name + "-" + pair + "-" + bot.label();
        Path stdout = options.out.resolve(name + ".report");
        Path stderr = options.out.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("BACKTRIAGE_") || key.startsWith("TELEGRAM_")
                || key.equals("JAVA_TOOL_OPTIONS"));
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'"));
        long[] machineBefore = machineTicks();
        long ownBefore = ownCpuNanos();
        long t0 = System.nanoTime();
        Process process = builder.start();
        TreeSampler sampler = new TreeSampler(process.pid());
        sampler.start();
        boolean ended = process.waitFor(600, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
            process.waitFor();
        }
        sampler.finish();
        long wallNanos = System.nanoTime() - t0;
        long[] machineAfter = machineTicks();
        long ownNanos = ownCpuNanos() - ownBefore;
        double othersTicks = (machineAfter[0] - machineBefore[0]) - (sampler.treeNanos() + ownNanos) / (double) TICK_NANOS;
        double othersCores = Math.max(0, othersTicks / TICKS_PER_SECOND / (wallNanos / 1e9));
        if (bot.cwd() == null) {
            deleteTree(cwd);
        }
        String report = Files.readString(stdout, StandardCharsets.UTF_8);
        LoadsrvReport parsed = LoadsrvReport.parse(report);
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        StartUp startUp = startUp(log, parsed);
        Path raw = options.out.resolve(name + ".txt");
        StringBuilder text = new StringBuilder();
        text.append("# ").append(options.name).append(", pair ").append(pair).append(", ").append(bot.label()).append('\n');
        text.append("date:    ").append(started).append('\n');
        text.append("command: ").append(typed(String.join(" ", quoted(command)).replace(cwd.toString(),
                bot.cwd() == null ? "<new temporary folder>" : cwd.toString()))).append('\n');
        text.append(String.format(Locale.ROOT, "load:    %.2f (1-minute load average as the run started)%n", load));
        text.append(report);
        text.append(String.format(Locale.ROOT, "machine: other processes busy %.2f cores on average over the %.1f s of the run "
                + "(all CPU time minus the load server's, the bot's and this program's)%n", othersCores, wallNanos / 1e9));
        text.append("bot CPU by thread, whole life (start-up and stop included), s: ").append(sampler.threads()).append('\n');
        if (startUp.starting() > 0) {
            text.append(String.format(Locale.ROOT, "start-up: 'starting' logged %.2f s and the first getUpdates %.2f s after "
                    + "the spawn%n", startUp.starting(), startUp.firstGetUpdates()));
        }
        text.append("exit code: ").append(ended ? Integer.toString(process.exitValue()) : "killed after 600 s").append('\n');
        text.append("clean: ").append(parsed.clean() ? "yes" : "NO").append(" (0 unfinished, 0 HTTP errors, 0 unexpected sends)\n");
        text.append("--- the load server's standard error: the bot's log ---\n");
        text.append(log);
        Files.writeString(raw, text.toString(), StandardCharsets.UTF_8);
        Files.delete(stderr);
        Files.delete(stdout);
        return new Run(pair, bot, parsed, othersCores, load, ended ? process.exitValue() : -1, raw, startUp);
    }

    /**
     * Our bot's start-up from its log: the load server's cold start (spawn to the first
     * getUpdates) less the time from the "starting" line to the "Polling" line, which the bot logs
     * just before its first getUpdates. (The log's clock and the spawn's are not comparable to
     * better than a second: /proc gives a process's start from the boot, in whole seconds.)
     */
    static StartUp startUp(String log, LoadsrvReport report) {
        long starting = -1;
        for (String line : log.split("\\n")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            long at;
            try {
                at = java.time.OffsetDateTime.parse(line.substring(0, space)).toInstant().toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                continue;
            }
            if (line.contains(" - starting: ")) {
                starting = at;
            } else if (line.contains(" - Polling the Bot API") && starting > 0) {
                double cold = report.coldStartMs() / 1e3;
                return new StartUp(cold - (at - starting) / 1e3, cold);
            }
        }
        return StartUp.UNKNOWN;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Busy and total clock ticks of all CPUs since boot (/proc/stat). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]), steal = Long.parseLong(f[8]);
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] {busy, busy + idle + iowait};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    /**
     * Samples, every 200 ms, the CPU of the load server and everything it started (the bot), and
     * the bot's CPU by thread; what a process used after its last sample before it ended is not
     * counted (at most 200 ms of it).
     */
    private static final class TreeSampler extends Thread {
        private final long root;
        private final Map<Long, Long> cpuByPid = new HashMap<>();
        private volatile boolean running = true;
        /** The bot's threads: id to name and the most CPU seen. */
        private final Map<Long, Map.Entry<String, Long>> threadCpu = new HashMap<>();

        TreeSampler(long root) {
            super("tree-sampler");
            this.root = root;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void sample() {
            Map<Long, List<Long>> children = new HashMap<>();
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .forEach(n -> {
                            long ppid = parentOf(Long.parseLong(n));
                            if (ppid >= 0) {
                                children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(n));
                            }
                        });
            } catch (IOException e) {
                return;
            }
            List<Long> tree = new ArrayList<>(List.of(root));
            for (int i = 0; i < tree.size(); i++) {
                tree.addAll(children.getOrDefault(tree.get(i), List.of()));
            }
            for (long pid : tree) {
                long cpu = BotProcess.cpuNanos(pid);
                if (cpu >= 0) {
                    cpuByPid.merge(pid, cpu, Math::max);
                }
            }
            // The bot: the load server's child (a shell that exec'd it, so the same process).
            List<Long> bots = children.getOrDefault(root, List.of());
            if (!bots.isEmpty()) {
                Path tasks = Path.of("/proc", Long.toString(bots.get(0)), "task");
                try (Stream<Path> ids = Files.list(tasks)) {
                    ids.forEach(task -> {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                            long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
                            String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+$", "");
                            threadCpu.merge(Long.parseLong(task.getFileName().toString()), Map.entry(name, cpu),
                                    (a, b) -> b.getValue() >= a.getValue() ? b : a);
                        } catch (IOException | RuntimeException e) {
                            // the thread ended
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    // the bot ended
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            interrupt();
            join();
        }

        synchronized long treeNanos() {
            return cpuByPid.values().stream().mapToLong(Long::longValue).sum();
        }

        /** CPU by thread name, numbers dropped so that e.g. the sender threads add up. */
        synchronized String threads() {
            Map<String, Long> byName = new HashMap<>();
            threadCpu.values().forEach(e -> byName.merge(e.getKey(), e.getValue(), Long::sum));
            long total = byName.values().stream().mapToLong(Long::longValue).sum();
            return String.format(Locale.ROOT, "%.2f in all; ", total / 1e9) + byName.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() > 0)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey().strip(), e.getValue() / 1e9))
                    .collect(Collectors.joining(", "));
        }

        private static long parentOf(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    private static List<String> quoted(List<String> args) {
        return args.stream().map(a -> a.isEmpty() || a.contains(" ") ? "\"" + a + "\"" : a).toList();
    }

    /** As typed in the project folder: no machine paths in what is kept. */
    static String typed(String text) {
        return text.replace(Path.of("").toAbsolutePath() + "/", "");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The command line. */
    static final class Options {
        String name = "peer";
        int users = 200;
        int rounds = 15;
        int pairs = 3;
        Path loadsrv;
        Path out = Path.of("target/bench/peer");
        String node = "node";
        /** No pair starts that would end later than this after the first began (as long as the last pair took). */
        int budgetSeconds = 600;
        final Map<String, Double> targets = new LinkedHashMap<>();
        final List<Bot> bots = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            String label = null;
            Path cwd = null;
            String cmd = null;
            List<String> env = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                String value = args[++i];
                switch (key) {
                    case "--name" -> o.name = value;
                    case "--users" -> o.users = Integer.parseInt(value);
                    case "--rounds" -> o.rounds = Integer.parseInt(value);
                    case "--pairs" -> o.pairs = Integer.parseInt(value);
                    case "--loadsrv" -> o.loadsrv = Path.of(value).toAbsolutePath();
                    case "--out" -> o.out = Path.of(value);
                    case "--node" -> o.node = value;
                    case "--budget" -> o.budgetSeconds = Integer.parseInt(value);
                    case "--target-throughput" -> o.targets.put("updates/s overall", Double.parseDouble(value));
                    case "--target-cpu" -> o.targets.put("CPU ms/update", Double.parseDouble(value));
                    case "--target-rss" -> o.targets.put("peak RSS MB", Double.parseDouble(value));
                    case "--target-start" -> o.targets.put("first getUpdates ms", Double.parseDouble(value));
                    case "--bot" -> {
                        if (label != null) {
                            o.bots.add(bot(label, cwd, cmd, env));
                        }
                        label = value;
                        cwd = null;
                        cmd = null;
                        env = new ArrayList<>();
                    }
                    case "--cwd" -> cwd = Path.of(value).toAbsolutePath();
                    case "--cmd" -> cmd = value;
                    case "--env" -> env.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + key);
                }
            }
            if (label != null) {
                o.bots.add(bot(label, cwd, cmd, env));
            }
            if (o.loadsrv == null || o.bots.size() < 2) {
                throw new IllegalArgumentException("needs --loadsrv and at least two --bot");
            }
            return o;
        }

        private static Bot bot(String label, Path cwd, String cmd, List<String> env) {
            if (cmd == null) {
                throw new IllegalArgumentException("--bot " + label + " has no --cmd");
            }
            return new Bot(label, cwd, cmd, List.copyOf(env));
        }
    }
}
