package org.backtriage.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.backtriage.store.StoreException;
import org.backtriage.store.internal.Part;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL database shared by every instance: a pool of connections (each transaction
 * borrows one, so the poller, the sender, the check-ins and the health check do not wait for
 * each other), its schema brought up to date by {@link PostgresMigrations}, and the chat locks
 * that serialise one chat's turns across instances.
 */
final class PostgresDatabase implements AutoCloseable {
    /** Enough for the poller or webhook, the sender's removals, a check-in round, retention and /healthz at once. */
    private static final int POOL_SIZE = 8;
    /** How long a transaction waits for a connection before it fails, and /healthz says the store does not answer. */
    private static final long BORROW_TIMEOUT_MILLIS = 5_000;

    private final PostgresAddress address;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresAddress address, HikariDataSource pool) {
        this.address = address;
        this.pool = pool;
    }

    /** Work inside one transaction, on its connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Connects to the database at {@code address} (once alone first, so a wrong password or an
     * unknown host is one clear line), opens the pool and migrates the schema.
     */
    static PostgresDatabase open(PostgresAddress address) {
        PGSimpleDataSource source = address.dataSource();
        try (Connection first = source.getConnection()) {
            first.getMetaData();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to PostgreSQL " + address + ": " + address.problem(e), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("backtriage-postgres");
        config.setDataSource(source);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(BORROW_TIMEOUT_MILLIS);
        config.setAutoCommit(false);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot connect to PostgreSQL " + address + ": " + address.problem(e), e);
        }
        try {
            PostgresMigrations.apply(pool, address);
            return new PostgresDatabase(address, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Where the database is, never with its password: for log lines and errors. */
    PostgresAddress address() {
        return address;
    }

    /** Runs {@code work} in one transaction on a connection of the pool: committed if it returns, rolled back if it throws. */
    <T> T transaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException undo) {
                    // A broken connection cannot roll back either; what went wrong first is the news.
                    e.addSuppressed(undo);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + PostgresAddress.firstLine(e), e);
        }
    }

    /**
     * Runs {@code work} under a savepoint, inside a {@link #transaction}: if it throws, what it
     * did is undone alone (on PostgreSQL, a failed statement would otherwise abort the whole
     * transaction) and the rest stands. Only a failure to undo it escapes.
     */
    static <T> Part<T> savepoint(Connection connection, SqlWork<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = work.run(connection);
            connection.releaseSavepoint(savepoint);
            return new Part<>(Optional.ofNullable(result), Optional.empty());
        } catch (SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            return new Part<>(Optional.empty(), Optional.of(e));
        }
    }

    /**
     * Takes the lock on one chat of one bot until the transaction ends, waiting while another
     * transaction, on this instance or another, holds it: one chat's turns run one at a time, in
     * the order they took it, so their replies are queued in that order too.
     */
    static void lockChat(Connection connection, long botId, long chatId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            st.setLong(1, chatLockKey(botId, chatId));
            st.executeQuery().close();
        }
    }

    /** As {@link #lockChat}, but gives up at once, returning false, when another transaction holds the lock. */
    static boolean tryLockChat(Connection connection, long botId, long chatId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            st.setLong(1, chatLockKey(botId, chatId));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * One advisory lock key per (bot, chat). Two pairs may share a key; that only makes their
     * turns wait for each other now and then, never wrong.
     */
    static long chatLockKey(long botId, long chatId) {
        long key = chatId * 0x9E3779B97F4A7C15L + botId;
        return key ^ (key >>> 29);
    }

    /** Sets parameter {@code index} to {@code instant}, as a timestamptz. */
    static void setInstant(PreparedStatement st, int index, Instant instant) throws SQLException {
        st.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Sets parameter {@code index} to {@code instant}, or to NULL. */
    static void setInstant(PreparedStatement st, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(st, index, instant.get());
        } else {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** Column {@code index}, a timestamptz, as an instant; empty for NULL. */
    static Optional<Instant> instant(ResultSet rs, int index) throws SQLException {
        return Optional.ofNullable(rs.getObject(index, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /**
     * VACUUM {@code tables} (not FULL: no lock that stops the bot), so the rows deleted from them are
     * cleared from their pages and indexes now, not whenever autovacuum next comes round; a table
     * another instance is vacuuming is skipped. On a connection of the pool, outside a transaction
     * (VACUUM cannot run in one); Hikari sets it back to transactions when it is returned.
     */
    void vacuum(String... tables) {
        try (Connection connection = pool.getConnection(); Statement st = connection.createStatement()) {
            connection.setAutoCommit(true);
            st.execute("VACUUM (SKIP_LOCKED) " + String.join(", ", tables));
        } catch (SQLException e) {
            throw new StoreException("database error: " + PostgresAddress.firstLine(e), e);
        }
    }

    /**
     * True when the database answers one cheap query within 2 s on a connection of the pool
     * (waiting up to {@link #BORROW_TIMEOUT_MILLIS} for one): for the health check.
     */
    boolean answers() {
        try (Connection connection = pool.getConnection(); Statement st = connection.createStatement()) {
            st.setQueryTimeout(2);
            st.executeQuery("SELECT 1").close();
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
