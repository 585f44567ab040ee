package org.backtriage.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.backtriage.triage.Answer;

/**
 * A check-in the person asked for at an ending ({@code outcomeId}): due at {@code dueAt}; then
 * asked how the back is ({@link Stage#ASKED}); then, with the answer in {@code feeling}, asked
 * the check-in's questions in turn ({@link Stage#FEELING_GIVEN}), {@code asking} naming the one
 * waiting for an answer: {@link #VISIT} (did they see the clinician, or have the massage?) or a
 * question of the tree's red-flag screen. {@code visit} holds the answer to the first once given
 * (one of {@link Visit}'s names); {@code answers} and {@code draft} are the screen's route so far,
 * as a session's are (the options ticked on a multiple-choice question in {@code draft}).
 */
public record CheckIn(Instant dueAt, Stage stage, Optional<String> feeling, Optional<String> outcomeId,
                      Optional<String> asking, Optional<String> visit, List<Answer> answers, List<String> draft) {
    /** What {@code asking} holds while the person is asked about their visit. */
    public static final String VISIT = "visit";

    public CheckIn {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(feeling, "feeling");
        Objects.requireNonNull(outcomeId, "outcomeId");
        Objects.requireNonNull(asking, "asking");
        Objects.requireNonNull(visit, "visit");
        answers = List.copyOf(answers);
        draft = List.copyOf(draft);
    }

    /** A check-in planned at ending {@code outcomeId}, due at {@code dueAt}. */
    public static CheckIn planned(Instant dueAt, String outcomeId) {
        return new CheckIn(dueAt, Stage.SCHEDULED, Optional.empty(), Optional.of(outcomeId), Optional.empty(),
                Optional.empty(), List.of(), List.of());
    }

    /** A check-in at {@code stage} that does not know the ending it was asked at and has no answers yet. */
    public CheckIn(Instant dueAt, Stage stage, Optional<String> feeling) {
        this(dueAt, stage, feeling, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    CheckIn asked() {
        return new CheckIn(dueAt, Stage.ASKED, feeling, outcomeId, Optional.empty(), visit, List.of(), List.of());
    }

    CheckIn feeling(String feeling) {
        return new CheckIn(dueAt, Stage.FEELING_GIVEN, Optional.of(feeling), outcomeId, asking, visit, answers, draft);
    }

    CheckIn askingVisit() {
        return new CheckIn(dueAt, Stage.FEELING_GIVEN, feeling, outcomeId, Optional.of(VISIT), visit, answers, draft);
    }

    CheckIn visit(Visit visit) {
        return new CheckIn(dueAt, stage, feeling, outcomeId, asking, Optional.of(visit.id()), answers, draft);
    }

    /** At the screen's question {@code questionId}, with its route so far. */
    CheckIn screening(String questionId, List<Answer> answers, List<String> draft) {
        return new CheckIn(dueAt, Stage.FEELING_GIVEN, feeling, outcomeId, Optional.of(questionId), visit, answers, draft);
    }

    /** Where a check-in stands. */
    public enum Stage {
        SCHEDULED, ASKED, FEELING_GIVEN
    }

    /** What the person said of seeing the clinician (or having the massage) they were advised to. */
    public enum Visit {
        /** After "a doctor today": they saw a doctor. */
        SEEN,
        /** Not yet: no clinician (or no massage) since. */
        NOT_YET,
        /** After "a clinician first": they saw one, who agreed to a massage. */
        AGREED,
        /** After "a clinician first": they saw one, who advised something else. */
        ADVISED,
        /** After a massage request: they had the massage, and it helped. */
        HELPED,
        /** After a massage request: they had the massage, and it did not help. */
        NOT_HELPED;

        /** The name kept in the store and in button data. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The visit kept as {@code id}, if it is one. */
        public static Optional<Visit> of(String id) {
            return java.util.Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst();
        }
    }
}
