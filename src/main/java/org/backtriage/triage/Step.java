package org.backtriage.triage;

import java.util.List;

/** Where a session stands: before the first question, at a question, or at an ending. */
public sealed interface Step {

    /** The person has not tapped "Start the questions" yet. */
    record NotStarted() implements Step {
    }

    /** A question to show, with the options ticked so far (multiple choice) and progress. */
    record Asked(Question question, Progress progress, List<String> selection, boolean canGoBack) implements Step {
        public Asked {
            selection = List.copyOf(selection);
        }
    }

    /**
     * An ending, with the answers that led to it, the reasons (message keys) of the rules that
     * chose it, and the signs: the chosen options those rules matched on.
     */
    record Finished(Outcome outcome, List<Answer> answers, List<String> reasonKeys, List<Answer> signs) implements Step {
        public Finished {
            answers = List.copyOf(answers);
            reasonKeys = List.copyOf(reasonKeys);
            signs = List.copyOf(signs);
        }

        /** An ending with no signs listed. */
        public Finished(Outcome outcome, List<Answer> answers, List<String> reasonKeys) {
            this(outcome, answers, reasonKeys, List.of());
        }
    }
}
