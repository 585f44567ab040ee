package org.backtriage.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation tree as a Mermaid flowchart, for people who review it: questions as
 * diamonds, the decision rules as one box, outcomes as rounded boxes, an ending given once a
 * clinician agreed as a dotted edge from the one that waited for it. Edges to the same target are
 * merged, their labels joined (more than three are counted instead); an edge that every answer
 * takes is left unlabelled.
 */
public final class Mermaid {
    /** Mermaid reserves "end"; the rules box gets this id instead. */
    private static final String RULES = "decision_rules";

    private Mermaid() {
    }

    public static String render(Tree tree, Messages messages) {
        List<String> lines = new ArrayList<>(List.of("flowchart TD"));
        lines.add("    start((Start)) --> " + tree.start());
        for (Question q : tree.questions()) {
            lines.add("    " + q.id() + "{\"" + plain(messages.text(q.summaryKey())) + "\"}");
            Map<String, List<String>> byTarget = new LinkedHashMap<>();
            if (q.choice() == Choice.MULTIPLE) {
                q.next().ifPresent(next -> byTarget.put(next, List.of()));
            }
            for (Option o : q.options()) {
                // On a multiple choice, only an option of the body map has a next of its own.
                o.next().ifPresent(next -> byTarget.computeIfAbsent(next, k -> new ArrayList<>())
                        .add(plain(messages.text(o.labelKey()))));
            }
            List<String> back = byTarget.containsKey(Tree.BACK) ? byTarget.remove(Tree.BACK) : List.of();
            boolean oneWay = byTarget.size() == 1 && back.isEmpty();
            byTarget.forEach((target, labels) -> lines.add("    " + q.id() + " -->"
                    + (oneWay || labels.isEmpty() ? " " : "|\"" + edgeLabel(labels) + "\"| ") + id(target)));
            if (!back.isEmpty()) {
                // Back to where the person came from: the question whose answer led here.
                tree.questions().stream().filter(from -> from.options().stream().anyMatch(o -> o.next().filter(q.id()::equals).isPresent())
                        || from.next().filter(q.id()::equals).isPresent())
                        .forEach(from -> lines.add("    " + q.id() + " -.->|\"" + edgeLabel(back) + "\"| " + from.id()));
            }
        }
        lines.add("    " + RULES + "[[\"Decision rules, first match wins\"]]");
        Map<String, List<String>> ruleTargets = new LinkedHashMap<>();
        tree.rules().forEach(rule -> ruleTargets.computeIfAbsent(rule.outcomeId(), k -> new ArrayList<>()).add(rule.id()));
        ruleTargets.forEach((outcome, rules) ->
                lines.add("    " + RULES + " -->|\"" + String.join(", ", rules) + "\"| " + outcome));
        for (Outcome o : tree.outcomes()) {
            lines.add("    " + o.id() + "([\"" + plain(messages.text(o.titleKey())) + "\"])");
        }
        // The ending given in place of one that asked to see a clinician first, once the person says one agreed.
        tree.outcomes().forEach(o -> o.afterAgreement().ifPresent(agreed ->
                lines.add("    " + o.id() + " -.->|\"a clinician agreed\"| " + agreed)));
        return String.join("\n", lines) + "\n";
    }

    /** The answers that take an edge; a long list (a red-flag list's signs) as a count, to keep the diagram readable. */
    private static String edgeLabel(List<String> labels) {
        return labels.size() > 3 ? "any of " + labels.size() + " answers" : String.join(" / ", labels);
    }

    private static String id(String target) {
        return target.equals(Tree.END) ? RULES : target;
    }

    /** Text without HTML tags or entities, safe inside a quoted Mermaid label. */
    private static String plain(String html) {
        return html.replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replace("\"", "#quot;")
                .replace("\n", " ")
                .strip();
    }
}
