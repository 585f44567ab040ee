package org.backtriage.chat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.backtriage.config.Content;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.triage.Engine;

/** The real chat service over the packaged content and a real SQLite file, for tests. */
final class ChatFixture implements AutoCloseable {
    static final long CHAT = 4242L;

    final Content content = Content.packaged(ChatService.TEXT_KEYS);
    final Path database;
    final SqliteSessionStore store;
    final ChatService chat;

    ChatFixture(Path dir) {
        this(dir, Clock.systemUTC());
    }

    /** The store and the service share {@code clock}, as they share the system clock in production. */
    ChatFixture(Path dir, Clock clock) {
        this.database = dir.resolve("chat.db");
        this.store = SqliteSessionStore.open(database, clock);
        this.chat = new ChatService(new Engine(content.tree()), content.languages(), store, ChatOptions.defaults().withClock(clock));
    }

    List<Reply> command(String name) {
        return chat.handle(CHAT, OptionalLong.empty(), new Incoming.Command(name));
    }

    List<Reply> press(String data) {
        return chat.handle(CHAT, OptionalLong.empty(), new Incoming.Button(data));
    }

    List<Reply> text() {
        return chat.handle(CHAT, OptionalLong.empty(), new Incoming.Text());
    }

    /** Presses each button in turn and returns the replies to the last press. */
    List<Reply> walk(String... data) {
        List<Reply> last = new ArrayList<>();
        for (String d : data) {
            last = press(d);
        }
        return last;
    }

    String text(String key) {
        return content.messages().text(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
