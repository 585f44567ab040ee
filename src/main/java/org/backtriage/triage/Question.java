package org.backtriage.triage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question with buttons. Single-choice questions route by the chosen option's {@code next};
 * multiple-choice questions route by their own {@code next} once the person taps Done (or an
 * exclusive option). {@code whyKey} is the short reason shown by the question's "Why?" button;
 * {@code headingKey}, when set, is the heading its answer goes under in the forwarded message
 * (e.g. the cautions a massage therapist must know), instead of the general answers. A question
 * not {@code listed} is left out of the forwarded message but for its options' own report
 * wording (a red-flag list whose "no" a later line sums up, "are you pregnant?" answered "no");
 * {@code checkInTextKey}, when set, is how a check-in asks it again ("anything new since?").
 */
public record Question(
        String id,
        String textKey,
        String summaryKey,
        Choice choice,
        List<Option> options,
        Optional<String> next,
        Optional<String> whyKey,
        Optional<String> headingKey,
        boolean listed,
        Optional<String> checkInTextKey) implements Node {

    /** A question without a "Why?" text. */
    public Question(String id, String textKey, String summaryKey, Choice choice, List<Option> options, Optional<String> next) {
        this(id, textKey, summaryKey, choice, options, next, Optional.empty());
    }

    /** A question whose answer is listed with the others in the forwarded message. */
    public Question(String id, String textKey, String summaryKey, Choice choice, List<Option> options, Optional<String> next,
                    Optional<String> whyKey) {
        this(id, textKey, summaryKey, choice, options, next, whyKey, Optional.empty());
    }

    /** A question whose answer is listed in the forwarded message, under {@code headingKey} when set, asked the same at a check-in. */
    public Question(String id, String textKey, String summaryKey, Choice choice, List<Option> options, Optional<String> next,
                    Optional<String> whyKey, Optional<String> headingKey) {
        this(id, textKey, summaryKey, choice, options, next, whyKey, headingKey, true, Optional.empty());
    }

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(textKey, "textKey");
        Objects.requireNonNull(summaryKey, "summaryKey");
        Objects.requireNonNull(choice, "choice");
        options = List.copyOf(options);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(whyKey, "whyKey");
        Objects.requireNonNull(headingKey, "headingKey");
        Objects.requireNonNull(checkInTextKey, "checkInTextKey");
    }

    /** The options shown as buttons: all but those only the body map gives. */
    public List<Option> buttons() {
        return options.stream().filter(o -> !o.mapOnly()).toList();
    }

    public Optional<Option> option(String optionId) {
        return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    /**
     * Where the conversation goes after this question was answered with {@code chosen}: on a
     * multiple choice, the first chosen option's own next (a body-map option that asks for a
     * confirmation), in option order, else the question's.
     */
    Optional<String> nextAfter(List<String> chosen) {
        if (choice == Choice.MULTIPLE) {
            return options.stream().filter(o -> chosen.contains(o.id()) && o.next().isPresent()).findFirst()
                    .flatMap(Option::next).or(() -> next);
        }
        return chosen.isEmpty() ? Optional.empty() : option(chosen.get(0)).flatMap(Option::next);
    }
}
