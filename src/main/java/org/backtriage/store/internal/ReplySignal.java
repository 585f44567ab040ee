package org.backtriage.store.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/** Those who asked to be told of new replies ({@link org.backtriage.chat.Outbox#onNewReplies}), and telling them. */
public final class ReplySignal {
    private static final Logger log = Subsystem.STORE.logger();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener}; true when it is the first. */
    public boolean add(Runnable listener) {
        listeners.add(listener);
        return listeners.size() == 1;
    }

    /** Tells every listener; one that fails is logged and the others are still told. */
    public void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a listener for new replies failed: {}", e.toString());
            }
        }
    }
}
