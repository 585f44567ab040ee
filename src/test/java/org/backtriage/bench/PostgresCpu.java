package org.backtriage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU a local PostgreSQL server spends, found by the port in its URL: its main process, the
 * backends it runs now, and those that ended (the kernel adds a reaped child's CPU to its parent's
 * {@code cutime}/{@code cstime}). Part of what a PostgreSQL run costs, beside the bot's own.
 */
final class PostgresCpu {
    private static final Pattern PORT = Pattern.compile("jdbc:postgresql://[^/:]+:(\\d+)/");
    private final long postmaster;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server on this machine that {@code url} names, if its main process can be found. */
    static Optional<PostgresCpu> of(String url) {
        Matcher port = PORT.matcher(url);
        if (!port.find()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(dir -> listensOn(dir, port.group(1)))
                    .map(dir -> Long.parseLong(dir.getFileName().toString()))
                    .min(Long::compare)
                    .map(PostgresCpu::new);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** utime + stime of the server and all its processes so far, living and ended, in nanoseconds. */
    long nanos() {
        long[] main = times(Path.of("/proc", Long.toString(postmaster), "stat"));
        long total = main[0] + main[1] + main[2] + main[3];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            total += processes.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .mapToLong(dir -> {
                        long[] child = times(dir.resolve("stat"));
                        return child[4] == postmaster ? child[0] + child[1] : 0;
                    }).sum();
        } catch (IOException e) {
            // counted what could be
        }
        return total;
    }

    /** A postgres main process started with {@code -p port}. */
    private static boolean listensOn(Path process, String port) {
        try {
            List<String> args = List.of(new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .split("\0"));
            return !args.isEmpty() && args.get(0).endsWith("postgres") && args.indexOf("-p") >= 0
                    && args.indexOf("-p") + 1 < args.size() && args.get(args.indexOf("-p") + 1).equals(port);
        } catch (IOException e) {
            return false;
        }
    }

    /** utime, stime, cutime, cstime (ns) and the parent's pid from a /proc stat file; zeros if unreadable. */
    private static long[] times(Path statFile) {
        String stat;
        try {
            stat = Files.readString(statFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new long[5];
        }
        // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long tick = TimeUnit.SECONDS.toNanos(1) / BotProcess.TICKS_PER_SECOND;
        return new long[] {Long.parseLong(fields[11]) * tick, Long.parseLong(fields[12]) * tick,
                Long.parseLong(fields[13]) * tick, Long.parseLong(fields[14]) * tick, Long.parseLong(fields[1])};
    }
}
