package org.backtriage.chat;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backtriage.triage.BodyMap;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Input;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Question;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;
import org.backtriage.triage.Transition;

/**
 * One turn of the conversation in one language: the engine's transitions turned into the
 * messages, buttons and edits a person sees. The check-in a week later is {@link CheckInConversation}'s.
 */
final class Dialogue {
    private final Engine engine;
    private final Messages messages;
    private final Report report;
    private final QuestionView view;
    private final EndingView ending;
    private final AfterTheEnding after;
    private final Map<String, String> languageNames;
    private final Clock clock;
    private final Duration resumeAfter;
    private final Telemetry telemetry;

    /**
     * {@code offersCheckIn}: whether endings offer the check-in a week later; only where the bot
     * can reach the person then (Telegram, not a terminal session).
     */
    Dialogue(Engine engine, Messages messages, Map<String, String> languageNames, Clock clock, Duration resumeAfter,
             Duration checkInAfter, boolean offersCheckIn, Telemetry telemetry) {
        this(engine, messages, languageNames, clock, resumeAfter, checkInAfter, offersCheckIn, telemetry, Optional.empty());
    }

    /** As above; {@code mapUrl}: where the body map is served, for its button (none when empty). */
    Dialogue(Engine engine, Messages messages, Map<String, String> languageNames, Clock clock, Duration resumeAfter,
             Duration checkInAfter, boolean offersCheckIn, Telemetry telemetry, Optional<String> mapUrl) {
        this.engine = engine;
        this.messages = messages;
        this.report = new Report(engine.tree(), messages);
        this.view = new QuestionView(messages, engine.tree().bodyMap().map(BodyMap::questionId), mapUrl);
        CheckInConversation checkIn = new CheckInConversation(engine, messages, report, view, clock, checkInAfter);
        this.ending = new EndingView(engine.tree(), messages, report,
                offersCheckIn ? Optional.of(checkIn::offer) : Optional.empty());
        this.after = new AfterTheEnding(engine, messages, ending, checkIn, clock);
        this.languageNames = languageNames;
        this.clock = clock;
        this.resumeAfter = resumeAfter;
        this.telemetry = telemetry;
    }

    String text(String key) {
        return messages.text(key);
    }

    /** What follows this dialogue's endings: sharing, a clinician's agreement, the check-in. */
    AfterTheEnding after() {
        return after;
    }

    /** The check-in is due: ask how the back is now. */
    Turn checkInDue(Optional<StoredSession> saved) {
        return stamped(saved, after.checkInDue(saved));
    }

    /** One turn. */
    Turn turn(Optional<StoredSession> saved, Incoming incoming) {
        return stamped(saved, decide(saved, incoming));
    }

    /**
     * Places marked on the body map, as the answer to its question: the next step headed by what
     * was marked, {@code inPlace} in the message the map was opened from (as a press edits its
     * message), else as a new message; empty when the conversation is not on that question.
     */
    Optional<Turn> marked(Optional<StoredSession> saved, java.util.Set<String> regions, boolean inPlace) {
        Optional<Session> session = saved.map(StoredSession::session).filter(engine::fits);
        if (session.isEmpty() || !(engine.step(session.get()) instanceof Step.Asked asked)) {
            return Optional.empty();
        }
        Transition transition = engine.apply(session.get(), new Input.Mark(asked.question().id(), regions));
        if (!(transition instanceof Transition.Moved moved) || moved.answered().isEmpty()) {
            return Optional.empty();
        }
        Transition.Answered answered = moved.answered().get();
        String marked = messages.format("map.marked", Map.of("answer",
                view.labels(answered.question(), answered.answer().optionIds())));
        List<Reply> replies = new ArrayList<>();
        if (moved.step() instanceof Step.Asked next) {
            replies.add(shown(inPlace, marked + "\n\n" + view.text(next), view.keyboard(next)));
        } else {
            replies.add(shown(inPlace, marked, Keyboard.NONE));
            replies.addAll(arrive(moved.step()));
        }
        return Optional.of(stamped(saved, keep(moved.session(), replies)));
    }

    private static Reply shown(boolean inPlace, String html, Keyboard keyboard) {
        return inPlace ? new Reply.EditPressed(html, keyboard, false) : new Reply.Send(html, keyboard);
    }

