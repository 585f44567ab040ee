package org.backtriage.triage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One paragraph of an ending, by message key, shown when the answers meet {@code when} and do not
 * meet {@code unless} (each an empty map when unused). A pregnant person's request, for example,
 * swaps the paragraph that asks to lie on the stomach for one that does not.
 */
public record Block(String textKey, Map<String, List<String>> when, Map<String, List<String>> unless) {
    public Block {
        Objects.requireNonNull(textKey, "textKey");
        when = Conditions.copy(when);
        unless = Conditions.copy(unless);
    }

    /** A paragraph every route to the ending shows. */
    public static Block always(String textKey) {
        return new Block(textKey, Map.of(), Map.of());
    }

    public boolean shows(List<Answer> answers) {
        return Conditions.hold(when, answers) && (unless.isEmpty() || !Conditions.hold(unless, answers));
    }
}
