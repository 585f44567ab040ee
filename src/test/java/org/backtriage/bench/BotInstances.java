package org.backtriage.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backtriage.testing.FreePorts;

/**
 * The bot processes of one run, seen as one bot: a single one that polls, or one or more in
 * webhook mode sharing a database, each listening on a port of its own. CPU and memory are
 * summed over them (and kept for each), the first one's start-up is the one reported.
 */
final class BotInstances implements AutoCloseable {
    /** The secret the harness registers with setWebhook and every instance checks. */
    static final String WEBHOOK_SECRET = "bench-webhook-secret_0123456789";

    private final List<BotProcess> bots;
    /** Each instance's webhook URL; empty when the bot polls. */
    private final List<URI> webhooks;

    private BotInstances(List<BotProcess> bots, List<URI> webhooks) {
        this.bots = List.copyOf(bots);
        this.webhooks = List.copyOf(webhooks);
    }

    /**
     * Starts {@code webhookInstances} bots in webhook mode ({@code 0}: one that polls), each in a
     * folder of its own under {@code dir}; {@code firstOnly} goes to the first one alone (the
     * operator endpoint's port).
     */
    static BotInstances start(int webhookInstances, BotProcess.Launch launch, List<String> flags, String token, URI apiUrl,
                              Path tree, Path dir, Map<String, String> env, Map<String, String> firstOnly) {
        List<BotProcess> bots = new ArrayList<>();
        List<URI> webhooks = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(1, webhookInstances); i++) {
                Path folder = webhookInstances > 1 ? dir.resolve("instance-" + (i + 1)) : dir;
                Files.createDirectories(folder);
                Map<String, String> own = new LinkedHashMap<>(env);
                if (i == 0) {
                    own.putAll(firstOnly);
                }
                if (webhookInstances > 0) {
                    int port = FreePorts.any();
                    own.put("BACKTRIAGE_MODE", "webhook");
                    own.put("BACKTRIAGE_WEBHOOK_SECRET", WEBHOOK_SECRET);
                    own.put("BACKTRIAGE_WEBHOOK_PORT", Integer.toString(port));
                    webhooks.add(URI.create("http://127.0.0.1:" + port + "/telegram"));
                }
                bots.add(BotProcess.start(launch, flags, token, apiUrl, tree, folder, own));
            }
        } catch (IOException | RuntimeException e) {
            bots.forEach(BotProcess::close);
            throw new IllegalStateException("cannot start the bot's instances: " + e.getMessage(), e);
        }
        return new BotInstances(bots, webhooks);
    }

    /** Each instance's webhook URL, in order; empty when the bot polls. */
    List<URI> webhooks() {
        return webhooks;
    }

    boolean webhook() {
        return !webhooks.isEmpty();
    }

    int size() {
        return bots.size();
    }

    BotProcess first() {
        return bots.get(0);
    }

    /** Whether every instance listens for webhook POSTs (it logged so). */
    boolean listening() {
        for (int i = 0; i < bots.size(); i++) {
            String log;
            try {
                log = Files.readString(bots.get(i).log(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return false;
            }
            if (!log.contains("webhook: POST /telegram on 127.0.0.1:" + webhooks.get(i).getPort())) {
                return false;
            }
        }
        return true;
    }

    /** Whether every instance is still running. */
    boolean alive() {
        return bots.stream().allMatch(BotProcess::alive);
    }

    /** The log of an instance that ended, else the first's. */
    Path log() {
        return bots.stream().filter(bot -> !bot.alive()).findFirst().orElse(first()).log();
    }

    long cpuNanos() {
        return bots.stream().mapToLong(BotProcess::cpuNanos).sum();
    }

    long[] userAndSystemNanos() {
        long[] sum = new long[2];
        for (BotProcess bot : bots) {
            long[] times = bot.userAndSystemNanos();
            sum[0] += times[0];
            sum[1] += times[1];
        }
        return sum;
    }

    /** CPU by thread name, summed over the instances. */
    Map<String, Long> cpuByThread() {
        Map<String, Long> byName = new java.util.TreeMap<>();
        bots.forEach(bot -> bot.cpuByThread().forEach((name, nanos) -> byName.merge(name, nanos, Long::sum)));
        return byName;
    }

    /** Each instance's peak resident memory (VmHWM), kB. */
    List<Long> peakRssKb() {
        return bots.stream().map(BotProcess::peakRssKb).toList();
    }

    long rssKb() {
        return bots.stream().mapToLong(BotProcess::rssKb).sum();
    }

    /** Every instance's WARN and ERROR lines, each named by its instance when there are several. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < bots.size(); i++) {
            String prefix = bots.size() > 1 ? "instance " + (i + 1) + ": " : "";
            bots.get(i).problems().forEach(line -> problems.add(prefix + line));
        }
        return problems;
    }

    /** SIGTERM to each; the first exit code that is not 0, else 0; empty if one had to be killed. */
    Optional<Integer> stop() {
        Optional<Integer> result = Optional.of(0);
        for (BotProcess bot : bots) {
            Optional<Integer> exit = bot.stop();
            if (exit.isEmpty()) {
                result = Optional.empty();
            } else if (result.isPresent() && result.get() == 0) {
                result = exit;
            }
        }
        return result;
    }

    @Override
    public void close() {
        bots.forEach(BotProcess::close);
    }
}
