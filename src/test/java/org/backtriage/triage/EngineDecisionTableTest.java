package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backtriage.triage.ShippedConversation.EMERGENCY_OUTCOME;
import static org.backtriage.triage.ShippedConversation.URGENT_OUTCOME;
import static org.backtriage.triage.ShippedConversation.answer;
import static org.backtriage.triage.ShippedConversation.asked;
import static org.backtriage.triage.ShippedConversation.begin;
import static org.backtriage.triage.ShippedConversation.bodyShown;
import static org.backtriage.triage.ShippedConversation.done;
import static org.backtriage.triage.ShippedConversation.mark;
import static org.backtriage.triage.ShippedConversation.moved;
import static org.backtriage.triage.ShippedConversation.pick;
import static org.backtriage.triage.ShippedConversation.sessionAfter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which ending the shipped tree's rules give, and what each ending shows, for the answers that decide it. */
class EngineDecisionTableTest {
    private final Tree tree = ShippedContent.tree();
    private final Engine engine = new Engine(tree);
    private final ShippedConversation person = new ShippedConversation(engine);

    @Nested
    class DecisionTable {

        @Test
        void rulesAreTheRowsTestedHereInThisOrder() {
            // A new row needs its own test below.
            assertThat(tree.rules()).extracting(Rule::id).containsExactly(
                    "emergency_ambulance", "pregnancy_ambulance", "emergency_sign", "marked_both_legs", "marked_saddle",
                    "emergency_unsure", "pregnancy_sign", "pregnancy_unsure", "urgent_symptom", "marked_shoulder_blades",
                    "urgent_history", "lasting_not_examined", "lasting_changed", "urgent_symptoms_unsure",
                    "urgent_history_unsure", "lasting_unsure", "below_knee", "groin", "nerve_pain", "long_lasting",
                    "not_improving", "getting_worse", "severe", "daily_life", "coping", "young", "older", "sharp_pain",
                    "ql_activity", "otherwise");
        }

        @Test
        void chestOrSuddenSevereTummyPainEndsWithAnAmbulanceNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = person.finished(person.play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest")));

            assertThat(finished.outcome().id()).isEqualTo("emergency_ambulance");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.reasonKeys()).isEmpty();
            assertThat(finished.signs()).containsExactly(answer("emergency_which", "chest"));
            assertThat(finished.answers()).containsExactly(answer("emergency", "yes"), answer("emergency_which", "chest"));
            assertThat(bodyShown(finished)).containsExactly("outcome.ambulance.body");
        }

        @Test
        void heavyBleedingOrConstantPainInPregnancyEndsWithAnAmbulanceToldOfThePregnancy() {
            for (String sign : List.of("heavy_bleeding", "constant_pain")) {
                Step.Finished finished = person.finished(person.play(person.toPregnancySigns(), pick("pregnancy_signs", "yes"),
                        pick("pregnancy_signs_which", sign)));

                assertThat(finished.outcome().id()).as(sign).isEqualTo("emergency_ambulance");
                assertThat(finished.outcome().massageRequest()).isFalse();
                assertThat(finished.signs()).containsExactly(answer("pregnancy_signs_which", sign));
                assertThat(bodyShown(finished)).containsExactly("outcome.ambulance.body", "outcome.ambulance.pregnant");
            }
        }

        @Test
        void emergencySignEndsWithEmergencyCareNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = person.finished(person.play(begin(), pick("emergency", "yes"), pick("emergency_which", "saddle")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.reasonKeys()).isEmpty();
            assertThat(finished.signs()).containsExactly(answer("emergency_which", "saddle"));
            assertThat(finished.answers()).containsExactly(answer("emergency", "yes"), answer("emergency_which", "saddle"));
        }

        @Test
        void bothLegsMarkedOnTheMapAndConfirmedEndWithEmergencyCare() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("where", Map.of()), mark("where", "below_knee_left", "below_knee_right"),
                    pick("where_both_legs", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_both_legs", "yes"));
        }

        @Test
        void theSaddleAreaMarkedOnTheMapAndConfirmedEndsWithEmergencyCare() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("where", Map.of()), mark("where", "saddle", "low_back_left"),
                    pick("where_saddle", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_saddle", "yes"));
        }

