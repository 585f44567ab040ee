package org.backtriage.triage;

import java.util.List;
import java.util.Objects;

/** The option or options a person chose for one question. */
public record Answer(String questionId, List<String> optionIds) {
    public Answer {
        Objects.requireNonNull(questionId, "questionId");
        optionIds = List.copyOf(optionIds);
    }
}
