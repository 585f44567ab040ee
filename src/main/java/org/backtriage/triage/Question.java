package org.backtriage.triage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question with buttons. Single-choice questions route by the chosen option's {@code next};
 * multiple-choice questions route by their own {@code next} once the person taps Done.
 * {@code whyKey} is the short reason shown by the question's "Why do we ask?" button.
 */
public record Question(
        String id,
        String textKey,
        String summaryKey,
        Choice choice,
        List<Option> options,
        Optional<String> next,
        Optional<String> whyKey) implements Node {

    /** A question without a "Why do we ask?" text. */
    public Question(String id, String textKey, String summaryKey, Choice choice, List<Option> options, Optional<String> next) {
        this(id, textKey, summaryKey, choice, options, next, Optional.empty());
    }

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(textKey, "textKey");
        Objects.requireNonNull(summaryKey, "summaryKey");
        Objects.requireNonNull(choice, "choice");
        options = List.copyOf(options);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(whyKey, "whyKey");
    }

    public Optional<Option> option(String optionId) {
        return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    /** Where the conversation goes after this question was answered with {@code chosen}. */
    Optional<String> nextAfter(List<String> chosen) {
        if (choice == Choice.MULTIPLE) {
            return next;
        }
        return chosen.isEmpty() ? Optional.empty() : option(chosen.get(0)).flatMap(Option::next);
    }
}
