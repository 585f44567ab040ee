package org.backtriage.chat;

import java.util.List;

/** The result of handling one incoming event: what to do with the session, and the replies. */
public sealed interface Turn {
    List<Reply> replies();

    /** Keep this session; {@code checkIn} says what becomes of the person's check-in. */
    record Save(StoredSession session, List<Reply> replies, CheckInChange checkIn) implements Turn {
        public Save {
            replies = List.copyOf(replies);
            java.util.Objects.requireNonNull(checkIn, "checkIn");
        }

        /** Keep this session; the check-in, if any, stays as it is. */
        public Save(StoredSession session, List<Reply> replies) {
            this(session, replies, new CheckInChange.Keep());
        }
    }

    /** What a turn does to the person's check-in. */
    sealed interface CheckInChange {
        /** Leave it as it is. */
        record Keep() implements CheckInChange {
        }

        /** Plan it, or move it to its next stage. */
        record Set(CheckIn checkIn) implements CheckInChange {
        }

        /** It is over (or cancelled). */
        record Clear() implements CheckInChange {
        }
    }

    /** Keep nothing about this chat (a group, where the bot does not converse). */
    record Stateless(List<Reply> replies) implements Turn {
        public Stateless {
            replies = List.copyOf(replies);
        }
    }

    /** Delete everything held about this chat. */
    record Forget(List<Reply> replies) implements Turn {
        public Forget {
            replies = List.copyOf(replies);
        }
    }
}
