package org.backtriage.telegram.intake;

import java.util.Objects;
import java.util.Optional;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Press;

/** What one Telegram update means to this bot. */
sealed interface Received {

    /** Nothing for the bot to do; {@code what} says why, for a debug line. */
    record Ignored(String what) implements Received {
        public Ignored {
            Objects.requireNonNull(what, "what");
        }
    }

    /**
     * A button press that cannot be placed in the presser's private chat (a group, an inline
     * message, a message from another chat): it is answered and nothing else. {@code presser} is
     * the person's user id, which is also their private chat's id.
     */
    record UnplacedPress(String queryId, long presser) implements Received {
        public UnplacedPress {
            Objects.requireNonNull(queryId, "queryId");
        }
    }

    /**
     * An event for the conversation in chat {@code chatId}: a private chat, or a group for
     * {@link Incoming.NotPrivate}; {@code press} when it is a button press.
     */
    record ForChat(long chatId, Incoming incoming, Optional<Press> press, Optional<String> language) implements Received {
        public ForChat {
            Objects.requireNonNull(incoming, "incoming");
            Objects.requireNonNull(press, "press");
            Objects.requireNonNull(language, "language");
        }

        ForChat(long chatId, Incoming incoming, Optional<Press> press) {
            this(chatId, incoming, press, Optional.empty());
        }
    }

    /**
     * Someone typed the bot's name in a chat to share with it (inline mode): answered with
     * {@code person}'s own final message only; {@code language} is their app's.
     */
    record Inline(String queryId, long person, Optional<String> language) implements Received {
        public Inline {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(language, "language");
        }
    }
}
