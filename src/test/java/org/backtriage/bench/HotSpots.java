package org.backtriage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a flight recording of the bot (bench/run.sh profile): where the threads running
 * Java code were (jdk.ExecutionSample), and where threads in native code were
 * (jdk.NativeMethodSample: SQLite runs there, and so does waiting on a socket); by thread, by the
 * method on top, and by any method on the stack.
 */
public final class HotSpots {
    private static final int TOP = 20;

    private HotSpots() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: HotSpots recording.jfr");
            System.exit(2);
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        tallies.put("jdk.ExecutionSample", new Tally());
        tallies.put("jdk.NativeMethodSample", new Tally());
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            Tally tally = tallies.get(event.getEventType().getName());
            if (tally != null && event.getStackTrace() != null) {
                tally.add(thread(event), event.getStackTrace());
            }
        }
        tallies.forEach((name, tally) -> {
            System.out.printf(Locale.ROOT, "%n== %s: %d samples%n", name, tally.samples);
            print("by thread", tally.byThread, tally.samples);
            print("by method on top of the stack", tally.byTop, tally.samples);
            print("by method anywhere on the stack (backtriage, SQLite, Jackson, OkHttp, telegrambots)", tally.byAny, tally.samples);
        });
    }

    private static String thread(RecordedEvent event) {
        Object thread = event.getValue("sampledThread");
        String name = thread instanceof jdk.jfr.consumer.RecordedThread recorded ? recorded.getJavaName() : "?";
        // telegram-sender-1, -2... as one line.
        return name == null ? "?" : name.replaceAll("-\\d+$", "-N");
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(entry -> System.out.printf(Locale.ROOT, "%6d %5.1f%%  %s%n", entry.getValue(),
                        100.0 * entry.getValue() / Math.max(1, samples), entry.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Counts of one event type. */
    private static final class Tally {
        private static final List<String> INTERESTING = List.of("org.backtriage.", "org.sqlite.", "com.fasterxml.",
                "okhttp3.", "okio.", "org.telegram.", "ch.qos.logback.");
        int samples;
        final Map<String, Integer> byThread = new HashMap<>();
        final Map<String, Integer> byTop = new HashMap<>();
        final Map<String, Integer> byAny = new HashMap<>();

        void add(String thread, RecordedStackTrace stack) {
            List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty()) {
                return;
            }
            samples++;
            byThread.merge(thread, 1, Integer::sum);
            byTop.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (INTERESTING.stream().anyMatch(method::startsWith) && seen.add(method)) {
                    byAny.merge(method, 1, Integer::sum);
                }
            }
        }
    }
}
