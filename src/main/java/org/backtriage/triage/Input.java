package org.backtriage.triage;

/** What a person did: the engine's only input besides the session. */
public sealed interface Input {

    /** Tapped "Start the questions". */
    record Begin() implements Input {
    }

    /** Tapped an option of a question (a toggle on multiple-choice questions). */
    record Pick(String questionId, String optionId) implements Input {
    }

    /** Tapped Done on a multiple-choice question. */
    record Done(String questionId) implements Input {
    }

    /** Asked to change the previous answer. */
    record Back() implements Input {
    }

    /** Asked to begin the questions again. */
    record Restart() implements Input {
    }
}
