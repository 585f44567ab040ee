package org.backtriage.triage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/** The body map's part of {@link TreeValidator}: the map against its question, and every set of taps. */
final class BodyMapCheck {
    private BodyMapCheck() {
    }

    /**
     * The body map: its question a multiple choice with ordinary options, its regions well named
     * and each used, its marks naming known regions and options, every option only the map gives
     * given by some mark, and every set of places a person can tap answering with at least one
     * option (all of them are tried, so the map has at most {@link TreeValidator#MAX_REGIONS} regions).
     */
    static void check(Tree tree, BiConsumer<String, String> fault) {
        Optional<BodyMap> found = tree.bodyMap();
        tree.questions().stream().filter(q -> found.filter(m -> m.questionId().equals(q.id())).isEmpty())
                .forEach(q -> q.options().stream().filter(Option::mapOnly).forEach(o ->
                        fault.accept(TreeValidator.node(q.id()), "option '" + o.id() + "' is given by the body map only, but the body map"
                                + " does not answer this question")));
        if (found.isEmpty()) {
            return;
        }
        BodyMap map = found.get();
        Optional<Question> asked = tree.question(map.questionId());
        if (asked.isEmpty() || asked.get().choice() != Choice.MULTIPLE) {
            fault.accept("body map", "answers '" + map.questionId() + "', which is not a multiple-choice question");
            return;
        }
        Question question = asked.get();
        Set<String> regions = new LinkedHashSet<>();
        for (String region : map.regions()) {
            if (!TreeValidator.ID.matcher(region).matches()) {
                fault.accept("body map", "region '" + region + "': id must be lower-case letters, digits and '_'");
            }
            if (!regions.add(region)) {
                fault.accept("body map", "region '" + region + "' appears more than once");
            }
        }
        if (regions.isEmpty() || regions.size() > TreeValidator.MAX_REGIONS) {
            fault.accept("body map", "has " + regions.size() + " regions; give 1 to " + TreeValidator.MAX_REGIONS);
            return;
        }
        Set<String> used = new HashSet<>();
        Set<String> given = new HashSet<>();
        for (BodyMap.Mark mark : map.marks()) {
            String where = "body map: mark " + mark.when();
            if (mark.when().isEmpty()) {
                fault.accept(where, "has no regions in 'when'");
            }
            if (mark.options().isEmpty()) {
                fault.accept(where, "gives no options");
            }
            List<String> named = new ArrayList<>(mark.when());
            named.addAll(mark.unless());
            named.stream().filter(r -> !regions.contains(r)).forEach(r -> fault.accept(where, "names unknown region '" + r + "'"));
            used.addAll(mark.when());
            for (String id : mark.options()) {
                Optional<Option> option = question.option(id);
                if (option.isEmpty() || option.get().exclusive()) {
                    fault.accept(where, "gives '" + id + "', which is not an ordinary option of question '" + question.id() + "'");
                }
                given.add(id);
            }
        }
        regions.stream().filter(r -> !used.contains(r)).forEach(r -> fault.accept("body map", "region '" + r + "' is in no mark"));
        question.options().stream().filter(o -> o.mapOnly() && !given.contains(o.id()))
                .forEach(o -> fault.accept(TreeValidator.node(question.id()), "option '" + o.id() + "' is given by the body map only, but no mark gives it"));
        List<String> all = List.copyOf(regions);
        for (int set = 1; set < 1 << all.size(); set++) {
            List<String> tapped = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if ((set & 1 << i) != 0) {
                    tapped.add(all.get(i));
                }
            }
            if (map.options(tapped).isEmpty()) {
                fault.accept("body map", "tapping " + tapped + " gives no answer");
                return;
            }
        }
    }

}
