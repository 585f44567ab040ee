package org.backtriage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backtriage.triage.ButtonData;
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
 * to every question asked (ticks, then Done, on a multiple-choice one), ending at an outcome.
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
     * The reply a step waits for: the new message carrying the next question (or the welcome, or
     * the ending's report), or, for a tick on a multiple-choice question, the edit that redraws
     * its buttons.
     */
    enum Reply {
        FIRST_SEND, EDIT
    }

    /** Updates a person sends on this walk. */
    int length() {
        return moves.size();
    }

    /**
     * A random complete walk ending at {@code outcome}: random paths are drawn until one ends
     * there (every outcome of the shipped tree is reached by a fair share of random paths).
     */
    static Walk to(String outcome, Engine engine, Random random) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Walk walk = random(engine, random);
            if (walk.outcome().equals(outcome)) {
                return walk;
            }
        }
        throw new IllegalStateException("no random walk reaches outcome '" + outcome + "' of tree " + engine.tree().version());
    }

    /** A random complete walk, decided by the engine the bot itself uses. */
    static Walk random(Engine engine, Random random) {
        List<Move> moves = new ArrayList<>();
        moves.add(new Move("", 0, 0, 1, Reply.FIRST_SEND));
        Session session = Session.notStarted();
        Input begin = new Input.Begin();
        Transition transition = engine.apply(session, begin);
        moves.add(pressMoving(ButtonData.encode(begin), ((Transition.Moved) transition).step()));
        session = ((Transition.Moved) transition).session();
        while (engine.step(session) instanceof Step.Asked asked) {
            Question question = asked.question();
            if (question.choice() == Choice.SINGLE) {
                Option option = question.options().get(random.nextInt(question.options().size()));
                Input pick = new Input.Pick(question.id(), option.id());
                Transition.Moved moved = (Transition.Moved) engine.apply(session, pick);
                moves.add(pressMoving(ButtonData.encode(pick), moved.step()));
                session = moved.session();
            } else {
                session = tickSome(engine, session, question, random, moves);
                Input done = new Input.Done(question.id());
                Transition.Moved moved = (Transition.Moved) engine.apply(session, done);
                moves.add(pressMoving(ButtonData.encode(done), moved.step()));
                session = moved.session();
            }
        }
        String outcome = ((Step.Finished) engine.step(session)).outcome().id();
        return new Walk(outcome, moves);
    }

    /** Ticks one to all options in random order (an exclusive one may untick others, as in the chat). */
    private static Session tickSome(Engine engine, Session session, Question question, Random random, List<Move> moves) {
        List<Option> options = new ArrayList<>(question.options());
        java.util.Collections.shuffle(options, random);
        int ticks = 1 + random.nextInt(options.size());
        for (Option option : options.subList(0, ticks)) {
            Input pick = new Input.Pick(question.id(), option.id());
            Transition.Toggled toggled = (Transition.Toggled) engine.apply(session, pick);
            moves.add(new Move(ButtonData.encode(pick), 1, 1, 0, Reply.EDIT));
            session = toggled.session();
        }
        if (session.draft().isEmpty()) {
            // Ticking "none" then another option unticks "none"; ticking "none" last may untick all
            // but itself; never empty. Guard anyway, since Done with nothing ticked is refused.
            throw new IllegalStateException("random ticks left nothing selected on '" + question.id() + "'");
        }
        return session;
    }

    /** A press that moves on: the pressed message edited, then the next question, or the ending and the message after it. */
    private static Move pressMoving(String data, Step next) {
        int sends = next instanceof Step.Finished ? 2 : 1;
        return new Move(data, 1, 1, sends, Reply.FIRST_SEND);
    }
}
