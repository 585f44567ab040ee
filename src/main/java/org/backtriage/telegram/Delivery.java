package org.backtriage.telegram;

import java.time.Duration;
import java.util.Objects;

/** How Telegram answered one Bot API call, sorted by what the sender does next. */
sealed interface Delivery {
    Accepted ACCEPTED = new Accepted("");

    /** One line for a log: never the token, never what a person wrote. */
    String describe();

    /**
     * Telegram took it, or refused it in a way that means it is already done: an edit that
     * changes nothing (a button tapped twice), a press answered too late or twice.
     */
    record Accepted(String note) implements Delivery {
        public Accepted {
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String describe() {
            return note.isEmpty() ? "accepted" : "done: " + note;
        }
    }

    /** Refused for good (a 4xx other than those named here, an invalid call): sending it again cannot help. */
    record Refused(int code, String description) implements Delivery {
        public Refused {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String describe() {
            return "error " + code + ": " + description;
        }
    }

    /** 403: the person blocked the bot, or the bot was removed from the group. */
    record Blocked(String description) implements Delivery {
        public Blocked {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String describe() {
            return "error 403: " + description;
        }
    }

    /** 429: Telegram asks to wait {@code retryAfter} before sending again. */
    record Throttled(Duration retryAfter) implements Delivery {
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        @Override
        public String describe() {
            return "error 429: retry after " + retryAfter.toSeconds() + " s";
        }
    }

    /**
     * Worth trying again later: a 5xx, an answer that is not JSON, a timeout, a dropped
     * connection; also 401 and 404, which mean the token or URL is wrong for every call alike.
     */
    record Failed(String why) implements Delivery {
        public Failed {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String describe() {
            return why;
        }
    }
}
