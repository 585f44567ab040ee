package org.backtriage.fakebotapi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection to an instance's webhook, used by one deliverer thread at a
 * time: a POST is one write and a blocking read, cheap enough that delivering updates does not
 * take the CPU the benchmark measures the bot with (the JDK's HttpClient costs several times
 * more). Only what a webhook answers is understood: a status line, headers, and a body of a
 * {@code Content-Length} or chunked, which is read and dropped.
 */
final class WebhookConnection implements AutoCloseable {
    private final URI url;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean used;
    private boolean answerBegan;

    private WebhookConnection(URI url, Duration connectTimeout, Duration answerTimeout) throws IOException {
        this.url = url;
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) answerTimeout.toMillis());
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static WebhookConnection open(URI url, Duration connectTimeout, Duration answerTimeout) throws IOException {
        return new WebhookConnection(url, connectTimeout, answerTimeout);
    }

    /** Whether this connection carried a request before (so the instance may have closed it meanwhile). */
    boolean used() {
        return used;
    }

    /** Whether the last POST got at least its status line. */
    boolean answerBegan() {
        return answerBegan;
    }

    /** POSTs {@code body} with {@code headers}; returns the status. */
    int post(byte[] body, Map<String, String> headers) throws IOException {
        used = true;
        answerBegan = false;
        StringBuilder head = new StringBuilder(200).append("POST ").append(url.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        String status = line();
        answerBegan = true;
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:")) {
                close = lower.contains("close");
            }
        }
        int code = Integer.parseInt(status.substring(9, 12));
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers: none expected
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && code != 204 && code != 304) {
            close = true; // a body until the connection closes: nothing more can follow on it
        }
        if (close) {
            close();
        }
        return code;
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the connection closed before the answer ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long count) throws IOException {
        for (long left = count; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the answer broke off");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