    /**
     * The turn, its session stamped with when it reached its ending: kept from {@code saved} while
     * the session stays at that ending, now when it has just got there; and with when a clinician
     * agreed to the massage: set by the turn, else kept while the session stays at that ending.
     * Every turn that saves goes through here, so the dates on a shared final message are always
     * the days it was made and agreed.
     */
    private Turn stamped(Optional<StoredSession> saved, Turn turn) {
        if (!(turn instanceof Turn.Save save)) {
            return turn;
        }
        Session session = save.session().session();
        Optional<StoredSession> same = saved.filter(old -> old.session().equals(session));
        boolean atTheEnd = finished(session).isPresent();
        Optional<Instant> finishedAt = !atTheEnd ? Optional.empty()
                : same.flatMap(StoredSession::finishedAt).or(() -> Optional.of(clock.instant()));
        Optional<Instant> agreedAt = !atTheEnd ? Optional.empty()
                : save.session().agreedAt().or(() -> same.flatMap(StoredSession::agreedAt));
        return new Turn.Save(save.session().finishedAt(finishedAt).agreedAt(agreedAt), save.replies(), save.checkIn());
    }

    private Optional<Step.Finished> finished(Session session) {
        return AfterTheEnding.finished(engine, session);
    }

    private static LocalDate dateOf(Instant instant) {
        return AfterTheEnding.dateOf(instant);
    }

    private Turn decide(Optional<StoredSession> saved, Incoming incoming) {
        if (incoming instanceof Incoming.NotPrivate) {
            return new Turn.Stateless(List.of(send("private_only")));
        }
        if (incoming instanceof Incoming.Command command && command.name().equals("forget")) {
            return keep(saved.map(StoredSession::session).orElse(Session.notStarted()), List.of(view.forgetQuestion()));
        }
        Optional<ButtonData.Press> press = incoming instanceof Incoming.Button button ? ButtonData.decode(button.data())
                : Optional.empty();
        Optional<Turn> afterTheEnd = press.flatMap(p -> after.press(saved, p));
        if (afterTheEnd.isPresent()) {
            return afterTheEnd.get();
        }
        if (press.filter(new ButtonData.Forget(true)::equals).isPresent()) {
            return new Turn.Forget(List.of(new Reply.EditPressed(messages.text("forget.done"), Keyboard.NONE, false)));
        }
        Optional<Session> fitting = saved.map(StoredSession::session).filter(engine::fits);
        if (saved.isPresent() && fitting.isEmpty()) {
            // Saved under a tree whose questions have since changed: never guess, start again.
            Session fresh = Session.begun();
            List<Reply> replies = new ArrayList<>();
            if (incoming instanceof Incoming.Button) {
                replies.add(new Reply.Notice(messages.text("notice.stale")));
            }
            replies.add(send("tree_changed"));
            replies.addAll(arrive(engine.step(fresh)));
            return keep(fresh, replies);
        }
        Session session = fitting.orElse(Session.notStarted());
        if (restedTooLong(saved, session, incoming)) {
            return keep(session, List.of(view.welcomeBack()));
        }
        if (incoming instanceof Incoming.Command command) {
            return command(session, command.name());
        }
        if (incoming instanceof Incoming.Button) {
            return button(session, press);
        }
        List<Reply> replies = new ArrayList<>();
        Step step = engine.step(session);
        if (step instanceof Step.Asked) {
            replies.add(send("reprompt"));
        }
        replies.addAll(remind(step));
        return keep(session, replies);
    }

    private Turn command(Session session, String name) {
        List<Reply> replies = new ArrayList<>();
        switch (name) {
            case "start": {
                Step step = engine.step(session);
                if (step instanceof Step.Asked) {
                    replies.add(send("resume"));
                    replies.addAll(arrive(step));
                    return keep(session, replies);
                }
                return keep(Session.notStarted(), arrive(new Step.NotStarted()));
            }
            case "restart":
                return moved(session, new Input.Restart(), replies);
            case "back": {
                Transition t = engine.apply(session, new Input.Back());
                if (t instanceof Transition.Rejected rejected) {
                    replies.add(send("notice.no_back"));
                    replies.addAll(remind(rejected.current()));
                    return keep(session, replies);
                }
                return moved(session, new Input.Back(), replies);
            }
            case "language":
                replies.add(view.languageQuestion(languageNames));
                return keep(session, replies);
            case "help":
                replies.add(send("help"));
                replies.addAll(remindIfAsked(engine.step(session)));
                return keep(session, replies);
            default:
                replies.add(send("unknown_command"));
                replies.addAll(remindIfAsked(engine.step(session)));
                return keep(session, replies);
        }
    }

    private Turn moved(Session session, Input input, List<Reply> replies) {
        Transition.Moved moved = (Transition.Moved) engine.apply(session, input);
        replies.addAll(arrive(moved.step()));
        return keep(moved.session(), replies);
    }

    /**
     * A person coming back to a conversation left for over {@link #resumeAfter}, other than by a
     * button of the current question or an explicit command, is asked to continue or start again.
     */
    private boolean restedTooLong(Optional<StoredSession> saved, Session session, Incoming incoming) {
        boolean explicit = incoming instanceof Incoming.Button
                || incoming instanceof Incoming.Command command && !command.name().equals("start");
        return !explicit
                && saved.isPresent()
                && engine.step(session) instanceof Step.Asked
                && saved.get().updatedAt().plus(resumeAfter).isBefore(clock.instant());
    }

