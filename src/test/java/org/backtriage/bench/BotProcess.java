package org.backtriage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real bot, run as its own process the way an operator runs it ({@code java <flags> -jar
 * backtriage.jar bot}, or its main class from a class path), with its environment pointing at
 * the local Bot API and a fresh database; and what Linux tells about it (CPU, peak memory).
 */
final class BotProcess implements AutoCloseable {
    /** Linux clock ticks per second ({@code getconf CLK_TCK}); 100 on every mainstream kernel config. */
    static final long TICKS_PER_SECOND = 100;
    private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern LEVEL = Pattern.compile("^\\S+ (WARN|ERROR) ");
    /** What Main logs on SIGTERM. */
    private static final String STOPPING = "received: stopping";
    /** The warning Main gives for BACKTRIAGE_PACING=off, which the benchmark asks for itself. */
    private static final String UNPACED = "BACKTRIAGE_PACING=off: ";

    /** How to start the bot: a jar, or a main class on a class path (for the smoke test, before the jar is built). */
    sealed interface Launch {
        record Jar(Path jar) implements Launch {
        }

        record MainClass(String classPath, String mainClass) implements Launch {
        }
    }

    private final Process process;
    private final long startedAt;
    private final long startedAtMillis;
    private final Path log;
    private final List<String> command;

