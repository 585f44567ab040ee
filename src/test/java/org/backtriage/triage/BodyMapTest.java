package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The body map as the engine takes it: places tapped answer "where does it hurt?", red flags confirmed at once. */
class BodyMapTest {
    static final Tree TREE = ShippedContent.tree();
    static final Engine ENGINE = new Engine(TREE);
    static final BodyMap MAP = TREE.bodyMap().orElseThrow();
    /** The places that can be a red flag, and the question that confirms each. */
    static final Map<Set<String>, String> RED_FLAGS = Map.of(
            Set.of("below_knee_left", "below_knee_right"), "where_both_legs",
            Set.of("thigh_back_left", "thigh_back_right"), "where_both_legs",
            Set.of("thigh_back_left", "below_knee_right"), "where_both_legs",
            Set.of("below_knee_left", "thigh_back_right"), "where_both_legs",
            Set.of("saddle"), "where_saddle",
            Set.of("between_shoulder_blades"), "where_shoulder_blades");

    @Test
    void theMapAnswersTheWhereQuestionWithTheRegionsOfTheContract() {
        assertThat(MAP.questionId()).isEqualTo("where");
        assertThat(MAP.regions()).containsExactly("low_back_left", "low_back_middle", "low_back_right", "buttock_left",
                "buttock_right", "hip_left", "hip_right", "thigh_back_left", "thigh_back_right", "below_knee_left",
                "below_knee_right", "groin", "saddle", "between_shoulder_blades");
    }

    @Test
    void placesTappedBecomeTheAnswersTheButtonsGive() {
        assertThat(answer("low_back_left")).containsExactly("low_back_left");
        assertThat(answer("low_back_right")).containsExactly("low_back_right");
        assertThat(answer("low_back_left", "low_back_right")).containsExactly("low_back_both");
        assertThat(answer("low_back_middle", "low_back_left")).containsExactly("low_back_both");
        assertThat(answer("hip_right", "buttock_left", "thigh_back_left")).containsExactly("buttock_hip", "thigh");
        assertThat(answer("below_knee_right")).containsExactly("below_knee");
        assertThat(answer("below_knee_left", "below_knee_right")).containsExactly("below_knee", "both_legs");
        assertThat(answer("thigh_back_left", "thigh_back_right")).containsExactly("thigh", "both_legs");
        assertThat(answer("groin")).containsExactly("groin");
    }

    @Test
    void placesThatAreNotRedFlagsGoOnToTheNextQuestionLikeTheButtons() {
        Step.Asked next = asked(ENGINE.apply(atWhere(), mark("low_back_left", "buttock_left")));

        assertThat(next.question().id()).isEqualTo("feeling");
    }

    @Test
    void everySetOfPlacesHoldingARedFlagIsConfirmedAtOnceAndNeverReachesMassageAdvice() {
        int withRedFlag = 0;
        for (List<String> tapped : Routes.regionSets(MAP)) {
            Optional<String> confirm = confirmationFor(tapped);
            Transition transition = ENGINE.apply(atWhere(), mark(tapped.toArray(String[]::new)));
            if (confirm.isEmpty()) {
                assertThat(asked(transition).question().id()).as(tapped.toString()).isEqualTo("feeling");
                continue;
            }
            withRedFlag++;
            Step.Asked asked = asked(transition);
            assertThat(asked.question().id()).as(tapped.toString()).isEqualTo(confirm.get());
            Session confirming = ((Transition.Moved) transition).session();
            // Yes ends the questions at once, with no massage request.
            Step step = ((Transition.Moved) ENGINE.apply(confirming, new Input.Pick(confirm.get(), "yes"))).step();
            Outcome outcome = ((Step.Finished) step).outcome();
            assertThat(outcome.urgency()).as(tapped.toString())
                    .isEqualTo(confirm.get().equals("where_shoulder_blades") ? Urgency.URGENT : Urgency.EMERGENCY);
            assertThat(outcome.massageRequest()).isFalse();
            // No goes back to "where does it hurt?": no route goes on with a red-flag place in its answers.
            Step back = ((Transition.Moved) ENGINE.apply(confirming, new Input.Pick(confirm.get(), "no"))).step();
            assertThat(((Step.Asked) back).question().id()).isEqualTo("where");
        }
        // Without a red flag: any places but the saddle and the shoulder blades, with the legs (the back of the thigh, below
        // the knee) tapped on one side at most: nothing on the left and any of 4 mixes on the right, or the other way round
        // (7 ways), and at least one place tapped.
        int withoutRedFlag = (1 << 8) * 7 - 1;
        assertThat(withRedFlag).isEqualTo((1 << 14) - 1 - withoutRedFlag);
    }

