package org.backtriage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slow-body attack of issue 18: connections that send a POST's head saying its body is
 * 16,000 bytes long, then one byte of it a second; a connection the server closes is opened again
 * at once. It runs on a thread of its own until closed, and counts what the server answered.
 */
public final class SlowBodies implements AutoCloseable {
    private final int port;
    private final String head;
    private final List<Socket> sockets = new ArrayList<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final Thread trickle;
    private volatile boolean closed;

    private SlowBodies(int port, String path, String headers, int connections) throws IOException {
        this.port = port;
        this.head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: 16000\r\n\r\n";
        for (int i = 0; i < connections; i++) {
            sockets.add(open());
        }
        trickle = new Thread(this::trickle, "slow bodies");
        trickle.setDaemon(true);
        trickle.start();
    }

    /** {@code connections} of them to {@code path} on the loopback {@code port}, with {@code headers} (each ending in CRLF). */
    public static SlowBodies start(int port, String path, String headers, int connections) throws IOException {
        return new SlowBodies(port, path, headers, connections);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        opened.incrementAndGet();
        return socket;
    }

    private void trickle() {
        while (!closed) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < sockets.size() && !closed; i++) {
                Socket socket = sockets.get(i);
                try {
                    readAnswer(socket);
                    socket.getOutputStream().write('x');
                    socket.getOutputStream().flush();
                } catch (IOException closedByServer) {
                    try {
                        socket.close();
                        sockets.set(i, open());
                    } catch (IOException e) {
                        // The server refuses connections: tried again in a second.
                    }
                }
            }
        }
    }

    /** Counts the status line of an answer that has come, if one has; an answered connection is done with. */
    private void readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        if (in.available() > 0) {
            byte[] status = in.readNBytes(12);
            answers.computeIfAbsent(new String(status, StandardCharsets.US_ASCII).trim(), key -> new AtomicInteger())
                    .incrementAndGet();
            throw new IOException("answered");
        }
    }

    /** The status lines answered so far, e.g. "HTTP/1.1 408" -> 24. */
    public Map<String, Integer> answers() {
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** How many connections were opened, the first ones included. */
    public int opened() {
        return opened.get();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        trickle.interrupt();
        trickle.join(5_000);
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that is left to do.
            }
        }
    }
}
