package org.backtriage.triage;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The body map, an extra way to answer one multiple-choice question ({@code questionId}) by
 * tapping places on a drawing of the body: its {@code regions}, and the {@code marks} that turn
 * the places tapped into that question's options, so a clinician can review the mapping as data.
 * A mark applies when every region in its {@code when} was tapped and none in its {@code unless};
 * the answer is every option of every mark that applies.
 */
public record BodyMap(String questionId, List<String> regions, List<Mark> marks) {

    public BodyMap {
        Objects.requireNonNull(questionId, "questionId");
        regions = List.copyOf(regions);
        marks = List.copyOf(marks);
    }

    /** Regions {@code when} all tapped, none of {@code unless}, answer with {@code options}. */
    public record Mark(List<String> when, List<String> unless, List<String> options) {
        public Mark {
            when = List.copyOf(when);
            unless = List.copyOf(unless);
            options = List.copyOf(options);
        }

        boolean applies(Set<String> tapped) {
            return tapped.containsAll(when) && unless.stream().noneMatch(tapped::contains);
        }
    }

    /** The options the {@code tapped} regions answer with, each once, in the order the marks give them. */
    public Set<String> options(Collection<String> tapped) {
        Set<String> regionsTapped = Set.copyOf(tapped);
        Set<String> options = new LinkedHashSet<>();
        marks.stream().filter(mark -> mark.applies(regionsTapped)).forEach(mark -> options.addAll(mark.options()));
        return options;
    }
}
