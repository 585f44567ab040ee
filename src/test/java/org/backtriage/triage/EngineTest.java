package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
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
    @TestInstance(TestInstance.Lifecycle.PER_CLASS) // walk the tree once for all four tests
    class EveryPath {

        /**
         * Routes through the shipped tree, counted by hand:
         * emergency=yes ends at once (1); emergency=none, urgent=yes ends (1); otherwise
         * where (4) x feeling (3) x duration (3) x severity (3) x age (3) x activities, where the
         * activities selections are the non-empty subsets of the four non-exclusive options
         * (2^4 - 1 = 15) plus "none" alone (1), so 16: 4 * 3 * 3 * 3 * 3 * 16 = 5184.
         * Total 1 + 1 + 5184 = 5186.
         */
        private static final int PATHS = 5186;

        private final List<Path> paths = allPaths();

        @Test
        void everyPathEndsInAnOutcomeAndTheCountIsKnown() {
            assertThat(paths).hasSize(PATHS);
            assertThat(paths).allSatisfy(path ->
                    assertThat(path.ending().answers()).as("answers recorded on the way").isEqualTo(path.answers()));
        }

        @Test
        void everyOutcomeIsReachedByAtLeastOnePath() {
            Set<String> reached = paths.stream().map(p -> p.ending().outcome().id()).collect(Collectors.toSet());

            assertThat(reached).containsExactlyInAnyOrderElementsOf(tree.outcomes().stream().map(Outcome::id).toList());
        }

        @Test
        void redFlagAnswersEndWithEmergencyOrUrgentCareAndNoMassageRequest() {
            int redFlagPaths = 0;
            for (Path path : paths) {
                Outcome outcome = path.ending().outcome();
                if (path.answers().contains(answer("emergency", "yes"))) {
                    redFlagPaths++;
                    assertThat(outcome.id()).as(path.toString()).isEqualTo(EMERGENCY_OUTCOME);
                    assertThat(outcome.urgency()).isEqualTo(Urgency.EMERGENCY);
                    assertThat(outcome.massageRequest()).as(path.toString()).isFalse();
                } else if (path.answers().contains(answer("urgent", "yes"))) {
                    redFlagPaths++;
                    assertThat(outcome.id()).as(path.toString()).isEqualTo(URGENT_OUTCOME);
                    assertThat(outcome.urgency()).isEqualTo(Urgency.URGENT);
                    assertThat(outcome.massageRequest()).as(path.toString()).isFalse();
                } else {
                    assertThat(outcome.urgency().isRedFlag()).as(path.toString()).isFalse();
                }
            }
            assertThat(redFlagPaths).isEqualTo(2);
        }

        @Test
        void progressCountsUpToEightOnEveryRoute() {
            // Checked while walking: question n of a route is "Step n of 8".
            assertThat(paths).allSatisfy(path -> assertThat(path.progress())
                    .containsExactlyElementsOf(expectedProgress(path.answers().size())));
        }

        private List<Progress> expectedProgress(int questions) {
            List<Progress> expected = new ArrayList<>();
            for (int step = 1; step <= questions; step++) {
                expected.add(new Progress(step, 8));
            }
            return expected;
        }

        private List<Path> allPaths() {
            Transition begun = engine.apply(Session.notStarted(), new Input.Begin());
            List<Path> paths = new ArrayList<>();
            walk(sessionAfter(begun), List.of(), List.of(), paths);
            return paths;
        }

        /** Depth first through every answer the buttons allow, applying them as a person would. */
        private void walk(Session session, List<Answer> answered, List<Progress> progress, List<Path> paths) {
            Step step = engine.step(session);
            if (step instanceof Step.Finished finished) {
                paths.add(new Path(answered, progress, finished));
                return;
            }
            Step.Asked asked = (Step.Asked) step;
            Question question = asked.question();
            List<Progress> progressHere = append(progress, asked.progress());
            for (List<String> selection : validSelections(question)) {
                Session next = session;
                Transition transition;
                if (question.choice() == Choice.SINGLE) {
                    transition = engine.apply(next, pick(question.id(), selection.get(0)));
                } else {
                    for (String optionId : selection) {
                        next = sessionAfter(engine.apply(next, pick(question.id(), optionId)));
                    }
                    assertThat(((Step.Asked) engine.step(next)).selection()).isEqualTo(selection);
                    transition = engine.apply(next, done(question.id()));
                }
                Transition.Moved moved = moved(transition);
                Answer answer = new Answer(question.id(), selection);
                assertThat(moved.answered()).contains(new Transition.Answered(question, answer));
                walk(moved.session(), append(answered, answer), progressHere, paths);
            }
        }

        /** Each option alone for a single choice; every non-empty set of ordinary options, or an exclusive one alone. */
        private List<List<String>> validSelections(Question question) {
            List<List<String>> selections = new ArrayList<>();
            if (question.choice() == Choice.SINGLE) {
                question.options().forEach(o -> selections.add(List.of(o.id())));
                return selections;
            }
            List<String> ordinary = question.options().stream().filter(o -> !o.exclusive()).map(Option::id).toList();
            for (int mask = 1; mask < 1 << ordinary.size(); mask++) {
                List<String> subset = new ArrayList<>();
                for (int i = 0; i < ordinary.size(); i++) {
                    if ((mask & 1 << i) != 0) {
                        subset.add(ordinary.get(i));
                    }
                }
                selections.add(subset);
            }
            question.options().stream().filter(Option::exclusive).forEach(o -> selections.add(List.of(o.id())));
            return selections;
        }
    }

    @Nested
    class ProgressThroughTheQuestions {

        @Test
        void firstQuestionIsStepOneOfEight() {
            Step.Asked asked = asked(engine.step(play(begin())));

            assertThat(asked.question().id()).isEqualTo("emergency");
            assertThat(asked.progress()).isEqualTo(new Progress(1, 8));
            assertThat(asked.canGoBack()).isFalse();
        }

        @Test
        void noEmergencySignsLeadsToStepTwoOfEight() {
            Step.Asked asked = asked(engine.step(play(begin(), pick("emergency", "none"))));

            assertThat(asked.question().id()).isEqualTo("urgent");
            assertThat(asked.progress()).isEqualTo(new Progress(2, 8));
            assertThat(asked.canGoBack()).isTrue();
        }

        @Test
        void activitiesQuestionIsStepEightOfEight() {
            Step.Asked asked = asked(engine.step(toActivities()));

            assertThat(asked.question().id()).isEqualTo("activities");
            assertThat(asked.progress()).isEqualTo(new Progress(8, 8));
        }

        @Test
        void backCountsTheStepDownAgain() {
            Session atUrgent = play(begin(), pick("emergency", "none"));

            Step.Asked backAtFirst = asked(moved(engine.apply(atUrgent, back())).step());
            Step.Asked backAtAge = asked(moved(engine.apply(toActivities(), back())).step());

            assertThat(backAtFirst.progress()).isEqualTo(new Progress(1, 8));
            assertThat(backAtAge.question().id()).isEqualTo("age");
            assertThat(backAtAge.progress()).isEqualTo(new Progress(7, 8));
        }
    }

    @Nested
    class Back {

        @Test
        void backUndoesTheLastAnswerAndAsksItAgain() {
            Session atFeeling = play(begin(), pick("emergency", "none"), pick("urgent", "none"), pick("where", "one_side"));

            Transition.Moved moved = moved(engine.apply(atFeeling, back()));

            assertThat(moved.session().answers()).containsExactly(answer("emergency", "none"), answer("urgent", "none"));
            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("where");
            assertThat(asked.selection()).isEmpty();
            assertThat(moved.answered()).isEmpty();
        }

        @Test
        void backToAMultipleChoiceQuestionBringsBackItsTicks() {
            Session finished = play(toActivities(), pick("activities", "sink"), pick("activities", "running"),
                    done("activities"));

            Transition.Moved moved = moved(engine.apply(finished, back()));

            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("activities");
            assertThat(asked.selection()).containsExactly("sink", "running");
            assertThat(moved.session().draft()).containsExactly("sink", "running");
            assertThat(moved.session().answers()).hasSize(7);
        }

        @Test
        void backFromAnEndingReturnsToTheLastQuestion() {
            Session finished = play(begin(), pick("emergency", "none"), pick("urgent", "yes"));
            assertThat(engine.step(finished)).isInstanceOf(Step.Finished.class);

            Transition.Moved moved = moved(engine.apply(finished, back()));

            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("urgent");
            assertThat(asked.progress()).isEqualTo(new Progress(2, 8));
            assertThat(moved.session().answers()).containsExactly(answer("emergency", "none"));
        }

        @Test
        void backFromTheEmergencyEndingReturnsToTheFirstQuestion() {
            Session finished = play(begin(), pick("emergency", "yes"));

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
        void tickingNoneClearsTheOtherTicks() {
            Session session = play(toActivities(), pick("activities", "lifting"), pick("activities", "sink"));

            Transition.Toggled toggled = toggled(engine.apply(session, pick("activities", "none")));

            assertThat(toggled.step().selection()).containsExactly("none");
            assertThat(toggled.session().draft()).containsExactly("none");
        }

        @Test
        void tickingAnotherOptionClearsNone() {
            Session session = play(toActivities(), pick("activities", "none"));

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
        void untickingNoneLeavesNothingTicked() {
            Session session = play(toActivities(), pick("activities", "none"));

            Transition.Toggled toggled = toggled(engine.apply(session, pick("activities", "none")));

            assertThat(toggled.step().selection()).isEmpty();
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
            assertThat(toggled.step().progress()).isEqualTo(new Progress(8, 8));
            assertThat(toggled.session().answers()).hasSize(7);
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

            Transition.Rejected rejected = rejected(engine.apply(atUrgent, pick("where", "one_side")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(rejected.current()).isEqualTo(before);
            assertThat(engine.step(atUrgent)).isEqualTo(before);
        }

        @Test
        void pickFromAnEarlierQuestionsButtonIsStale() {
            Session atUrgent = play(begin(), pick("emergency", "none"));

            Transition.Rejected rejected = rejected(engine.apply(atUrgent, pick("emergency", "yes")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("urgent");
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
            Session finished = play(begin(), pick("emergency", "yes"));
            Step ending = engine.step(finished);

            for (Input input : List.of(pick("emergency", "none"), pick("urgent", "none"), pick("activities", "sink"),
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
            assertThat(asked(rejected.current()).question().id()).isEqualTo("urgent");
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
                    play(begin(), pick("emergency", "none"), pick("urgent", "none")),
                    play(toActivities(), pick("activities", "sink")),
                    play(toActivities(), pick("activities", "none"), done("activities")),
                    play(begin(), pick("emergency", "yes")));

            for (Session session : anywhere) {
                Transition.Moved moved = moved(engine.apply(session, new Input.Restart()));
                assertThat(moved.session()).as(session.toString()).isEqualTo(Session.begun());
                Step.Asked asked = asked(moved.step());
                assertThat(asked.question().id()).isEqualTo("emergency");
                assertThat(asked.progress()).isEqualTo(new Progress(1, 8));
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
            assertThat(engine.fits(play(begin(), pick("emergency", "yes")))).isTrue();
        }

        @Test
        void answerToAQuestionThatNoLongerExistsDoesNotFit() {
            Session session = begunWith(answer("emergency", "none"), answer("urgent", "none"), answer("pain_site", "left"));

            assertThat(engine.fits(session)).isFalse();
        }

        @Test
        void answerWithAnOptionThatNoLongerExistsDoesNotFit() {
            assertThat(engine.fits(begunWith(answer("emergency", "maybe")))).isFalse();
        }

        @Test
        void answersOutOfRouteOrderDoNotFit() {
            assertThat(engine.fits(begunWith(answer("urgent", "none"), answer("emergency", "none")))).isFalse();
            assertThat(engine.fits(begunWith(answer("emergency", "none"), answer("where", "one_side")))).isFalse();
        }

        @Test
        void answersAfterTheEndDoNotFit() {
            assertThat(engine.fits(begunWith(answer("emergency", "yes"), answer("urgent", "none")))).isFalse();
        }

        @Test
        void twoOptionsForASingleChoiceQuestionDoNotFit() {
            assertThat(engine.fits(begunWith(new Answer("emergency", List.of("none", "yes"))))).isFalse();
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
                    "emergency_sign", "urgent_sign", "below_knee", "nerve_pain", "long_lasting", "severe", "young",
                    "older", "sharp_pain", "ql_activity", "otherwise");
        }

        @Test
        void emergencySignEndsWithEmergencyCareAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.reasonKeys()).isEmpty();
            assertThat(finished.answers()).containsExactly(answer("emergency", "yes"));
        }

        @Test
        void urgentSignEndsWithADoctorTodayAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "none"), pick("urgent", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.reasonKeys()).isEmpty();
        }

        @Test
        void painBelowTheKneeNeedsAClinicianFirst() {
            Step.Finished finished = finish("below_knee", "dull", "under_6w", "mild", "20_50", "none");

            assertClinicianFirst(finished, "reason.below_knee");
        }

        @Test
        void burningPainNeedsAClinicianFirst() {
            Step.Finished finished = finish("one_side", "burning", "under_6w", "mild", "20_50", "none");

            assertClinicianFirst(finished, "reason.nerve_pain");
        }

        @Test
        void painOverThreeMonthsNeedsAClinicianFirst() {
            Step.Finished finished = finish("one_side", "dull", "over_3m", "mild", "20_50", "none");

            assertClinicianFirst(finished, "reason.long_lasting");
        }

        @Test
        void severePainNeedsAClinicianFirst() {
            Step.Finished finished = finish("one_side", "dull", "under_6w", "severe", "20_50", "none");

            assertClinicianFirst(finished, "reason.severe");
        }

        @Test
        void underTwentyNeedsAClinicianFirst() {
            Step.Finished finished = finish("one_side", "dull", "under_6w", "mild", "under_20", "none");

            assertClinicianFirst(finished, "reason.young");
        }

        @Test
        void overFiftyNeedsAClinicianFirst() {
            Step.Finished finished = finish("one_side", "dull", "under_6w", "mild", "over_50", "none");

            assertClinicianFirst(finished, "reason.older");
        }

        @Test
        void sharpPainWithNoneOfTheActivitiesFitsTheQlPattern() {
            Step.Finished finished = finish("one_side", "sharp", "under_6w", "mild", "20_50", "none");

            assertQlPattern(finished);
        }

        @Test
        void dullAcheSetOffByLeaningOverASinkFitsTheQlPattern() {
            Step.Finished finished = finish("both_sides", "dull", "under_6w", "mild", "20_50", "sink");

            assertQlPattern(finished);
        }

        @Test
        void eachQlActivityAloneFitsTheQlPattern() {
            for (String activity : List.of("lifting", "sink", "slumped", "running")) {
                Step.Finished finished = finish("one_side", "dull", "6w_3m", "moderate", "20_50", activity);
                assertThat(finished.outcome().id()).as(activity).isEqualTo("ql_pattern");
            }
        }

        @Test
        void dullAcheWithNoQlActivityAndAllElseMildIsGeneral() {
            Step.Finished finished = finish("one_side", "dull", "under_6w", "mild", "20_50", "none");

            assertThat(finished.outcome().id()).isEqualTo("general");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.ROUTINE);
            assertThat(finished.outcome().massageRequest()).isTrue();
            assertThat(finished.reasonKeys()).isEmpty();
        }

        @Test
        void moderateMidLengthPainInTheButtockIsStillGeneral() {
            Step.Finished finished = finish("buttock_hip", "dull", "6w_3m", "moderate", "20_50", "none");

            assertThat(finished.outcome().id()).isEqualTo("general");
        }

        @Test
        void severalClinicianFirstSignsGiveEveryReasonInRuleOrder() {
            Step.Finished finished = finish("below_knee", "burning", "over_3m", "severe", "over_50", "sink");

            assertClinicianFirst(finished, "reason.below_knee", "reason.nerve_pain", "reason.long_lasting",
                    "reason.severe", "reason.older");
        }

        @Test
        void clinicianFirstWinsOverTheQlPattern() {
            Step.Finished finished = finish("one_side", "sharp", "under_6w", "mild", "under_20", "lifting", "sink");

            assertClinicianFirst(finished, "reason.young");
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
            Step step = moved(built.apply(session, done("act"))).step();
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

    /** Through the seven single-choice questions with mild answers, to the activities question. */
    private Session toActivities() {
        return play(begin(), pick("emergency", "none"), pick("urgent", "none"), pick("where", "one_side"),
                pick("feeling", "dull"), pick("duration", "under_6w"), pick("severity", "mild"), pick("age", "20_50"));
    }

    private Step.Finished finish(String where, String feeling, String duration, String severity, String age,
                                 String... activities) {
        Session session = play(begin(), pick("emergency", "none"), pick("urgent", "none"), pick("where", where),
                pick("feeling", feeling), pick("duration", duration), pick("severity", severity), pick("age", age));
        for (String activity : activities) {
            session = play(session, pick("activities", activity));
        }
        Step.Finished finished = finished(play(session, done("activities")));
        assertThat(finished.answers()).last().isEqualTo(new Answer("activities", Arrays.asList(activities)));
        return finished;
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

    private static <T> List<T> append(List<T> list, T item) {
        List<T> longer = new ArrayList<>(list);
        longer.add(item);
        return longer;
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

    private static Input done(String questionId) {
        return new Input.Done(questionId);
    }
}
