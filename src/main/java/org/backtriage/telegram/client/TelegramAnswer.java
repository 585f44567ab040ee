package org.backtriage.telegram.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Telegram answered one Bot API call, or why there was no answer: sorted into a {@link Kind}
 * by {@link AnswerReader}, with what the answer said beside it. What to do about it is the
 * sending's to decide, in one switch (its {@code Next.after}).
 *
 * @param kind what the answer means
 * @param status the HTTP status, 0 when no answer came (or the call was never sent)
 * @param errorCode Telegram's {@code error_code}, 0 when it gave none
 * @param description Telegram's {@code description}, a proxy page's first line, or why no answer
 *     came; scrubbed of the token, empty when the call was taken
 * @param retryAfter {@code parameters.retry_after} of a 429 (1 s when Telegram gave none)
 * @param migrateToChatId {@code parameters.migrate_to_chat_id}: the group became a supergroup with this id
 */
public record TelegramAnswer(Kind kind, int status, int errorCode, String description, Optional<Duration> retryAfter,
                      OptionalLong migrateToChatId) {

    /** What an answer means, sorted by what the sender does next. */
    public enum Kind {
        /** Taken. */
        OK,
        /** Refused in a way that means it is done already: an edit that changes nothing, a press answered late. */
        ALREADY_DONE,
        /** 429: Telegram asks the bot to wait {@code retryAfter} before sending again. */
        THROTTLED,
        /** 403: the person blocked the bot, or the bot was removed from the group. */
        BLOCKED,
        /** The group became a supergroup: the message goes to {@code migrateToChatId} instead. */
        MIGRATED,
        /** An edit of a message that can no longer be edited (after 48 hours) or is gone. */
        EDIT_IMPOSSIBLE,
        /** Refused for good (another 4xx, or the call was invalid and never sent): sending it again cannot help. */
        REFUSED,
        /**
         * Worth trying again: a 5xx, a page that is not the Bot API's, a timeout, a dropped connection;
         * also 401 and 404, which mean the token or URL is wrong for every call alike.
         */
        TRY_AGAIN
    }

    public static final TelegramAnswer OK = new TelegramAnswer(Kind.OK, 200, 0, "", Optional.empty(), OptionalLong.empty());

    public TelegramAnswer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(migrateToChatId, "migrateToChatId");
        if (kind == Kind.THROTTLED && retryAfter.isEmpty()) {
            throw new IllegalArgumentException("a 429 needs its retry_after: " + description);
        }
        if (kind == Kind.MIGRATED && migrateToChatId.isEmpty()) {
            throw new IllegalArgumentException("a migrated chat needs its new id: " + description);
        }
    }

    /** Telegram's error answer of {@code kind}, with nothing in its {@code parameters}. */
    public static TelegramAnswer error(Kind kind, int status, int errorCode, String description) {
        return new TelegramAnswer(kind, status, errorCode, description, Optional.empty(), OptionalLong.empty());
    }

    /** No answer at all: a timeout, a refused or dropped connection, a call never sent. */
    public static TelegramAnswer none(Kind kind, String why) {
        return error(kind, 0, 0, why);
    }

    /** A 429 asking to wait {@code retryAfter}. */
    public static TelegramAnswer throttled(int status, String description, Duration retryAfter) {
        return new TelegramAnswer(Kind.THROTTLED, status, 429, description, Optional.of(retryAfter), OptionalLong.empty());
    }

    /** The group became supergroup {@code newChatId}. */
    public static TelegramAnswer migrated(int status, int errorCode, String description, long newChatId) {
        return new TelegramAnswer(Kind.MIGRATED, status, errorCode, description, Optional.empty(),
                OptionalLong.of(newChatId));
    }

    /** Whether the call did what it was for (taken, or done already). */
    public boolean done() {
        return kind == Kind.OK || kind == Kind.ALREADY_DONE;
    }

    /** Telegram's {@code error_code}, else the HTTP status, else 0 (no answer): how the operator's metrics count it. */
    int code() {
        return errorCode != 0 ? errorCode : status;
    }

    /** One line for a log: never the token, never what a person wrote. */
    public String describe() {
        return switch (kind) {
            case OK -> "accepted";
            case ALREADY_DONE -> "done: " + description;
            case THROTTLED -> "error 429: retry after " + retryAfter.orElseThrow().toSeconds() + " s";
            default -> code() == 0 ? description : "error " + code() + ": " + description;
        };
    }
}
