package org.backtriage.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request's body, read whole within {@link #WITHIN} of being asked for and up to a size: a
 * client that sends its body a byte at a time (or not at all) holds a thread for no longer than
 * that, then gets 408. The webhook and the body map's answers read theirs this way.
 */
public final class RequestBody {
    /**
     * Telegram's updates and the map's posts are a few kilobytes, sent at once; a body that has
     * not arrived in this long is a stalled or hostile client.
     */
    public static final Duration WITHIN = Duration.ofSeconds(5);

    /** How the reading ended. */
    public enum Ending {
        /** The whole body, at most the size asked for. */
        WHOLE,
        /** More than the size asked for: what came is not kept. */
        TOO_LARGE,
        /** Not all there within {@link #WITHIN}, or the connection went idle meanwhile. */
        TOO_SLOW,
        /** The client went away, or the connection failed, before the end. */
        BROKE_OFF
    }

    private final Ending ending;
    private final byte[] bytes;

    private RequestBody(Ending ending, byte[] bytes) {
        this.ending = ending;
        this.bytes = bytes;
    }

    /** How it ended. */
    public Ending ending() {
        return ending;
    }

    /** The body when {@link Ending#WHOLE}, else nothing. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Reads {@code request}'s body, up to {@code max} bytes, waiting at most {@link #WITHIN}. */
    public static RequestBody read(Request request, int max) {
        CompletableFuture<RequestBody> read = new CompletableFuture<>();
        // Jetty calls back as the body comes; this thread only waits, and for no longer than the bound.
        new Chunks(request, max, read).run();
        try {
            return read.get(WITHIN.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new RequestBody(Ending.TOO_SLOW, new byte[0]);
        } catch (ExecutionException e) {
            return new RequestBody(Ending.BROKE_OFF, new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RequestBody(Ending.BROKE_OFF, new byte[0]);
        }
    }

    /** Takes the chunks there are, then asks to be called again when more come, until the last one. */
    private static final class Chunks implements Runnable {
        private final Request request;
        private final int max;
        private final CompletableFuture<RequestBody> read;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Chunks(Request request, int max, CompletableFuture<RequestBody> read) {
            this.request = request;
            this.max = max;
            this.read = read;
        }

        @Override
        public void run() {
            while (!read.isDone()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // The connection's idle timeout, while the request waited for a thread, is the body being too slow too.
                    boolean idle = chunk.getFailure() instanceof TimeoutException;
                    read.complete(new RequestBody(idle ? Ending.TOO_SLOW : Ending.BROKE_OFF, new byte[0]));
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                if (body.size() + buffer.remaining() > max) {
                    chunk.release();
                    read.complete(new RequestBody(Ending.TOO_LARGE, new byte[0]));
                    return;
                }
                byte[] part = new byte[buffer.remaining()];
                buffer.get(part);
                body.writeBytes(part);
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    read.complete(new RequestBody(Ending.WHOLE, body.toByteArray()));
                }
            }
        }
    }
}
