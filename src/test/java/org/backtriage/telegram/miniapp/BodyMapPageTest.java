package org.backtriage.telegram.miniapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backtriage.ops.Monitoring;
import org.backtriage.ops.OpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body map's files served on the operator endpoint, over real HTTP on loopback. */
class BodyMapPageTest {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Monitoring monitoring = new Monitoring();
    final OpsServer server = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), monitoring,
            () -> true, OpsServer.Options.DEFAULT.serving(List.of(new BodyMapPage())));

    @AfterEach
    void close() {
        server.close();
        monitoring.close();
    }

    HttpResponse<String> send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request line exactly as written, which an HTTP client would normalise first. */
    String raw(String target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = BodyMapPageTest.class.getClassLoader().getResourceAsStream("bodymap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class ThePage {
        @Test
        void isServedWithAStrictPolicyNoSniffingNoReferrerAndRevalidation() throws Exception {
            HttpResponse<String> page = send("GET", "/bodymap/?lang=es");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo(resource("index.html"));
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(page.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\""));
        }

        @Test
        void everyFileThePageNamesIsServedWithItsTypeAndTheSameHeaders() throws Exception {
            String page = resource("index.html");
            List<String> named = new ArrayList<>();
            Matcher reference = Pattern.compile("(?:href|src|data-svg)=\"([^\"]+)\"").matcher(page);
            while (reference.find()) {
                if (!reference.group(1).startsWith("data:")) {
                    named.add(reference.group(1));
                }
            }

            assertThat(named).containsExactlyInAnyOrder("bodymap.css", "bodymap.js", "back.svg", "front.svg");
            for (String file : named) {
                HttpResponse<String> answer = send("GET", "/bodymap/" + file);
                assertThat(answer.statusCode()).as(file).isEqualTo(200);
                assertThat(answer.body()).as(file).isEqualTo(resource(file));
                assertThat(answer.headers().firstValue("Content-Type")).as(file).hasValueSatisfying(type -> assertThat(type)
                        .isEqualTo(file.endsWith(".css") ? "text/css; charset=utf-8"
                                : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "image/svg+xml; charset=utf-8"));
                assertThat(answer.headers().firstValue("Content-Security-Policy")).as(file).contains(POLICY);
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(file).contains("nosniff");
            }
        }

        @Test
        void anUnchangedFileIsAnswered304WithoutItsBody() throws Exception {
            String tag = send("GET", "/bodymap/bodymap.js").headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = send("GET", "/bodymap/bodymap.js", "If-None-Match", tag);

            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(tag);
        }

        @Test
        void headAnswersTheHeadersWithoutTheBody() throws Exception {
            HttpResponse<String> head = send("HEAD", "/bodymap/");

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Length"))
                    .contains(Integer.toString(resource("index.html").getBytes(StandardCharsets.UTF_8).length));
        }

        @Test
        void aPostToThePageIsRefusedWithWhatIsAllowed() throws Exception {
            HttpResponse<String> post = send("POST", "/bodymap/");

            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(post.headers().firstValue("Content-Security-Policy")).contains(POLICY);
        }

        @Test
        void theOperatorEndpointStillAnswersBesideIt() throws Exception {
            assertThat(send("GET", "/healthz").statusCode()).isIn(200, 503);
            assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class NothingElse {
        @ParameterizedTest
        @ValueSource(strings = {"/bodymap/index.html", "/bodymap", "/bodymap/bodymap.js/", "/bodymap//bodymap.js",
                "/bodymap/BodyMapPage.class", "/bodymap/../config/triage-tree.json", "/bodymap/%2e%2e/config/messages_en.properties",
                "/bodymap/..%2f..%2f..%2fetc%2fpasswd", "/bodymap/%2e%2e%2f%2e%2e%2fetc/passwd", "/bodymap/..\\..\\etc\\passwd",
                "/bodymap/%252e%252e/config/triage-tree.json", "/bodymap/./bodymap.js%00.txt", "/bodymap/logback.xml",
                "/org/backtriage/Main.class", "/config/triage-tree.json", "/bodymap/../../../../etc/passwd"})
        void isServedUnderOrBesideIt(String target) throws Exception {
            String answer = raw(target);

            assertThat(answer).as(target).matches("(?s)HTTP/1\\.1 (400|404) .*");
            assertThat(answer).as(target).doesNotContain("root:").doesNotContain("\"questions\"")
                    .doesNotContain("q.where").doesNotContain("<configuration").doesNotContain("Telegram");
        }
    }

    /**
     * Issue 18, point 3: a proxy that forwards only {@code /bodymap/} by prefix must not expose the
     * operator's paths through dot segments, however they are spelt.
     */
    @Nested
    class DotSegments {
        @ParameterizedTest
        @ValueSource(strings = {"/bodymap/../metrics", "/bodymap/%2e%2e/metrics", "/bodymap/%2E%2E/metrics",
                "/bodymap/.%2e/metrics", "/bodymap/%2e./metrics", "/bodymap/..%2fmetrics", "/bodymap/..%2Fmetrics",
                "/bodymap/./../healthz", "/bodymap/../healthz", "/bodymap/answer/../../metrics", "/bodymap/%2e/../metrics",
                "/bodymap/%252e%252e/metrics", "/bodymap/%252e%252e%252fmetrics", "/bodymap/..%252fmetrics",
                "/bodymap/%25252e%25252e/metrics", "/bodymap/..;/metrics", "/bodymap/..;x=1/metrics", "/bodymap/..%5cmetrics",
                "/bodymap/..\\metrics", "/bodymap/%2e%2e%5cmetrics", "/bodymap/../metrics?x=1", "/bodymap/./bodymap.js",
                "/bodymap/../bodymap/", "/./metrics", "/bodymap/%u002e%u002e/metrics"})
        void areRefusedSoNoneReachesTheOperatorPaths(String target) throws Exception {
            String answer = raw(target);

            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ")
                    .doesNotContain("backtriage_").doesNotContain("jvm_").doesNotContain("\r\n\r\nok\n");
        }
    }

    @Nested
    class TheMaps {
        /** The regions of the shipped tree's body map: the ids the bot takes, and the page must offer. */
        List<String> shippedRegions() throws IOException {
            List<String> regions = new ArrayList<>();
            new ObjectMapper().readTree(Path.of("config/triage-tree.json").toFile()).path("bodyMap").path("regions")
                    .forEach(region -> regions.add(region.asText()));
            assertThat(regions).as("the shipped tree's regions").hasSize(14);
            return regions;
        }

        @Test
        void offerExactlyTheRegionsOfTheShippedTreeEachOnce() throws Exception {
            List<String> regions = new ArrayList<>();
            for (String svg : List.of("back.svg", "front.svg")) {
                Matcher region = Pattern.compile("data-region=\"([a-z_]+)\"").matcher(resource(svg));
                while (region.find()) {
                    regions.add(region.group(1));
                }
            }

            assertThat(regions).containsExactlyInAnyOrderElementsOf(shippedRegions());
        }

        @Test
        void theScriptLabelsEveryRegionInBothLanguages() throws Exception {
            String script = resource("bodymap.js");
            int spanish = script.indexOf("    es: {");

            for (String region : shippedRegions()) {
                assertThat(script.substring(0, spanish)).as("en " + region).contains("      " + region + ": '");
                assertThat(script.substring(spanish)).as("es " + region).contains("      " + region + ": '");
            }
        }
    }
}
