package org.backtriage.telegram;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.config.Content;
import org.backtriage.fakebotapi.Call;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;

/** The shipped tree and messages, validated as at start-up, and a real ChatService over them. */
final class ShippedTriage {
    static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);
    /** Questions on the longest route: the total of "Step n of 12". */
    static final int QUESTIONS = 12;
    /** The first question's options in button order: each emergency sign, then "No, none of these". */
    static final List<String> EMERGENCY_OPTIONS = List.of("both_legs", "saddle", "bladder_bowel", "sex", "chest", "accident", "none");

    private ShippedTriage() {
    }

    static Messages messages() {
        return CONTENT.messages();
    }

    /** The progress line above question {@code step}, as sent: "<i>Step 2 of 12</i>". */
    static String progress(int step) {
        return messages().format("progress", Map.of("step", Integer.toString(step), "total", Integer.toString(QUESTIONS)));
    }

    /** The first question's buttons as {@link Call#buttons} lists them: one per sign, "none", then Why?. */
    static List<String> firstQuestionButtons() {
        List<String> buttons = new ArrayList<>();
        EMERGENCY_OPTIONS.forEach(id -> buttons.add(messages().text("q.emergency." + id) + "=p:emergency:" + id));
        buttons.add(messages().text("button.why") + "=w:emergency");
        return buttons;
    }

    static ChatService chatService(SessionStore store) {
        return new ChatService(new Engine(CONTENT.tree()), CONTENT.languages(), store, java.time.Clock.systemUTC(),
                ChatService.RESUME_AFTER, ChatService.CHECK_IN_AFTER);
    }

    static SqliteSessionStore store(Path dir) {
        return SqliteSessionStore.open(dir.resolve("bot.db"), Clock.systemUTC());
    }
}
