package org.backtriage.telegram.client;

import java.util.Objects;

/**
 * A Bot API call whose result its caller needed failed: Telegram refused it, answered with
 * something that is not its JSON, or could not be reached. {@link #answer} is what the call came
 * back with, as every call's answer is read ({@link TelegramAnswer}); the message is one line for
 * a person and never holds the token.
 */
public final class BotApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TelegramAnswer answer;

    BotApiException(String message, TelegramAnswer answer) {
        super(message);
        this.answer = Objects.requireNonNull(answer, "answer");
    }

    /** What the call came back with: its kind, HTTP status, Telegram's code and description. */
    public TelegramAnswer answer() {
        return answer;
    }
}