    private BotProcess(Process process, long startedAt, long startedAtMillis, Path log, List<String> command) {
        this.process = process;
        this.startedAt = startedAt;
        this.startedAtMillis = startedAtMillis;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts the bot in {@code dir} (its working folder, so no local settings file is read), with
     * its database and log there.
     */
    static BotProcess start(Launch launch, List<String> jvmFlags, String token, URI apiUrl, Path tree, Path dir,
                            Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        if (launch instanceof Launch.Jar jar) {
            command.add("-jar");
            command.add(jar.jar().toAbsolutePath().toString());
        } else {
            Launch.MainClass main = (Launch.MainClass) launch;
            command.add("-cp");
            command.add(main.classPath());
            command.add(main.mainClass());
        }
        command.add("bot");
        Path log = dir.resolve("bot.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("BACKTRIAGE_") || name.startsWith("TELEGRAM_") || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("TELEGRAM_BOT_TOKEN", token);
        env.put("TELEGRAM_API_URL", apiUrl.toString());
        env.put("BACKTRIAGE_DB", dir.resolve("bench.db").toString());
        env.put("BACKTRIAGE_TREE", tree.toAbsolutePath().toString());
        env.putAll(extraEnv);
        long startedAtMillis = System.currentTimeMillis();
        long startedAt = System.nanoTime();
        try {
            return new BotProcess(builder.start(), startedAt, startedAtMillis, log, List.copyOf(command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bot: " + command, e);
        }
    }

    /** System.nanoTime just before the process was started. */
    long startedAt() {
        return startedAt;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    List<String> command() {
        return command;
    }

    /**
     * The command as a person would type it in the project folder: {@code java}, paths relative
     * to the working folder, the class path left out (it names the machine's folders).
     */
    List<String> commandAsTyped() {
        String here = Path.of("").toAbsolutePath() + "/";
        List<String> typed = new ArrayList<>();
        typed.add("java");
        for (int i = 1; i < command.size(); i++) {
            String arg = command.get(i);
            if (i > 1 && command.get(i - 1).equals("-cp")) {
                typed.add("<test class path>");
            } else {
                typed.add(arg.replace(here, ""));
            }
        }
        return typed;
    }

    /** utime + stime of the whole process so far, in nanoseconds (clock-tick resolution, 10 ms). */
    long cpuNanos() {
        return cpuNanos(pid());
    }

    /** utime + stime of process {@code pid} so far, in nanoseconds, or -1 once it is gone. */
    static long cpuNanos(long pid) {
        long[] times = userAndSystem(Path.of("/proc", Long.toString(pid), "stat"));
        return times[0] < 0 ? -1 : times[0] + times[1];
    }

    /** utime and stime of the whole process so far, in nanoseconds. */
    long[] userAndSystemNanos() {
        return userAndSystem(Path.of("/proc", Long.toString(pid()), "stat"));
    }

    /**
     * CPU so far (utime + stime, ns) of the process's threads by name, numbers dropped so that
     * e.g. the sender threads add up ("telegram-sender-", "GC Thread#"); the kernel keeps 15
     * characters of a name. Threads that ended are not counted.
     */
    Map<String, Long> cpuByThread() {
        return cpuByThread(pid());
    }

    /** As {@link #cpuByThread()} for any process, e.g. the harness's own. */
    static Map<String, Long> cpuByThread(long pid) {
        Map<String, Long> byName = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(task -> {
                long[] times = userAndSystem(task.resolve("stat"));
                String name = read(task.resolve("comm")).strip().replaceAll("\\d+$", "");
                if (times[0] >= 0) {
                    byName.merge(name, times[0] + times[1], Long::sum);
                }
            });
        } catch (IOException e) {
            // the process ended: nothing to add
        }
        return byName;
    }

    /** utime and stime in a /proc stat file, in nanoseconds; {-1, -1} if unreadable. */
    private static long[] userAndSystem(Path statFile) {
        String stat = read(statFile);
        if (stat.isEmpty()) {
            return new long[] {-1, -1};
        }
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long tick = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        return new long[] {Long.parseLong(fields[11]) * tick, Long.parseLong(fields[12]) * tick};
    }

    /** Peak resident memory (VmHWM) in kB, or -1 once the process is gone. */
    long peakRssKb() {
        return status(HWM);
    }

    /** Resident memory now (VmRSS) in kB, or -1. */
    long rssKb() {
        return status(RSS);
    }

    /**
     * The log's WARN and ERROR lines (the bot logs to stderr, captured in a file) before the bot
     * was told to stop (stopping cancels the open long poll, which the library logs as an error),
     * but for the warning that pacing is off.
     */
    List<String> problems() {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("cannot read the bot's log: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            if (line.contains(STOPPING)) {
                break;
            }
            if (LEVEL.matcher(line).find() && !line.contains(UNPACED)) {
                problems.add(line);
            }
        }
        return problems;
    }

    Path log() {
        return log;
    }

    /**
     * Seconds from the process start to the first log line (the JVM up, logging configured) and
     * to Main's "starting" line (settings, tree and messages loaded and checked, database open
     * and migrated), from the log's timestamps; -1 where not found.
     */
    double[] startUpMilestones() {
        double[] milestones = {-1, -1};
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                double at;
                try {
                    at = (java.time.OffsetDateTime.parse(line.substring(0, space)).toInstant().toEpochMilli() - startedAtMillis) / 1e3;
                } catch (java.time.format.DateTimeParseException e) {
                    continue;
                }
                if (milestones[0] < 0) {
                    milestones[0] = at;
                }
                if (line.contains(" - starting: ")) {
                    milestones[1] = at;
                    break;
                }
            }
        } catch (IOException e) {
            // left unknown
        }
        return milestones;
    }

    /** SIGTERM, as an operator stops it; its exit code, or empty if it had to be killed. */
    Optional<Integer> stop() {
        process.destroy();
        try {
            if (process.waitFor(15, TimeUnit.SECONDS)) {
                return Optional.of(process.exitValue());
            }
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return Optional.empty();
    }

    /** SIGSTOP: the whole process stops where it is, threads, timers and calls under way, as a frozen VM does. */
    void pause() {
        signal("STOP");
    }

    /** SIGCONT: it goes on from where it stopped, every thread at once. */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid(), e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private long status(Pattern field) {
        Matcher matcher = field.matcher(read(Path.of("/proc", Long.toString(pid()), "status")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
