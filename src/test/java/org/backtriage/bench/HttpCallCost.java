package org.backtriage.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.awaitility.core.ConditionTimeoutException;
import org.backtriage.Waits;
import org.backtriage.testing.FreePorts;

/**
 * What one Bot API call costs the calling process in CPU, by HTTP client: OkHttp's blocking call
 * as the bot makes it (call, read and write timeouts), OkHttp without timeouts, and a bare socket
 * writing the same request and reading the answer (the floor: the system calls alone). A local
 * keep-alive server in a process of its own answers every call with a small sendMessage result,
 * so only the client's work is counted. Four threads call at once, as the bot's sender does.
 *
 * <pre>java -cp &lt;test class path&gt; org.backtriage.bench.HttpCallCost [calls per thread]</pre>
 *
 * (or {@code bench/run.sh http-cost}). Prints CPU microseconds per call and calls per second for
 * each client, three rounds each; the first round includes warming up.
 */
public final class HttpCallCost {
    private static final int THREADS = 4;
    private static final byte[] BODY = ("{\"chat_id\":1001,\"text\":\"<b>Step 2 of 8</b>\\nHow would you describe the"
            + " pain?\",\"parse_mode\":\"HTML\",\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"Sharp\","
            + "\"callback_data\":\"p:feeling:sharp\"}],[{\"text\":\"Dull\",\"callback_data\":\"p:feeling:dull\"}]]}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/bot123456:made-up-token/sendMessage";

    private HttpCallCost() {
    }

    /** One way of making a call; each thread gets its own. */
    private interface Caller {
        void call() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]));
            return;
        }
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int port = FreePorts.any();
        Process server = new ProcessBuilder(javaBin(), "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HttpCallCost.class.getName(), "serve", Integer.toString(port)).inheritIO().start();
        try {
            awaitPort(port);
            System.out.printf(Locale.ROOT, "%d threads, %d calls each, one keep-alive connection per thread%n",
                    THREADS, perThread);
            measure("okhttp, as the bot calls", perThread, () -> okHttp(port, true));
            measure("okhttp, no timeouts", perThread, () -> okHttp(port, false));
            measure("bare socket (the floor)", perThread, () -> bareSocket(port));
        } finally {
            server.destroy();
        }
        System.exit(0);
    }

    private interface CallerFactory {
        Caller make() throws IOException;
    }

    private static void measure(String name, int perThread, CallerFactory factory) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= 3; round++) {
            List<Caller> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                callers.add(factory.make());
            }
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (Caller caller : callers) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            caller.call();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double calls = (double) THREADS * perThread;
            double cpuMicros = (os.getProcessCpuTime() - cpuBefore) / 1_000.0 / calls;
            double perSecond = calls * 1e9 / (System.nanoTime() - started);
            System.out.printf(Locale.ROOT, "%-26s round %d: %6.1f us CPU per call, %7.0f calls/s%n", name, round,
                    cpuMicros, perSecond);
        }
    }

    private static Caller okHttp(int port, boolean timeouts) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().retryOnConnectionFailure(false);
        if (timeouts) {
            builder.callTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10)).writeTimeout(Duration.ofSeconds(10));
        } else {
            builder.callTimeout(Duration.ZERO).readTimeout(Duration.ZERO).writeTimeout(Duration.ZERO);
        }
        OkHttpClient client = builder.build();
        HttpUrl url = HttpUrl.get("http://127.0.0.1:" + port + PATH);
        MediaType json = MediaType.get("application/json; charset=utf-8");
        return () -> {
            try (Response response = client.newCall(new Request.Builder().url(url).post(RequestBody.create(BODY, json)).build())
                    .execute()) {
                response.body().bytes();
            }
        };
    }

    private static Caller bareSocket(int port) throws IOException {
        byte[] head = ("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + BODY.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + BODY.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(BODY, 0, request, head.length, BODY.length);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        return () -> {
            out.write(request);
            // The server writes each small answer in one go; one read takes all of it.
            if (in.read(buffer) <= 0) {
                throw new IOException("the server closed the connection");
            }
        };
    }

    /** The stand-in: HTTP/1.1 keep-alive, a thread per connection, one fixed answer. */
    private static void serve(int port) throws IOException {
        byte[] result = ("{\"ok\":true,\"result\":{\"message_id\":5,\"date\":1,\"chat\":{\"id\":1001,\"type\":\"private\"},"
                + "\"text\":\"Step 2 of 8\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + result.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + result.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(result, 0, answer, head.length, result.length);
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                new Thread(() -> answerEach(socket, answer)).start();
            }
        }
    }

    private static void answerEach(Socket socket, byte[] answer) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            while (true) {
                int length = 0;
                StringBuilder line = new StringBuilder();
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    String header = line.toString().trim().toLowerCase(Locale.ROOT);
                    line.setLength(0);
                    if (header.isEmpty()) {
                        break;
                    }
                    if (header.startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring("content-length:".length()).trim());
                    }
                }
                in.readNBytes(length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static void awaitPort(int port) {
        try {
            Waits.upTo(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                            return true;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the stand-in did not start on port " + port);
        }
    }

    private static String javaBin() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
