package org.backtriage.telegram.client;

/** A webhook method of the Bot API failed: refused, or Telegram unreachable. The message never holds the token. */
public final class WebhookCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WebhookCallException(String message) {
        super(message);
    }
}
