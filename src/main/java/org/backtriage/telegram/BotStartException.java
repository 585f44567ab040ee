package org.backtriage.telegram;

/** The bot could not start polling Telegram (wrong token, no network...). The message never holds the token. */
public final class BotStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BotStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
