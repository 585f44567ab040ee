package org.backtriage.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backtriage.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container health check's exit code and printed line, against a live and a dead port. */
class HealthProbeTest {
    final Monitoring monitoring = new Monitoring();
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final OpsServer server = new OpsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            monitoring, databaseUp::get, Duration.ofMinutes(3));
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        server.close();
        monitoring.close();
    }

    String healthz() {
        return "http://127.0.0.1:" + server.port() + "/healthz";
    }

    @Test
    void healthyServerExitsZero() {
        assertThat(HealthProbe.probe(healthz(), out)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("200 ok\n");
    }

    @Test
    void unhealthyServerExitsOneWithTheReason() {
        databaseUp.set(false);

        assertThat(HealthProbe.probe(healthz(), out)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("503 database does not answer\n");
    }

    @Test
    void deadPortExitsOne() throws Exception {
        int dead = FreePorts.any();

        assertThat(HealthProbe.probe("http://127.0.0.1:" + dead + "/healthz", out)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("no answer from http://127.0.0.1:" + dead + "/healthz: ");
    }

    @Test
    void wrongPathExitsOne() {
        assertThat(HealthProbe.probe("http://127.0.0.1:" + server.port() + "/nope", out)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("404 ");
    }

    @Test
    void malformedUrlExitsOne() {
        assertThat(HealthProbe.probe("not a url", out)).isEqualTo(1);
        assertThat(HealthProbe.probe("file:///etc/hostname", out)).isEqualTo(1);
    }
}
