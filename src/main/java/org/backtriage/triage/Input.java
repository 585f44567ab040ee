package org.backtriage.triage;

/** What a person did: the engine's only input besides the session. */
public sealed interface Input {

    /** An answer to the question being asked: only then does it mean anything. */
    sealed interface ToQuestion extends Input {
    }

    /** Tapped "Start the questions". */
    record Begin() implements Input {
    }

    /** Tapped an option of a question (a toggle on multiple-choice questions). */
    record Pick(String questionId, String optionId) implements ToQuestion {
    }

    /** Tapped Done on a multiple-choice question. */
    record Done(String questionId) implements ToQuestion {
    }

    /** Answered a multiple-choice question by tapping these places on the body map, then Done. */
    record Mark(String questionId, java.util.Set<String> regions) implements ToQuestion {
        public Mark {
            regions = java.util.Set.copyOf(regions);
        }
    }

    /** Asked to change the previous answer. */
    record Back() implements Input {
    }

    /** Asked to begin the questions again. */
    record Restart() implements Input {
    }
}