    @Test
    void bothLegsAndTheSaddleAreConfirmedBeforeTheShoulderBlades() {
        assertThat(asked(ENGINE.apply(atWhere(), mark("saddle", "between_shoulder_blades"))).question().id())
                .isEqualTo("where_saddle");
        assertThat(asked(ENGINE.apply(atWhere(), mark("saddle", "below_knee_left", "below_knee_right"))).question().id())
                .isEqualTo("where_both_legs");
    }

    @Test
    void bothThighsAskTheBothLegsSignAndYesIsAnEmergency() {
        Transition.Moved moved = (Transition.Moved) ENGINE.apply(atWhere(), mark("thigh_back_left", "thigh_back_right"));

        Step.Asked asked = (Step.Asked) moved.step();
        assertThat(asked.question().id()).isEqualTo("where_both_legs");
        assertThat(asked.question().textKey()).isEqualTo("q.where_both_legs.text");
        Step.Finished finished = (Step.Finished) ((Transition.Moved) ENGINE.apply(moved.session(),
                new Input.Pick("where_both_legs", "yes"))).step();
        assertThat(finished.outcome().id()).isEqualTo("emergency_care");
        assertThat(finished.signs()).containsExactly(new Answer("where_both_legs", List.of("yes")));
    }

    @Test
    void noOnTheConfirmationBringsBackOnlyTheTicksTheButtonsCanUndo() {
        Session confirming = ((Transition.Moved) ENGINE.apply(atWhere(), mark("low_back_middle", "saddle"))).session();

        Transition.Moved back = (Transition.Moved) ENGINE.apply(confirming, new Input.Pick("where_saddle", "no"));

        assertThat(((Step.Asked) back.step()).selection()).containsExactly("low_back_both");
        assertThat(back.session().answers()).extracting(Answer::questionId)
                .containsExactly("emergency", "pregnancy", "urgent_symptoms", "urgent_history", "lasting");
    }

    @Test
    void theMapReplacesTicksAlreadyMade() {
        Session ticked = ((Transition.Toggled) ENGINE.apply(atWhere(), new Input.Pick("where", "thigh"))).session();

        Transition.Moved moved = (Transition.Moved) ENGINE.apply(ticked, mark("hip_left"));

        assertThat(moved.answered().orElseThrow().answer()).isEqualTo(new Answer("where", List.of("buttock_hip")));
    }

    @Test
    void theMapOnAnotherQuestionIsStale() {
        Session atFeeling = ((Transition.Moved) ENGINE.apply(atWhere(), mark("hip_left"))).session();

        Transition transition = ENGINE.apply(atFeeling, mark("hip_left"));

        assertThat(transition).isInstanceOf(Transition.Rejected.class);
        assertThat(((Transition.Rejected) transition).reason()).isEqualTo(Transition.Rejection.STALE);
        assertThat(((Transition.Rejected) ENGINE.apply(atFeeling, new Input.Mark("feeling", Set.of("hip_left")))).reason())
                .isEqualTo(Transition.Rejection.STALE);
    }

    @Test
    void anOptionOnlyTheMapGivesCannotBeTickedWithAButton() {
        Transition forged = ENGINE.apply(atWhere(), new Input.Pick("where", "saddle_area"));

        assertThat(((Transition.Rejected) forged).reason()).isEqualTo(Transition.Rejection.STALE);
    }

    @Test
    void aSavedSessionAnsweredOnTheMapStillFitsTheTree() {
        Session confirming = ((Transition.Moved) ENGINE.apply(atWhere(), mark("between_shoulder_blades", "hip_left"))).session();

        assertThat(ENGINE.fits(confirming)).isTrue();
        assertThat(((Step.Asked) ENGINE.step(confirming)).progress()).isEqualTo(new Progress(7, 7));
    }

    /** The red-flag confirmation tapping these places asks first, if any. */
    private static Optional<String> confirmationFor(List<String> tapped) {
        List<String> order = List.of("where_both_legs", "where_saddle", "where_shoulder_blades");
        List<String> asked = new ArrayList<>();
        RED_FLAGS.forEach((places, question) -> {
            if (tapped.containsAll(places)) {
                asked.add(question);
            }
        });
        return asked.stream().min((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
    }

    private static List<String> answer(String... tapped) {
        return ((Transition.Moved) ENGINE.apply(atWhere(), mark(tapped))).answered().orElseThrow().answer().optionIds();
    }

    private static Session atWhere() {
        return new Session(true, List.of(new Answer("emergency", List.of("none")), new Answer("pregnancy", List.of("no")),
                new Answer("urgent_symptoms", List.of("none")), new Answer("urgent_history", List.of("none")),
                new Answer("lasting", List.of("none"))), List.of());
    }

    private static Input mark(String... regions) {
        return new Input.Mark("where", Set.of(regions));
    }

    private static Step.Asked asked(Transition transition) {
        return (Step.Asked) ((Transition.Moved) transition).step();
    }
}
