package org.backtriage.bench;

import java.util.ArrayList;
import java.util.List;
import org.backtriage.triage.Answer;
import org.backtriage.chat.ButtonData;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Input;
import org.backtriage.triage.Option;
import org.backtriage.triage.Question;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;
import org.backtriage.triage.Transition;

/**
 * One person's complete path through the tree: {@code /start}, "Start the questions", an answer
 * to every question asked (ticks, then Done, on a multiple-choice one, or its exclusive option
 * alone), ending at an outcome.
 * Each step knows the replies the bot owes for it, so the benchmark can tell a lost or a
 * duplicated reply from the expected ones.
 */
record Walk(String outcome, List<Move> moves) {
    Walk {
        moves = List.copyOf(moves);
    }

    /**
     * What a person sends at one step and what the bot owes for it.
     *
     * @param data the callback data pressed; empty for the {@code /start} message
     * @param answers answerCallbackQuery calls owed (1 for a press)
     * @param edits editMessageText calls owed (the pressed message rewritten)
     * @param sends sendMessage calls owed
     * @param reply which of them is "the reply": what the person needs to see before the next step
     */
    record Move(String data, int answers, int edits, int sends, Reply reply) {
        boolean isStart() {
            return data.isEmpty();
        }

        int owed() {
            return answers + edits + sends;
        }
    }

    /**
     * The reply a step waits for: the welcome, a new message; for a press, the edit that rewrites
     * the pressed message into the next question, the final message, or the redrawn ticks.
     */
    enum Reply {
        FIRST_SEND, EDIT
    }

    /** Updates a person sends on this walk. */
    int length() {
        return moves.size();
    }

    /**
     * The walk that gives {@code answers}, as the engine the bot uses decides it: on a single-choice
     * question a press of the option; on a multiple-choice one a tick of each option (in the order
     * given) then Done, or a press of an exclusive option alone ("No, none of these"), which
     * answers at once.
     *
     * @throws IllegalArgumentException if {@code answers} are not a complete route of the tree
     */
    static Walk of(Engine engine, List<Answer> answers) {
        List<Move> moves = new ArrayList<>();
        moves.add(new Move("", 0, 0, 1, Reply.FIRST_SEND));
        Input begin = new Input.Begin();
        Transition.Moved begun = (Transition.Moved) engine.apply(Session.notStarted(), begin);
        moves.add(pressMoving(ButtonData.encode(new ButtonData.Answer(begin)), begun.step()));
        Session session = begun.session();
        for (Answer answer : answers) {
            if (!(engine.step(session) instanceof Step.Asked asked) || !asked.question().id().equals(answer.questionId())) {
                throw new IllegalArgumentException("the route " + answers + " does not fit the tree at " + answer);
            }
            Question question = asked.question();
            boolean atOnce = question.choice() == Choice.SINGLE
                    || answer.optionIds().size() == 1 && question.option(answer.optionIds().get(0)).map(Option::exclusive).orElse(false);
            for (String optionId : answer.optionIds()) {
                Input pick = new Input.Pick(question.id(), optionId);
                Transition transition = engine.apply(session, pick);
                if (atOnce && transition instanceof Transition.Moved moved) {
                    session = moved.session();
                    moves.add(pressMoving(ButtonData.encode(new ButtonData.Answer(pick)), moved.step()));
                } else if (!atOnce && transition instanceof Transition.Toggled toggled) {
                    session = toggled.session();
                    moves.add(new Move(ButtonData.encode(new ButtonData.Answer(pick)), 1, 1, 0, Reply.EDIT));
                } else {
                    throw new IllegalArgumentException("the route " + answers + " does not fit the tree at " + answer
                            + ": " + transition);
                }
            }
            if (!atOnce) {
                Input done = new Input.Done(question.id());
                Transition.Moved moved = (Transition.Moved) engine.apply(session, done);
                session = moved.session();
                moves.add(pressMoving(ButtonData.encode(new ButtonData.Answer(done)), moved.step()));
            }
        }
        if (!(engine.step(session) instanceof Step.Finished finished)) {
            throw new IllegalArgumentException("the route " + answers + " stops before an ending");
        }
        return new Walk(finished.outcome().id(), moves);
    }

    /**
     * A press that moves on: the pressed message rewritten into the next question, or into the
     * final message with the short message after it as the one new message.
     */
    private static Move pressMoving(String data, Step next) {
        int sends = next instanceof Step.Finished ? 1 : 0;
        return new Move(data, 1, 1, sends, Reply.EDIT);
    }
}
