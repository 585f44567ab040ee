package org.backtriage.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.backtriage.logging.Subsystem;
import org.backtriage.store.StoreException;
import org.backtriage.store.internal.Part;
import org.slf4j.Logger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file, checked and migrated when opened: WAL, a busy timeout, and IMMEDIATE
 * transactions on one connection, used by one transaction at a time, with its statements
 * prepared once. The health check has a second connection to itself. Deleted rows are overwritten
 * with zeros (secure_delete), and a transaction that deleted a person ends by checkpointing the
 * write-ahead log into the file and truncating it: their answers leave the disk, not only the tables.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final Logger log = Subsystem.STORE.logger();

    private final Connection connection;
    /**
     * A second connection for the health check alone: WAL lets it read while the main one writes,
     * so /healthz never waits behind a batch or a round of check-ins for the store's lock.
     */
    private final Connection healthCheck;
    private volatile boolean closed;
    /**
     * One transaction at a time on the one connection. Fair, so whoever has waited longest goes
     * next: the poller with its batch gets in between the check-ins of a round, or between
     * removals of sent replies, instead of being overtaken by a thread that lets go and takes
     * the lock straight back.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Statements prepared once and reused: the one connection runs them all, under {@link #lock}. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Set inside a transaction that deletes a person's rows: the log is emptied once it commits. */
    private boolean scrubAfterCommit;

    private SqliteDatabase(Connection connection, Connection healthCheck) {
        this.connection = connection;
        this.healthCheck = healthCheck;
    }

    /** Work on the database that may fail with the driver's exception. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** What is built on a database just opened (and tidied, before anyone else uses it). */
    @FunctionalInterface
    interface Opened<T> {
        T build(SqliteDatabase database) throws SQLException;
    }

    /**
     * Opens (creating if needed, readable by the owner only) the database at {@code file},
     * checks its integrity, brings its schema up to date and returns what {@code opened} builds
     * on it. A failure of any of these closes what was opened and is reported naming the file.
     */
    static <T> T open(Path file, long nowMillis, Opened<T> opened) {
        OwnerOnlyFile.create(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        // Deleted rows are overwritten with zeros, not left in free space for anyone reading the file.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw notUsable(file, e);
        }
        Connection healthCheck = null;
        try {
            checkIntegrity(connection, file);
            SqliteMigrations.apply(connection, nowMillis);
            healthCheck = config.createConnection("jdbc:sqlite:" + file);
            return opened.build(new SqliteDatabase(connection, healthCheck));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (healthCheck != null) {
                closeQuietly(healthCheck);
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("database " + file + " is not a usable backtriage database: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction, holding the store's lock: committed if it returns,
     * rolled back if it throws.
     */
    <T> T transaction(SqlWork<T> work) {
        lock.lock();
        try {
            begin();
            T result;
            try {
                result = work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                scrubAfterCommit = false;
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            // Outside any transaction: the driver begins the next one at each commit, and a checkpoint cannot run in it.
            if (scrubAfterCommit) {
                scrubAfterCommit = false;
                emptyTheLog();
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks, inside a {@link #transaction} that deletes a person's rows (or the hourly purge), for
     * the write-ahead log to be emptied once it commits: the log still holds every earlier version
     * of the pages the rows were on, and would keep them until it wraps round.
     */
    void scrubAfterCommit() {
        scrubAfterCommit = true;
    }

    /**
     * Copies the write-ahead log into the file (where secure_delete has zeroed the deleted rows,
     * overwriting their earlier versions) and truncates it to nothing. Waits out the busy timeout
     * for a reader (the health check's one query). The transaction has committed: a failure here
     * fails nothing, and is said in a line; the next deletion, or the hourly purge, tries again.
     */
    private void emptyTheLog() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) != 0) {
                log.warn("the write-ahead log could not be emptied into the database file (a reader held it);"
                        + " the next /forget or hourly purge tries again");
            }
        } catch (SQLException e) {
            log.warn("the write-ahead log could not be emptied into the database file: {}; the next /forget or hourly"
                    + " purge tries again", e.getMessage());
        }
    }

    /**
     * BEGIN IMMEDIATE, which waits out the busy timeout while another writer holds the file. The
     * driver counts itself in a transaction before its BEGIN has run: when the BEGIN fails it is
     * put back to autocommit, or every later transaction would run statement by statement and
     * fail at its commit.
     */
    private void begin() throws SQLException {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException noTransactionToEnd) {
                // Its COMMIT has no transaction to end; the driver's own state is back, which is what counts.
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} under a savepoint, inside a {@link #transaction}: if it throws, what it
     * did is undone alone and the rest of the transaction stands. Only a failure to undo it
     * escapes, failing the whole transaction.
     */
    <T> Part<T> savepoint(SqlWork<T> work) throws SQLException {
        // Prepared once like every other statement: a savepoint per update costs no parsing.
        PreparedStatement savepoint = prepared("SAVEPOINT part");
        PreparedStatement release = prepared("RELEASE part");
        savepoint.execute();
        try {
            T result = work.run();
            release.execute();
            return new Part<>(Optional.ofNullable(result), Optional.empty());
        } catch (SQLException | RuntimeException e) {
            prepared("ROLLBACK TO part").execute();
            release.execute();
            return new Part<>(Optional.empty(), Optional.of(e));
        }
    }

    /** The statement for {@code sql}, prepared at its first use, its parameters cleared. Inside a {@link #transaction}. */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearParameters();
        return statement;
    }

    /** Runs {@code sql} with its one parameter set to {@code value}; returns how many rows it changed. */
    int update(String sql, long value) throws SQLException {
        PreparedStatement st = prepared(sql);
        st.setLong(1, value);
        return st.executeUpdate();
    }

    /**
     * True when the database answers one cheap query (for the health check), asked on a
     * connection of its own: it does not wait for the store's lock.
     */
    boolean answers() {
        synchronized (healthCheck) {
            if (closed) {
                return false;
            }
            try (Statement st = healthCheck.createStatement()) {
                st.setQueryTimeout(2);
                st.executeQuery("SELECT count(*) FROM sqlite_master").close();
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    log.debug("closing a statement failed: {}", e.getMessage());
                }
            }
            statements.clear();
            closeQuietly(connection);
        } finally {
            lock.unlock();
        }
        synchronized (healthCheck) {
            closed = true;
            closeQuietly(healthCheck);
        }
    }

    private static void checkIntegrity(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new StoreException("database " + file + " failed its integrity check (" + result
                        + "); it was left untouched. Restore a backup or point BACKTRIAGE_DB elsewhere.");
            }
        } catch (SQLException e) {
            throw notUsable(file, e);
        }
    }

    private static StoreException notUsable(Path file, SQLException e) {
        boolean damaged = e instanceof SQLiteException se
                && (se.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB || se.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT);
        if (damaged) {
            return new StoreException("database " + file + " is corrupt or not an SQLite database; it was left untouched."
                    + " Restore a backup or point BACKTRIAGE_DB elsewhere. (" + e.getMessage() + ")", e);
        }
        return new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the database failed: {}", e.getMessage());
        }
    }
}
