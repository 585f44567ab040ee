package org.backtriage.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the webhook needs of the server besides the operator endpoint's limits, over real HTTP on loopback. */
class HttpServerTest {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(HttpServer::close);
    }

    HttpServer serve(HttpServer.Limits limits, Handler handler) {
        HttpServer server = HttpServer.start("test HTTP", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, handler);
        servers.add(server);
        return server;
    }

    static Handler answering(CountDownLatch release) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                release.await(10, TimeUnit.SECONDS);
                HttpServer.answer(response, callback, 200, "done", Map.of());
                return true;
            }
        };
    }

    @Test
    void aRequestServedLongerThanTheIdleTimeoutIsStillAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = serve(new HttpServer.Limits(Duration.ofMillis(200), Duration.ofSeconds(10), 2, 2), answering(release));
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());

        Thread.sleep(600); // three idle timeouts while the handler waits, e.g. for the store
        release.countDown();

        assertThat(answer.get(5, TimeUnit.SECONDS).body()).isEqualTo("done\n");
    }

    @Test
    void requestsBeyondThoseServedAndWaitingGet503AtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = serve(new HttpServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, 2), answering(release));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // While four are held, the fifth is answered at once.
        CompletableFuture.anyOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        HttpResponse<String> refused = answers.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow().get();
        release.countDown();

        assertThat(refused.statusCode()).as("two served, two waiting, one refused").isEqualTo(503);
        AtomicInteger ok = new AtomicInteger();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            if (answer.get(5, TimeUnit.SECONDS).statusCode() == 200) {
                ok.incrementAndGet();
            }
        }
        assertThat(ok).hasValue(4);
    }

    @Test
    void oneConnectionCarriesRequestAfterRequestWithinTheDeadlineOfEach() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        HttpServer server = serve(new HttpServer.Limits(Duration.ofSeconds(2), Duration.ofMillis(800), 2, 2), answering(open));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            // Five answers over more than twice the request timeout: each answer restarts the deadline.
            for (int i = 0; i < 5; i++) {
                Thread.sleep(300);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                byte[] answer = new byte[200];
                int read = socket.getInputStream().read(answer);

                assertThat(new String(answer, 0, Math.max(read, 0), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200")
                        .endsWith("done\n");
            }
        }
    }

    @Test
    void jettysOwnRefusalsAreOneLineOfText() throws Exception {
        HttpServer server = serve(HttpServer.Limits.DEFAULT, answering(new CountDownLatch(0)));
        HttpResponse<String> tooLong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("X-Long", "x".repeat(HttpServer.MAX_REQUEST_HEAD)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tooLong.statusCode()).isEqualTo(431);
        assertThat(tooLong.body()).isEqualTo("request header fields too large\n");
        assertThat(tooLong.headers().firstValue("Server")).isEmpty();
    }
}
