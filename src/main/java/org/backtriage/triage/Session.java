package org.backtriage.triage;

import java.util.List;

/**
 * Where one person is in the conversation: whether they began, the answers given in order (the
 * route, so Back can undo them), and the options ticked so far on a multiple-choice question.
 * Everything else (current question, progress, outcome) is derived from these by the engine.
 */
public record Session(boolean started, List<Answer> answers, List<String> draft) {

    public Session {
        answers = List.copyOf(answers);
        draft = List.copyOf(draft);
    }

    public static Session notStarted() {
        return new Session(false, List.of(), List.of());
    }

    public static Session begun() {
        return begun(List.of(), List.of());
    }

    /** Begun, with these answers given and these options of the current question ticked. */
    public static Session begun(List<Answer> answers, List<String> draft) {
        return new Session(true, answers, draft);
    }
}
