package org.backtriage.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation as data: questions, endings and the ordered decision rules. An option or
 * question whose {@code next} is {@link #END} ends the conversation; the rules then choose the
 * ending. {@code recheck} names the red-flag questions a later check-in asks again, in order;
 * {@code bodyMap}, when set, lets one question be answered by tapping places on a body.
 * Construct freely; {@link TreeValidator} says whether a tree is fit to serve.
 */
public record Tree(String version, String start, List<Question> questions, List<Outcome> outcomes, List<Rule> rules,
                   List<String> recheck, Optional<BodyMap> bodyMap) {

    /** The {@code next} value that ends the questions and hands over to the rules. */
    public static final String END = "end";
    /** The {@code next} value that takes the answer before back ("No, I marked that by mistake"). */
    public static final String BACK = "back";

    public Tree {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(start, "start");
        questions = List.copyOf(questions);
        outcomes = List.copyOf(outcomes);
        rules = List.copyOf(rules);
        recheck = List.copyOf(recheck);
        Objects.requireNonNull(bodyMap, "bodyMap");
    }

    /** A tree without a body map. */
    public Tree(String version, String start, List<Question> questions, List<Outcome> outcomes, List<Rule> rules,
                List<String> recheck) {
        this(version, start, questions, outcomes, rules, recheck, Optional.empty());
    }

    /** A tree whose check-ins ask no question again. */
    public Tree(String version, String start, List<Question> questions, List<Outcome> outcomes, List<Rule> rules) {
        this(version, start, questions, outcomes, rules, List.of());
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<Outcome> outcome(String id) {
        return outcomes.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** Every node by id; when ids repeat (an invalid tree) the first one wins. */
    public Map<String, Node> nodes() {
        Map<String, Node> nodes = new LinkedHashMap<>();
        questions.forEach(q -> nodes.putIfAbsent(q.id(), q));
        outcomes.forEach(o -> nodes.putIfAbsent(o.id(), o));
        return nodes;
    }
}
