package org.backtriage.ops;

/** The operator endpoint cannot start, e.g. its port is taken; the message says which port. */
public final class OpsException extends RuntimeException {
    OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
