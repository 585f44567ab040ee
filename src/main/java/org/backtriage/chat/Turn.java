package org.backtriage.chat;

import java.util.List;

/** The result of handling one incoming event: what to do with the session, and the replies. */
public sealed interface Turn {
    List<Reply> replies();

    /** Keep this session. */
    record Save(StoredSession session, List<Reply> replies) implements Turn {
        public Save {
            replies = List.copyOf(replies);
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
