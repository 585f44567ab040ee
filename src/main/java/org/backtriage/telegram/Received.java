package org.backtriage.telegram;

import java.util.Objects;
import java.util.Optional;
import org.backtriage.chat.Incoming;

/** What one Telegram update means to this bot. */
sealed interface Received {

    /** Nothing for the bot to do; {@code what} says why, for a debug line. */
    record Ignored(String what) implements Received {
        public Ignored {
            Objects.requireNonNull(what, "what");
        }
    }

    /** A button press that cannot be placed in a private chat: it is answered and nothing else. */
    record UnplacedPress(String queryId) implements Received {
        public UnplacedPress {
            Objects.requireNonNull(queryId, "queryId");
        }
    }

    /** An event for the conversation in private chat {@code chatId}; {@code pressed} when it is a button press. */
    record ForChat(long chatId, Incoming incoming, Optional<Pressed> pressed) implements Received {
        public ForChat {
            Objects.requireNonNull(incoming, "incoming");
            Objects.requireNonNull(pressed, "pressed");
        }
    }

    /** The callback query of a button press, and the message the button sits under. */
    record Pressed(String queryId, long chatId, int messageId) {
        public Pressed {
            Objects.requireNonNull(queryId, "queryId");
        }
    }
}
