package org.backtriage.store.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.backtriage.triage.Answer;

/**
 * Answers as a compact text column: {@code question=option,option;question=option}. Tree ids
 * are lower-case letters, digits and '_', so the separators never clash.
 */
public final class SessionCodec {
    private SessionCodec() {
    }

    public static String encodeAnswers(List<Answer> answers) {
        return String.join(";", answers.stream()
                .map(a -> a.questionId() + "=" + String.join(",", a.optionIds()))
                .toList());
    }

    /** The answers, or empty if the text is not in this format. */
    static Optional<List<Answer>> decodeAnswers(String text) {
        if (text.isEmpty()) {
            return Optional.of(List.of());
        }
        List<Answer> answers = new ArrayList<>();
        for (String part : text.split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                return Optional.empty();
            }
            answers.add(new Answer(part.substring(0, eq), decodeOptions(part.substring(eq + 1))));
        }
        return Optional.of(answers);
    }

    public static String encodeOptions(List<String> optionIds) {
        return String.join(",", optionIds);
    }

    static List<String> decodeOptions(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(",", -1));
    }
}
