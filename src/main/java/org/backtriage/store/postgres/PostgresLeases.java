package org.backtriage.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.LeaseLostException;
import org.backtriage.cluster.Leases;
import org.postgresql.util.PGInterval;

/**
 * The leases of one bot on PostgreSQL: one row per (bot, name), taken, renewed and released by
 * single atomic statements, with the database's clock deciding expiry (the one clock every
 * instance shares; their own may drift apart). A takeover adds one to the epoch; a fenced write
 * first reads the row FOR SHARE, so it either sees a takeover that committed, or holds the
 * takeover back until it is done.
 */
final class PostgresLeases implements Leases {
    private final PostgresDatabase database;
    private final long botId;
    private final PostgresOutbox outbox;
    private final Outbox store;

    PostgresLeases(PostgresDatabase database, long botId, PostgresOutbox outbox, Outbox store) {
        this.database = database;
        this.botId = botId;
        this.outbox = outbox;
        this.store = store;
    }

    @Override
    public Optional<Lease> acquire(String name, String holder, Duration ttl) {
        // The row is made on first use; a holder's own lease is renewed, an expired or released one taken over.
        return database.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO leases AS l (bot_id, name, holder, epoch, expires_at) VALUES (?, ?, ?, 1, now() + ?)"
                            + " ON CONFLICT (bot_id, name) DO UPDATE SET holder = excluded.holder,"
                            + " epoch = CASE WHEN l.holder = excluded.holder THEN l.epoch ELSE l.epoch + 1 END,"
                            + " expires_at = excluded.expires_at"
                            + " WHERE l.holder = excluded.holder OR l.holder IS NULL OR l.expires_at <= now()"
                            + " RETURNING l.epoch, l.expires_at")) {
                st.setLong(1, botId);
                st.setString(2, name);
                st.setString(3, holder);
                st.setObject(4, interval(ttl));
                return lease(st, name, holder);
            }
        });
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration ttl) {
        // Still this holder's at this epoch: extended, even past expiry, as nobody took it over meanwhile.
        return database.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE leases SET expires_at = now() + ?"
                    + " WHERE bot_id = ? AND name = ? AND holder = ? AND epoch = ? RETURNING epoch, expires_at")) {
                st.setObject(1, interval(ttl));
                st.setLong(2, botId);
                st.setString(3, lease.name());
                st.setString(4, lease.holder());
                st.setLong(5, lease.epoch());
                return lease(st, lease.name(), lease.holder());
            }
        });
    }

    @Override
    public void release(Lease lease) {
        database.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE leases SET holder = NULL, expires_at = now()"
                    + " WHERE bot_id = ? AND name = ? AND holder = ? AND epoch = ?")) {
                st.setLong(1, botId);
                st.setString(2, lease.name());
                st.setString(3, lease.holder());
                st.setLong(4, lease.epoch());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Outbox fenced(Lease lease) {
        return new Outbox() {
            @Override
            public List<Outgoing> pendingReplies() {
                return store.pendingReplies();
            }

            @Override
            public void delivered(List<Long> outgoingIds) {
                if (!outgoingIds.isEmpty()) {
                    fencedWrite(lease, c -> outbox.delete(c, outgoingIds));
                }
            }

            @Override
            public void dropPending(long chatId) {
                fencedWrite(lease, c -> outbox.dropPending(c, chatId));
            }

            @Override
            public void onNewReplies(Runnable listener) {
                store.onNewReplies(listener);
            }
        };
    }

    /** A write on the outbox, made only while {@code lease} is still at its epoch. */
    @FunctionalInterface
    private interface Write {
        void run(Connection c) throws SQLException;
    }

    private void fencedWrite(Lease lease, Write write) {
        database.transaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT 1 FROM leases WHERE bot_id = ? AND name = ? AND holder = ? AND epoch = ? FOR SHARE")) {
                st.setLong(1, botId);
                st.setString(2, lease.name());
                st.setString(3, lease.holder());
                st.setLong(4, lease.epoch());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new LeaseLostException(lease);
                    }
                }
            }
            write.run(c);
            return null;
        });
    }

    private static Optional<Lease> lease(PreparedStatement st, String name, String holder) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Lease(name, holder, rs.getLong(1), PostgresDatabase.instant(rs, 2).orElseThrow()));
        }
    }

    private static PGInterval interval(Duration ttl) {
        return new PGInterval(0, 0, 0, 0, 0, ttl.toNanos() / 1e9);
    }
}
