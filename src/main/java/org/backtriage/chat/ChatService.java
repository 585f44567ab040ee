package org.backtriage.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.backtriage.triage.BodyMap;
import org.backtriage.triage.ContentRules;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;
import org.backtriage.triage.TreeFault;

/**
 * One conversation turn for any adapter: commands, button presses and stray input in, replies
 * out, with the session loaded and saved around it in one store transaction.
 */
public final class ChatService {
    /** When the check-in a person asks for at the end comes. */
    public static final Duration CHECK_IN_AFTER = Duration.ofDays(7);
    /** How long a conversation may rest before a person is asked "continue or start again?". */
    public static final Duration RESUME_AFTER = Duration.ofHours(24);

    /** The commands a person can send, in menu order. */
    public static final List<String> COMMANDS = List.of("start", "restart", "back", "language", "help", "forget");

    /** Every message key the chat layer uses besides those named by the tree; checked at start-up. */
    public static final List<String> TEXT_KEYS = ContentChecks.TEXT_KEYS;

    public static final ContentRules CONTENT_RULES = new ContentRules(TEXT_KEYS, (tree, messages) -> {
        List<TreeFault> faults = new java.util.ArrayList<>(ContentChecks.faults(tree, messages));
        faults.addAll(ContentChecks.buttonFaults(tree));
        return faults;
    });

    private final Engine engine;
    private final SessionStore store;
    private final Clock clock;
    private final Telemetry telemetry;
    /** What the dialogues report to: endings are counted only once their turn is committed. */
    private final EndingsOnCommit endings;
    /** One dialogue per language, the default first. */
    private final Map<String, Dialogue> dialogues = new LinkedHashMap<>();
    private final Map<String, Messages> languages = new LinkedHashMap<>();

    /** {@code languages}: the messages of every language, the default first. */
    public ChatService(Engine engine, List<Messages> languages, SessionStore store, ChatOptions options) {
        this.engine = engine;
        this.store = store;
        this.clock = options.clock();
        this.telemetry = options.telemetry();
        this.endings = new EndingsOnCommit(telemetry);
        languages.forEach(m -> this.languages.put(m.language(), m));
        Map<String, String> names = new LinkedHashMap<>();
        languages.forEach(m -> names.put(m.language(), m.text("language.name")));
        ChatOptions reportingOnCommit = options.withTelemetry(endings);
        languages.forEach(m -> dialogues.put(m.language(),
                new Dialogue(engine, m, java.util.Collections.unmodifiableMap(names), reportingOnCommit)));
    }

    /** What became of places marked on the body map. */
    public enum Marked {
        /** Taken as the answer: the next question is queued. */
        TAKEN,
        /** The conversation is not on the question the map answers (any more): nothing changed. */
        STALE,
        /** This very post was taken before (its key was seen): nothing changed. */
        SEEN_BEFORE
    }

    /** What became of places marked on the body map, and the replies queued (none unless taken). */
    public record MapAnswer(Marked marked, List<Outgoing> queued) {
        public MapAnswer {
            java.util.Objects.requireNonNull(marked, "marked");
            queued = List.copyOf(queued);
        }
    }

    /** The regions of the tree's body map (empty when it has none): all a post may name. */
    public List<String> bodyMapRegions() {
        return engine.tree().bodyMap().map(BodyMap::regions).orElse(List.of());
    }

    /**
     * Person {@code chatId} marked {@code regions} on the body map and sent them: taken as the
     * answer to the question it answers, in one store transaction with the replies queued, as a
     * button press would be, exactly once per {@code key} (the post's own, e.g. from its signed
     * data; a negative number, apart from every messenger update id). {@code message}, the
     * message the map was opened from when the page knows it, is edited into the next question,
     * as a press edits the message it was under (no press to answer); without it the next
     * question comes as a new message. A conversation elsewhere (or none) changes nothing and is
     * told apart, as is a key seen before.
     */
    public MapAnswer handleMarked(long chatId, long key, Set<String> regions, Optional<String> languageHint,
                                  OptionalLong message) {
        if (key >= 0) {
            throw new IllegalArgumentException("a body map post's key must be negative, apart from update ids: " + key);
        }
        if (store.peek(chatId).filter(saved -> onTheMapQuestion(saved.session())).isEmpty()) {
            // Checked first, outside a transaction: a page left open after /forget must not bring a session back.
            return new MapAnswer(Marked.STALE, List.of());
        }
        long started = System.nanoTime();
        List<String> reached = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stale = new java.util.concurrent.atomic.AtomicBoolean();
        Optional<Press> edited = message.isPresent() ? Optional.of(Press.ofMessage(message.getAsLong())) : Optional.empty();
        Optional<List<Outgoing>> queued = store.runQueued(chatId, key, edited, saved -> held(reached, () -> {
            Optional<Turn> turn = dialogues.get(languageOf(saved, languageHint)).marked(saved, regions, edited.isPresent());
            stale.set(turn.isEmpty());
            // Moved on between the look and the transaction: kept as it is, nothing said.
            return turn.orElseGet(() -> saved.<Turn>map(s -> new Turn.Save(s, List.of()))
                    .orElseGet(() -> new Turn.Stateless(List.of())));
        }));
        endings.count(reached);
        telemetry.updateHandled(Duration.ofNanos(System.nanoTime() - started));
        if (queued.isEmpty()) {
            return new MapAnswer(Marked.SEEN_BEFORE, List.of());
        }
        return new MapAnswer(stale.get() ? Marked.STALE : Marked.TAKEN, queued.get());
    }

