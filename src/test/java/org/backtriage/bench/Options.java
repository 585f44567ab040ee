package org.backtriage.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the benchmark.
 *
 * @param launch the bot's jar, or its main class on this JVM's class path
 * @param botFlags JVM flags for the bot process
 * @param people closed loop: how many people walk at once; open loop: unused (people join as needed)
 * @param warmUpPeople people who walk first, unmeasured, so the bot's JIT has warmed up
 * @param openRate open loop: updates offered per second; 0 for a closed loop
 * @param seconds open loop: how long updates are offered; closed loop: a cap (0: until everyone finished)
 * @param quietSeconds how long without any reply counts as "nothing more will come"
 * @param tree the tree file the bot is given (and the people walk)
 * @param seed for the random walks
 * @param jfr where to write a flight recording of the bot during the measured part, if wanted
 * @param botEnv extra environment for the bot (e.g. BACKTRIAGE_LOG_LEVEL)
 * @param metrics turn the bot's operator endpoint on and read its own handling time from it
 *     (off by default: it costs the bot start-up time and memory)
 * @param webhookInstances how many instances of the bot run in webhook mode, the fake Bot API
 *     delivering to them in turn; 0: one bot that polls
 * @param postgres the bot's database is a new one on the PostgreSQL server that
 *     {@code BACKTRIAGE_TEST_POSTGRES} names (its superuser's URL), dropped after the run;
 *     otherwise a new SQLite file
 */
record Options(BotProcess.Launch launch, List<String> botFlags, int people, int warmUpPeople, double openRate,
               double seconds, double quietSeconds, Path tree, long seed, Optional<Path> jfr,
               Map<String, String> botEnv, boolean metrics, int webhookInstances, boolean postgres) {
    /** The flags README recommends for running the bot (keep in step with it). */
    static final List<String> README_FLAGS = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms8m", "-Xmx28m", "-XX:TieredStopAtLevel=1");

    Options {
        botFlags = List.copyOf(botFlags);
        botEnv = Map.copyOf(botEnv);
        if (people < 1 && openRate <= 0) {
            throw new IllegalArgumentException("a closed-loop run needs at least one person: " + people);
        }
        if (openRate > 0 && seconds <= 0) {
            throw new IllegalArgumentException("an open-loop run needs --seconds: " + seconds);
        }
        if (webhookInstances < 0) {
            throw new IllegalArgumentException("--webhook wants a number of instances: " + webhookInstances);
        }
        if (webhookInstances > 1 && !postgres) {
            throw new IllegalArgumentException("several instances share a PostgreSQL database: --webhook "
                    + webhookInstances + " needs --postgres");
        }
    }

    boolean openLoop() {
        return openRate > 0;
    }

    static String usage() {
        return """
                Usage: Benchmark [options]
                  --jar PATH           the bot jar (default target/backtriage.jar)
                  --classpath          run org.backtriage.Main from this JVM's class path instead of a jar
                  --bot-flags "FLAGS"  JVM flags for the bot (default: those README recommends,
                                       "-XX:+UseSerialGC -Xss512k -Xms8m -Xmx28m -XX:TieredStopAtLevel=1")
                  --people N           closed loop: people walking at once (default 1000)
                  --rate R             open loop: offer R updates a second (people join as needed)
                  --seconds S          open loop: offer for S seconds (default 20); closed loop: stop offering after S (default: no cap)
                  --warm-up N          people walking first, not measured (default 0: paced at 27 messages/s, 200 take minutes)
                  --quiet S            give up waiting for replies after S seconds without any (default 10)
                  --tree PATH          tree file for the bot and the walks (default config/triage-tree.json)
                  --seed N             random walks seed (default 1)
                  --jfr PATH           record the bot with JFR (profile settings) during the measured part
                  --bot-env NAME=VALUE extra environment for the bot (repeatable)
                  --metrics            turn on the bot's operator endpoint and report its own handling time
                                       (of the first instance, with --webhook)
                  --webhook N          N instances in webhook mode, the fake Bot API delivering to them in
                                       turn (default 0: one bot polling)
                  --postgres           the database: a new one on the PostgreSQL server BACKTRIAGE_TEST_POSTGRES
                                       names (its superuser's URL), dropped after the run (default: SQLite)
                """;
    }

    static Options parse(String... args) {
        BotProcess.Launch launch = new BotProcess.Launch.Jar(Path.of("target", "backtriage.jar"));
        List<String> flags = README_FLAGS;
        int people = 1000;
        int warmUp = 0;
        double rate = 0;
        double seconds = -1;
        double quiet = 10;
        Path tree = Path.of("config", "triage-tree.json");
        long seed = 1;
        Optional<Path> jfr = Optional.empty();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        boolean metrics = false;
        int webhook = 0;
        boolean postgres = false;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--jar" -> launch = new BotProcess.Launch.Jar(Path.of(value(option, rest)));
                case "--classpath" -> launch = new BotProcess.Launch.MainClass(System.getProperty("java.class.path"),
                        "org.backtriage.Main");
                case "--bot-flags" -> flags = List.of(value(option, rest).trim().split("\\s+")).stream()
                        .filter(flag -> !flag.isEmpty()).toList();
                case "--people" -> people = Integer.parseInt(value(option, rest));
                case "--rate" -> rate = Double.parseDouble(value(option, rest));
                case "--seconds" -> seconds = Double.parseDouble(value(option, rest));
                case "--warm-up" -> warmUp = Integer.parseInt(value(option, rest));
                case "--quiet" -> quiet = Double.parseDouble(value(option, rest));
                case "--tree" -> tree = Path.of(value(option, rest));
                case "--seed" -> seed = Long.parseLong(value(option, rest));
                case "--jfr" -> jfr = Optional.of(Path.of(value(option, rest)));
                case "--metrics" -> metrics = true;
                case "--webhook" -> webhook = Integer.parseInt(value(option, rest));
                case "--postgres" -> postgres = true;
                case "--bot-env" -> {
                    String pair = value(option, rest);
                    int equals = pair.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--bot-env wants NAME=VALUE: " + pair);
                    }
                    env.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        if (seconds < 0) {
            seconds = rate > 0 ? 20 : 0;
        }
        return new Options(launch, flags, people, warmUp, rate, seconds, quiet, tree, seed, jfr, env, metrics, webhook, postgres);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
