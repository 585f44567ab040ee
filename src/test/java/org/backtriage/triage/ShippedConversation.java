package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person answering the shipped tree through the engine, tap by tap, as the engine's tests reach
 * a question or an ending; and the inputs and checks those tests write.
 */
final class ShippedConversation {
    static final String EMERGENCY_OUTCOME = "emergency_care";
    static final String URGENT_OUTCOME = "urgent_doctor";

    private final Engine engine;

    ShippedConversation(Engine engine) {
        this.engine = engine;
    }

    /** Applies the inputs from a fresh session; each must be accepted. */
    Session play(Input... inputs) {
        return play(Session.notStarted(), inputs);
    }

    Session play(Session from, Input... inputs) {
        Session session = from;
        for (Input input : inputs) {
            session = sessionAfter(engine.apply(session, input));
        }
        return session;
    }

    /** Benign answers for every question: no red flag, no reason to see a clinician first, no caution. */
    static final Map<String, List<String>> BENIGN = new LinkedHashMap<>();

    static {
        BENIGN.put("emergency", List.of("none"));
        BENIGN.put("pregnancy", List.of("no"));
        BENIGN.put("pregnancy_signs", List.of("none"));
        BENIGN.put("urgent_symptoms", List.of("none"));
        BENIGN.put("urgent_history", List.of("none"));
        BENIGN.put("lasting", List.of("none"));
        BENIGN.put("where", List.of("low_back_left"));
        BENIGN.put("feeling", List.of("dull"));
        BENIGN.put("duration", List.of("under_6w"));
        BENIGN.put("course", List.of("better"));
        BENIGN.put("severity", List.of("mild"));
        BENIGN.put("impact", List.of("neither"));
        BENIGN.put("age", List.of("20_50"));
        BENIGN.put("activities", List.of("none"));
        BENIGN.put("cautions", List.of("none"));
    }

    /** Pregnant (28 weeks or more) and no emergency sign, to the pregnancy signs. */
    Session toPregnancySigns() {
        return answerUntil("pregnancy_signs", Map.of("pregnancy", List.of("weeks_28_plus")));
    }

    /** The body paragraphs the ending's answers show, by message key. */
    static List<String> bodyShown(Step.Finished finished) {
        return finished.outcome().body().stream().filter(b -> b.shows(finished.answers())).map(Block::textKey).toList();
    }

    /** Through the first twelve questions with benign answers, to the activities question. */
    Session toActivities() {
        return answerUntil("activities", Map.of());
    }

    /** Through every question but the last with benign answers. */
    Session toCautions() {
        return answerUntil("cautions", Map.of());
    }

    /** Every question answered benignly except those in {@code answers}, tapped as a person would. */
    Step.Finished finish(Map<String, List<String>> answers) {
        Step.Finished finished = finished(answerUntil(Tree.END, answers));
        answers.forEach((question, options) -> assertThat(finished.answers()).contains(new Answer(question, options)));
        return finished;
    }

    Session answerUntil(String stop, Map<String, List<String>> answers) {
        Session session = play(begin());
        while (engine.step(session) instanceof Step.Asked asked && !asked.question().id().equals(stop)) {
            session = tap(session, asked.question(), answers.getOrDefault(asked.question().id(), BENIGN.get(asked.question().id())));
        }
        return session;
    }

    /** Answers {@code question} with {@code options} as a person taps them: one button, or each tick and then Done. */
    Session tap(Session session, Question question, List<String> options) {
        if (question.choice() == Choice.SINGLE || question.option(options.get(0)).orElseThrow().exclusive()) {
            return play(session, pick(question.id(), options.get(0)));
        }
        Session ticked = session;
        for (String option : options) {
            ticked = play(ticked, pick(question.id(), option));
        }
        return play(ticked, done(question.id()));
    }

    Step.Finished finished(Session session) {
        return expected(Step.Finished.class, engine.step(session));
    }

    static Session sessionAfter(Transition transition) {
        return switch (transition) {
            case Transition.Moved moved -> moved.session();
            case Transition.Toggled toggled -> toggled.session();
            case Transition.Rejected rejected -> fail("expected the input to be accepted, but: " + rejected);
        };
    }

    static Transition.Moved moved(Transition transition) {
        return expected(Transition.Moved.class, transition);
    }

    static Transition.Toggled toggled(Transition transition) {
        return expected(Transition.Toggled.class, transition);
    }

    static Transition.Rejected rejected(Transition transition) {
        return expected(Transition.Rejected.class, transition);
    }

    static Step.Asked asked(Step step) {
        return expected(Step.Asked.class, step);
    }

    /** {@code value} as a {@code kind}; the test fails, saying what it is instead, when it is not one. */
    private static <T> T expected(Class<T> kind, Object value) {
        assertThat(value).isInstanceOf(kind);
        return kind.cast(value);
    }

    static Session begunWith(Answer... answers) {
        return new Session(true, List.of(answers), List.of());
    }

    static Answer answer(String questionId, String optionId) {
        return new Answer(questionId, List.of(optionId));
    }

    static Input begin() {
        return new Input.Begin();
    }

    static Input back() {
        return new Input.Back();
    }

    static Input pick(String questionId, String optionId) {
        return new Input.Pick(questionId, optionId);
    }

    static final Tree MAP_TREE = ShippedContent.tree();

    static Input mark(String questionId, String... regions) {
        return new Input.Mark(questionId, Set.of(regions));
    }

    /** An answer with an option only the body map gives. */
    static boolean fromTheMap(Answer answer) {
        Question question = MAP_TREE.question(answer.questionId()).orElseThrow();
        return answer.optionIds().stream().anyMatch(id -> question.option(id).orElseThrow().mapOnly());
    }

    static Input done(String questionId) {
        return new Input.Done(questionId);
    }
}
