package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The conversation rules, driven through the shipped tree in config/triage-tree.json. */
class EngineTest {
    private static final String EMERGENCY_OUTCOME = "emergency_care";
    private static final String URGENT_OUTCOME = "urgent_doctor";

    private final Tree tree = ShippedContent.tree();
    private final Engine engine = new Engine(tree);

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS) // walk the routes once for all the tests
    class EveryKindOfRoute {
        private final List<Path> paths = allPaths();

        @Test
        void everyRouteEndsInAnOutcomeWithTheAnswersGivenOnTheWay() {
            assertThat(paths).hasSize(3 + 3 * 7 * 3 * 3 * 2 * 4 * 3 * 2 * 4);
            assertThat(paths).allSatisfy(path ->
                    assertThat(path.ending().answers()).as("answers recorded on the way").isEqualTo(path.answers()));
        }

        @Test
        void everyOutcomeIsReachedByAtLeastOneRoute() {
            Set<String> reached = paths.stream().map(p -> p.ending().outcome().id()).collect(Collectors.toSet());

            assertThat(reached).containsExactlyInAnyOrderElementsOf(tree.outcomes().stream().map(Outcome::id).toList());
        }

        @Test
        void aRedFlagSignEndsTheQuestionsAtOnceWithEmergencyOrUrgentCareAndNoMassageRequest() {
            int redFlagPaths = 0;
            for (Path path : paths) {
                Outcome outcome = path.ending().outcome();
                Answer last = path.answers().get(path.answers().size() - 1);
                if (last.questionId().equals("emergency")) {
                    redFlagPaths++;
                    assertThat(outcome.id()).as(path.toString()).isEqualTo(EMERGENCY_OUTCOME);
                    assertThat(outcome.massageRequest()).isFalse();
                } else if (last.questionId().startsWith("urgent_")) {
                    redFlagPaths++;
                    assertThat(outcome.id()).as(path.toString()).isEqualTo(URGENT_OUTCOME);
                    assertThat(outcome.massageRequest()).isFalse();
                } else {
                    assertThat(outcome.urgency().isRedFlag()).as(path.toString()).isFalse();
                    assertThat(path.answers()).hasSize(12);
                }
            }
            assertThat(redFlagPaths).isEqualTo(3);
        }

        @Test
        void progressCountsUpToTwelveOnEveryRoute() {
            // Checked while walking: question n of a route is "Step n of 12".
            assertThat(paths).allSatisfy(path -> assertThat(path.progress())
                    .containsExactlyElementsOf(expectedProgress(path.answers().size())));
        }

        private List<Progress> expectedProgress(int questions) {
            List<Progress> expected = new ArrayList<>();
            for (int step = 1; step <= questions; step++) {
                expected.add(new Progress(step, 12));
            }
            return expected;
        }

        /** One route of every kind (see {@link Routes}), each played through the engine as a person would tap it. */
        private List<Path> allPaths() {
            List<Path> paths = new ArrayList<>();
            // As the buttons answer: the body map's own routes are BodyMapTest's.
            Routes.forEachKind(tree, answers -> {
                if (answers.stream().noneMatch(EngineTest::fromTheMap)) {
                    paths.add(play(List.copyOf(answers)));
                }
            });
            return paths;
        }

        private Path play(List<Answer> answers) {
            Session session = sessionAfter(engine.apply(Session.notStarted(), new Input.Begin()));
            List<Progress> progress = new ArrayList<>();
            List<Answer> answered = new ArrayList<>();
            for (Answer answer : answers) {
                Step.Asked asked = asked(engine.step(session));
                Question question = asked.question();
                assertThat(question.id()).isEqualTo(answer.questionId());
                progress.add(asked.progress());
                Transition transition;
                boolean exclusive = question.option(answer.optionIds().get(0)).orElseThrow().exclusive();
                if (question.choice() == Choice.SINGLE || exclusive) {
                    transition = engine.apply(session, pick(question.id(), answer.optionIds().get(0)));
                } else {
                    Session ticked = session;
                    for (String optionId : answer.optionIds()) {
                        ticked = sessionAfter(engine.apply(ticked, pick(question.id(), optionId)));
                    }
                    assertThat(((Step.Asked) engine.step(ticked)).selection()).isEqualTo(answer.optionIds());
                    transition = engine.apply(ticked, done(question.id()));
                }
                Transition.Moved moved = moved(transition);
                assertThat(moved.answered()).contains(new Transition.Answered(question, answer));
                answered.add(answer);
                session = moved.session();
            }
            return new Path(answered, progress, finished(session));
        }
    }

    @Nested
    class ProgressThroughTheQuestions {

        @Test
        void firstQuestionIsStepOneOfTwelve() {
            Step.Asked asked = asked(engine.step(play(begin())));

            assertThat(asked.question().id()).isEqualTo("emergency");
            assertThat(asked.progress()).isEqualTo(new Progress(1, 12));
            assertThat(asked.canGoBack()).isFalse();
        }

        @Test
        void noEmergencySignsLeadsToStepTwoOfTwelve() {
            Step.Asked asked = asked(engine.step(play(begin(), pick("emergency", "none"))));

            assertThat(asked.question().id()).isEqualTo("urgent_symptoms");
            assertThat(asked.progress()).isEqualTo(new Progress(2, 12));
            assertThat(asked.canGoBack()).isTrue();
        }

        @Test
        void cautionsQuestionIsStepTwelveOfTwelve() {
            Step.Asked asked = asked(engine.step(toCautions()));

            assertThat(asked.question().id()).isEqualTo("cautions");
            assertThat(asked.progress()).isEqualTo(new Progress(12, 12));
        }

        @Test
        void backCountsTheStepDownAgain() {
            Session atUrgent = play(begin(), pick("emergency", "none"));

            Step.Asked backAtFirst = asked(moved(engine.apply(atUrgent, back())).step());
            Step.Asked backAtActivities = asked(moved(engine.apply(toCautions(), back())).step());

            assertThat(backAtFirst.progress()).isEqualTo(new Progress(1, 12));
            assertThat(backAtActivities.question().id()).isEqualTo("activities");
            assertThat(backAtActivities.progress()).isEqualTo(new Progress(11, 12));
        }
    }

    @Nested
    class Back {

        @Test
        void backUndoesTheLastAnswerAndAsksItAgain() {
            Session atUrgentHistory = play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none"));

            Transition.Moved moved = moved(engine.apply(atUrgentHistory, back()));

            assertThat(moved.session().answers()).containsExactly(answer("emergency", "none"));
            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("urgent_symptoms");
            assertThat(asked.selection()).isEmpty();
            assertThat(moved.answered()).isEmpty();
        }

        @Test
        void backToAMultipleChoiceQuestionBringsBackItsTicks() {
            Session atCautions = play(toActivities(), pick("activities", "sink"), pick("activities", "running"),
                    done("activities"));

            Transition.Moved moved = moved(engine.apply(atCautions, back()));

            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("activities");
            assertThat(asked.selection()).containsExactly("sink", "running");
            assertThat(moved.session().draft()).containsExactly("sink", "running");
            assertThat(moved.session().answers()).hasSize(10);
        }

        @Test
        void backFromAnEndingReturnsToTheLastQuestion() {
            Session finished = play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "lump"));
            assertThat(engine.step(finished)).isInstanceOf(Step.Finished.class);

            Transition.Moved moved = moved(engine.apply(finished, back()));

            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("urgent_symptoms");
            assertThat(asked.progress()).isEqualTo(new Progress(2, 12));
            assertThat(moved.session().answers()).containsExactly(answer("emergency", "none"));
        }

        @Test
        void backFromTheEmergencyEndingReturnsToTheFirstQuestion() {
            Session finished = play(begin(), pick("emergency", "chest"));

            Step.Asked asked = asked(moved(engine.apply(finished, back())).step());

            assertThat(asked.question().id()).isEqualTo("emergency");
            assertThat(asked.canGoBack()).isFalse();
        }

        @Test
        void backAtTheFirstQuestionIsRejectedAsNothingToUndo() {
            Session atFirst = play(begin());

            Transition.Rejected rejected = rejected(engine.apply(atFirst, back()));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOTHING_TO_UNDO);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("emergency");
        }
    }

    @Nested
    class Toggles {

        @Test
        void noneAnswersAtOnceAndDropsTheOtherTicks() {
            Session session = play(toActivities(), pick("activities", "lifting"), pick("activities", "sink"));

            Transition.Moved moved = moved(engine.apply(session, pick("activities", "none")));

            assertThat(moved.answered().orElseThrow().answer()).isEqualTo(answer("activities", "none"));
            assertThat(asked(moved.step()).question().id()).isEqualTo("cautions");
        }

        @Test
        void tickingAnotherOptionClearsNoneBroughtBackByBack() {
            Session session = backToActivitiesAnsweredNone();

            Transition.Toggled toggled = toggled(engine.apply(session, pick("activities", "sink")));

            assertThat(toggled.step().selection()).containsExactly("sink");
        }

        @Test
        void tickingATickedOptionUnticksIt() {
            Session session = play(toActivities(), pick("activities", "sink"), pick("activities", "running"));

            Transition.Toggled toggled = toggled(engine.apply(session, pick("activities", "sink")));

            assertThat(toggled.step().selection()).containsExactly("running");
        }

        @Test
        void noneBroughtBackByBackAnswersAgainWhenTappedOrDone() {
            Session session = backToActivitiesAnsweredNone();
            assertThat(asked(engine.step(session)).selection()).containsExactly("none");

            assertThat(moved(engine.apply(session, pick("activities", "none"))).answered().orElseThrow().answer())
                    .isEqualTo(answer("activities", "none"));
            assertThat(moved(engine.apply(session, done("activities"))).answered().orElseThrow().answer())
                    .isEqualTo(answer("activities", "none"));
        }

        private Session backToActivitiesAnsweredNone() {
            return moved(engine.apply(play(toActivities(), pick("activities", "none")), back())).session();
        }

        @Test
        void selectionFollowsTheButtonOrderNotTheTapOrder() {
            Session session = play(toActivities(), pick("activities", "running"), pick("activities", "lifting"),
                    pick("activities", "slumped"));

            Transition.Moved moved = moved(engine.apply(session, done("activities")));

            assertThat(moved.answered().orElseThrow().answer().optionIds()).containsExactly("lifting", "slumped", "running");
        }

        @Test
        void toggleStaysOnTheQuestionWithoutAnsweringIt() {
            Transition.Toggled toggled = toggled(engine.apply(toActivities(), pick("activities", "sink")));

            assertThat(toggled.step().question().id()).isEqualTo("activities");
            assertThat(toggled.step().progress()).isEqualTo(new Progress(11, 12));
            assertThat(toggled.session().answers()).hasSize(10);
        }

        @Test
        void doneWithNothingTickedIsRejected() {
            Transition.Rejected rejected = rejected(engine.apply(toActivities(), done("activities")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOTHING_SELECTED);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("activities");
        }

        @Test
        void doneAfterUntickingEverythingIsRejected() {
            Session session = play(toActivities(), pick("activities", "sink"), pick("activities", "sink"));

            Transition.Rejected rejected = rejected(engine.apply(session, done("activities")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOTHING_SELECTED);
        }

        @Test
        void doneOnASingleChoiceQuestionIsStale() {
            Transition.Rejected rejected = rejected(engine.apply(play(begin()), done("emergency")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
        }
    }

    @Nested
    class StaleInput {

        @Test
        void pickForAnotherQuestionIsStaleAndChangesNothing() {
            Session atUrgent = play(begin(), pick("emergency", "none"));
            Step before = engine.step(atUrgent);

            Transition.Rejected rejected = rejected(engine.apply(atUrgent, pick("where", "low_back_one_side")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(rejected.current()).isEqualTo(before);
            assertThat(engine.step(atUrgent)).isEqualTo(before);
        }

        @Test
        void pickFromAnEarlierQuestionsButtonIsStale() {
            Session atUrgent = play(begin(), pick("emergency", "none"));

            Transition.Rejected rejected = rejected(engine.apply(atUrgent, pick("emergency", "chest")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("urgent_symptoms");
        }

        @Test
        void pickOfAnUnknownOptionIsStale() {
            Transition.Rejected rejected = rejected(engine.apply(play(begin()), pick("emergency", "maybe")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("emergency");
        }

        @Test
        void doneForAnotherQuestionIsStale() {
            Session session = play(toActivities(), pick("activities", "sink"));

            Transition.Rejected rejected = rejected(engine.apply(session, done("age")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).selection()).containsExactly("sink");
        }

        @Test
        void anyPickAfterTheEndingIsStale() {
            Session finished = play(begin(), pick("emergency", "chest"));
            Step ending = engine.step(finished);

            for (Input input : List.of(pick("emergency", "none"), pick("urgent_symptoms", "none"), pick("activities", "sink"),
                    done("activities"))) {
                Transition.Rejected rejected = rejected(engine.apply(finished, input));
                assertThat(rejected.reason()).as(input.toString()).isEqualTo(Transition.Rejection.STALE);
                assertThat(rejected.current()).isEqualTo(ending);
            }
        }

        @Test
        void pickBeforeBeginIsNotStarted() {
            Transition.Rejected rejected = rejected(engine.apply(Session.notStarted(), pick("emergency", "none")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOT_STARTED);
            assertThat(rejected.current()).isEqualTo(new Step.NotStarted());
        }

        @Test
        void doneBeforeBeginIsNotStarted() {
            Transition.Rejected rejected = rejected(engine.apply(Session.notStarted(), done("activities")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOT_STARTED);
        }

        @Test
        void beginTwiceIsStale() {
            Session atUrgent = play(begin(), pick("emergency", "none"));

            Transition.Rejected rejected = rejected(engine.apply(atUrgent, begin()));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("urgent_symptoms");
        }

        @Test
        void beginAsksTheFirstQuestion() {
            Transition.Moved moved = moved(engine.apply(Session.notStarted(), begin()));

            assertThat(moved.session()).isEqualTo(Session.begun());
            assertThat(asked(moved.step()).question().id()).isEqualTo("emergency");
        }
    }

    @Nested
    class Restart {

        @Test
        void restartFromAnywhereGoesBackToTheFirstQuestionWithNoAnswers() {
            List<Session> anywhere = List.of(
                    Session.notStarted(),
                    play(begin()),
                    play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none")),
                    play(toActivities(), pick("activities", "sink")),
                    play(toActivities(), pick("activities", "none")),
                    play(begin(), pick("emergency", "chest")));

            for (Session session : anywhere) {
                Transition.Moved moved = moved(engine.apply(session, new Input.Restart()));
                assertThat(moved.session()).as(session.toString()).isEqualTo(Session.begun());
                Step.Asked asked = asked(moved.step());
                assertThat(asked.question().id()).isEqualTo("emergency");
                assertThat(asked.progress()).isEqualTo(new Progress(1, 12));
                assertThat(asked.selection()).isEmpty();
                assertThat(moved.answered()).isEmpty();
            }
        }
    }

    @Nested
    class Fits {

        @Test
        void freshSessionsFit() {
            assertThat(engine.fits(Session.notStarted())).isTrue();
            assertThat(engine.fits(Session.begun())).isTrue();
        }

        @Test
        void sessionsMadeByTheEngineFit() {
            assertThat(engine.fits(play(toActivities(), pick("activities", "sink")))).isTrue();
            assertThat(engine.fits(play(toActivities(), pick("activities", "sink"), done("activities")))).isTrue();
            assertThat(engine.fits(play(begin(), pick("emergency", "chest")))).isTrue();
        }

        @Test
        void answerToAQuestionThatNoLongerExistsDoesNotFit() {
            Session session = begunWith(answer("emergency", "none"), answer("urgent_symptoms", "none"), answer("pain_site", "left"));

            assertThat(engine.fits(session)).isFalse();
        }

        @Test
        void answerWithAnOptionThatNoLongerExistsDoesNotFit() {
            assertThat(engine.fits(begunWith(answer("emergency", "maybe")))).isFalse();
        }

        @Test
        void answersOutOfRouteOrderDoNotFit() {
            assertThat(engine.fits(begunWith(answer("urgent_symptoms", "none"), answer("emergency", "none")))).isFalse();
            assertThat(engine.fits(begunWith(answer("emergency", "none"), answer("where", "low_back_one_side")))).isFalse();
        }

        @Test
        void answersAfterTheEndDoNotFit() {
            assertThat(engine.fits(begunWith(answer("emergency", "chest"), answer("urgent_symptoms", "none")))).isFalse();
        }

        @Test
        void twoOptionsForASingleChoiceQuestionDoNotFit() {
            assertThat(engine.fits(begunWith(new Answer("emergency", List.of("none", "chest"))))).isFalse();
        }

        @Test
        void ticksOnASingleChoiceQuestionDoNotFit() {
            assertThat(engine.fits(new Session(true, List.of(), List.of("none")))).isFalse();
        }

        @Test
        void tickOfAnOptionThatNoLongerExistsDoesNotFit() {
            Session atActivities = toActivities();
            Session stale = new Session(true, atActivities.answers(), List.of("gardening"));

            assertThat(engine.fits(stale)).isFalse();
        }

        @Test
        void answersWithoutHavingBegunDoNotFit() {
            assertThat(engine.fits(new Session(false, List.of(answer("emergency", "none")), List.of()))).isFalse();
        }
    }

    @Nested
    class DecisionTable {

        @Test
        void rulesAreTheRowsTestedHereInThisOrder() {
            // A new row needs its own test below.
            assertThat(tree.rules()).extracting(Rule::id).containsExactly(
                    "emergency_sign", "marked_both_legs", "marked_saddle", "urgent_symptom", "marked_shoulder_blades",
                    "urgent_history", "below_knee", "groin", "nerve_pain", "long_lasting",
                    "not_improving", "getting_worse", "severe", "daily_life", "coping", "young", "older", "sharp_pain",
                    "ql_activity", "otherwise");
        }

        @Test
        void emergencySignEndsWithEmergencyCareNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "saddle")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.reasonKeys()).isEmpty();
            assertThat(finished.signs()).containsExactly(answer("emergency", "saddle"));
            assertThat(finished.answers()).containsExactly(answer("emergency", "saddle"));
        }

        @Test
        void urgentSymptomEndsWithADoctorTodayNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "shoulder_blades")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("urgent_symptoms", "shoulder_blades"));
        }

        @Test
        void bothLegsMarkedOnTheMapAndConfirmedEndWithEmergencyCare() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none"),
                    pick("urgent_history", "none"), mark("where", "below_knee_left", "below_knee_right"),
                    pick("where_both_legs", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_both_legs", "yes"));
        }

        @Test
        void theSaddleAreaMarkedOnTheMapAndConfirmedEndsWithEmergencyCare() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none"),
                    pick("urgent_history", "none"), mark("where", "saddle", "low_back_left"), pick("where_saddle", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_saddle", "yes"));
        }

        @Test
        void painBetweenTheShoulderBladesMarkedOnTheMapAndConfirmedEndsWithADoctorToday() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none"),
                    pick("urgent_history", "none"), mark("where", "between_shoulder_blades"),
                    pick("where_shoulder_blades", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_shoulder_blades", "yes"));
        }

        @Test
        void theGroinMarkedOnTheMapNeedsAClinicianFirst() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none"),
                    pick("urgent_history", "none"), mark("where", "hip_left", "groin"), pick("feeling", "dull"), done("feeling"),
                    pick("duration", "under_6w"), pick("course", "better"), pick("severity", "mild"), pick("impact", "neither"),
                    pick("age", "20_50"), pick("activities", "none"), pick("cautions", "none")));

            assertThat(finished.answers()).contains(new Answer("where", List.of("buttock_hip", "groin")));
            assertClinicianFirst(finished, "reason.groin");
        }

        @Test
        void urgentHealthHistoryEndsWithADoctorTodayNamingTheSign() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent_symptoms", "none"),
                    pick("urgent_history", "spine_procedure")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("urgent_history", "spine_procedure"));
        }

        @Test
        void painBelowTheKneeNeedsAClinicianFirstEvenWithButtockPain() {
            assertClinicianFirst(finish(Map.of("where", List.of("buttock_hip", "below_knee"))), "reason.below_knee");
        }

        @Test
        void burningOrTinglingPainNeedsAClinicianFirstEvenWhenItIsAlsoSharp() {
            assertClinicianFirst(finish(Map.of("feeling", List.of("sharp", "nerve"))), "reason.nerve_pain");
        }

        @Test
        void painOverThreeMonthsNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("duration", List.of("over_3m"))), "reason.long_lasting");
        }

        @Test
        void painNotImprovingAfterSixWeeksNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("duration", List.of("6w_3m"), "course", List.of("same"))), "reason.not_improving");
            assertThat(finish(Map.of("duration", List.of("6w_3m"), "course", List.of("better"))).outcome().id()).isEqualTo("general");
            assertThat(finish(Map.of("course", List.of("same"))).outcome().id()).isEqualTo("general");
        }

        @Test
        void painGettingWorseNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("course", List.of("worse"))), "reason.getting_worse");
        }

        @Test
        void severePainNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("severity", List.of("severe"))), "reason.severe");
        }

        @Test
        void painStoppingDailyActivitiesNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("impact", List.of("daily"))), "reason.daily_life");
        }

        @Test
        void beingWorriedOrStrugglingToCopeNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("impact", List.of("coping"))), "reason.coping");
        }

        @Test
        void backPainStartingBeforeTwentyNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("age", List.of("under_20"))), "reason.young");
        }

        @Test
        void backPainStartingAfterFiftyNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("age", List.of("over_50"))), "reason.older");
        }

        @Test
        void sharpPainWithNoneOfTheActivitiesFitsTheQlPattern() {
            assertQlPattern(finish(Map.of("feeling", List.of("sharp"))));
        }

        @Test
        void eachQlActivityAloneFitsTheQlPattern() {
            for (String activity : List.of("lifting", "sink", "slumped", "running")) {
                assertThat(finish(Map.of("activities", List.of(activity))).outcome().id()).as(activity).isEqualTo("ql_pattern");
            }
        }

        @Test
        void dullAcheWithNoQlActivityAndNoReasonIsGeneral() {
            Step.Finished finished = finish(Map.of());

            assertThat(finished.outcome().id()).isEqualTo("general");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.ROUTINE);
            assertThat(finished.outcome().massageRequest()).isTrue();
            assertThat(finished.reasonKeys()).isEmpty();
        }

        @Test
        void cautionsChangeNoEndingButPregnancyChangesThePositions() {
            Step.Finished pregnant = finish(Map.of("feeling", List.of("sharp"), "cautions", List.of("pregnant", "blood_thinners")));

            assertQlPattern(pregnant);
            assertThat(pregnant.outcome().body().stream().filter(b -> b.shows(pregnant.answers())).map(Block::textKey))
                    .contains("request.plan_pregnant").doesNotContain("request.plan");
        }

        @Test
        void severalClinicianFirstReasonsAreAllGivenInRuleOrder() {
            Step.Finished finished = finish(Map.of("where", List.of("below_knee"), "feeling", List.of("nerve"),
                    "duration", List.of("over_3m"), "course", List.of("worse"), "severity", List.of("severe"),
                    "impact", List.of("daily", "coping"), "age", List.of("over_50"), "activities", List.of("sink")));

            assertClinicianFirst(finished, "reason.below_knee", "reason.nerve_pain", "reason.long_lasting",
                    "reason.getting_worse", "reason.severe", "reason.daily_life", "reason.coping", "reason.older");
        }

        @Test
        void clinicianFirstWinsOverTheQlPattern() {
            assertClinicianFirst(finish(Map.of("feeling", List.of("sharp"), "age", List.of("under_20"),
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
                                new Option("sharp", "l.sharp", Optional.of("act"), false),
                                new Option("dull", "l.dull", Optional.of("act"), false),
                                new Option("burning", "l.burning", Optional.of("act"), false),
                                new Option("fell", "l.fell", Optional.of("fall"), false)), Optional.empty()),
                        new Question("act", "q.act", "s.act", Choice.MULTIPLE, List.of(
                                new Option("sink", "l.sink", Optional.empty(), false),
                                new Option("lift", "l.lift", Optional.empty(), false),
                                new Option("none", "l.none", Optional.empty(), true)), Optional.of(Tree.END))),
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
            return new Outcome(id, urgency, "t." + id, List.of(), "c." + id, Optional.of("r." + id), true,
                    !urgency.isRedFlag());
        }

        private static Rule rule(String id, String outcomeId, String reasonKey, String questionId, List<String> optionIds) {
            return new Rule(id, Map.of(questionId, optionIds), outcomeId, Optional.of(reasonKey));
        }
    }

    // --- Playing the conversation ---------------------------------------------------------

    private record Path(List<Answer> answers, List<Progress> progress, Step.Finished ending) {
    }

    /** Applies the inputs from a fresh session; each must be accepted. */
    private Session play(Input... inputs) {
        return play(Session.notStarted(), inputs);
    }

    private Session play(Session from, Input... inputs) {
        Session session = from;
        for (Input input : inputs) {
            session = sessionAfter(engine.apply(session, input));
        }
        return session;
    }

    /** Benign answers for every question: no red flag, no reason to see a clinician first, no caution. */
    private static final Map<String, List<String>> BENIGN = new LinkedHashMap<>();

    static {
        BENIGN.put("emergency", List.of("none"));
        BENIGN.put("urgent_symptoms", List.of("none"));
        BENIGN.put("urgent_history", List.of("none"));
        BENIGN.put("where", List.of("low_back_one_side"));
        BENIGN.put("feeling", List.of("dull"));
        BENIGN.put("duration", List.of("under_6w"));
        BENIGN.put("course", List.of("better"));
        BENIGN.put("severity", List.of("mild"));
        BENIGN.put("impact", List.of("neither"));
        BENIGN.put("age", List.of("20_50"));
        BENIGN.put("activities", List.of("none"));
        BENIGN.put("cautions", List.of("none"));
    }

    /** Through the first ten questions with benign answers, to the activities question. */
    private Session toActivities() {
        return answerUntil("activities", Map.of());
    }

    /** Through every question but the last with benign answers. */
    private Session toCautions() {
        return answerUntil("cautions", Map.of());
    }

    /** Every question answered benignly except those in {@code answers}, tapped as a person would. */
    private Step.Finished finish(Map<String, List<String>> answers) {
        Step.Finished finished = finished(answerUntil(Tree.END, answers));
        answers.forEach((question, options) -> assertThat(finished.answers()).contains(new Answer(question, options)));
        return finished;
    }

    private Session answerUntil(String stop, Map<String, List<String>> answers) {
        Session session = play(begin());
        while (engine.step(session) instanceof Step.Asked asked && !asked.question().id().equals(stop)) {
            Question question = asked.question();
            List<String> options = answers.getOrDefault(question.id(), BENIGN.get(question.id()));
            if (question.choice() == Choice.SINGLE || question.option(options.get(0)).orElseThrow().exclusive()) {
                session = play(session, pick(question.id(), options.get(0)));
            } else {
                for (String option : options) {
                    session = play(session, pick(question.id(), option));
                }
                session = play(session, done(question.id()));
            }
        }
        return session;
    }

    private Step.Finished finished(Session session) {
        Step step = engine.step(session);
        assertThat(step).isInstanceOf(Step.Finished.class);
        return (Step.Finished) step;
    }

    private static Session sessionAfter(Transition transition) {
        if (transition instanceof Transition.Moved moved) {
            return moved.session();
        }
        if (transition instanceof Transition.Toggled toggled) {
            return toggled.session();
        }
        return fail("expected the input to be accepted, but: " + transition);
    }

    private static Transition.Moved moved(Transition transition) {
        assertThat(transition).isInstanceOf(Transition.Moved.class);
        return (Transition.Moved) transition;
    }

    private static Transition.Toggled toggled(Transition transition) {
        assertThat(transition).isInstanceOf(Transition.Toggled.class);
        return (Transition.Toggled) transition;
    }

    private static Transition.Rejected rejected(Transition transition) {
        assertThat(transition).isInstanceOf(Transition.Rejected.class);
        return (Transition.Rejected) transition;
    }

    private static Step.Asked asked(Step step) {
        assertThat(step).isInstanceOf(Step.Asked.class);
        return (Step.Asked) step;
    }

    private static Session begunWith(Answer... answers) {
        return new Session(true, List.of(answers), List.of());
    }

    private static Answer answer(String questionId, String optionId) {
        return new Answer(questionId, List.of(optionId));
    }

    private static Input begin() {
        return new Input.Begin();
    }

    private static Input back() {
        return new Input.Back();
    }

    private static Input pick(String questionId, String optionId) {
        return new Input.Pick(questionId, optionId);
    }

    private static final Tree MAP_TREE = ShippedContent.tree();

    private static Input mark(String questionId, String... regions) {
        return new Input.Mark(questionId, Set.of(regions));
    }

    /** An answer with an option only the body map gives. */
    static boolean fromTheMap(Answer answer) {
        Question question = MAP_TREE.question(answer.questionId()).orElseThrow();
        return answer.optionIds().stream().anyMatch(id -> question.option(id).orElseThrow().mapOnly());
    }

    private static Input done(String questionId) {
        return new Input.Done(questionId);
    }
}
