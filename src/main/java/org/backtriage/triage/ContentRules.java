package org.backtriage.triage;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What the code that shows a tree needs of it, checked at start-up with the tree's own rules:
 * the message keys it uses besides the tree's, and the faults it finds in a tree and one
 * language's messages (for example a final message that some answers make too long to send).
 */
public record ContentRules(List<String> textKeys, BiFunction<Tree, Messages, List<TreeFault>> faults) {
    /** No keys and no checks of its own. */
    public static final ContentRules NONE = new ContentRules(List.of(), (tree, messages) -> List.of());

    public ContentRules {
        textKeys = List.copyOf(textKeys);
        Objects.requireNonNull(faults, "faults");
    }

    /** Only these keys, no checks of its own. */
    public static ContentRules keys(List<String> textKeys) {
        return new ContentRules(textKeys, NONE.faults());
    }
}
