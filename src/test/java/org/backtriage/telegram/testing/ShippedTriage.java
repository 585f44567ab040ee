package org.backtriage.telegram.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.cluster.Leases;
import org.backtriage.config.Content;
import org.backtriage.fakebotapi.Call;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.Wiring;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;

/** The shipped tree and messages, validated as at start-up, and a real ChatService over them. */
public final class ShippedTriage {
    public static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);
    /** Questions on the longest route from the first one: the total of its "Step 1 of 19". */
    public static final int QUESTIONS = 19;
    /** The first question's answers in button order: one or more of the emergency signs, not sure, none of them. */
    public static final List<String> EMERGENCY_OPTIONS = List.of("yes", "not_sure", "none");
    /** To the QL ending: no red flag, no reason for a clinician first, sharp pain set off by lifting; other tests walk it too. */
    public static final List<String> QL_WALK = List.of("p:emergency:none", "p:pregnancy:no", "p:urgent_symptoms:none",
            "p:urgent_history:none", "p:lasting:none", "p:where:low_back_left", "d:where", "p:feeling:sharp", "d:feeling",
            "p:duration:under_6w", "p:course:better", "p:severity:moderate", "p:impact:neither", "p:age:20_50",
            "p:activities:lifting", "d:activities", "p:cautions:none");

    private ShippedTriage() {
    }

    public static Messages messages() {
        return CONTENT.messages();
    }

    /**
     * The progress line above question {@code step}, as sent: "<i>Step 2 of 19</i>"; {@code total}
     * counts the questions on the longest route from that one, so it drops as answers rule some out.
     */
    public static String progress(int step, int total) {
        return messages().format("progress", Map.of("step", Integer.toString(step), "total", Integer.toString(total)));
    }

    /** The first question's buttons as {@link Call#buttons} lists them: yes, not sure, none, then Why?. */
    public static List<String> firstQuestionButtons() {
        List<String> buttons = new ArrayList<>();
        EMERGENCY_OPTIONS.forEach(id -> buttons.add(messages().text("answer." + id) + "=p:emergency:" + id));
        buttons.add(messages().text("button.why") + "=w:emergency");
        return buttons;
    }

    public static ChatService chatService(SessionStore store) {
        return new ChatService(new Engine(CONTENT.tree()), CONTENT.languages(), store, ChatOptions.defaults());
    }

    /** The bot's wiring over {@code store} as BotRunner makes it: a chat service with {@code options}, the store's outbox, {@code leases}. */
    public static Wiring wiring(SessionStore store, Leases leases, ChatOptions options) {
        ChatService chat = new ChatService(new Engine(CONTENT.tree()), CONTENT.languages(), store, options);
        return new Wiring(chat, store, leases, options.telemetry(), options.clock());
    }

    public static SqliteSessionStore store(Path dir) {
        return SqliteSessionStore.open(dir.resolve("bot.db"), Clock.systemUTC());
    }
}
