package org.backtriage.chat;

import java.time.Duration;

/**
 * What the bot tells an operator about its own work (metrics and health). Implementations are
 * fast, thread-safe and never throw; {@link #NONE} records nothing.
 */
public interface Telemetry {

    /** One incoming update was handled (state saved, replies queued) in {@code took}. */
    void updateHandled(Duration took);

    /** The messenger accepted one reply; {@code method} is the call, e.g. "sendMessage". */
    void replySent(String method);

    /** A call to the messenger failed with {@code code} (its HTTP status, or 0 when it never got an answer). */
    void deliveryFailed(String method, int code);

    /**
     * A reply was given up unsent: {@code reason} "refused" (the messenger refused it for good),
     * "too_old" (queued longer ago than it can still matter) or "blocked" (the person blocked the bot).
     */
    void replyGivenUp(String reason);

    /** A conversation reached the outcome {@code outcomeId}. */
    void conversationEnded(String outcomeId);

    /** A poll for updates succeeded (true) or failed (false). */
    void polled(boolean ok);

    /**
     * The store just said another instance holds the poller's lease: this one stands by to take
     * over, as it should, and its health does not hang on polls of its own.
     */
    default void standingByToPoll() {
    }

    /**
     * A request to one of the bot's public surfaces ({@code surface}: "webhook", "bodymap") was
     * refused for {@code reason}, e.g. "secret" (no or a wrong webhook secret), "bad_hash" (a forged
     * body map post), "too_large".
     */
    default void refused(String surface, String reason) {
    }

    Telemetry NONE = new Telemetry() {
        @Override
        public void updateHandled(Duration took) {
        }

        @Override
        public void replySent(String method) {
        }

        @Override
        public void deliveryFailed(String method, int code) {
        }

        @Override
        public void replyGivenUp(String reason) {
        }

        @Override
        public void conversationEnded(String outcomeId) {
        }

        @Override
        public void polled(boolean ok) {
        }
    };
}
