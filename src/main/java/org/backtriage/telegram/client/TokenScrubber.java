package org.backtriage.telegram.client;

import java.util.Objects;
import org.backtriage.logging.Redaction;

/**
 * Removes the bot token from text and exceptions before they are logged or thrown: the token
 * is part of every Bot API URL, so any message that quotes a URL could leak it. It masks the
 * token it was given, whatever its shape, and whatever {@link Redaction} masks in log lines
 * (anything token-shaped, any {@code /bot.../} segment), so both paths hide the same things.
 */
public final class TokenScrubber {
    static final String MASK = "<token>";
    private static final int MAX_CAUSES = 20;

    private final String token;

    public TokenScrubber(String token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        return Redaction.redact(token.isEmpty() ? text : text.replace(token, MASK), MASK);
    }

    /**
     * {@code failure} itself when no message in its chain holds a token; otherwise a copy of it
     * and its causes (without suppressed exceptions), each with its class name and scrubbed message as the message, and with the
     * original stack traces, so it can be logged in full.
     */
    public Throwable scrub(Throwable failure) {
        return leaks(failure) ? scrub(failure, 0) : failure;
    }

    private boolean leaks(Throwable failure) {
        Throwable link = failure;
        for (int depth = 0; link != null && depth <= MAX_CAUSES; depth++, link = link.getCause()) {
            if (holdsToken(link)) {
                return true;
            }
            for (Throwable suppressed : link.getSuppressed()) {
                if (holdsToken(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean holdsToken(Throwable failure) {
        String message = failure.getMessage();
        return message != null && !scrub(message).equals(message);
    }

    private Throwable scrub(Throwable failure, int depth) {
        Throwable original = failure.getCause();
        // The depth limit guards against cause cycles, which Throwable does not forbid.
        Throwable cause = original == null || depth >= MAX_CAUSES ? null : scrub(original, depth + 1);
        Scrubbed copy = new Scrubbed(failure.getClass().getName() + ": " + scrub(failure.getMessage()), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** One link of a scrubbed exception chain. */
    static final class Scrubbed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Scrubbed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            // The message already starts with the original class name.
            return getMessage();
        }
    }
}
