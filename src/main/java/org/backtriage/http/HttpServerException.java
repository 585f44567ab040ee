package org.backtriage.http;

/** An HTTP server cannot start (the operator endpoint's, the webhook's), e.g. its port is taken; the message says which port. */
public final class HttpServerException extends RuntimeException {
    HttpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
