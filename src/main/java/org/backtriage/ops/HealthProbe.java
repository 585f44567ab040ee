package org.backtriage.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The container's health check, run in its own short-lived JVM because the runtime image has
 * no curl: {@code java -cp backtriage.jar org.backtriage.ops.HealthProbe http://127.0.0.1:8080/healthz}
 * exits 0 on HTTP 200 and 1 otherwise (Docker reserves other codes), printing the answer for
 * {@code docker inspect}.
 */
public final class HealthProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_REASON = 300;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp backtriage.jar " + HealthProbe.class.getName() + " http://127.0.0.1:PORT/healthz");
            System.exit(1);
        }
        System.exit(probe(args[0], System.out));
    }

    /** 0 when {@code url} answers 200, else 1; one line about the answer goes to {@code out}. */
    static int probe(String url, PrintStream out) {
        HttpURLConnection connection = null;
        try {
            URLConnection opened = URI.create(url).toURL().openConnection();
            if (!(opened instanceof HttpURLConnection http)) {
                out.println("not an http URL: " + url);
                return 1;
            }
            connection = http;
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            String reason = firstLine(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            out.println(status + " " + reason);
            return status == 200 ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("no answer from " + url + ": " + e);
            return 1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String firstLine(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null) {
                return "";
            }
            return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
        }
    }
}
