package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backtriage.triage.ShippedConversation.BENIGN;
import static org.backtriage.triage.ShippedConversation.EMERGENCY_OUTCOME;
import static org.backtriage.triage.ShippedConversation.URGENT_OUTCOME;
import static org.backtriage.triage.ShippedConversation.answer;
import static org.backtriage.triage.ShippedConversation.asked;
import static org.backtriage.triage.ShippedConversation.back;
import static org.backtriage.triage.ShippedConversation.begin;
import static org.backtriage.triage.ShippedConversation.begunWith;
import static org.backtriage.triage.ShippedConversation.done;
import static org.backtriage.triage.ShippedConversation.moved;
import static org.backtriage.triage.ShippedConversation.pick;
import static org.backtriage.triage.ShippedConversation.rejected;
import static org.backtriage.triage.ShippedConversation.sessionAfter;
import static org.backtriage.triage.ShippedConversation.toggled;

import java.util.ArrayList;
import java.util.HashMap;
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
    private final Tree tree = ShippedContent.tree();
    private final Engine engine = new Engine(tree);
    private final ShippedConversation person = new ShippedConversation(engine);

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
                if (answers.stream().noneMatch(ShippedConversation::fromTheMap)) {
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
            return new Path(answers, List.copyOf(progressShown), person.finished(session));
        }
    }

    @Nested
    class ProgressThroughTheQuestions {

        @Test
        void firstQuestionIsStepOneOfNineteen() {
            Step.Asked asked = asked(engine.step(person.play(begin())));

            assertThat(asked.question().id()).isEqualTo("emergency");
            assertThat(asked.progress()).isEqualTo(new Progress(1, 19));
            assertThat(asked.canGoBack()).isFalse();
        }

        @Test
        void noEmergencySignsLeadsToThePregnancyQuestionStepTwoOfNineteen() {
            Step.Asked asked = asked(engine.step(person.play(begin(), pick("emergency", "none"))));

            assertThat(asked.question().id()).isEqualTo("pregnancy");
            assertThat(asked.progress()).isEqualTo(new Progress(2, 19));
            assertThat(asked.canGoBack()).isTrue();
        }

        @Test
        void notPregnantSkipsThePregnancySignsSoTheTotalDropsToEighteen() {
            Step.Asked asked = asked(engine.step(person.play(begin(), pick("emergency", "none"), pick("pregnancy", "no"))));

            assertThat(asked.question().id()).isEqualTo("urgent_symptoms");
            assertThat(asked.progress()).isEqualTo(new Progress(3, 18));
        }

        @Test
        void cautionsQuestionOnThePlainestRouteIsStepFourteenOfFourteen() {
            Step.Asked asked = asked(engine.step(person.toCautions()));

            assertThat(asked.question().id()).isEqualTo("cautions");
            assertThat(asked.progress()).isEqualTo(new Progress(14, 14));
        }

        @Test
        void theLongestRouteCountsStepOneToNineteenOfNineteen() {
            Map<String, List<String>> longest = Map.of("pregnancy", List.of("weeks_13_27"), "lasting", List.of("yes"),
                    "lasting_which", List.of("osteoporosis"), "lasting_examined", List.of("gp"),
                    "lasting_when", List.of("2w_6w"), "lasting_unchanged", List.of("same"));
            List<Progress> progress = new ArrayList<>();

            Session session = person.play(begin());
            while (engine.step(session) instanceof Step.Asked asked) {
                progress.add(asked.progress());
                session = person.tap(session, asked.question(), longest.getOrDefault(asked.question().id(), BENIGN.get(asked.question().id())));
            }

            assertThat(progress).hasSize(19).allSatisfy(p -> assertThat(p.total()).isEqualTo(19));
            assertThat(progress).extracting(Progress::step).containsExactlyElementsOf(IntStream.rangeClosed(1, 19).boxed().toList());
        }

        @Test
        void backCountsTheStepDownAgain() {
            Session atPregnancy = person.play(begin(), pick("emergency", "none"));

            Step.Asked backAtFirst = asked(moved(engine.apply(atPregnancy, back())).step());
            Step.Asked backAtActivities = asked(moved(engine.apply(person.toCautions(), back())).step());

            assertThat(backAtFirst.progress()).isEqualTo(new Progress(1, 19));
            assertThat(backAtActivities.question().id()).isEqualTo("activities");
            assertThat(backAtActivities.progress()).isEqualTo(new Progress(13, 14));
        }
    }

    @Nested
    class Back {

        @Test
        void backUndoesTheLastAnswerAndAsksItAgain() {
            Session atUrgentHistory = person.play(begin(), pick("emergency", "none"), pick("pregnancy", "no"),
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
            Session atCautions = person.play(person.toActivities(), pick("activities", "sink"), pick("activities", "running"),
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
            Session finished = person.play(begin(), pick("emergency", "none"), pick("pregnancy", "no"), pick("urgent_symptoms", "yes"),
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
            Session finished = person.play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest"));

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
            Session atFirst = person.play(begin());

            Transition.Rejected rejected = rejected(engine.apply(atFirst, back()));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOTHING_TO_UNDO);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("emergency");
        }
    }

    @Nested
    class Toggles {

        @Test
        void noneAnswersAtOnceAndDropsTheOtherTicks() {
            Session session = person.play(person.toActivities(), pick("activities", "lifting"), pick("activities", "sink"));

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
            Session session = person.play(person.toActivities(), pick("activities", "sink"), pick("activities", "running"));

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
            return moved(engine.apply(person.play(person.toActivities(), pick("activities", "none")), back())).session();
        }

        @Test
        void selectionFollowsTheButtonOrderNotTheTapOrder() {
            Session session = person.play(person.toActivities(), pick("activities", "running"), pick("activities", "lifting"),
                    pick("activities", "slumped"));

            Transition.Moved moved = moved(engine.apply(session, done("activities")));

            assertThat(moved.answered().orElseThrow().answer().optionIds()).containsExactly("lifting", "slumped", "running");
        }

        @Test
        void toggleStaysOnTheQuestionWithoutAnsweringIt() {
            Transition.Toggled toggled = toggled(engine.apply(person.toActivities(), pick("activities", "sink")));

            assertThat(toggled.step().question().id()).isEqualTo("activities");
            assertThat(toggled.step().progress()).isEqualTo(new Progress(13, 14));
            assertThat(toggled.session().answers()).hasSize(12);
        }

        @Test
        void doneWithNothingTickedIsRejected() {
            Transition.Rejected rejected = rejected(engine.apply(person.toActivities(), done("activities")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOTHING_SELECTED);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("activities");
        }

        @Test
        void doneAfterUntickingEverythingIsRejected() {
            Session session = person.play(person.toActivities(), pick("activities", "sink"), pick("activities", "sink"));

            Transition.Rejected rejected = rejected(engine.apply(session, done("activities")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.NOTHING_SELECTED);
        }

        @Test
        void doneOnASingleChoiceQuestionIsStale() {
            Transition.Rejected rejected = rejected(engine.apply(person.play(begin()), done("emergency")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
        }
    }

    @Nested
    class StaleInput {

        @Test
        void pickForAnotherQuestionIsStaleAndChangesNothing() {
            Session atPregnancy = person.play(begin(), pick("emergency", "none"));
            Step before = engine.step(atPregnancy);

            Transition.Rejected rejected = rejected(engine.apply(atPregnancy, pick("where", "low_back_left")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(rejected.current()).isEqualTo(before);
            assertThat(engine.step(atPregnancy)).isEqualTo(before);
        }

        @Test
        void pickFromAnEarlierQuestionsButtonIsStale() {
            Session atPregnancy = person.play(begin(), pick("emergency", "none"));

            Transition.Rejected rejected = rejected(engine.apply(atPregnancy, pick("emergency", "yes")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("pregnancy");
        }

        @Test
        void pickOfAnUnknownOptionIsStale() {
            Transition.Rejected rejected = rejected(engine.apply(person.play(begin()), pick("emergency", "maybe")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).question().id()).isEqualTo("emergency");
        }

        @Test
        void doneForAnotherQuestionIsStale() {
            Session session = person.play(person.toActivities(), pick("activities", "sink"));

            Transition.Rejected rejected = rejected(engine.apply(session, done("age")));

            assertThat(rejected.reason()).isEqualTo(Transition.Rejection.STALE);
            assertThat(asked(rejected.current()).selection()).containsExactly("sink");
        }

        @Test
        void anyPickAfterTheEndingIsStale() {
            Session finished = person.play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest"));
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
            Session atPregnancy = person.play(begin(), pick("emergency", "none"));

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
                    person.play(begin()),
                    person.play(begin(), pick("emergency", "none"), pick("pregnancy", "no")),
                    person.play(person.toActivities(), pick("activities", "sink")),
                    person.play(person.toActivities(), pick("activities", "none")),
                    person.play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest")));

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
            assertThat(engine.fits(person.play(person.toActivities(), pick("activities", "sink")))).isTrue();
            assertThat(engine.fits(person.play(person.toActivities(), pick("activities", "sink"), done("activities")))).isTrue();
            assertThat(engine.fits(person.play(begin(), pick("emergency", "yes"), pick("emergency_which", "chest")))).isTrue();
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
            Session atActivities = person.toActivities();
            Session stale = new Session(true, atActivities.answers(), List.of("gardening"));

            assertThat(engine.fits(stale)).isFalse();
        }

        @Test
        void answersWithoutHavingBegunDoNotFit() {
            assertThat(engine.fits(new Session(false, List.of(answer("emergency", "none")), List.of()))).isFalse();
        }
    }

    private record Path(List<Answer> answers, List<Progress> progress, Step.Finished ending) {
    }
}
