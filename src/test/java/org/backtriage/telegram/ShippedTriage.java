package org.backtriage.telegram;

import java.nio.file.Path;
import java.time.Clock;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.config.Content;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;

/** The shipped tree and messages, validated as at start-up, and a real ChatService over them. */
final class ShippedTriage {
    static final Content CONTENT = Content.packaged(ChatService.TEXT_KEYS);

    private ShippedTriage() {
    }

    static Messages messages() {
        return CONTENT.messages();
    }

    static ChatService chatService(SessionStore store) {
        return new ChatService(new Engine(CONTENT.tree()), CONTENT.languages(), store, java.time.Clock.systemUTC(),
                ChatService.RESUME_AFTER, ChatService.FOLLOW_UP_AFTER);
    }

    static SqliteSessionStore store(Path dir) {
        return SqliteSessionStore.open(dir.resolve("bot.db"), Clock.systemUTC());
    }
}
