package org.backtriage.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;

/**
 * What follows an ending, in one language: its message shared into another chat (only once a
 * clinician agreed, for an ending that asks to see one first), the person saying a clinician
 * agreed to the massage (which then gives the massage request), and the check-in. Each turn it
 * makes is stamped by its {@link Dialogue}.
 */
final class AfterTheEnding {
    private final Engine engine;
    private final Messages messages;
    private final CheckInConversation checkIn;
    private final EndingView ending;
    private final Clock clock;

    /** Endings offer the check-in only where {@code options} say the bot can reach the person later. */
    AfterTheEnding(Engine engine, Messages messages, ChatOptions options) {
        this.engine = engine;
        this.messages = messages;
        this.checkIn = new CheckInConversation(engine, messages, options);
        this.ending = new EndingView(engine.tree(), messages, new Report(engine.tree(), messages),
                options.offersCheckIns() ? Optional.of(checkIn::offer) : Optional.empty());
        this.clock = options.clock();
    }

    /** How endings are shown, with the buttons of what follows them. */
    EndingView ending() {
        return ending;
    }

    /**
     * The final message of a finished session, dated when it was reached, to share into another
     * chat; empty before the end, and at an ending that asks to see a clinician first until the
     * person says one agreed to the massage (then it is the massage request).
     */
    Optional<String> finalReport(Optional<StoredSession> saved) {
        return saved.flatMap(s -> finished(engine, s.session())
                .flatMap(step -> ending.shareable(step, madeOn(s), s.agreedAt().map(AfterTheEnding::dateOf))));
    }

    /** Whether the person's ending waits for a clinician's agreement before it can be shared. */
    boolean awaitsAgreement(Optional<StoredSession> saved) {
        return saved.filter(s -> s.agreedAt().isEmpty()).flatMap(s -> finished(engine, s.session()))
                .filter(step -> step.outcome().afterAgreement().isPresent()).isPresent();
    }

    /** The check-in is due: ask how the back is now. */
    Turn checkInDue(Optional<StoredSession> saved) {
        Session session = saved.map(StoredSession::session).orElse(Session.notStarted());
        CheckInConversation.Answered asked = checkIn.due(saved.flatMap(StoredSession::checkIn).orElseThrow(), checkedOn(saved));
        return new Turn.Save(stored(session), asked.replies(), asked.change());
    }

    /** The turn for a press of a check-in button or of "my clinician agreed"; empty for any other press. */
    Optional<Turn> press(Optional<StoredSession> saved, ButtonData.Press press) {
        return switch (press) {
            case ButtonData.CheckInOffer _, ButtonData.CheckInFeeling _, ButtonData.CheckInVisit _, ButtonData.CheckInAnswer _ ->
                    Optional.of(checkInPressed(saved, press));
            case ButtonData.Agreed _ -> saved.flatMap(s -> finished(engine, s.session()))
                    .filter(step -> step.outcome().afterAgreement().isPresent())
                    .map(step -> agreed(saved, step, List.of(new Reply.Notice(messages.text("agreed.notice"))),
                            new Turn.CheckInChange.Keep()));
            case ButtonData.Answer _, ButtonData.Why _, ButtonData.Continue _, ButtonData.Forget _, ButtonData.Language _ ->
                    Optional.empty();
        };
    }

    private Turn checkInPressed(Optional<StoredSession> saved, ButtonData.Press press) {
        Session session = saved.map(StoredSession::session).filter(engine::fits).orElse(Session.notStarted());
        Optional<Step.Finished> finished = finished(engine, session);
        CheckInConversation.Answered answered = checkIn.press(saved.flatMap(StoredSession::checkIn), finished,
                checkedOn(saved), press);
        if (answered.agreed()) {
            return agreed(saved, finished.orElseThrow(), answered.replies(), answered.change());
        }
        return new Turn.Save(stored(session), answered.replies(), answered.change());
    }

    /**
     * The person said a clinician agreed to the massage their ending asked them to check first:
     * noted (the first day they said so is the one the request carries), and the massage request
     * follows {@code replies}, with the button to share it.
     */
    private Turn agreed(Optional<StoredSession> saved, Step.Finished finished, List<Reply> replies,
                        Turn.CheckInChange change) {
        Instant agreedAt = saved.flatMap(StoredSession::agreedAt).orElse(clock.instant());
        List<Reply> all = new ArrayList<>(replies);
        all.addAll(ending.agreed(finished, madeOn(saved.orElseThrow()), dateOf(agreedAt)));
        return new Turn.Save(stored(saved.orElseThrow().session()).agreedAt(Optional.of(agreedAt)), all, change);
    }

    private LocalDate madeOn(StoredSession saved) {
        return dateOf(saved.finishedAt().orElse(clock.instant()));
    }

    /** The day the person did the check a check-in asks about: the day they reached their ending. */
    private LocalDate checkedOn(Optional<StoredSession> saved) {
        return dateOf(saved.flatMap(StoredSession::finishedAt).orElse(clock.instant()));
    }

    private StoredSession stored(Session session) {
        return new StoredSession(engine.tree().version(), session, Instant.EPOCH, Optional.of(messages.language()));
    }

    /** The ending {@code session} is at, if it fits the tree and is at one. */
    static Optional<Step.Finished> finished(Engine engine, Session session) {
        if (!engine.fits(session)) {
            return Optional.empty();
        }
        return switch (engine.step(session)) {
            case Step.Finished finished -> Optional.of(finished);
            case Step.Asked _, Step.NotStarted _ -> Optional.empty();
        };
    }

    static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
