package org.backtriage.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Input;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;
import org.backtriage.triage.Transition;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;

/**
 * The check-in after an ending, in one language: the next day after "a doctor today", a week
 * after the others. "How is your back now?"; then what became of the advice (did they see a
 * doctor; did a clinician agree to a massage; did the massage happen and help); then the tree's
 * red-flag screen again, walked by the engine from the start: the questions the tree names in
 * {@code recheck} are asked (in their check-in wording: "anything new since?"), the others on the
 * way (pregnancy) keep the person's own answers, and the screen ends at the first question after
 * it. A sign ends in its own tier, as the first time; otherwise advice that fits the answers, and
 * for a clinician who agreed to a massage, the massage request.
 */
final class CheckInConversation {
    private static final List<String> FEELINGS = List.of("better", "same", "worse");
    /** After "a doctor today", the check-in comes the next day (or sooner, when check-ins are set sooner). */
    static final Duration URGENT_AFTER = Duration.ofDays(1);

    private final Engine engine;
    private final Messages messages;
    private final Report report;
    private final QuestionView view;
    private final Clock clock;
    private final Duration after;
    private final DateTimeFormatter dates;
    /** The questions from which a question of the screen can still be reached: the screen is not over there. */
    private final Set<String> beforeTheScreenEnds;

    CheckInConversation(Engine engine, Messages messages, ChatOptions options) {
        this.engine = engine;
        this.messages = messages;
        this.report = new Report(engine.tree(), messages);
        // The check-in asks the tree's questions without the body map: its answers come by button.
        this.view = new QuestionView(messages);
        this.clock = options.clock();
        this.after = options.checkInAfter();
        this.dates = DateTimeFormatter.ofPattern(messages.text("date.format"), Locale.forLanguageTag(messages.language()));
        this.beforeTheScreenEnds = leadingToTheScreen(engine.tree());
    }

    /** The button under an ending that plans its check-in: tomorrow after "a doctor today", else in a week. */
    Button offer(Outcome outcome) {
        String label = outcome.urgency() == Urgency.URGENT ? "button.check_in_tomorrow" : "button.check_in";
        return new Button(messages.text(label), ButtonData.encode(new ButtonData.CheckInOffer()));
    }

    /** The check-in is due: ask how the back is now, naming the day of the check ({@code checkedOn}). */
    Answered due(CheckIn checkIn, LocalDate checkedOn) {
        return new Answered(List.of(askFeeling(checkedOn)), Optional.of(checkIn.asked()));
    }

    /**
     * A press of a check-in button by a person whose session is {@code finished} (empty when they
     * are not at an ending, e.g. they began again), who did the check on {@code checkedOn}. An
     * empty {@link Answered#checkIn} ends the check-in.
     */
    Answered press(Optional<CheckIn> checkIn, Optional<Step.Finished> finished, LocalDate checkedOn, ButtonData.Press press) {
        return switch (press) {
            case ButtonData.CheckInOffer _ -> plan(checkIn, finished);
            case ButtonData.CheckInFeeling _, ButtonData.CheckInVisit _, ButtonData.CheckInAnswer _ -> checkIn
                    .filter(current -> current.stage() != CheckIn.Stage.SCHEDULED)
                    .map(current -> answer(current, finished, checkedOn, press))
                    .orElseGet(() -> new Answered(List.of(notice("notice.stale")), checkIn));
            case ButtonData.Answer _, ButtonData.Why _, ButtonData.Continue _, ButtonData.Forget _, ButtonData.Language _,
                 ButtonData.Agreed _ -> throw new IllegalArgumentException("not a check-in button: " + press);
        };
    }

