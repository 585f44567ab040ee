package org.backtriage.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Routes through a tree, as the answers a person gives on them: each option of a single choice
 * (but one that goes back: no route ends through it); for a multiple choice, every non-empty set
 * of its ordinary options, or one exclusive option alone ("No, none of these"), as the buttons
 * allow, and on the body map's question every answer some set of places tapped gives.
 *
 * <p>The shipped tree has about 19 billion such routes, far too many to judge one by one in every
 * build. {@link #forEachKind} walks one route of every <em>kind</em> instead: two options of a
 * question are of one kind when every condition in the tree (each rule's, each report
 * paragraph's {@code when} and {@code unless}) lists both or neither, and they lead to the same
 * next step. Conditions only ask whether a chosen option is among those listed, so no rule and no
 * paragraph can tell options of one kind apart: a route judged is every route of its kind judged.
 * {@link #random} draws whole routes, so tests can check that claim too.
 */
public final class Routes {
    private final Tree tree;
    private final boolean byKind;
    private final Consumer<List<Answer>> visitor;
    private final List<Answer> answers = new ArrayList<>();
    private final List<Answer> view = Collections.unmodifiableList(answers);
    private final Map<String, List<List<String>>> selectionsAt = new java.util.HashMap<>();
    private final Map<String, Question> questions = new java.util.HashMap<>();
    private long count;

    private Routes(Tree tree, boolean byKind, Consumer<List<Answer>> visitor) {
        this.tree = tree;
        this.byKind = byKind;
        this.visitor = visitor;
    }

    /**
     * Calls {@code visitor} with the answers of every complete route; returns how many there are.
     * The list given is a view that changes after the call returns: copy it to keep it.
     */
    public static long forEach(Tree tree, Consumer<List<Answer>> visitor) {
        Routes routes = new Routes(tree, false, visitor);
        routes.walk(tree.start());
        return routes.count;
    }

    /** Like {@link #forEach}, one route for every kind of route (see the class comment). */
    public static long forEachKind(Tree tree, Consumer<List<Answer>> visitor) {
        Routes routes = new Routes(tree, true, visitor);
        routes.walk(tree.start());
        return routes.count;
    }

    /** A complete route chosen at random, each question's answer drawn from every selection it allows. */
    public static List<Answer> random(Tree tree, Random random) {
        List<Answer> route = new ArrayList<>();
        String at = tree.start();
        while (tree.question(at).isPresent()) {
            Question question = tree.question(at).get();
            List<List<String>> all = selections(tree, question);
            List<String> chosen = all.get(random.nextInt(all.size()));
            route.add(new Answer(question.id(), chosen));
            at = next(question, chosen);
        }
        return route;
    }

    /** The route of {@link #forEachKind} that stands for {@code route}: each option swapped for its kind's first. */
    public static List<Answer> kindOf(Tree tree, List<Answer> route) {
        List<Answer> kind = new ArrayList<>();
        for (Answer answer : route) {
            Question question = tree.question(answer.questionId()).orElseThrow();
            Map<String, String> firstOfKind = firstOfKind(tree, question);
            kind.add(new Answer(question.id(), answer.optionIds().stream().map(firstOfKind::get).distinct()
                    .sorted((a, b) -> Integer.compare(index(question, a), index(question, b))).toList()));
        }
        return kind;
    }

    /** The selections every route may give {@code question}, as the buttons and the body map allow. */
    public static List<List<String>> selections(Tree tree, Question question) {
        List<String> ordinary = question.buttons().stream().filter(o -> question.choice() == Choice.SINGLE || !o.exclusive())
                .filter(o -> !o.next().filter(Tree.BACK::equals).isPresent())
                .map(Option::id).toList();
        List<List<String>> selections = selections(question, ordinary);
        tree.bodyMap().filter(map -> map.questionId().equals(question.id())).ifPresent(map -> {
            java.util.Set<List<String>> known = new java.util.HashSet<>(selections);
            for (List<String> tapped : regionSets(map)) {
                List<String> answer = question.options().stream().map(Option::id).filter(map.options(tapped)::contains).toList();
                if (known.add(answer)) {
                    selections.add(answer);
                }
            }
        });
        return selections;
    }

    /** Every non-empty set of the body map's regions, as a person can tap them. */
    public static List<List<String>> regionSets(BodyMap map) {
        List<List<String>> sets = new ArrayList<>();
        List<String> regions = map.regions();
        for (int mask = 1; mask < 1 << regions.size(); mask++) {
            List<String> set = new ArrayList<>();
            for (int i = 0; i < regions.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(regions.get(i));
                }
            }
            sets.add(List.copyOf(set));
        }
        return sets;
    }

    /** Where {@code question} answered with {@code selection} leads. */
    public static String next(Question question, List<String> selection) {
        return question.nextAfter(selection).orElseThrow();
    }

    private static List<List<String>> selections(Question question, List<String> ordinary) {
        List<List<String>> selections = new ArrayList<>();
        if (question.choice() == Choice.SINGLE) {
            ordinary.forEach(id -> selections.add(List.of(id)));
            return selections;
        }
        for (int mask = 1; mask < 1 << ordinary.size(); mask++) {
            List<String> subset = new ArrayList<>();
            for (int i = 0; i < ordinary.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(ordinary.get(i));
                }
            }
            selections.add(List.copyOf(subset));
        }
        question.options().stream().filter(Option::exclusive).forEach(o -> selections.add(List.of(o.id())));
        return selections;
    }

    /** Each option's kind, named by the first option of that kind. */
    private static Map<String, String> firstOfKind(Tree tree, Question question) {
        Map<List<Object>, String> firstBySignature = new LinkedHashMap<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (Option option : question.options()) {
            first.put(option.id(), firstBySignature.computeIfAbsent(signature(tree, question, option), k -> option.id()));
        }
        return first;
    }

    /** Where an option leads, whether it is exclusive, and every condition of the tree that lists it. */
    private static List<Object> signature(Tree tree, Question question, Option option) {
        List<Object> signature = new ArrayList<>(List.of(option.next(), option.exclusive()));
        for (int r = 0; r < tree.rules().size(); r++) {
            if (tree.rules().get(r).when().getOrDefault(question.id(), List.of()).contains(option.id())) {
                signature.add("rule " + r);
            }
        }
        for (Outcome outcome : tree.outcomes()) {
            for (int b = 0; b < outcome.body().size(); b++) {
                Block block = outcome.body().get(b);
                if (block.when().getOrDefault(question.id(), List.of()).contains(option.id())) {
                    signature.add(outcome.id() + " " + b + " when");
                }
                if (block.unless().getOrDefault(question.id(), List.of()).contains(option.id())) {
                    signature.add(outcome.id() + " " + b + " unless");
                }
            }
        }
        return signature;
    }

    /** One selection of every kind of answer {@code question} can be given (see the class comment). */
    private List<List<String>> kindSelections(Question question) {
        Map<String, String> firstOfKind = firstOfKind(tree, question);
        List<String> kinds = question.options().stream().map(Option::id)
                .filter(id -> firstOfKind.get(id).equals(id)
                        && (question.choice() == Choice.SINGLE || !question.option(id).orElseThrow().exclusive())
                        && !question.option(id).orElseThrow().next().filter(Tree.BACK::equals).isPresent())
                .toList();
        // Options of the body map are among the kinds too: every mix of kinds is walked, more than the map can give.
        return selections(question, kinds);
    }

    private static int index(Question question, String optionId) {
        return question.options().indexOf(question.option(optionId).orElseThrow());
    }

    private void walk(String at) {
        Question question = questions.computeIfAbsent(at, id -> tree.question(id).orElse(null));
        if (question == null) {
            count++;
            visitor.accept(view);
            return;
        }
        // Worked out once per question: a walk visits each question many times.
        List<List<String>> selections = selectionsAt.computeIfAbsent(at, id -> byKind ? kindSelections(question)
                : selections(tree, question));
        for (List<String> selection : selections) {
            answers.add(new Answer(question.id(), selection));
            walk(next(question, selection));
            answers.remove(answers.size() - 1);
        }
    }
}
