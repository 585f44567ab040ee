package org.backtriage.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The database could not be opened, migrated, read or written. {@link #retryable} tells a failure
 * that the same work may well get past later (the database unreachable, busy, restarting, a
 * deadlock or serialization conflict, no connection free in the pool) from one it meets every
 * time (a value or a constraint the work itself breaks).
 */
public final class StoreException extends RuntimeException {
    /** PostgreSQL SQLState classes worth a retry: connection, transaction rollback, resources, operator intervention, system. */
    private static final Set<String> RETRYABLE_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** lock_not_available, object_in_use: another transaction holds what is needed. */
    private static final Set<String> RETRYABLE_STATES = Set.of("55P03", "55006");
    /** SQLite results that pass: the file busy or locked, out of room, unreadable for now. */
    private static final Set<Integer> RETRYABLE_SQLITE = Set.of(SQLiteErrorCode.SQLITE_BUSY.code,
            SQLiteErrorCode.SQLITE_LOCKED.code, SQLiteErrorCode.SQLITE_IOERR.code, SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_CANTOPEN.code, SQLiteErrorCode.SQLITE_NOMEM.code, SQLiteErrorCode.SQLITE_READONLY.code,
            SQLiteErrorCode.SQLITE_PROTOCOL.code, SQLiteErrorCode.SQLITE_INTERRUPT.code);

    private final boolean retryable;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.retryable = retryable(cause);
    }

    public StoreException(String message) {
        super(message);
        this.retryable = false;
    }

    /**
     * Whether the same work may succeed if tried again later: true for a database unreachable,
     * busy or restarting, false for a data or constraint error, which fails the same way every time.
     */
    public boolean retryable() {
        return retryable;
    }

    /** Whether {@code failure}, or a cause of it, is a store failure worth trying again ({@link #retryable}). */
    public static boolean retryableInChain(Throwable failure) {
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (link instanceof StoreException store) {
                return store.retryable;
            }
        }
        return false;
    }

    private static boolean retryable(Throwable cause) {
        return switch (cause) {
            // Among them the pool's "no connection free within the timeout".
            case SQLTransientException _, SQLRecoverableException _ -> true;
            case SQLiteException sqlite -> RETRYABLE_SQLITE.contains(sqlite.getResultCode().code & 0xff);
            case SQLException sql -> retryableState(sql.getSQLState());
            // Not the database's answer (an unreadable row, a keyboard that cannot be encoded): the same next time.
            case null, default -> false;
        };
    }

    private static boolean retryableState(String state) {
        if (state == null || state.length() != 5) {
            // No verdict from the server (a closed connection, a driver's own failure): assume it passes.
            return true;
        }
        return RETRYABLE_CLASSES.contains(state.substring(0, 2)) || RETRYABLE_STATES.contains(state);
    }
}
