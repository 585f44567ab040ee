package org.backtriage.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.backtriage.testing.FreePorts;

/**
 * The bot's own counters, from its operator endpoint (BACKTRIAGE_HTTP_PORT, /metrics in
 * Prometheus text): how long it took to handle each update, by its own clock.
 */
final class BotMetrics {
    static final String HANDLING_SUM = "backtriage_update_handling_seconds_sum";
    static final String HANDLING_COUNT = "backtriage_update_handling_seconds_count";

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BotMetrics(int port) {
        this.port = port;
    }

    /** A free local port for the bot's operator endpoint. */
    static BotMetrics onFreePort() {
        return new BotMetrics(FreePorts.any());
    }

    int port() {
        return port;
    }

    /** Every backtriage_* sample without labels, by name; empty if the endpoint does not answer. */
    Map<String, Double> scrape() {
        Map<String, Double> samples = new HashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().split("\n")) {
                if (line.startsWith("backtriage_") && !line.contains("{")) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length == 2) {
                        samples.put(parts[0], Double.parseDouble(parts[1]));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: the bot's /metrics did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return samples;
    }

    /** Mean handling time per update in ms between two scrapes, or -1 when unknown. */
    static double meanHandlingMillis(Map<String, Double> before, Map<String, Double> after) {
        double count = after.getOrDefault(HANDLING_COUNT, 0.0) - before.getOrDefault(HANDLING_COUNT, 0.0);
        double sum = after.getOrDefault(HANDLING_SUM, 0.0) - before.getOrDefault(HANDLING_SUM, 0.0);
        return count > 0 ? sum * 1000 / count : -1;
    }
}