    /** The person chose this dialogue's language: say so, and show where they are, in it. */
    Turn languageChosen(Optional<StoredSession> saved) {
        Session session = saved.map(StoredSession::session).filter(engine::fits).orElse(Session.notStarted());
        List<Reply> replies = new ArrayList<>(List.of(new Reply.EditPressed(messages.text("language.set"), Keyboard.NONE, false)));
        replies.addAll(remind(engine.step(session)));
        return stamped(saved, keep(session, replies));
    }

    /** A press of a button of the questions: Why, Continue, "No, keep", or an answer; anything else is stale. */
    private Turn button(Session session, Optional<ButtonData.Press> press) {
        if (press.isPresent() && press.get() instanceof ButtonData.Why why) {
            Optional<String> reason = engine.tree().question(why.questionId()).flatMap(Question::whyKey);
            return keep(session, reason.<List<Reply>>map(key -> List.of(new Reply.Notice(messages.text(key), true)))
                    .orElseGet(() -> List.of(new Reply.Notice(messages.text("notice.stale")))));
        }
        if (press.filter(ButtonData.Continue.class::isInstance).isPresent()) {
            return keep(session, inPlace(engine.step(session)));
        }
        if (press.filter(new ButtonData.Forget(false)::equals).isPresent()) {
            List<Reply> replies = new ArrayList<>(List.of(new Reply.EditPressed(messages.text("forget.kept"), Keyboard.NONE, false)));
            replies.addAll(remindIfAsked(engine.step(session)));
            return keep(session, replies);
        }
        Optional<Input> input = press.filter(ButtonData.Answer.class::isInstance).map(p -> ((ButtonData.Answer) p).input());
        if (input.isEmpty()) {
            List<Reply> replies = new ArrayList<>(List.of(new Reply.Notice(messages.text("notice.stale"))));
            replies.addAll(remind(engine.step(session)));
            return keep(session, replies);
        }
        Transition transition = engine.apply(session, input.get());
        List<Reply> replies = new ArrayList<>();
        if (transition instanceof Transition.Toggled toggled) {
            replies.add(new Reply.EditPressed(view.text(toggled.step()), view.keyboard(toggled.step()), false));
            return keep(toggled.session(), replies);
        }
        if (transition instanceof Transition.Rejected rejected) {
            return keep(session, rejected(rejected));
        }
        Transition.Moved moved = (Transition.Moved) transition;
        return keep(moved.session(), inPlace(moved.step()));
    }

    private List<Reply> rejected(Transition.Rejected rejected) {
        switch (rejected.reason()) {
            case NOTHING_SELECTED:
                return List.of(new Reply.Notice(messages.text("notice.nothing_selected")));
            case NOTHING_TO_UNDO:
                return List.of(new Reply.Notice(messages.text("notice.no_back")));
            case NOT_STARTED: {
                List<Reply> replies = new ArrayList<>(List.of(new Reply.Notice(messages.text("notice.not_started"))));
                replies.addAll(remind(rejected.current()));
                return replies;
            }
            default: {
                List<Reply> replies = new ArrayList<>(List.of(new Reply.Notice(messages.text("notice.stale"))));
                replies.addAll(remind(rejected.current()));
                return replies;
            }
        }
    }

    /**
     * What to show on arriving at a step from a press: the pressed message becomes the next
     * question, or the final message (then the short message after it is the one new message).
     * So one answer costs one Telegram message, and the chat stays short.
     */
    private List<Reply> inPlace(Step step) {
        if (step instanceof Step.Finished finished) {
            telemetry.conversationEnded(finished.outcome().id());
            return ending.showInPlace(finished, dateOf(clock.instant()));
        }
        if (step instanceof Step.Asked asked) {
            return List.of(new Reply.EditPressed(view.text(asked), view.keyboard(asked), false));
        }
        return remind(step);
    }

    /** What to show on arriving at a step without a press (a command): the next question, or the ending. */
    private List<Reply> arrive(Step step) {
        if (step instanceof Step.Finished finished) {
            telemetry.conversationEnded(finished.outcome().id());
            return ending.show(finished, dateOf(clock.instant()));
        }
        return remind(step);
    }

    private List<Reply> remind(Step step) {
        return List.of(view.remind(step));
    }

    private List<Reply> remindIfAsked(Step step) {
        return step instanceof Step.Asked ? remind(step) : List.of();
    }

    private Reply send(String key) {
        return new Reply.Send(messages.text(key), Keyboard.NONE);
    }

    private Turn keep(Session session, List<Reply> replies) {
        return new Turn.Save(stored(session), replies);
    }

    private StoredSession stored(Session session) {
        return new StoredSession(engine.tree().version(), session, Instant.EPOCH, Optional.of(messages.language()));
    }
}
