package org.backtriage.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The minimal valid tree and its parts, for tests that break one thing in it, and a text for
 * every key a tree names. The tree: red (single) goes on to where for none and ends for yes;
 * where (multiple, then the end) offers back, hip and none (exclusive); the rules give care
 * (urgent) for red=yes, massage with a reason for where=hip, and massage otherwise.
 */
final class MinimalTree {
    private MinimalTree() {
    }

    static Tree minimal() {
        return tree(List.of(red(), where()), outcomes(), rules());
    }

    static Tree tree(List<Question> questions, List<Outcome> outcomes, List<Rule> rules) {
        return new Tree("test", "red", questions, outcomes, rules);
    }

    static Question red() {
        return single("red", to("none", "where"), to("yes", Tree.END));
    }

    static Question where() {
        return multiple("where", Tree.END, tick("back"), tick("hip"), noneOfThese());
    }

    static List<Outcome> outcomes() {
        return List.of(care(), massage());
    }

    static Outcome care() {
        return outcome("care", Urgency.URGENT, false);
    }

    static Outcome massage() {
        return Outcome.builder("massage", Urgency.ROUTINE).title("o.massage.title").body("o.massage.body")
                .clinician("o.massage.clinician").reasons("o.massage.reasons").showAnswers(true).massageRequest(true).build();
    }

    static List<Rule> rules() {
        return List.of(redSign(), hipPain(), otherwise());
    }

    static Rule redSign() {
        return rule("red_sign", "care", "red", "yes");
    }

    static Rule hipPain() {
        return rule("hip_pain", "massage", "where", "hip", "reason.hip");
    }

    static Rule otherwise() {
        return new Rule("otherwise", Map.of(), "massage", Optional.empty());
    }

    static Question single(String id, Option... options) {
        return new Question(id, "q." + id + ".text", "q." + id + ".summary", Choice.SINGLE, List.of(options), Optional.empty());
    }

    static Question multiple(String id, String next, Option... options) {
        return new Question(id, "q." + id + ".text", "q." + id + ".summary", Choice.MULTIPLE, List.of(options),
                Optional.of(next));
    }

    static Option to(String id, String next) {
        return Option.to(id, "label." + id, next);
    }

    static Option tick(String id) {
        return Option.tick(id, "label." + id);
    }

    static Option noneOfThese() {
        return Option.noneOfThese("none", "label.none");
    }

    /** An outcome without a reasons heading. */
    static Outcome outcome(String id, Urgency urgency, boolean massageRequest) {
        return Outcome.builder(id, urgency).title("o." + id + ".title").body("o." + id + ".body").clinician("o." + id + ".clinician")
                .showAnswers(true).massageRequest(massageRequest).build();
    }

    static Rule rule(String id, String outcomeId, String questionId, String optionId) {
        return new Rule(id, Map.of(questionId, List.of(optionId)), outcomeId, Optional.empty());
    }

    static Rule rule(String id, String outcomeId, String questionId, String optionId, String reasonKey) {
        return new Rule(id, Map.of(questionId, List.of(optionId)), outcomeId, Optional.of(reasonKey));
    }

    static Messages messagesFor(Tree tree) {
        return new Messages("en", textsFor(tree));
    }

    /** A text for every key the tree names. */
    static Map<String, String> textsFor(Tree tree) {
        List<String> keys = new ArrayList<>();
        for (Question q : tree.questions()) {
            keys.add(q.textKey());
            keys.add(q.summaryKey());
            q.options().forEach(o -> keys.add(o.labelKey()));
            q.options().forEach(o -> o.reportKey().ifPresent(keys::add));
            q.headingKey().ifPresent(keys::add);
            q.checkInTextKey().ifPresent(keys::add);
        }
        for (Outcome o : tree.outcomes()) {
            keys.add(o.titleKey());
            o.body().forEach(b -> keys.add(b.textKey()));
            keys.add(o.clinicianKey());
            o.footerKey().ifPresent(keys::add);
            o.reasonsKey().ifPresent(keys::add);
            o.signsKey().ifPresent(keys::add);
            o.after().forEach(b -> keys.add(b.textKey()));
        }
        tree.rules().forEach(r -> r.reasonKey().ifPresent(keys::add));
        Map<String, String> texts = new LinkedHashMap<>();
        keys.stream().filter(key -> !key.isBlank()).forEach(key -> texts.put(key, "text of " + key));
        return texts;
    }
}
