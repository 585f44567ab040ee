package org.backtriage.fakebotapi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain HTTP/1.1 with keep-alive on the loopback interface, cheap enough not to be what a
 * benchmark measures: one thread per connection (a bot opens a handful: its poller and its
 * senders), so a request costs one read and one write and no hand-over between threads. Each
 * request goes to the {@link Handler}; its {@link Answer} may be delayed or cut off to play a
 * network fault.
 */
final class LoopbackHttpServer implements AutoCloseable {
    /** Answers one request: its path (with the query, if any) and body, read in full at {@code nanos}. */
    interface Handler {
        Answer answer(String path, byte[] body, long nanos);

        /** Something went wrong that no answer can report. */
        void unexpected(String what);
    }

    /** More connections than this means something is wrong with the caller's connection pooling. */
    private static final int MOST_CONNECTIONS = 64;

    private final Handler handler;
    private final ServerSocket server;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    LoopbackHttpServer(Handler handler) {
        this.handler = handler;
        try {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local port for the fake Bot API", e);
        }
        start("bot-api-accept", this::accept);
    }

    String hostAndPort() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** The next {@code count} new connections are closed at once, before any request is read. */
    void refuseConnections(int count) {
        refused.set(count);
    }

    int connectionsOpened() {
        return connectionCount.get();
    }

    /** CPU time of this server's threads (user and system), in nanoseconds. */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return threads.stream().mapToLong(thread -> Math.max(0, mx.getThreadCpuTime(thread.getId()))).sum();
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Stops accepting and closes every connection; a delayed answer is not written. */
    @Override
    public void close() {
        closed.countDown();
        closeQuietly(server);
        connections.forEach(LoopbackHttpServer::closeQuietly);
    }

    private void start(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                // Finished threads' CPU leaves the sum only once they are gone; it is small.
                threads.remove(Thread.currentThread());
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void accept() {
        while (!isClosed()) {
            try {
                Socket socket = server.accept();
                if (refused.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    closeQuietly(socket);
                    continue;
                }
                if (connectionCount.incrementAndGet() > MOST_CONNECTIONS) {
                    handler.unexpected("over " + MOST_CONNECTIONS + " connections from the bot");
                }
                socket.setTcpNoDelay(true);
                connections.add(socket);
                start("bot-api-" + connectionCount.get(), () -> serve(socket));
            } catch (IOException e) {
                if (!isClosed()) {
                    handler.unexpected("accepting a connection failed: " + e);
                }
            }
        }
    }

    /** HTTP/1.1 requests on one connection, one after another, until the caller closes it. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!isClosed()) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    } else if (name.equals("transfer-encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    } else if (name.equals("connection")) {
                        close = value.equalsIgnoreCase("close");
                    }
                }
                byte[] body = chunked ? chunks(in) : in.readNBytes((int) length);
                String[] parts = requestLine.split(" ");
                Answer answer = handler.answer(parts.length > 1 ? parts[1] : "", body, System.nanoTime());
                if (!write(answer, out) || close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The caller closed the connection (or is stopping): nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    /** Writes {@code answer} as it says; false when the connection is to close. */
    private boolean write(Answer answer, OutputStream out) throws IOException, InterruptedException {
        if (!answer.delay().isZero() && closed.await(answer.delay().toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        if (answer.cut() == Answer.Cut.BEFORE_ANSWER) {
            return false;
        }
        byte[] bytes = answer.bytes();
        if (answer.cut() == Answer.Cut.DURING_BODY) {
            out.write(bytes, 0, bytes.length - answer.body().length / 2 - 1);
            out.flush();
            return false;
        }
        out.write(bytes);
        out.flush();
        return true;
    }

    /** One line of an HTTP head, without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** A chunked body (OkHttp sends one only when it does not know the length up front). */
    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
