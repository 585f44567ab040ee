package org.backtriage.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Routes;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;

/**
 * The routes people walk, by ending. The shipped tree has tens of millions of complete routes,
 * too many to list; {@link Routes#forEachKind} gives one of every kind (options that no rule and
 * no paragraph tells apart are of one kind), about 170,000. Each person then gets a
 * route of a kind with every option swapped for a random one of its kind, so the crowd presses
 * every button of the tree, not only the first of each kind, and still reaches the ending the
 * kind does.
 */
final class RouteKinds {
    private final Engine engine;
    private final Tree tree;
    /** One route of every kind, by the ending it reaches, in the tree's order of endings. */
    private final Map<String, List<List<Answer>>> byOutcome = new LinkedHashMap<>();
    /** Per question: each kind, named by its first option, with every option of that kind in button order. */
    private final Map<String, Map<String, List<String>>> kinds = new LinkedHashMap<>();
    private int count;

    RouteKinds(Engine engine) {
        this.engine = engine;
        this.tree = engine.tree();
        tree.outcomes().stream().map(Outcome::id).forEach(id -> byOutcome.put(id, new ArrayList<>()));
        Routes.forEachKind(tree, answers -> {
            if (answers.stream().anyMatch(this::fromTheMap)) {
                // The crowd presses buttons; the body map's answers come from its page, not from a press.
                return;
            }
            Step step = engine.step(new Session(true, answers, List.of()));
            byOutcome.get(((Step.Finished) step).outcome().id()).add(List.copyOf(answers));
            count++;
        });
        byOutcome.values().removeIf(List::isEmpty);
        for (Question question : tree.questions()) {
            Map<String, List<String>> ofQuestion = new LinkedHashMap<>();
            for (Option option : question.options()) {
                String first = Routes.kindOf(tree, List.of(new Answer(question.id(), List.of(option.id()))))
                        .get(0).optionIds().get(0);
                ofQuestion.computeIfAbsent(first, k -> new ArrayList<>()).add(option.id());
            }
            kinds.put(question.id(), ofQuestion);
        }
    }

    private boolean fromTheMap(Answer answer) {
        Question question = tree.question(answer.questionId()).orElseThrow();
        return answer.optionIds().stream().anyMatch(id -> question.option(id).orElseThrow().mapOnly());
    }

    /** The endings some route reaches, in the tree's order. */
    List<String> outcomes() {
        return List.copyOf(byOutcome.keySet());
    }

    /** How many kinds of route there are. */
    int count() {
        return count;
    }

    /** {@code count} walks of random routes to {@code outcome} (one of {@link #outcomes}). */
    List<Walk> walks(String outcome, int count, Random random) {
        List<Walk> walks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Answer> route = random(outcome, random);
            Walk walk = Walk.of(engine, route);
            if (!walk.outcome().equals(outcome)) {
                throw new IllegalStateException("a route of a kind that reaches " + outcome + " reached " + walk.outcome()
                        + ": " + route);
            }
            walks.add(walk);
        }
        return List.copyOf(walks);
    }

    /** A random route to {@code outcome} (one of {@link #outcomes}): a random kind, each option a random one of its kind. */
    List<Answer> random(String outcome, Random random) {
        List<List<Answer>> routes = byOutcome.get(outcome);
        List<Answer> kind = routes.get(random.nextInt(routes.size()));
        List<Answer> route = new ArrayList<>();
        for (Answer answer : kind) {
            Question question = tree.question(answer.questionId()).orElseThrow();
            TreeSet<Integer> chosen = new TreeSet<>();
            for (String first : answer.optionIds()) {
                List<String> ofKind = kinds.get(question.id()).get(first);
                boolean one = question.choice() == Choice.SINGLE || question.option(first).orElseThrow().exclusive();
                for (String id : one ? List.of(ofKind.get(random.nextInt(ofKind.size()))) : someOf(ofKind, random)) {
                    chosen.add(question.options().indexOf(question.option(id).orElseThrow()));
                }
            }
            route.add(new Answer(question.id(), chosen.stream().map(i -> question.options().get(i).id()).toList()));
        }
        return route;
    }

    /** A random non-empty selection of {@code options}. */
    private static List<String> someOf(List<String> options, Random random) {
        int mask = 1 + random.nextInt((1 << options.size()) - 1);
        List<String> some = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if ((mask & 1 << i) != 0) {
                some.add(options.get(i));
            }
        }
        return some;
    }
}
