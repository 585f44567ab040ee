package org.backtriage.store;

/** The database could not be opened, migrated, read or written. */
public final class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException(String message) {
        super(message);
    }
}
