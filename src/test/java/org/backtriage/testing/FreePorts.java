package org.backtriage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port nothing listens on at the moment of asking: for a server a test starts, or for a call
 * that must find nobody there. Another process could take it in between; on a test machine none
 * does.
 */
public final class FreePorts {
    private FreePorts() {
    }

    public static int any() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
