package org.backtriage.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that a tree is fit to serve people: ids unique and well formed, every target known,
 * every question reachable, no cycles, every route ends in an outcome, every outcome carries
 * clinician advice and red-flag outcomes no massage request, the check-in's questions exist,
 * every text key exists in the messages, and every text is HTML that Telegram accepts. (Button
 * data is the chat layer's; it checks its size.)
 */
public final class TreeValidator {
    static final Pattern ID = Pattern.compile("[a-z0-9_]+");
    /** Telegram shows at most 200 characters in the pop-up that answers a button. */
    public static final int WHY_MAX_CHARS = 200;
    /** The body map's regions: every set of them is tried, so there are not too many. */
    public static final int MAX_REGIONS = 16;

    private final Tree tree;
    private final Messages messages;
    private final List<TreeFault> faults = new ArrayList<>();

    private TreeValidator(Tree tree, Messages messages) {
        this.tree = tree;
        this.messages = messages;
    }

    /** Every fault found, in tree order; empty when the tree is fit to serve. */
    public static List<TreeFault> validate(Tree tree, Messages messages) {
        TreeValidator validator = new TreeValidator(tree, messages);
        validator.run();
        return List.copyOf(validator.faults);
    }

    private void run() {
        checkIds();
        if (tree.question(tree.start()).isEmpty()) {
            fault("tree", "start '" + tree.start() + "' is not a question");
        }
        tree.questions().forEach(this::checkQuestion);
        tree.outcomes().forEach(this::checkOutcome);
        checkRules();
        checkRecheck();
        BodyMapCheck.check(tree, this::fault);
        checkCycles();
        checkReachable();
        checkHtml();
    }

    private void checkIds() {
        Set<String> seen = new HashSet<>();
        List<String> declared = new ArrayList<>();
        tree.questions().forEach(q -> declared.add(q.id()));
        tree.outcomes().forEach(o -> declared.add(o.id()));
        for (String id : declared) {
            if (!ID.matcher(id).matches()) {
                fault(node(id), "id must be lower-case letters, digits and '_'");
            } else if (id.equals(Tree.END)) {
                fault(node(id), "'" + Tree.END + "' is reserved for \"the questions end here\"");
            } else if (id.equals(Tree.BACK)) {
                fault(node(id), "'" + Tree.BACK + "' is reserved for \"take the answer before back\"");
            }
            if (!seen.add(id)) {
                fault(node(id), "id is used by more than one node");
            }
        }
    }

    private void checkQuestion(Question q) {
        String where = node(q.id());
        text(where, "question", q.textKey());
        text(where, "summary", q.summaryKey());
        q.headingKey().ifPresent(key -> text(where, "report heading", key));
        q.checkInTextKey().ifPresent(key -> text(where, "check-in", key));
        q.whyKey().ifPresent(key -> {
            text(where, "why", key);
            if (messages.has(key) && messages.text(key).length() > WHY_MAX_CHARS) {
                fault(where, "why text '" + key + "' in messages_" + messages.language() + " is "
                        + messages.text(key).length() + " characters; a button answer holds " + WHY_MAX_CHARS);
            }
        });
        if (q.options().isEmpty()) {
            fault(where, "has no options");
        }
        Set<String> optionIds = new HashSet<>();
        for (Option o : q.options()) {
            String option = "option '" + o.id() + "'";
            if (!ID.matcher(o.id()).matches()) {
                fault(where, option + ": id must be lower-case letters, digits and '_'");
            }
            if (!optionIds.add(o.id())) {
                fault(where, option + " appears more than once");
            }
            text(where, option + " label", o.labelKey());
            o.reportKey().ifPresent(key -> text(where, option + " report", key));
            if (q.choice() == Choice.SINGLE) {
                if (o.next().isEmpty()) {
                    fault(where, option + " has no next step");
                }
                if (o.exclusive()) {
                    fault(where, option + " is exclusive, which only a multiple-choice question can use");
                }
            } else if (o.next().isPresent() && !o.mapOnly()) {
                fault(where, option + " has its own next step; a multiple-choice question routes by the question's next"
                        + " (only an option the body map alone gives may lead elsewhere first)");
            }
            if (o.mapOnly() && (o.exclusive() || q.choice() == Choice.SINGLE)) {
                fault(where, option + " is given by the body map only, which answers a multiple-choice question with"
                        + " ordinary options");
            }
            if (o.next().filter(Tree.BACK::equals).isPresent() && (q.choice() == Choice.MULTIPLE || q.id().equals(tree.start()))) {
                fault(where, option + " leads back, which only a single-choice question after the first can do");
            }
            o.next().ifPresent(target -> checkTarget(where, option + " leads to", target));
        }
        if (q.choice() == Choice.MULTIPLE) {
            if (q.next().isEmpty()) {
                fault(where, "multiple-choice question has no next step");
            }
            q.next().ifPresent(target -> checkTarget(where, "next is", target));
        } else if (q.next().isPresent()) {
            fault(where, "single-choice question has a question-level next; put next on each option");
        }
    }

    private void checkTarget(String where, String what, String target) {
        if (!target.equals(Tree.END) && !target.equals(Tree.BACK) && !tree.nodes().containsKey(target)) {
            fault(where, what + " unknown '" + target + "'");
        }
    }

    private void checkOutcome(Outcome o) {
        String where = node(o.id());
        text(where, "title", o.titleKey());
        for (Block block : o.body()) {
            text(where, "body", block.textKey());
            checkCondition(where + ": body '" + block.textKey() + "' when", block.when());
            checkCondition(where + ": body '" + block.textKey() + "' unless", block.unless());
        }
        o.reasonsKey().ifPresent(key -> text(where, "reasons heading", key));
        o.signsKey().ifPresent(key -> text(where, "signs heading", key));
        for (Block block : o.after()) {
            text(where, "after-message", block.textKey());
            checkCondition(where + ": after-message '" + block.textKey() + "' when", block.when());
            checkCondition(where + ": after-message '" + block.textKey() + "' unless", block.unless());
        }
        o.footerKey().ifPresent(key -> text(where, "footer", key));
        if (o.clinicianKey().isBlank()) {
            fault(where, "has no clinician advice");
        } else {
            text(where, "clinician advice", o.clinicianKey());
        }
        if (o.urgency().isRedFlag() && o.massageRequest()) {
            fault(where, "an " + o.urgency().name().toLowerCase() + " outcome must not carry a massage request");
        }
        o.afterAgreement().ifPresent(target -> {
            Optional<Outcome> agreed = tree.outcome(target);
            if (agreed.isEmpty()) {
                fault(where, "after agreement leads to unknown outcome '" + target + "'");
            } else if (agreed.get().urgency().isRedFlag() || !agreed.get().shareable()) {
                fault(where, "after agreement leads to '" + target + "', which must be a massage request a person may"
                        + " share (not a red flag, no agreement of its own)");
            }
            if (o.urgency().isRedFlag()) {
                fault(where, "a red-flag outcome never leads to a massage request, not even after agreement");
            }
        });
    }

    private void checkRules() {
        Set<String> ids = new HashSet<>();
        boolean catchAllSeen = false;
        for (Rule rule : tree.rules()) {
            String where = "rule '" + rule.id() + "'";
            if (!ids.add(rule.id())) {
                fault(where, "id is used by more than one rule");
            }
            if (catchAllSeen) {
                fault(where, "comes after the catch-all rule, so it can never match");
            }
            catchAllSeen |= rule.isCatchAll();
            if (tree.outcome(rule.outcomeId()).isEmpty()) {
                fault(where, "leads to unknown outcome '" + rule.outcomeId() + "'");
            }
            checkCondition(where, rule.when());
            rule.reasonKey().ifPresent(key -> {
                text(where, "reason", key);
                tree.outcome(rule.outcomeId()).filter(o -> o.reasonsKey().isEmpty()).ifPresent(o ->
                        fault(where, "has a reason but outcome '" + o.id() + "' has no reasons heading to show it under"));
            });
        }
        if (endReachable() && !catchAllSeen) {
            fault("rules", "no catch-all rule (empty 'when'), so some answers would reach no outcome");
        }
    }

    private void checkCondition(String where, Map<String, List<String>> condition) {
        condition.forEach((questionId, optionIds) -> {
            Optional<Question> question = tree.question(questionId);
            if (question.isEmpty()) {
                fault(where, "asks about unknown question '" + questionId + "'");
                return;
            }
            if (optionIds.isEmpty()) {
                fault(where, "lists no options for question '" + questionId + "'");
            }
            optionIds.stream().filter(id -> question.get().option(id).isEmpty())
                    .forEach(id -> fault(where, "question '" + questionId + "' has no option '" + id + "'"));
        });
    }

    private void checkRecheck() {
        Set<String> seen = new HashSet<>();
        for (String id : tree.recheck()) {
            Optional<Question> question = tree.question(id);
            if (question.isEmpty()) {
                fault("recheck", "names unknown question '" + id + "'");
            }
            if (!seen.add(id)) {
                fault("recheck", "names question '" + id + "' more than once");
            }
        }
    }

    /** Every text in the messages, not only the tree's: Telegram refuses a message whose HTML it cannot parse. */
    private void checkHtml() {
        messages.keys().stream().sorted().forEach(key -> TelegramHtml.problem(messages.text(key)).ifPresent(problem ->
                fault("messages_" + messages.language(), "text '" + key + "' is not valid Telegram HTML: " + problem)));
    }

    private void checkCycles() {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current route, 2 = done
        for (Question q : tree.questions()) {
            findCycle(q.id(), state, new ArrayList<>());
        }
    }

    private void findCycle(String id, Map<String, Integer> state, List<String> route) {
        Integer seen = state.get(id);
        if (seen != null && seen == 2 || tree.question(id).isEmpty()) {
            return;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(route.subList(route.indexOf(id), route.size()));
            cycle.add(id);
            fault(node(id), "is part of a cycle: " + String.join(" -> ", cycle));
            return;
        }
        state.put(id, 1);
        route.add(id);
        targets(tree.question(id).get()).forEach(next -> findCycle(next, state, route));
        route.remove(route.size() - 1);
        state.put(id, 2);
    }

    private void checkReachable() {
        Set<String> reached = reachable();
        tree.questions().stream().filter(q -> !reached.contains(q.id()))
                .forEach(q -> fault(node(q.id()), "cannot be reached from the start"));
        Set<String> byRules = new HashSet<>();
        if (reached.contains(Tree.END)) {
            tree.rules().forEach(r -> byRules.add(r.outcomeId()));
        }
        tree.outcomes().forEach(o -> o.afterAgreement().ifPresent(byRules::add));
        tree.outcomes().stream().filter(o -> !reached.contains(o.id()) && !byRules.contains(o.id()))
                .forEach(o -> fault(node(o.id()), "cannot be reached: no option and no rule leads to it"));
    }

    private boolean endReachable() {
        return reachable().contains(Tree.END);
    }

    private Set<String> reachable() {
        Set<String> reached = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(tree.start()));
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (reached.add(id)) {
                tree.question(id).ifPresent(q -> todo.addAll(targets(q)));
            }
        }
        return reached;
    }

    private static Set<String> targets(Question q) {
        Set<String> targets = new LinkedHashSet<>();
        q.next().ifPresent(targets::add);
        q.options().forEach(o -> o.next().ifPresent(targets::add));
        // Back goes where the person came from, already on their route: no edge of the tree.
        targets.remove(Tree.BACK);
        return targets;
    }

    private void text(String where, String what, String key) {
        if (!messages.has(key)) {
            fault(where, what + " text '" + key + "' is missing from messages_" + messages.language());
        }
    }

    static String node(String id) {
        return "node '" + id + "'";
    }

    private void fault(String where, String problem) {
        faults.add(new TreeFault(where, problem));
    }
}