    /** A press at a check-in that has asked something: an answer to what it asks now, or a button of an earlier message. */
    private Answered answer(CheckIn current, Optional<Step.Finished> finished, LocalDate checkedOn, ButtonData.Press press) {
        Optional<String> asking = current.asking();
        return switch (press) {
            case ButtonData.CheckInFeeling(String feeling) when current.stage() == CheckIn.Stage.ASKED -> {
                CheckIn felt = current.feeling(feeling);
                yield urgencyAt(felt).isPresent() ? new Answered(List.of(inPlace(askVisit(felt))), Optional.of(felt.askingVisit()))
                        : startScreen(felt, finished);
            }
            case ButtonData.CheckInVisit(String visit) when asking.filter(CheckIn.VISIT::equals).isPresent()
                    && CheckInAdvice.visits(urgencyAt(current)).stream().anyMatch(v -> v.id().equals(visit)) ->
                    startScreen(current.visit(CheckIn.Visit.of(visit).orElseThrow()), finished);
            case ButtonData.CheckInAnswer(Input input) when asking.filter(id -> !id.equals(CheckIn.VISIT)).isPresent() ->
                    screen(current, finished, input);
            case ButtonData.CheckInOffer _, ButtonData.CheckInFeeling _, ButtonData.CheckInVisit _, ButtonData.CheckInAnswer _,
                 ButtonData.Answer _, ButtonData.Why _, ButtonData.Continue _, ButtonData.Forget _, ButtonData.Language _,
                 ButtonData.Agreed _ -> askAgain(current, finished, checkedOn);
        };
    }

    /** A button of an earlier message: say so, and ask the current question again. */
    private Answered askAgain(CheckIn current, Optional<Step.Finished> finished, LocalDate checkedOn) {
        List<Reply> replies = new ArrayList<>(List.of(notice("notice.stale")));
        if (current.stage() == CheckIn.Stage.ASKED) {
            replies.add(askFeeling(checkedOn));
            return new Answered(replies, Optional.of(current));
        }
        if (current.asking().filter(CheckIn.VISIT::equals).isPresent()) {
            replies.add(askVisit(current));
            return new Answered(replies, Optional.of(current));
        }
        Answered again = resumeScreen(current, finished);
        replies.addAll(again.replies().stream().map(CheckInConversation::asNew).toList());
        return new Answered(replies, again.checkIn(), again.agreed());
    }

    private Answered plan(Optional<CheckIn> checkIn, Optional<Step.Finished> finished) {
        if (checkIn.isPresent()) {
            return new Answered(List.of(notice("check_in.already")), checkIn);
        }
        if (finished.isEmpty() || finished.get().outcome().urgency() == Urgency.EMERGENCY) {
            return new Answered(List.of(notice("notice.stale")), checkIn);
        }
        Duration wait = finished.get().outcome().urgency() == Urgency.URGENT && URGENT_AFTER.compareTo(after) < 0
                ? URGENT_AFTER : after;
        Instant due = clock.instant().plus(wait);
        String date = dates.format(LocalDate.ofInstant(due, ZoneOffset.UTC));
        String set = messages.format("check_in.set", Map.of("date", date));
        return new Answered(List.of(new Reply.Notice(set), new Reply.Send(set, Keyboard.NONE)),
                Optional.of(CheckIn.planned(due, finished.get().outcome().id())));
    }

    /** The screen from its first question, the person's own answers kept where it does not ask again. */
    private Answered startScreen(CheckIn checkIn, Optional<Step.Finished> original) {
        return next(checkIn, original, Session.begun());
    }

    /** The screen where it stands, or from the start when that no longer fits the tree (it changed since). */
    private Answered resumeScreen(CheckIn checkIn, Optional<Step.Finished> original) {
        Session session = Session.begun(checkIn.answers(), checkIn.draft());
        if (!engine.fits(session) || !(engine.step(session) instanceof Step.Asked asked)
                || !checkIn.asking().filter(asked.question().id()::equals).isPresent()) {
            return startScreen(checkIn, original);
        }
        Reply.Send question = ask(asked);
        return new Answered(List.of(inPlace(checkIn.answers().isEmpty() ? introduced(question) : question)), Optional.of(checkIn));
    }