    private boolean onTheMapQuestion(Session session) {
        return engine.fits(session) && engine.step(session) instanceof Step.Asked asked
                && engine.tree().bodyMap().filter(map -> map.questionId().equals(asked.question().id())).isPresent();
    }

    /**
     * Handles one event from chat {@code chatId}. {@code updateId}, when the adapter has one,
     * makes a re-delivered event a no-op (empty replies).
     */
    public List<Reply> handle(long chatId, OptionalLong updateId, Incoming incoming) {
        return handle(chatId, updateId, incoming, Optional.empty());
    }

    /** Like {@link #handle(long, OptionalLong, Incoming)}, in {@code languageHint} until the person chooses one. */
    public List<Reply> handle(long chatId, OptionalLong updateId, Incoming incoming, Optional<String> languageHint) {
        return store.run(chatId, updateId, saved -> turn(saved, incoming, languageHint)).orElse(List.of());
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
        long started = System.nanoTime();
        List<String> reached = new ArrayList<>();
        List<Outgoing> queued = store.runQueued(chatId, updateId, press,
                saved -> held(reached, () -> turn(saved, incoming, languageHint))).orElse(List.of());
        endings.count(reached);
        telemetry.updateHandled(Duration.ofNanos(System.nanoTime() - started));
        return queued;
    }

    /**
     * Handles a batch of events (one poll's worth) in one store transaction, each as
     * {@link #handleQueued(long, long, Optional, Incoming, Optional)} would; events of one chat
     * keep their order.
     */
    public List<Handled> handleBatch(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<Event, List<String>> reached = new IdentityHashMap<>();
        List<Handled> handled = store.runQueuedBatch(events, (event, saved) -> held(
                reached.computeIfAbsent(event, e -> new ArrayList<>()), () -> turn(saved, event.incoming(), event.language())));
        // The batch committed: what its standing turns reached is counted, once; a turn rolled
        // back alone, or a batch that failed (and is handled again update by update), counts nothing.
        for (Handled result : handled) {
            if (result.failure().isEmpty()) {
                endings.count(reached.getOrDefault(result.event(), List.of()));
            }
            telemetry.updateHandled(result.took());
        }
        return handled;
    }

    /** Sends every check-in that has come due: queues "how is your back now?" for each; returns what was queued. */
    public List<Outgoing> releaseDueCheckIns() {
        return store.runDueCheckIns(clock.instant(), saved -> dialogues.get(languageOf(saved, Optional.empty())).checkInDue(saved));
    }

    /**
     * The final message of person {@code userId}'s finished check, for them to share with their
     * therapist (in Telegram a private chat's id is the person's id); empty if they have none.
     * Nothing is changed or recorded.
     */
    public Optional<Shared> shareable(long userId, Optional<String> languageHint) {
        return store.peek(userId).flatMap(saved -> {
            Dialogue dialogue = dialogues.get(languageOf(Optional.of(saved), languageHint));
            return dialogue.after().finalReport(Optional.of(saved)).map(html -> new Shared(
                    dialogue.text("share.title"), dialogue.text("share.description"), html));
        });
    }

    /**
     * What the "nothing to share yet" answer says to person {@code userId}, in their language:
     * finish the check first, or, at an ending that asks to see a clinician first, show it to one.
     */
    public String nothingToShare(long userId, Optional<String> languageHint) {
        Optional<StoredSession> saved = store.peek(userId);
        Dialogue dialogue = dialogues.get(languageOf(saved, languageHint));
        return dialogue.text(dialogue.after().awaitsAgreement(saved) ? "share.not_agreed" : "share.none");
    }

    /** A final message offered for sharing: a title and description for the picker, and the message itself. */
    public record Shared(String title, String description, String html) {
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
        if (incoming instanceof Incoming.Button(String data)
                && ButtonData.decode(data).orElse(null) instanceof ButtonData.Language(String code) && dialogues.containsKey(code)) {
            return dialogues.get(code).languageChosen(saved);
        }
        return dialogues.get(languageOf(saved, languageHint)).turn(saved, incoming);
    }

    /** Runs {@code turn} with the endings it reaches held back into {@code reached}. */
    private Turn held(List<String> reached, java.util.function.Supplier<Turn> turn) {
        endings.hold();
        try {
            return turn.get();
        } finally {
            // A turn run again (a retried transaction) replaces what it reached the first time.
            reached.clear();
            reached.addAll(endings.release());
        }
    }

    /** The person's chosen language; else their app's, when we speak it; else the default. */
    private String languageOf(Optional<StoredSession> saved, Optional<String> hint) {
        return saved.flatMap(StoredSession::language).filter(dialogues::containsKey)
                .or(() -> hint.map(code -> code.toLowerCase(Locale.ROOT).split("[-_]")[0]).filter(dialogues::containsKey))
                .orElse(messages().language());
    }
}