        @Test
        void notSureOfAnEmergencySignEndsWithHelpNowNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = person.finished(person.play(begin(), pick("emergency", "not_sure"), pick("emergency_unsure", "bladder_bowel")));

            assertThat(finished.outcome().id()).isEqualTo("help_now");
            // Not sure of an emergency sign is the emergency tier: help now, not tomorrow.
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("emergency_unsure", "bladder_bowel"));
        }

        @Test
        void aPregnancySignEndsWithTheMaternityUnitNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = person.finished(person.play(person.toPregnancySigns(), pick("pregnancy_signs", "yes"),
                    pick("pregnancy_signs_which", "waves")));

            assertThat(finished.outcome().id()).isEqualTo("maternity_now");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("pregnancy_signs_which", "waves"));
        }

        @Test
        void notSureOfAPregnancySignEvenHeavyBleedingEndsWithTheMaternityUnitNamingIt() {
            Step.Finished finished = person.finished(person.play(person.toPregnancySigns(), pick("pregnancy_signs", "not_sure"),
                    pick("pregnancy_signs_unsure", "heavy_bleeding")));

            assertThat(finished.outcome().id()).isEqualTo("maternity_unsure");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("pregnancy_signs_unsure", "heavy_bleeding"));
        }

        @Test
        void urgentSymptomEndsWithADoctorTodayNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("urgent_symptoms", Map.of()), pick("urgent_symptoms", "yes"),
                    pick("urgent_symptoms_which", "shoulder_blades")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("urgent_symptoms_which", "shoulder_blades"));
        }

        @Test
        void painBetweenTheShoulderBladesMarkedOnTheMapAndConfirmedEndsWithADoctorToday() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("where", Map.of()), mark("where", "between_shoulder_blades"),
                    pick("where_shoulder_blades", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_shoulder_blades", "yes"));
        }

        @Test
        void urgentHealthHistoryEndsWithADoctorTodayNamingTheSign() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("urgent_history", Map.of()), pick("urgent_history", "yes"),
                    pick("urgent_history_which", "spine_procedure")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("urgent_history_which", "spine_procedure"));
        }

        @Test
        void aLastingConditionNoDoctorHasExaminedThisPainForEndsWithADoctorTodayNamingIt() {
            for (String examined : List.of("no", "not_sure")) {
                Step.Finished finished = person.finished(person.play(person.answerUntil("lasting", Map.of()), pick("lasting", "yes"),
                        pick("lasting_which", "immune"), pick("lasting_which", "cancer"), done("lasting_which"),
                        pick("lasting_examined", examined)));

                assertThat(finished.outcome().id()).as(examined).isEqualTo(URGENT_OUTCOME);
                assertThat(finished.signs()).as(examined).containsExactly(new Answer("lasting_which", List.of("cancer", "immune")),
                        answer("lasting_examined", examined));
            }
        }

        @Test
        void aLastingConditionWhosePainChangedSinceTheDoctorExaminedItEndsWithADoctorTodayNamingIt() {
            for (String since : List.of("changed", "not_sure")) {
                Step.Finished finished = person.finished(person.play(person.answerUntil("lasting", Map.of()), pick("lasting", "yes"),
                        pick("lasting_which", "osteoporosis"), done("lasting_which"), pick("lasting_examined", "specialist"),
                        pick("lasting_when", "over_6w"), pick("lasting_unchanged", since)));

                assertThat(finished.outcome().id()).as(since).isEqualTo(URGENT_OUTCOME);
                assertThat(finished.signs()).as(since).containsExactly(answer("lasting_which", "osteoporosis"),
                        answer("lasting_unchanged", since));
            }
        }

        @Test
        void aLastingConditionADoctorExaminedWithThePainUnchangedSinceChangesNoEnding() {
            Step.Finished finished = person.finish(Map.of("lasting", List.of("yes"), "lasting_which", List.of("cancer"),
                    "lasting_examined", List.of("gp"), "lasting_when", List.of("last_2w"), "lasting_unchanged", List.of("same")));

            assertThat(finished.outcome().id()).isEqualTo("general");
            assertThat(finished.reasonKeys()).isEmpty();
        }

        @Test
        void notSureOfAnUrgentSymptomEndsWithADoctorTodayNamingIt() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("urgent_symptoms", Map.of()), pick("urgent_symptoms", "not_sure"),
                    pick("urgent_symptoms_unsure", "rest_night")));

            assertThat(finished.outcome().id()).isEqualTo("urgent_unsure");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("urgent_symptoms_unsure", "rest_night"));
        }

        @Test
        void notSureOfTheHealthHistoryEndsWithADoctorTodayNamingIt() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("urgent_history", Map.of()), pick("urgent_history", "not_sure"),
                    pick("urgent_history_unsure", "infection")));

            assertThat(finished.outcome().id()).isEqualTo("urgent_unsure");
            assertThat(finished.signs()).containsExactly(answer("urgent_history_unsure", "infection"));
        }

        @Test
        void notSureOfALastingConditionEndsWithADoctorTodayNamingIt() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("lasting", Map.of()), pick("lasting", "not_sure"),
                    pick("lasting_unsure", "osteoporosis")));

            assertThat(finished.outcome().id()).isEqualTo("urgent_unsure");
            assertThat(finished.signs()).containsExactly(answer("lasting_unsure", "osteoporosis"));
        }

        @Test
        void theGroinMarkedOnTheMapNeedsAClinicianFirst() {
            Step.Finished finished = person.finished(person.play(person.answerUntil("where", Map.of()), mark("where", "hip_left", "groin"),
                    pick("feeling", "dull"), done("feeling"), pick("duration", "under_6w"), pick("course", "better"),
                    pick("severity", "mild"), pick("impact", "neither"), pick("age", "20_50"), pick("activities", "none"),
                    pick("cautions", "none")));

            assertThat(finished.answers()).contains(new Answer("where", List.of("buttock_hip", "groin")));
            assertClinicianFirst(finished, "reason.groin");
        }

        @Test
        void theGroinTickedWithAButtonNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("where", List.of("low_back_right", "groin"))), "reason.groin");
        }

        @Test
        void painBelowTheKneeNeedsAClinicianFirstEvenWithButtockPain() {
            assertClinicianFirst(person.finish(Map.of("where", List.of("buttock_hip", "below_knee"))), "reason.below_knee");
        }

        @Test
        void burningOrTinglingPainNeedsAClinicianFirstEvenWhenItIsAlsoSharp() {
            assertClinicianFirst(person.finish(Map.of("feeling", List.of("sharp", "nerve"))), "reason.nerve_pain");
        }

        @Test
        void painOverThreeMonthsNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("duration", List.of("over_3m"))), "reason.long_lasting");
        }

        @Test
        void painNotImprovingAfterSixWeeksNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("duration", List.of("6w_3m"), "course", List.of("same"))), "reason.not_improving");
            assertThat(person.finish(Map.of("duration", List.of("6w_3m"), "course", List.of("better"))).outcome().id()).isEqualTo("general");
            assertThat(person.finish(Map.of("course", List.of("same"))).outcome().id()).isEqualTo("general");
        }

        @Test
        void painGettingWorseNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("course", List.of("worse"))), "reason.getting_worse");
        }

        @Test
        void severePainNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("severity", List.of("severe"))), "reason.severe");
        }

        @Test
        void painStoppingDailyActivitiesNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("impact", List.of("daily"))), "reason.daily_life");
        }

        @Test
        void beingWorriedOrStrugglingToCopeNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("impact", List.of("coping"))), "reason.coping");
        }

        @Test
        void backPainStartingBeforeTwentyNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("age", List.of("under_20"))), "reason.young");
        }

        @Test
        void backPainStartingAfterFiftyNeedsAClinicianFirst() {
            assertClinicianFirst(person.finish(Map.of("age", List.of("over_50"))), "reason.older");
        }

        @Test
        void sharpPainWithNoneOfTheActivitiesFitsTheQlPattern() {
            assertQlPattern(person.finish(Map.of("feeling", List.of("sharp"))));
        }

        @Test
        void eachQlActivityAloneFitsTheQlPattern() {
            for (String activity : List.of("lifting", "sink", "slumped", "running")) {
                assertThat(person.finish(Map.of("activities", List.of(activity))).outcome().id()).as(activity).isEqualTo("ql_pattern");
            }
        }

        @Test
        void dullAcheWithNoQlActivityAndNoReasonIsGeneral() {
            Step.Finished finished = person.finish(Map.of());

            assertThat(finished.outcome().id()).isEqualTo("general");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.ROUTINE);
            assertThat(finished.outcome().massageRequest()).isTrue();
            assertThat(finished.reasonKeys()).isEmpty();
        }

        @Test
        void cautionsChangeNoEndingButPregnancyChangesThePositions() {
            Step.Finished pregnant = person.finish(Map.of("feeling", List.of("sharp"), "pregnancy", List.of("weeks_13_27"),
                    "cautions", List.of("blood_thinners", "skin")));
            Step.Finished notPregnant = person.finish(Map.of("feeling", List.of("sharp"), "cautions", List.of("blood_thinners", "skin")));

            assertQlPattern(pregnant);
            assertQlPattern(notPregnant);
            assertThat(bodyShown(pregnant)).contains("request.plan_pregnant").doesNotContain("request.plan");
            assertThat(bodyShown(notPregnant)).contains("request.plan").doesNotContain("request.plan_pregnant");
        }

        @Test
        void severalClinicianFirstReasonsAreAllGivenInRuleOrder() {
            Step.Finished finished = person.finish(Map.of("where", List.of("below_knee"), "feeling", List.of("nerve"),
                    "duration", List.of("over_3m"), "course", List.of("worse"), "severity", List.of("severe"),
                    "impact", List.of("daily", "coping"), "age", List.of("over_50"), "activities", List.of("sink")));

            assertClinicianFirst(finished, "reason.below_knee", "reason.nerve_pain", "reason.long_lasting",
                    "reason.getting_worse", "reason.severe", "reason.daily_life", "reason.coping", "reason.older");
        }

        @Test
        void clinicianFirstWinsOverTheQlPattern() {
            assertClinicianFirst(person.finish(Map.of("feeling", List.of("sharp"), "age", List.of("under_20"),
                    "activities", List.of("lifting", "sink"))), "reason.young");
        }

        private void assertClinicianFirst(Step.Finished finished, String... reasonKeys) {
            assertThat(finished.outcome().id()).isEqualTo("clinician_first");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.SOON);
            assertThat(finished.reasonKeys()).containsExactly(reasonKeys);
        }

        private void assertQlPattern(Step.Finished finished) {
            assertThat(finished.outcome().id()).isEqualTo("ql_pattern");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.ROUTINE);
            assertThat(finished.outcome().massageRequest()).isTrue();
            // ql_pattern has no reasons heading, so its rules give no reasons to show.
            assertThat(finished.reasonKeys()).isEmpty();
        }
    }

    /**
     * Rule and route behaviour the shipped tree cannot show (its reason rules all choose one
     * outcome, and no option leads straight to an outcome), on a tree built here:
     * pain (single): sharp, dull, burning -> act; fell -> fall (an outcome)
     * act (multiple, next end): sink, lift, none (exclusive)
     */
    @Nested
    class RulesOnATreeBuiltHere {
        private final Engine built = new Engine(new Tree("test", "pain",
                List.of(new Question("pain", "q.pain", "s.pain", Choice.SINGLE, List.of(
                                Option.to("sharp", "l.sharp", "act"),
                                Option.to("dull", "l.dull", "act"),
                                Option.to("burning", "l.burning", "act"),
                                Option.to("fell", "l.fell", "fall")), Optional.empty()),
                        new Question("act", "q.act", "s.act", Choice.MULTIPLE, List.of(
                                Option.tick("sink", "l.sink"),
                                Option.tick("lift", "l.lift"),
                                Option.noneOfThese("none", "l.none")), Optional.of(Tree.END))),
                List.of(ending("doctor", Urgency.SOON), ending("ql", Urgency.ROUTINE), ending("general", Urgency.ROUTINE),
                        ending("fall", Urgency.EMERGENCY)),
                List.of(rule("nerve", "doctor", "reason.burning", "pain", List.of("burning")),
                        rule("nerve_again", "doctor", "reason.burning", "pain", List.of("burning")),
                        rule("sharp", "ql", "reason.sharp", "pain", List.of("sharp")),
                        rule("sink", "ql", "reason.sink", "act", List.of("sink")),
                        new Rule("dull_lift", Map.of("pain", List.of("dull"), "act", List.of("lift")), "doctor",
                                Optional.of("reason.dull_lift")),
                        new Rule("otherwise", Map.of(), "general", Optional.empty()))));

        @Test
        void reasonsComeOnlyFromRulesChoosingTheWinningOutcome() {
            Step.Finished finished = end("burning", "sink");

            assertThat(finished.outcome().id()).isEqualTo("doctor");
            assertThat(finished.reasonKeys()).containsExactly("reason.burning");
        }

        @Test
        void reasonGivenByTwoRulesIsListedOnce() {
            assertThat(end("burning", "none").reasonKeys()).containsExactly("reason.burning");
        }

        @Test
        void everyMatchingRuleOfTheWinningOutcomeGivesItsReasonInRuleOrder() {
            Step.Finished finished = end("sharp", "sink");

            assertThat(finished.outcome().id()).isEqualTo("ql");
            assertThat(finished.reasonKeys()).containsExactly("reason.sharp", "reason.sink");
        }

        @Test
        void firstMatchingRuleWinsOverALaterOneForAnotherOutcome() {
            Step.Finished finished = end("dull", "sink", "lift");

            assertThat(finished.outcome().id()).isEqualTo("ql");
            assertThat(finished.reasonKeys()).containsExactly("reason.sink");
        }

        @Test
        void ruleWithTwoConditionsNeedsBoth() {
            assertThat(end("dull", "lift").outcome().id()).isEqualTo("doctor");
            assertThat(end("dull", "lift").reasonKeys()).containsExactly("reason.dull_lift");
            assertThat(end("sharp", "lift").outcome().id()).isEqualTo("ql");
            assertThat(end("dull", "none").outcome().id()).isEqualTo("general");
        }

        @Test
        void optionLeadingStraightToAnOutcomeEndsThereWithoutReasons() {
            Session session = sessionAfter(built.apply(Session.begun(), pick("pain", "fell")));

            Step.Finished finished = (Step.Finished) built.step(session);

            assertThat(finished.outcome().id()).isEqualTo("fall");
            assertThat(finished.reasonKeys()).isEmpty();
            assertThat(finished.answers()).containsExactly(answer("pain", "fell"));
        }

        @Test
        void totalStepsCountTheLongestRouteFromHere() {
            Step.Asked first = asked(built.step(Session.begun()));
            Step.Asked second = asked(built.step(sessionAfter(built.apply(Session.begun(), pick("pain", "dull")))));

            assertThat(first.progress()).isEqualTo(new Progress(1, 2));
            assertThat(second.progress()).isEqualTo(new Progress(2, 2));
        }

        private Step.Finished end(String pain, String... activities) {
            Session session = sessionAfter(built.apply(Session.begun(), pick("pain", pain)));
            for (String activity : activities) {
                session = sessionAfter(built.apply(session, pick("act", activity)));
            }
            // "none" answers at once; any other tick waits for Done.
            Step step = built.step(session) instanceof Step.Finished ? built.step(session)
                    : moved(built.apply(session, done("act"))).step();
            assertThat(step).isInstanceOf(Step.Finished.class);
            return (Step.Finished) step;
        }

        private static Outcome ending(String id, Urgency urgency) {
            return Outcome.builder(id, urgency).title("t." + id).clinician("c." + id).reasons("r." + id).showAnswers(true)
                    .massageRequest(!urgency.isRedFlag()).build();
        }

        private static Rule rule(String id, String outcomeId, String reasonKey, String questionId, List<String> optionIds) {
            return new Rule(id, Map.of(questionId, optionIds), outcomeId, Optional.of(reasonKey));
        }
    }
}
