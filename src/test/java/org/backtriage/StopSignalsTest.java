package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real signals, sent by the operating system's kill to this very JVM, reach the handler instead of ending it. */
class StopSignalsTest {
    @Test
    void sigtermAndSigintReachTheHandlerByName() throws Exception {
        assumeTrue(new java.io.File("/bin/kill").canExecute() || new java.io.File("/usr/bin/kill").canExecute(),
                "no kill command on this system");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        StopSignals signals = StopSignals.handle(received::add);
        try {
            kill("TERM");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("TERM");
            kill("INT");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("INT");
        } finally {
            signals.restore();
        }
    }

    private static void kill(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                .inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
