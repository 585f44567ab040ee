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
    private final QuestionView view;
    private final EndingView ending;
    private final AfterTheEnding after;
    private final Map<String, String> languageNames;
    private final Clock clock;
    private final Duration resumeAfter;
    private final Telemetry telemetry;

    Dialogue(Engine engine, Messages messages, Map<String, String> languageNames, ChatOptions options) {
        this.engine = engine;
        this.messages = messages;
        this.view = new QuestionView(messages, engine.tree().bodyMap().map(BodyMap::questionId), options.mapUrl());
        this.after = new AfterTheEnding(engine, messages, options);
        this.ending = after.ending();
        this.languageNames = languageNames;
        this.clock = options.clock();
        this.resumeAfter = options.resumeAfter();
        this.telemetry = options.telemetry();
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
        return switch (engine.apply(session.get(), new Input.Mark(asked.question().id(), regions))) {
            case Transition.Moved(Session next, Step step, Optional<Transition.Answered> answered) when answered.isPresent() ->
                    Optional.of(stamped(saved, keep(next, marked(answered.get(), step, inPlace))));
            case Transition.Moved _, Transition.Toggled _, Transition.Rejected _ -> Optional.empty();
        };
    }

    /** What was marked, then the next question, or the ending. */
    private List<Reply> marked(Transition.Answered answered, Step step, boolean inPlace) {
        String marked = messages.format("map.marked", Map.of("answer",
                view.labels(answered.question(), answered.answer().optionIds())));
        return switch (step) {
            case Step.Asked next -> List.of(shown(inPlace, marked + "\n\n" + view.text(next), view.keyboard(next)));
            case Step.Finished _, Step.NotStarted _ -> {
                List<Reply> replies = new ArrayList<>(List.of(shown(inPlace, marked, Keyboard.NONE)));
                replies.addAll(arrive(step));
                yield replies;
            }
        };
    }

    private static Reply shown(boolean inPlace, String html, Keyboard keyboard) {
        return inPlace ? new Reply.EditPressed(html, keyboard) : new Reply.Send(html, keyboard);
    }

    /**
     * The turn, its session stamped with when it reached its ending: kept from {@code saved} while
     * the session stays at that ending, now when it has just got there; and with when a clinician
     * agreed to the massage: set by the turn, else kept while the session stays at that ending.
     * Every turn that saves goes through here, so the dates on a shared final message are always
     * the days it was made and agreed.
     */
    private Turn stamped(Optional<StoredSession> saved, Turn turn) {
        return switch (turn) {
            case Turn.Save save -> stamped(saved, save);
            case Turn.Stateless _, Turn.Forget _ -> turn;
        };
    }

    private Turn stamped(Optional<StoredSession> saved, Turn.Save save) {
        Session session = save.session().session();
        Optional<StoredSession> same = saved.filter(old -> old.session().equals(session));
        boolean atTheEnd = AfterTheEnding.finished(engine, session).isPresent();
        Optional<Instant> finishedAt = !atTheEnd ? Optional.empty()
                : same.flatMap(StoredSession::finishedAt).or(() -> Optional.of(clock.instant()));
        Optional<Instant> agreedAt = !atTheEnd ? Optional.empty()
                : save.session().agreedAt().or(() -> same.flatMap(StoredSession::agreedAt));
        return new Turn.Save(save.session().finishedAt(finishedAt).agreedAt(agreedAt), save.replies(), save.checkIn());
    }

    private static LocalDate dateOf(Instant instant) {
        return AfterTheEnding.dateOf(instant);
    }

    private Turn decide(Optional<StoredSession> saved, Incoming incoming) {
        return switch (incoming) {
            case Incoming.NotPrivate _ -> new Turn.Stateless(List.of(send("private_only")));
            case Incoming.Command(String name) when name.equals("forget") ->
                    keep(saved.map(StoredSession::session).orElse(Session.notStarted()), List.of(view.forgetQuestion()));
            case Incoming.Button(String data) -> pressed(saved, incoming, ButtonData.decode(data));
            case Incoming.Command _, Incoming.Text _, Incoming.Unsupported _ -> inConversation(saved, incoming, Optional.empty());
        };
    }

    /** A press of what follows an ending, of "Yes, delete everything", or else of the conversation's buttons. */
    private Turn pressed(Optional<StoredSession> saved, Incoming incoming, Optional<ButtonData.Press> press) {
        Optional<Turn> afterTheEnd = press.flatMap(p -> after.press(saved, p));
        if (afterTheEnd.isPresent()) {
            return afterTheEnd.get();
        }
        if (press.filter(ButtonData.Forget.YES::equals).isPresent()) {
            return new Turn.Forget(List.of(new Reply.EditPressed(messages.text("forget.done"), Keyboard.NONE)));
        }
        return inConversation(saved, incoming, press);
    }

    private Turn inConversation(Optional<StoredSession> saved, Incoming incoming, Optional<ButtonData.Press> press) {
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
        return switch (incoming) {
            case Incoming.Command(String name) -> command(session, name);
            case Incoming.Button _ -> press.map(p -> button(session, p)).orElseGet(() -> stale(session));
            // A group's command never comes this far.
            case Incoming.Text _, Incoming.Unsupported _, Incoming.NotPrivate _ -> {
                List<Reply> replies = new ArrayList<>();
                Step step = engine.step(session);
                if (step instanceof Step.Asked) {
                    replies.add(send("reprompt"));
                }
                replies.addAll(remind(step));
                yield keep(session, replies);
            }
        };
    }

    private Turn command(Session session, String name) {
        return switch (name) {
            case "start" -> switch (engine.step(session)) {
                case Step.Asked asked -> keep(session, List.of(send("resume"), view.remind(asked)));
                case Step.NotStarted _, Step.Finished _ -> keep(Session.notStarted(), arrive(new Step.NotStarted()));
            };
            case "restart" -> moved((Transition.Moved) engine.apply(session, new Input.Restart()));
            case "back" -> switch (engine.apply(session, new Input.Back())) {
                case Transition.Moved moved -> moved(moved);
                case Transition.Rejected rejected -> keep(session, said("notice.no_back", remind(rejected.current())));
                case Transition.Toggled _ -> throw new IllegalStateException("Back never ticks an option");
            };
            case "language" -> keep(session, List.of(view.languageQuestion(languageNames)));
            case "help" -> keep(session, said("help", remindIfAsked(engine.step(session))));
            default -> keep(session, said("unknown_command", remindIfAsked(engine.step(session))));
        };
    }

    private Turn moved(Transition.Moved moved) {
        return keep(moved.session(), arrive(moved.step()));
    }

    private List<Reply> said(String key, List<Reply> then) {
        List<Reply> replies = new ArrayList<>(List.of(send(key)));
        replies.addAll(then);
        return replies;
    }

    /**
     * A person coming back to a conversation left for over {@link #resumeAfter}, other than by a
     * button of the current question or an explicit command, is asked to continue or start again.
     */
    private boolean restedTooLong(Optional<StoredSession> saved, Session session, Incoming incoming) {
        boolean explicit = switch (incoming) {
            case Incoming.Button _ -> true;
            case Incoming.Command(String name) -> !name.equals("start");
            case Incoming.Text _, Incoming.Unsupported _, Incoming.NotPrivate _ -> false;
        };
        return !explicit
                && saved.isPresent()
                && engine.step(session) instanceof Step.Asked
                && saved.get().updatedAt().plus(resumeAfter).isBefore(clock.instant());
    }

    /** The person chose this dialogue's language: say so, and show where they are, in it. */
    Turn languageChosen(Optional<StoredSession> saved) {
        Session session = saved.map(StoredSession::session).filter(engine::fits).orElse(Session.notStarted());
        List<Reply> replies = new ArrayList<>(List.of(new Reply.EditPressed(messages.text("language.set"), Keyboard.NONE)));
        replies.addAll(remind(engine.step(session)));
        return stamped(saved, keep(session, replies));
    }

    /** A press of a button of the questions: Why, Continue, "No, keep", or an answer; anything else is stale. */
    private Turn button(Session session, ButtonData.Press press) {
        return switch (press) {
            case ButtonData.Why(String questionId) -> keep(session, engine.tree().question(questionId).flatMap(Question::whyKey)
                    .<List<Reply>>map(key -> List.of(Reply.Notice.popUp(messages.text(key))))
                    .orElseGet(() -> List.of(new Reply.Notice(messages.text("notice.stale")))));
            case ButtonData.Continue _ -> keep(session, inPlace(engine.step(session)));
            case ButtonData.Forget(boolean yes) when !yes -> {
                List<Reply> replies = new ArrayList<>(List.of(new Reply.EditPressed(messages.text("forget.kept"), Keyboard.NONE)));
                replies.addAll(remindIfAsked(engine.step(session)));
                yield keep(session, replies);
            }
            case ButtonData.Answer(Input input) -> switch (engine.apply(session, input)) {
                case Transition.Toggled(Session toggled, Step.Asked step) ->
                        keep(toggled, List.of(new Reply.EditPressed(view.text(step), view.keyboard(step))));
                case Transition.Rejected rejected -> keep(session, rejected(rejected));
                case Transition.Moved(Session moved, Step step, _) -> keep(moved, inPlace(step));
            };
            case ButtonData.Forget _, ButtonData.Language _, ButtonData.Agreed _, ButtonData.CheckInOffer _,
                 ButtonData.CheckInFeeling _, ButtonData.CheckInVisit _, ButtonData.CheckInAnswer _ -> stale(session);
        };
    }

    private Turn stale(Session session) {
        List<Reply> replies = new ArrayList<>(List.of(new Reply.Notice(messages.text("notice.stale"))));
        replies.addAll(remind(engine.step(session)));
        return keep(session, replies);
    }

    private List<Reply> rejected(Transition.Rejected rejected) {
        return switch (rejected.reason()) {
            case NOTHING_SELECTED -> List.of(new Reply.Notice(messages.text("notice.nothing_selected")));
            case NOTHING_TO_UNDO -> List.of(new Reply.Notice(messages.text("notice.no_back")));
            case NOT_STARTED -> noticeAndRemind("notice.not_started", rejected.current());
            case STALE -> noticeAndRemind("notice.stale", rejected.current());
        };
    }

    private List<Reply> noticeAndRemind(String key, Step current) {
        List<Reply> replies = new ArrayList<>(List.of(new Reply.Notice(messages.text(key))));
        replies.addAll(remind(current));
        return replies;
    }

    /**
     * What to show on arriving at a step from a press: the pressed message becomes the next
     * question, or the final message (then the short message after it is the one new message).
     * So one answer costs one Telegram message, and the chat stays short.
     */
    private List<Reply> inPlace(Step step) {
        return switch (step) {
            case Step.Finished finished -> ending.showInPlace(ended(finished), dateOf(clock.instant()));
            case Step.Asked asked -> List.of(new Reply.EditPressed(view.text(asked), view.keyboard(asked)));
            case Step.NotStarted _ -> remind(step);
        };
    }

    /** What to show on arriving at a step without a press (a command): the next question, or the ending. */
    private List<Reply> arrive(Step step) {
        return switch (step) {
            case Step.Finished finished -> ending.show(ended(finished), dateOf(clock.instant()));
            case Step.Asked _, Step.NotStarted _ -> remind(step);
        };
    }

    private Step.Finished ended(Step.Finished finished) {
        telemetry.conversationEnded(finished.outcome().id());
        return finished;
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
