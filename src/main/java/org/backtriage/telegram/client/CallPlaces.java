package org.backtriage.telegram.client;

import java.util.concurrent.Semaphore;

/**
 * The places for Bot API calls under way at once. A thread takes one, waiting when all are taken,
 * and the calls it makes until it gives the place back use it. A caller that must decide at the
 * last moment whether to call (its pace, its lease) takes its place first, so no wait for a place
 * comes between that decision and the call. Taken again on the same thread, it is the one already
 * held.
 */
public final class CallPlaces {
    private final Semaphore places;
    /** The place this thread holds, if any. */
    private final ThreadLocal<Slot> held = new ThreadLocal<>();

    CallPlaces(int count) {
        this.places = new Semaphore(count, true);
    }

    /** A place for this thread's calls, until closed; the one it holds already, if any. */
    Slot take() throws InterruptedException {
        if (held.get() != null) {
            return () -> { };
        }
        places.acquire();
        Slot slot = () -> {
            held.remove();
            places.release();
        };
        held.set(slot);
        return slot;
    }

    /** Threads waiting for a place. */
    int waiting() {
        return places.getQueueLength();
    }

    /** A place for calls under way, given back when closed. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
