package org.backtriage.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;

/**
 * One conversation turn for any adapter: commands, button presses and stray input in, replies
 * out, with the session loaded and saved around it in one store transaction.
 */
public final class ChatService {
    static final String FORGET_YES = "f:yes";
    static final String FORGET_NO = "f:no";
    static final String CONTINUE = "c";
    static final String WHY_PREFIX = "w:";
    static final String LANGUAGE_PREFIX = "l:";
    /** How long a conversation may rest before a person is asked "continue or start again?". */
    public static final Duration RESUME_AFTER = Duration.ofHours(24);

    /** The commands a person can send, in menu order. */
    public static final List<String> COMMANDS = List.of("start", "restart", "back", "language", "help", "forget");

    /** Every message key this class uses besides those named by the tree; checked at start-up. */
    public static final List<String> TEXT_KEYS = List.of(
            "welcome", "button.begin", "button.back", "button.done", "toggle.on", "toggle.off", "progress",
            "answered", "reprompt", "notice.stale", "notice.nothing_selected", "notice.no_back",
            "notice.not_started", "resume", "finished.already", "after.request", "after.care", "unknown_command",
            "help", "forget.confirm", "forget.yes", "forget.no", "forget.done", "forget.kept", "tree_changed",
            "outcome.answers_heading", "outcome.answer_line", "outcome.reason_line", "outcome.footer",
            "command.start", "command.restart", "command.back", "command.help", "command.forget",
            "welcome_back", "button.continue", "button.restart", "private_only", "button.why",
            "command.language", "language.name", "language.choose", "language.set");

    private final Engine engine;
    private final SessionStore store;
    private final Clock clock;
    /** One dialogue per language, the default first. */
    private final Map<String, Dialogue> dialogues = new LinkedHashMap<>();
    private final Map<String, Messages> languages = new LinkedHashMap<>();

    public ChatService(Engine engine, Messages messages, SessionStore store) {
        this(engine, List.of(messages), store, Clock.systemUTC(), RESUME_AFTER);
    }

    /**
     * {@code languages}: the messages of every language, the default first; {@code resumeAfter}:
     * how long a conversation may rest before the person is asked to continue or start again.
     */
    public ChatService(Engine engine, List<Messages> languages, SessionStore store, Clock clock, Duration resumeAfter) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        languages.forEach(m -> this.languages.put(m.language(), m));
        Map<String, String> names = new LinkedHashMap<>();
        languages.forEach(m -> names.put(m.language(), m.text("language.name")));
        languages.forEach(m -> dialogues.put(m.language(), new Dialogue(engine, m, java.util.Collections.unmodifiableMap(names), clock, resumeAfter)));
    }

    /**
     * Handles one event from chat {@code chatId}. {@code updateId}, when the adapter has one,
     * makes a re-delivered event a no-op (empty replies).
     */
    public List<Reply> handle(long chatId, OptionalLong updateId, Incoming incoming) {
        return store.run(chatId, updateId, saved -> turn(saved, incoming, Optional.empty())).orElse(List.of());
    }

    /**
     * Handles one event like {@link #handle}, but queues the replies in the outbox in the same
     * transaction; returns them, or nothing for a re-delivered update. {@code press} is the button
     * press being answered, if any.
     */
    public List<Outgoing> handleQueued(long chatId, long updateId, Optional<Press> press, Incoming incoming) {
        return handleQueued(chatId, updateId, press, incoming, Optional.empty());
    }

    /**
     * Like {@link #handleQueued(long, long, Optional, Incoming)}; {@code languageHint} is the
     * person's app language (e.g. "es-ES"), used until they choose one with /language.
     */
    public List<Outgoing> handleQueued(long chatId, long updateId, Optional<Press> press, Incoming incoming,
                                       Optional<String> languageHint) {
        return store.runQueued(chatId, updateId, press, saved -> turn(saved, incoming, languageHint)).orElse(List.of());
    }

    /** Replies waiting for delivery. */
    public Outbox outbox() {
        return store;
    }

    /** Deletes the sessions of people who have not written since {@code idleFor}, and all rows about them. */
    public int purgeIdle(Duration idleFor) {
        return store.purgeIdleSince(clock.instant().minus(idleFor));
    }

    /** The bot's command menu in the default language: command name to its one-line description. */
    public Map<String, String> menu() {
        return menu(messages().language());
    }

    /** The command menu in {@code language} (one of {@link #languages()}). */
    public Map<String, String> menu(String language) {
        Messages messages = languages.get(language);
        Map<String, String> menu = new LinkedHashMap<>();
        COMMANDS.forEach(name -> menu.put(name, messages.text("command." + name)));
        return menu;
    }

    /** The language codes this bot speaks, the default first. */
    public List<String> languages() {
        return List.copyOf(languages.keySet());
    }

    /** The messages of the default language. */
    public Messages messages() {
        return languages.values().iterator().next();
    }

    private Turn turn(Optional<StoredSession> saved, Incoming incoming, Optional<String> languageHint) {
        if (incoming instanceof Incoming.Button button && button.data().startsWith(LANGUAGE_PREFIX)
                && dialogues.containsKey(button.data().substring(LANGUAGE_PREFIX.length()))) {
            return dialogues.get(button.data().substring(LANGUAGE_PREFIX.length())).languageChosen(saved);
        }
        return dialogues.get(languageOf(saved, languageHint)).turn(saved, incoming);
    }

    /** The person's chosen language; else their app's, when we speak it; else the default. */
    private String languageOf(Optional<StoredSession> saved, Optional<String> hint) {
        return saved.flatMap(StoredSession::language).filter(dialogues::containsKey)
                .or(() -> hint.map(code -> code.toLowerCase(Locale.ROOT).split("[-_]")[0]).filter(dialogues::containsKey))
                .orElse(messages().language());
    }
}