    /** One answer (a pick, Done or Back) to the screen's current question. */
    private Answered screen(CheckIn checkIn, Optional<Step.Finished> original, Input input) {
        Session session = Session.begun(checkIn.answers(), checkIn.draft());
        if (!engine.fits(session) || !(engine.step(session) instanceof Step.Asked)) {
            return resumeScreen(checkIn, original);
        }
        Transition transition = engine.apply(session, input);
        if (input instanceof Input.Back) {
            // Back past the answers the check-in kept for the person, to the last it asked.
            while (transition instanceof Transition.Moved(Session back, Step.Asked asked, _)
                    && keptAnswer(asked.question(), original).isPresent()) {
                transition = engine.apply(back, new Input.Back());
            }
        }
        return switch (transition) {
            case Transition.Rejected rejected -> switch (rejected.reason()) {
                case NOTHING_SELECTED -> new Answered(List.of(notice("notice.nothing_selected")), Optional.of(checkIn));
                case NOTHING_TO_UNDO -> new Answered(List.of(notice("notice.no_back")), Optional.of(checkIn));
                case STALE, NOT_STARTED -> new Answered(List.of(notice("notice.stale"),
                        asNew(resumeScreen(checkIn, original).replies().get(0))), Optional.of(checkIn));
            };
            case Transition.Toggled(Session toggled, Step.Asked step) -> new Answered(List.of(inPlace(ask(step))),
                    Optional.of(checkIn.screening(step.question().id(), toggled.answers(), toggled.draft())));
            case Transition.Moved(Session moved, _, _) -> next(checkIn, original, moved);
        };
    }

    /**
     * Moves the screen on from {@code session}: through the questions it keeps the person's own
     * answers for, to the next question it asks (after a thank-you when the screen starts there),
     * an ending a sign calls for, or the screen's end.
     */
    private Answered next(CheckIn checkIn, Optional<Step.Finished> original, Session session) {
        Session at = session;
        while (true) {
            switch (engine.step(at)) {
                case Step.Finished finished -> {
                    return signFound(checkIn, original, finished);
                }
                case Step.NotStarted _ -> throw new IllegalStateException("the screen is walked from a begun session");
                case Step.Asked asked -> {
                    Question question = asked.question();
                    if (!engine.tree().recheck().contains(question.id()) && !beforeTheScreenEnds.contains(question.id())) {
                        return closing(checkIn, original);
                    }
                    Optional<Answer> kept = keptAnswer(question, original);
                    if (kept.isEmpty()) {
                        Reply.Send ask = ask(asked);
                        return new Answered(List.of(inPlace(session.answers().isEmpty() ? introduced(ask) : ask)),
                                Optional.of(checkIn.screening(question.id(), at.answers(), at.draft())));
                    }
                    List<Answer> answers = new ArrayList<>(at.answers());
                    answers.add(kept.get());
                    at = Session.begun(answers, List.of());
                }
            }
        }
    }

    /**
     * The person's own answer to {@code question}, kept rather than asked again: only for a
     * question the screen passes through but does not ask ("are you pregnant?"), and only when
     * they gave it on their way to the ending.
     */
    private Optional<Answer> keptAnswer(Question question, Optional<Step.Finished> original) {
        if (engine.tree().recheck().contains(question.id())) {
            return Optional.empty();
        }
        return original.stream().flatMap(ending -> ending.answers().stream())
                .filter(a -> a.questionId().equals(question.id())).findFirst();
    }

