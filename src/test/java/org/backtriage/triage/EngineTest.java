package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
        private final Map<String, Integer> longestRoutes = new HashMap<>();
        /** The route played last; the session before each of its answers, and after the last; the progress each showed. */
        private List<Answer> played = List.of();
        private final List<Session> sessionsBefore = new ArrayList<>(List.of(sessionAfter(engine.apply(Session.notStarted(),
                new Input.Begin()))));
        private final List<Progress> progressShown = new ArrayList<>();
        private final List<Path> paths = allPaths();

        @Test
        void everyRouteEndsInAnOutcomeWithTheAnswersGivenOnTheWay() {
            // Twenty kinds end at a red-flag sign; four reach "where does it hurt?" (pregnant or not, each with the
            // lasting conditions none, or examined and unchanged). From there the kinds of answer multiply: where 7,
            // feeling 7, duration 3, course 3, severity 2, impact 4, age 3, activities 2, cautions 2.
            int fromWhere = 7 * 7 * 3 * 3 * 2 * 4 * 3 * 2 * 2;
            assertThat(paths).hasSize(20 + 4 * fromWhere);
            assertThat(paths).allSatisfy(path ->
                    assertThat(path.ending().answers()).as("answers recorded on the way").isEqualTo(path.answers()));
        }

        @Test
        void everyOutcomeIsReachedByARouteOrByAgreementAfterOne() {
            Set<String> reached = paths.stream().map(p -> p.ending().outcome().id()).collect(Collectors.toSet());
            Set<String> agreed = tree.outcomes().stream().filter(o -> reached.contains(o.id()))
                    .flatMap(o -> o.afterAgreement().stream()).collect(Collectors.toSet());

            assertThat(agreed).containsExactly("clinician_agreed");
            assertThat(reached).doesNotContainAnyElementsOf(agreed);
            assertThat(Stream.concat(reached.stream(), agreed.stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(tree.outcomes().stream().map(Outcome::id).toList());
        }

        @Test
        void aRedFlagSignEndsTheQuestionsAtOnceWithEmergencyOrUrgentCareAndNoMassageRequest() {
            int redFlagPaths = 0;
            for (Path path : paths) {
                Outcome outcome = path.ending().outcome();
                Answer last = path.answers().get(path.answers().size() - 1);
                Optional<String> expected = redFlagOutcomeEndingAt(last);
                if (expected.isPresent()) {
                    redFlagPaths++;
                    assertThat(outcome.id()).as(path::toString).isEqualTo(expected.get());
                    assertThat(outcome.urgency().isRedFlag()).as(path::toString).isTrue();
                    assertThat(outcome.massageRequest()).isFalse();
                } else {
                    assertThat(outcome.urgency().isRedFlag()).as(path::toString).isFalse();
                    assertThat(last.questionId()).as(path::toString).isEqualTo("cautions");
                }
            }
            assertThat(redFlagPaths).isEqualTo(20);
        }

        /** The ending a route must reach when its last answer is a red-flag sign, or empty when it is none. */
        private Optional<String> redFlagOutcomeEndingAt(Answer last) {
            String option = last.optionIds().get(0);
            return Optional.ofNullable(switch (last.questionId()) {
                case "emergency_which" -> option.equals("chest") ? "emergency_ambulance" : EMERGENCY_OUTCOME;
                case "emergency_unsure" -> "help_now";
                case "pregnancy_signs_which" ->
                        List.of("heavy_bleeding", "constant_pain").contains(option) ? "emergency_ambulance" : "maternity_now";
                case "pregnancy_signs_unsure" -> "maternity_unsure";
                case "urgent_symptoms_which", "urgent_history_which", "lasting_examined", "lasting_unchanged" -> URGENT_OUTCOME;
                case "urgent_symptoms_unsure", "urgent_history_unsure", "lasting_unsure" -> "urgent_unsure";
                default -> null;
            });
        }

        @Test
        void progressCountsEveryStepAndTotalsTheLongestRouteFromEachQuestion() {
            // Question n of a route is "Step n of (n - 1 + the questions on the longest route from it)".
            assertThat(paths).allSatisfy(path -> assertThat(path.progress())
                    .containsExactlyElementsOf(expectedProgress(path.answers())));
            assertThat(paths).allSatisfy(path -> assertThat(path.progress().get(0)).isEqualTo(new Progress(1, 19)));
        }

        private List<Progress> expectedProgress(List<Answer> answers) {
            List<Progress> expected = new ArrayList<>();
            for (int step = 1; step <= answers.size(); step++) {
                expected.add(new Progress(step, step - 1 + questionsOnTheLongestRouteFrom(answers.get(step - 1).questionId())));
            }
            return expected;
        }

        /** Counted on the tree itself: the question, and the most questions any of its next steps can still ask. */
        private int questionsOnTheLongestRouteFrom(String id) {
            Integer known = longestRoutes.get(id);
            if (known != null) {
                return known;
            }
            Optional<Question> question = tree.question(id);
            if (question.isEmpty()) {
                return 0; // the end, an outcome, or back
            }
            Stream<String> nexts = Stream.concat(question.get().next().stream(),
                    question.get().options().stream().flatMap(o -> o.next().stream()));
            int longest = 1 + nexts.mapToInt(this::questionsOnTheLongestRouteFrom).max().orElse(0);
            longestRoutes.put(id, longest);
            return longest;
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

        /**
         * Plays {@code answers} from "Start the questions". Routes come in walking order, so each shares its first
         * answers with the one before: those are taken from that one (the engine is pure, so playing them again
         * would give the same), and only the rest is played.
         */
        private Path play(List<Answer> answers) {
            int same = 0;
            while (same < answers.size() && same < played.size() && answers.get(same).equals(played.get(same))) {
                same++;
            }
            sessionsBefore.subList(same + 1, sessionsBefore.size()).clear();
            progressShown.subList(same, progressShown.size()).clear();
            Session session = sessionsBefore.get(same);
            for (Answer answer : answers.subList(same, answers.size())) {
                Step.Asked asked = asked(engine.step(session));
                Question question = asked.question();
                assertThat(question.id()).isEqualTo(answer.questionId());
                progressShown.add(asked.progress());
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
                session = moved.session();
                sessionsBefore.add(session);
            }
            played = answers;
            return new Path(answers, List.copyOf(progressShown), finished(session));
        }
    }

    @Nested
    class ProgressThroughTheQuestions {

        @Test
        void firstQuestionIsStepOneOfNineteen() {
            Step.Asked asked = asked(engine.step(play(begin())));

            assertThat(asked.question().id()).isEqualTo("emergency");
            assertThat(asked.progress()).isEqualTo(new Progress(1, 19));
            assertThat(asked.canGoBack()).isFalse();
        }

        @Test
        void noEmergencySignsLeadsToThePregnancyQuestionStepTwoOfNineteen() {
            Step.Asked asked = asked(engine.step(play(begin(), pick("emergency", "none"))));

            assertThat(asked.question().id()).isEqualTo("pregnancy");
            assertThat(asked.progress()).isEqualTo(new Progress(2, 19));
            assertThat(asked.canGoBack()).isTrue();
        }

        @Test
        void notPregnantSkipsThePregnancySignsSoTheTotalDropsToEighteen() {
            Step.Asked asked = asked(engine.step(play(begin(), pick("emergency", "none"), pick("pregnancy", "no"))));

            assertThat(asked.question().id()).isEqualTo("urgent_symptoms");
            assertThat(asked.progress()).isEqualTo(new Progress(3, 18));
        }

        @Test
        void cautionsQuestionOnThePlainestRouteIsStepFourteenOfFourteen() {
            Step.Asked asked = asked(engine.step(toCautions()));

            assertThat(asked.question().id()).isEqualTo("cautions");
            assertThat(asked.progress()).isEqualTo(new Progress(14, 14));
        }

        @Test
        void theLongestRouteCountsStepOneToNineteenOfNineteen() {
            Map<String, List<String>> longest = Map.of("pregnancy", List.of("weeks_13_27"), "lasting", List.of("yes"),
                    "lasting_which", List.of("osteoporosis"), "lasting_examined", List.of("gp"),
                    "lasting_when", List.of("2w_6w"), "lasting_unchanged", List.of("same"));
            List<Progress> progress = new ArrayList<>();

            Session session = play(begin());
            while (engine.step(session) instanceof Step.Asked asked) {
                progress.add(asked.progress());
                session = tap(session, asked.question(), longest.getOrDefault(asked.question().id(), BENIGN.get(asked.question().id())));
            }

            assertThat(progress).hasSize(19).allSatisfy(p -> assertThat(p.total()).isEqualTo(19));
            assertThat(progress).extracting(Progress::step).containsExactlyElementsOf(IntStream.rangeClosed(1, 19).boxed().toList());
        }

        @Test
        void backCountsTheStepDownAgain() {
            Session atPregnancy = play(begin(), pick("emergency", "none"));

            Step.Asked backAtFirst = asked(moved(engine.apply(atPregnancy, back())).step());
            Step.Asked backAtActivities = asked(moved(engine.apply(toCautions(), back())).step());

            assertThat(backAtFirst.progress()).isEqualTo(new Progress(1, 19));
            assertThat(backAtActivities.question().id()).isEqualTo("activities");
            assertThat(backAtActivities.progress()).isEqualTo(new Progress(13, 14));
        }
    }

    @Nested
    class Back {

        @Test
        void backUndoesTheLastAnswerAndAsksItAgain() {
            Session atUrgentHistory = play(begin(), pick("emergency", "none"), pick("pregnancy", "no"),
                    pick("urgent_symptoms", "none"));

            Transition.Moved moved = moved(engine.apply(atUrgentHistory, back()));

            assertThat(moved.session().answers()).containsExactly(answer("emergency", "none"), answer("pregnancy", "no"));
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
            assertThat(moved.session().answers()).hasSize(12);
        }

        @Test
        void backFromAnEndingReturnsToTheLastQuestion() {
            Session finished = play(begin(), pick("emergency", "none"), pick("pregnancy", "no"), pick("urgent_symptoms", "yes"),
                    pick("urgent_symptoms_which", "lump"));
            assertThat(engine.step(finished)).isInstanceOf(Step.Finished.class);

            Transition.Moved moved = moved(engine.apply(finished, back()));

            Step.Asked asked = asked(moved.step());
            assertThat(asked.question().id()).isEqualTo("urgent_symptoms_which");
            assertThat(asked.progress()).isEqualTo(new Progress(4, 4));
            assertThat(moved.session().answers()).containsExactly(answer("emergency", "none"), answer("pregnancy", "no"),
                    answer("urgent_symptoms", "yes"));
        }

        @Test
        void backFromTheEmergencyEndingAsksWhichSignAgainThenTheFirstQuestion() {
            Session finished = play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest"));

            Transition.Moved toWhich = moved(engine.apply(finished, back()));
            Step.Asked which = asked(toWhich.step());
            Step.Asked first = asked(moved(engine.apply(toWhich.session(), back())).step());

            assertThat(which.question().id()).isEqualTo("emergency_which");
            assertThat(which.canGoBack()).isTrue();
            assertThat(first.question().id()).isEqualTo("emergency");
            assertThat(first.canGoBack()).isFalse();
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
            assertThat(toggled.step().progress()).isEqualTo(new Progress(13, 14));
            assertThat(toggled.session().answers()).hasSize(12);
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
            Session atPregnancy = play(begin(), pick("emergency", "none"));
            Step before = engine.step(atPregnancy);

            Transition.Rejected rejected = rejected(engine.apply(atPregnancy, pick("where", "low_back_left")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(rejected.current()).isEqualTo(before);
            assertThat(engine.step(atPregnancy)).isEqualTo(before);
        }

        @Test
        void pickFromAnEarlierQuestionsButtonIsStale() {
            Session atPregnancy = play(begin(), pick("emergency", "none"));

            Transition.Rejected rejected = rejected(engine.apply(atPregnancy, pick("emergency", "yes")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("pregnancy");
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
            Session finished = play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest"));
            Step ending = engine.step(finished);

            for (Input input : List.of(pick("emergency", "none"), pick("emergency_which", "chest"), pick("urgent_symptoms", "none"),
                    pick("activities", "sink"), done("activities"))) {
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
            Session atPregnancy = play(begin(), pick("emergency", "none"));

            Transition.Rejected rejected = rejected(engine.apply(atPregnancy, begin()));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("pregnancy");
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
                    play(begin(), pick("emergency", "none"), pick("pregnancy", "no")),
                    play(toActivities(), pick("activities", "sink")),
                    play(toActivities(), pick("activities", "none")),
                    play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest")));

            for (Session session : anywhere) {
                Transition.Moved moved = moved(engine.apply(session, new Input.Restart()));
                assertThat(moved.session()).as(session.toString()).isEqualTo(Session.begun());
                Step.Asked asked = asked(moved.step());
                assertThat(asked.question().id()).isEqualTo("emergency");
                assertThat(asked.progress()).isEqualTo(new Progress(1, 19));
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
            assertThat(engine.fits(play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest")))).isTrue();
        }

        @Test
        void answerToAQuestionThatNoLongerExistsDoesNotFit() {
            Session session = begunWith(answer("emergency", "none"), answer("pregnancy", "no"), answer("urgent_symptoms", "none"),
                    answer("pain_site", "left"));

            assertThat(engine.fits(session)).isFalse();
        }

        @Test
        void answerWithAnOptionThatNoLongerExistsDoesNotFit() {
            assertThat(engine.fits(begunWith(answer("emergency", "maybe")))).isFalse();
        }

        @Test
        void answersOutOfRouteOrderDoNotFit() {
            assertThat(engine.fits(begunWith(answer("urgent_symptoms", "none"), answer("emergency", "none")))).isFalse();
            assertThat(engine.fits(begunWith(answer("emergency", "none"), answer("where", "low_back_left")))).isFalse();
        }

        @Test
        void answersAfterTheEndDoNotFit() {
            assertThat(engine.fits(begunWith(answer("emergency", "yes"), answer("emergency_which", "chest"),
                    answer("pregnancy", "no")))).isFalse();
        }

        @Test
        void twoOptionsForASingleChoiceQuestionDoNotFit() {
            assertThat(engine.fits(begunWith(new Answer("emergency", List.of("yes", "none"))))).isFalse();
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
                    "emergency_ambulance", "pregnancy_ambulance", "emergency_sign", "marked_both_legs", "marked_saddle",
                    "emergency_unsure", "pregnancy_sign", "pregnancy_unsure", "urgent_symptom", "marked_shoulder_blades",
                    "urgent_history", "lasting_not_examined", "lasting_changed", "urgent_symptoms_unsure",
                    "urgent_history_unsure", "lasting_unsure", "below_knee", "groin", "nerve_pain", "long_lasting",
                    "not_improving", "getting_worse", "severe", "daily_life", "coping", "young", "older", "sharp_pain",
                    "ql_activity", "otherwise");
        }

        @Test
        void chestOrSuddenSevereTummyPainEndsWithAnAmbulanceNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest")));

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
                Step.Finished finished = finished(play(toPregnancySigns(), pick("pregnancy_signs", "yes"),
                        pick("pregnancy_signs_which", sign)));

                assertThat(finished.outcome().id()).as(sign).isEqualTo("emergency_ambulance");
                assertThat(finished.outcome().massageRequest()).isFalse();
                assertThat(finished.signs()).containsExactly(answer("pregnancy_signs_which", sign));
                assertThat(bodyShown(finished)).containsExactly("outcome.ambulance.body", "outcome.ambulance.pregnant");
            }
        }

        @Test
        void emergencySignEndsWithEmergencyCareNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "yes"), pick("emergency_which", "saddle")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.reasonKeys()).isEmpty();
            assertThat(finished.signs()).containsExactly(answer("emergency_which", "saddle"));
            assertThat(finished.answers()).containsExactly(answer("emergency", "yes"), answer("emergency_which", "saddle"));
        }

        @Test
        void bothLegsMarkedOnTheMapAndConfirmedEndWithEmergencyCare() {
            Step.Finished finished = finished(play(answerUntil("where", Map.of()), mark("where", "below_knee_left", "below_knee_right"),
                    pick("where_both_legs", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_both_legs", "yes"));
        }

        @Test
        void theSaddleAreaMarkedOnTheMapAndConfirmedEndsWithEmergencyCare() {
            Step.Finished finished = finished(play(answerUntil("where", Map.of()), mark("where", "saddle", "low_back_left"),
                    pick("where_saddle", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(EMERGENCY_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_saddle", "yes"));
        }

        @Test
        void notSureOfAnEmergencySignEndsWithHelpNowNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(begin(), pick("emergency", "not_sure"), pick("emergency_unsure", "bladder_bowel")));

            assertThat(finished.outcome().id()).isEqualTo("help_now");
            // Not sure of an emergency sign is the emergency tier: help now, not tomorrow.
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("emergency_unsure", "bladder_bowel"));
        }

        @Test
        void aPregnancySignEndsWithTheMaternityUnitNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(toPregnancySigns(), pick("pregnancy_signs", "yes"),
                    pick("pregnancy_signs_which", "waves")));

            assertThat(finished.outcome().id()).isEqualTo("maternity_now");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("pregnancy_signs_which", "waves"));
        }

        @Test
        void notSureOfAPregnancySignEvenHeavyBleedingEndsWithTheMaternityUnitNamingIt() {
            Step.Finished finished = finished(play(toPregnancySigns(), pick("pregnancy_signs", "not_sure"),
                    pick("pregnancy_signs_unsure", "heavy_bleeding")));

            assertThat(finished.outcome().id()).isEqualTo("maternity_unsure");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("pregnancy_signs_unsure", "heavy_bleeding"));
        }

        @Test
        void urgentSymptomEndsWithADoctorTodayNamingTheSignAndNoMassageAdvice() {
            Step.Finished finished = finished(play(answerUntil("urgent_symptoms", Map.of()), pick("urgent_symptoms", "yes"),
                    pick("urgent_symptoms_which", "shoulder_blades")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("urgent_symptoms_which", "shoulder_blades"));
        }

        @Test
        void painBetweenTheShoulderBladesMarkedOnTheMapAndConfirmedEndsWithADoctorToday() {
            Step.Finished finished = finished(play(answerUntil("where", Map.of()), mark("where", "between_shoulder_blades"),
                    pick("where_shoulder_blades", "yes")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("where_shoulder_blades", "yes"));
        }

        @Test
        void urgentHealthHistoryEndsWithADoctorTodayNamingTheSign() {
            Step.Finished finished = finished(play(answerUntil("urgent_history", Map.of()), pick("urgent_history", "yes"),
                    pick("urgent_history_which", "spine_procedure")));

            assertThat(finished.outcome().id()).isEqualTo(URGENT_OUTCOME);
            assertThat(finished.signs()).containsExactly(answer("urgent_history_which", "spine_procedure"));
        }

        @Test
        void aLastingConditionNoDoctorHasExaminedThisPainForEndsWithADoctorTodayNamingIt() {
            for (String examined : List.of("no", "not_sure")) {
                Step.Finished finished = finished(play(answerUntil("lasting", Map.of()), pick("lasting", "yes"),
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
                Step.Finished finished = finished(play(answerUntil("lasting", Map.of()), pick("lasting", "yes"),
                        pick("lasting_which", "osteoporosis"), done("lasting_which"), pick("lasting_examined", "specialist"),
                        pick("lasting_when", "over_6w"), pick("lasting_unchanged", since)));

                assertThat(finished.outcome().id()).as(since).isEqualTo(URGENT_OUTCOME);
                assertThat(finished.signs()).as(since).containsExactly(answer("lasting_which", "osteoporosis"),
                        answer("lasting_unchanged", since));
            }
        }

        @Test
        void aLastingConditionADoctorExaminedWithThePainUnchangedSinceChangesNoEnding() {
            Step.Finished finished = finish(Map.of("lasting", List.of("yes"), "lasting_which", List.of("cancer"),
                    "lasting_examined", List.of("gp"), "lasting_when", List.of("last_2w"), "lasting_unchanged", List.of("same")));

            assertThat(finished.outcome().id()).isEqualTo("general");
            assertThat(finished.reasonKeys()).isEmpty();
        }

        @Test
        void notSureOfAnUrgentSymptomEndsWithADoctorTodayNamingIt() {
            Step.Finished finished = finished(play(answerUntil("urgent_symptoms", Map.of()), pick("urgent_symptoms", "not_sure"),
                    pick("urgent_symptoms_unsure", "rest_night")));

            assertThat(finished.outcome().id()).isEqualTo("urgent_unsure");
            assertThat(finished.outcome().urgency()).isEqualTo(Urgency.URGENT);
            assertThat(finished.outcome().massageRequest()).isFalse();
            assertThat(finished.signs()).containsExactly(answer("urgent_symptoms_unsure", "rest_night"));
        }

        @Test
        void notSureOfTheHealthHistoryEndsWithADoctorTodayNamingIt() {
            Step.Finished finished = finished(play(answerUntil("urgent_history", Map.of()), pick("urgent_history", "not_sure"),
                    pick("urgent_history_unsure", "infection")));

            assertThat(finished.outcome().id()).isEqualTo("urgent_unsure");
            assertThat(finished.signs()).containsExactly(answer("urgent_history_unsure", "infection"));
        }

        @Test
        void notSureOfALastingConditionEndsWithADoctorTodayNamingIt() {
            Step.Finished finished = finished(play(answerUntil("lasting", Map.of()), pick("lasting", "not_sure"),
                    pick("lasting_unsure", "osteoporosis")));

            assertThat(finished.outcome().id()).isEqualTo("urgent_unsure");
            assertThat(finished.signs()).containsExactly(answer("lasting_unsure", "osteoporosis"));
        }

        @Test
        void theGroinMarkedOnTheMapNeedsAClinicianFirst() {
            Step.Finished finished = finished(play(answerUntil("where", Map.of()), mark("where", "hip_left", "groin"),
                    pick("feeling", "dull"), done("feeling"), pick("duration", "under_6w"), pick("course", "better"),
                    pick("severity", "mild"), pick("impact", "neither"), pick("age", "20_50"), pick("activities", "none"),
                    pick("cautions", "none")));

            assertThat(finished.answers()).contains(new Answer("where", List.of("buttock_hip", "groin")));
            assertClinicianFirst(finished, "reason.groin");
        }

        @Test
        void theGroinTickedWithAButtonNeedsAClinicianFirst() {
            assertClinicianFirst(finish(Map.of("where", List.of("low_back_right", "groin"))), "reason.groin");
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
            Step.Finished pregnant = finish(Map.of("feeling", List.of("sharp"), "pregnancy", List.of("weeks_13_27"),
                    "cautions", List.of("blood_thinners", "skin")));
            Step.Finished notPregnant = finish(Map.of("feeling", List.of("sharp"), "cautions", List.of("blood_thinners", "skin")));

            assertQlPattern(pregnant);
            assertQlPattern(notPregnant);
            assertThat(bodyShown(pregnant)).contains("request.plan_pregnant").doesNotContain("request.plan");
            assertThat(bodyShown(notPregnant)).contains("request.plan").doesNotContain("request.plan_pregnant");
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
    private Session toPregnancySigns() {
        return answerUntil("pregnancy_signs", Map.of("pregnancy", List.of("weeks_28_plus")));
    }

    /** The body paragraphs the ending's answers show, by message key. */
    private static List<String> bodyShown(Step.Finished finished) {
        return finished.outcome().body().stream().filter(b -> b.shows(finished.answers())).map(Block::textKey).toList();
    }

    /** Through the first twelve questions with benign answers, to the activities question. */
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
            session = tap(session, asked.question(), answers.getOrDefault(asked.question().id(), BENIGN.get(asked.question().id())));
        }
        return session;
    }

    /** Answers {@code question} with {@code options} as a person taps them: one button, or each tick and then Done. */
    private Session tap(Session session, Question question, List<String> options) {
        if (question.choice() == Choice.SINGLE || question.option(options.get(0)).orElseThrow().exclusive()) {
            return play(session, pick(question.id(), options.get(0)));
        }
        Session ticked = session;
        for (String option : options) {
            ticked = play(ticked, pick(question.id(), option));
        }
        return play(ticked, done(question.id()));
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
