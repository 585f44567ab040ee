package org.backtriage.bench;

import java.util.ArrayList;
import java.util.List;
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
     * Every complete walk of the tree, as the engine the bot uses decides it: each option of a
     * single-choice question, each allowed selection of a multiple-choice one (ticked in option
     * order, then Done). The shipped tree has a few thousand; {@code limit} guards a tree that
     * grew too big to enumerate.
     */
    static List<Walk> all(Engine engine, int limit) {
        List<Walk> walks = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        moves.add(new Move("", 0, 0, 1, Reply.FIRST_SEND));
        Input begin = new Input.Begin();
        Transition.Moved begun = (Transition.Moved) engine.apply(Session.notStarted(), begin);
        moves.add(pressMoving(ButtonData.encode(begin), begun.step()));
        from(engine, begun.session(), moves, walks, limit);
        return walks;
    }

    private static void from(Engine engine, Session session, List<Move> moves, List<Walk> walks, int limit) {
        Step step = engine.step(session);
        if (step instanceof Step.Finished finished) {
            if (walks.size() == limit) {
                throw new IllegalStateException("the tree has over " + limit + " complete paths; too many to enumerate");
            }
            walks.add(new Walk(finished.outcome().id(), moves));
            return;
        }
        Question question = ((Step.Asked) step).question();
        if (question.choice() == Choice.SINGLE) {
            for (Option option : question.options()) {
                Input pick = new Input.Pick(question.id(), option.id());
                Transition.Moved moved = (Transition.Moved) engine.apply(session, pick);
                from(engine, moved.session(), plus(moves, pressMoving(ButtonData.encode(pick), moved.step())), walks, limit);
            }
            return;
        }
        for (List<Option> selection : selections(question.options())) {
            Session ticked = session;
            List<Move> withTicks = new ArrayList<>(moves);
            for (Option option : selection) {
                Input pick = new Input.Pick(question.id(), option.id());
                ticked = ((Transition.Toggled) engine.apply(ticked, pick)).session();
                withTicks.add(new Move(ButtonData.encode(pick), 1, 1, 0, Reply.EDIT));
            }
            Input done = new Input.Done(question.id());
            Transition.Moved moved = (Transition.Moved) engine.apply(ticked, done);
            withTicks.add(pressMoving(ButtonData.encode(done), moved.step()));
            from(engine, moved.session(), withTicks, walks, limit);
        }
    }

    /** Every non-empty selection a person can end up with: an exclusive option alone, or any mix of the others. */
    private static List<List<Option>> selections(List<Option> options) {
        List<List<Option>> selections = new ArrayList<>();
        options.stream().filter(Option::exclusive).forEach(option -> selections.add(List.of(option)));
        List<Option> mixable = options.stream().filter(option -> !option.exclusive()).toList();
        for (int mask = 1; mask < 1 << mixable.size(); mask++) {
            List<Option> selection = new ArrayList<>();
            for (int i = 0; i < mixable.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    selection.add(mixable.get(i));
                }
            }
            selections.add(selection);
        }
        return selections;
    }

    private static List<Move> plus(List<Move> moves, Move move) {
        List<Move> longer = new ArrayList<>(moves);
        longer.add(move);
        return longer;
    }

    /** A press that moves on: the next question (or the ending and the message after it), and the pressed message edited. */
    private static Move pressMoving(String data, Step next) {
        int sends = next instanceof Step.Finished ? 2 : 1;
        return new Move(data, 1, 1, sends, Reply.FIRST_SEND);
    }
}
