package org.backtriage.triage;

import java.util.Optional;

/** The engine's answer to one input. */
public sealed interface Transition {

    /** The session moved on (or back); {@code answered} is set when a question was just answered. */
    record Moved(Session session, Step step, Optional<Answered> answered) implements Transition {
    }

    /** An option of a multiple-choice question was ticked or unticked; the question stays. */
    record Toggled(Session session, Step.Asked step) implements Transition {
    }

    /** The input does not apply now; the session is unchanged and {@code current} is where it stands. */
    record Rejected(Rejection reason, Step current) implements Transition {
    }

    /** A question and the answer just given to it. */
    record Answered(Question question, Answer answer) {
    }

    /** Why an input was turned down. */
    enum Rejection {
        /** A button of a question that is not the current one, or of an option that does not exist. */
        STALE,
        /** Done on a multiple-choice question with nothing ticked. */
        NOTHING_SELECTED,
        /** Back on the first question. */
        NOTHING_TO_UNDO,
        /** An answer before the person began. */
        NOT_STARTED
    }
}