    /** A sign again: the ending it calls for, as the first time, and what to do now. */
    private Answered signFound(CheckIn checkIn, Optional<Step.Finished> original, Step.Finished finished) {
        if (!finished.outcome().urgency().isRedFlag()) {
            return closing(checkIn, original); // the screen's questions ended without a sign
        }
        List<Reply> replies = new ArrayList<>();
        replies.add(new Reply.EditPressed(report.render(finished, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                Keyboard.NONE));
        // What to do now, without the self-care and commands that follow an ending reached by the questions.
        finished.outcome().after().stream().findFirst()
                .ifPresent(block -> replies.add(new Reply.Send(messages.text(block.textKey()), Keyboard.NONE)));
        return new Answered(replies, Optional.empty());
    }

    /**
     * No sign now: advice that fits how the back is and what became of the advice; when a clinician
     * agreed to the massage the {@code original} ending waited for, the start of its request.
     */
    private Answered closing(CheckIn checkIn, Optional<Step.Finished> original) {
        String advice = CheckInAdvice.closing(checkIn, urgencyAt(checkIn));
        boolean agreed = advice.equals("check_in.agreed")
                && original.filter(ending -> ending.outcome().afterAgreement().isPresent()).isPresent();
        if (advice.equals("check_in.agreed") && !agreed) {
            advice = "check_in.advised"; // they began the questions again since: no request to give
        }
        List<String> parts = agreed ? List.of(messages.text(advice))
                : List.of(messages.text(advice), messages.text("check_in.safety"), messages.text("outcome.footer_you"));
        return new Answered(List.of(new Reply.EditPressed(String.join("\n\n", parts), Keyboard.NONE)),
                Optional.empty(), agreed);
    }

    private Optional<Urgency> urgencyAt(CheckIn checkIn) {
        return checkIn.outcomeId().flatMap(id -> engine.tree().outcome(id)).map(Outcome::urgency)
                .filter(urgency -> urgency != Urgency.EMERGENCY);
    }

    private Reply.Send askFeeling(LocalDate checkedOn) {
        return new Reply.Send(messages.format("check_in.ask", Map.of("date", dates.format(checkedOn))),
                new Keyboard(List.of(FEELINGS.stream().map(feeling -> new Button(messages.text("check_in." + feeling),
                        ButtonData.encode(new ButtonData.CheckInFeeling(feeling)))).toList())));
    }

    private Reply.Send askVisit(CheckIn checkIn) {
        return new Reply.Send(messages.text(CheckInAdvice.visitQuestion(urgencyAt(checkIn))),
                new Keyboard(CheckInAdvice.visits(urgencyAt(checkIn)).stream()
                .map(visit -> List.of(new Button(messages.text("check_in.visit." + visit.id()),
                        ButtonData.encode(new ButtonData.CheckInVisit(visit.id()))))).toList()));
    }

    /** A question of the screen, in its check-in wording. */
    private Reply.Send ask(Step.Asked asked) {
        return new Reply.Send(view.checkInText(asked), view.keyboard(asked, ButtonData.CheckInAnswer::new));
    }

    /** The screen's first question, after a thank-you. */
    private Reply.Send introduced(Reply.Send question) {
        return new Reply.Send(messages.text("check_in.signs") + "\n\n" + question.html(), question.keyboard());
    }

    /** The pressed check-in message becomes the next question: one message an answer. */
    private static Reply inPlace(Reply.Send next) {
        return new Reply.EditPressed(next.html(), next.keyboard());
    }

    private static Reply asNew(Reply reply) {
        return switch (reply) {
            case Reply.EditPressed(String html, Keyboard keyboard, _) -> new Reply.Send(html, keyboard);
            case Reply.Send _, Reply.Notice _ -> reply;
        };
    }

    private Reply notice(String key) {
        return new Reply.Notice(messages.text(key));
    }

    /** Every question from which one of the screen's can still be reached (the screen's own included). */
    private static Set<String> leadingToTheScreen(Tree tree) {
        Set<String> leading = new HashSet<>(tree.recheck());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Question question : tree.questions()) {
                boolean leads = question.next().filter(leading::contains).isPresent()
                        || question.options().stream().anyMatch(o -> o.next().filter(leading::contains).isPresent());
                if (leads && leading.add(question.id())) {
                    grew = true;
                }
            }
        }
        return leading;
    }

    /**
     * The replies to a check-in press, and the check-in after it (empty: it is over); {@code agreed}
     * when the person said their clinician agreed to a massage and nothing since stands in its way.
     */
    record Answered(List<Reply> replies, Optional<CheckIn> checkIn, boolean agreed) {
        Answered {
            replies = List.copyOf(replies);
        }

        Answered(List<Reply> replies, Optional<CheckIn> checkIn) {
            this(replies, checkIn, false);
        }

        Turn.CheckInChange change() {
            return checkIn.<Turn.CheckInChange>map(Turn.CheckInChange.Set::new).orElseGet(Turn.CheckInChange.Clear::new);
        }
    }
}
