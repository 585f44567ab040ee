package org.backtriage.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.backtriage.logging.Subsystem;
import org.backtriage.store.internal.ReplySignal;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;

/**
 * Listens, on a connection of its own, for the notifications {@link PostgresOutbox#announce}
 * sends when any instance commits new replies of this bot, and tells the {@link ReplySignal}.
 * A notification sent while the connection was down is lost, so after every (re)connection the
 * signal is told once anyway; the sender's periodic rescan covers the rest.
 */
final class PostgresListener implements AutoCloseable {
    private static final Logger log = Subsystem.STORE.logger();
    /** How long one wait for notifications lasts: also how soon {@link #close} is noticed. */
    private static final int WAIT_MILLIS = 250;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final PostgresAddress address;
    private final String payload;
    private final ReplySignal signal;
    private final Thread thread;
    private volatile boolean closed;

    private PostgresListener(PostgresAddress address, long botId, ReplySignal signal) {
        this.address = address;
        this.payload = Long.toString(botId);
        this.signal = signal;
        this.thread = new Thread(this::listen, "outbox-listener");
        thread.setDaemon(true);
    }

    /** Starts listening for this bot's new replies. */
    static PostgresListener start(PostgresAddress address, long botId, ReplySignal signal) {
        PostgresListener listener = new PostgresListener(address, botId, signal);
        listener.thread.start();
        return listener;
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        boolean failing = false;
        while (!closed) {
            try (Connection connection = address.dataSource().getConnection()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + PostgresOutbox.CHANNEL);
                }
                if (failing) {
                    log.info("listening for new replies again");
                    failing = false;
                }
                retry = FIRST_RETRY;
                signal.fire();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && anyForThisBot(received)) {
                        signal.fire();
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    log.warn("cannot listen for new replies on {} ({}); retrying, and the sender's rescan finds them"
                            + " meanwhile", address, address.problem(e));
                    failing = true;
                }
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private boolean anyForThisBot(PGNotification[] received) {
        for (PGNotification notification : received) {
            if (payload.equals(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }

    /** Stops listening; returns once the connection is closed (within a wait, about a quarter of a second). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
