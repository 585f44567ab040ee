package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backtriage.triage.MinimalTree.care;
import static org.backtriage.triage.MinimalTree.hipPain;
import static org.backtriage.triage.MinimalTree.massage;
import static org.backtriage.triage.MinimalTree.messagesFor;
import static org.backtriage.triage.MinimalTree.minimal;
import static org.backtriage.triage.MinimalTree.multiple;
import static org.backtriage.triage.MinimalTree.noneOfThese;
import static org.backtriage.triage.MinimalTree.otherwise;
import static org.backtriage.triage.MinimalTree.outcome;
import static org.backtriage.triage.MinimalTree.outcomes;
import static org.backtriage.triage.MinimalTree.red;
import static org.backtriage.triage.MinimalTree.redSign;
import static org.backtriage.triage.MinimalTree.rule;
import static org.backtriage.triage.MinimalTree.rules;
import static org.backtriage.triage.MinimalTree.single;
import static org.backtriage.triage.MinimalTree.textsFor;
import static org.backtriage.triage.MinimalTree.tick;
import static org.backtriage.triage.MinimalTree.to;
import static org.backtriage.triage.MinimalTree.tree;
import static org.backtriage.triage.MinimalTree.where;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each broken tree below is the minimal valid tree with one thing broken, so the faults listed
 * are exactly those the break causes. The messages always hold every key the tree names, unless
 * a test takes one out.
 */
class TreeValidatorTest {

    @Nested
    class FitTrees {

        @Test
        void shippedTreeAndMessagesHaveNoFaults() {
            assertThat(TreeValidator.validate(ShippedContent.tree(), ShippedContent.messages())).isEmpty();
        }

        @Test
        void minimalTreeHasNoFaults() {
            assertThat(faults(minimal())).isEmpty();
        }

        @Test
        void outcomeReachedByAnOptionNeedsNoRule() {
            Tree tree = tree(List.of(single("red", to("none", "where"), to("yes", Tree.END), to("fell", "fall")), where()),
                    List.of(care(), massage(), outcome("fall", Urgency.EMERGENCY, false)), rules());

            assertThat(faults(tree)).isEmpty();
        }

        @Test
        void treeWhoseRoutesAllEndInOutcomesNeedsNoRules() {
            Tree tree = tree(List.of(single("red", to("none", "plain"), to("yes", "care"))),
                    List.of(care(), outcome("plain", Urgency.ROUTINE, true)), List.of());

            assertThat(faults(tree)).isEmpty();
        }
    }

    @Nested
    class Ids {

        @Test
        void twoQuestionsWithOneIdAreADuplicate() {
            Tree tree = tree(List.of(red(), where(), single("where", to("other", Tree.END))), outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'where': id is used by more than one node");
        }

        @Test
        void questionAndOutcomeWithOneIdAreADuplicate() {
            Tree tree = tree(List.of(red(), where()), List.of(outcome("red", Urgency.URGENT, false), massage()),
                    List.of(rule("red_sign", "red", "red", "yes"), hipPain(), otherwise()));

            assertThat(faults(tree)).containsExactly("node 'red': id is used by more than one node");
        }

        @Test
        void upperCaseNodeIdIsBadlyFormed() {
            Tree tree = tree(List.of(red(), where()), List.of(outcome("Care", Urgency.URGENT, false), massage()),
                    List.of(rule("red_sign", "Care", "red", "yes"), hipPain(), otherwise()));

            assertThat(faults(tree)).containsExactly("node 'Care': id must be lower-case letters, digits and '_'");
        }

        @Test
        void nodeIdWithAHyphenIsBadlyFormed() {
            Tree tree = tree(List.of(single("red", to("none", "pain-site"), to("yes", Tree.END)),
                            multiple("pain-site", Tree.END, tick("back"), tick("hip"), noneOfThese())),
                    outcomes(), List.of(redSign(), rule("hip_pain", "massage", "pain-site", "hip", "reason.hip"), otherwise()));

            assertThat(faults(tree)).containsExactly("node 'pain-site': id must be lower-case letters, digits and '_'");
        }

        @Test
        void upperCaseOptionIdIsBadlyFormed() {
            Tree tree = tree(List.of(single("red", to("None", "where"), to("yes", Tree.END)), where()), outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'red': option 'None': id must be lower-case letters, digits and '_'");
        }

        @Test
        void endIsReservedForTheEndOfTheQuestions() {
            Tree tree = tree(List.of(red(), where()), List.of(outcome("end", Urgency.URGENT, false), massage()),
                    List.of(rule("red_sign", "end", "red", "yes"), hipPain(), otherwise()));

            assertThat(faults(tree)).containsExactly("node 'end': 'end' is reserved for \"the questions end here\"");
        }

        @Test
        void optionIdTwiceInOneQuestionIsADuplicate() {
            Tree tree = tree(List.of(red(), multiple("where", Tree.END, tick("back"), tick("hip"), tick("back"), noneOfThese())),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'where': option 'back' appears more than once");
        }
    }

    @Nested
    class Routes {

        @Test
        void startThatIsAnOutcomeIsNotAQuestion() {
            Tree tree = new Tree("test", "care", List.of(red(), where()), outcomes(), rules());

            assertThat(faults(tree)).containsExactly(
                    "tree: start 'care' is not a question",
                    "node 'red': cannot be reached from the start",
                    "node 'where': cannot be reached from the start",
                    "node 'massage': cannot be reached: no option and no rule leads to it");
        }

        @Test
        void optionLeadingToAnUnknownNodeNamesIt() {
            Tree tree = tree(List.of(single("red", to("none", "where"), to("yes", Tree.END), to("maybe", "nowhere")), where()),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'red': option 'maybe' leads to unknown 'nowhere'");
        }

        @Test
        void multipleChoiceNextToAnUnknownNodeNamesIt() {
            Tree tree = tree(List.of(red(), multiple("where", "nowhere", tick("back"), tick("hip"), noneOfThese())),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'where': next is unknown 'nowhere'");
        }

        @Test
        void multipleChoiceQuestionWithoutNext() {
            Tree tree = tree(List.of(red(), new Question("where", "q.where.text", "q.where.summary", Choice.MULTIPLE,
                    List.of(tick("back"), tick("hip"), noneOfThese()), Optional.empty())), outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'where': multiple-choice question has no next step");
        }

        @Test
        void singleChoiceOptionWithoutNext() {
            Option nowhere = Option.tick("maybe", "label.maybe");
            Tree tree = tree(List.of(single("red", to("none", "where"), to("yes", Tree.END), nowhere), where()),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'red': option 'maybe' has no next step");
        }

        @Test
        void exclusiveOptionOnASingleChoiceQuestion() {
            Option exclusive = Option.noneOfThese("none", "label.none").withNext("where");
            Tree tree = tree(List.of(single("red", exclusive, to("yes", Tree.END)), where()), outcomes(), rules());

            assertThat(faults(tree)).containsExactly(
                    "node 'red': option 'none' is exclusive, which only a multiple-choice question can use");
        }

        @Test
        void optionOfAMultipleChoiceQuestionWithItsOwnNext() {
            Tree tree = tree(List.of(red(), multiple("where", Tree.END, tick("back"), to("hip", Tree.END), noneOfThese())),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly(
                    "node 'where': option 'hip' has its own next step; a multiple-choice question routes by the question's next"
                            + " (only an option the body map alone gives may lead elsewhere first)");
        }

        @Test
        void singleChoiceQuestionWithAQuestionLevelNext() {
            Question red = new Question("red", "q.red.text", "q.red.summary", Choice.SINGLE,
                    List.of(to("none", "where"), to("yes", Tree.END)), Optional.of("where"));
            Tree tree = tree(List.of(red, where()), outcomes(), rules());

            assertThat(faults(tree)).containsExactly(
                    "node 'red': single-choice question has a question-level next; put next on each option");
        }

        @Test
        void questionWithoutOptions() {
            Tree tree = tree(List.of(single("red", to("none", "where"), to("yes", Tree.END), to("maybe", "blank")), where(),
                    single("blank")), outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'blank': has no options");
        }

        @Test
        void unreachableQuestion() {
            Tree tree = tree(List.of(red(), where(), single("orphan", to("ok", Tree.END))), outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'orphan': cannot be reached from the start");
        }

        @Test
        void unreachableOutcome() {
            Tree tree = tree(List.of(red(), where()), List.of(care(), massage(), outcome("spare", Urgency.ROUTINE, true)),
                    rules());

            assertThat(faults(tree)).containsExactly("node 'spare': cannot be reached: no option and no rule leads to it");
        }

        @Test
        void cycleThroughTwoQuestionsNamesTheRoute() {
            Tree tree = tree(List.of(red(), multiple("where", "red", tick("back"), tick("hip"), noneOfThese())),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'red': is part of a cycle: red -> where -> red");
        }

        @Test
        void questionLeadingToItselfIsACycle() {
            Tree tree = tree(List.of(single("red", to("none", "where"), to("yes", Tree.END), to("again", "red")), where()),
                    outcomes(), rules());

            assertThat(faults(tree)).containsExactly("node 'red': is part of a cycle: red -> red");
        }
    }

    @Nested
    class Rules {

        @Test
        void noCatchAllRule() {
            Tree tree = tree(List.of(red(), where()), outcomes(), List.of(redSign(), hipPain()));

            assertThat(faults(tree)).containsExactly("rules: no catch-all rule (empty 'when'), so some answers would reach no outcome");
        }

        @Test
        void ruleAfterTheCatchAllCanNeverMatch() {
            Tree tree = tree(List.of(red(), where()), outcomes(), List.of(redSign(), otherwise(), hipPain()));

            assertThat(faults(tree)).containsExactly("rule 'hip_pain': comes after the catch-all rule, so it can never match");
        }

        @Test
        void ruleAboutAnUnknownQuestion() {
            Tree tree = tree(List.of(red(), where()), outcomes(),
                    List.of(redSign(), hipPain(), rule("ghost", "massage", "nowhere", "back"), otherwise()));

            assertThat(faults(tree)).containsExactly("rule 'ghost': asks about unknown question 'nowhere'");
        }

        @Test
        void ruleAboutAnUnknownOption() {
            Tree tree = tree(List.of(red(), where()), outcomes(),
                    List.of(redSign(), hipPain(), rule("ghost", "massage", "where", "knee"), otherwise()));

            assertThat(faults(tree)).containsExactly("rule 'ghost': question 'where' has no option 'knee'");
        }

        @Test
        void ruleLeadingToAnUnknownOutcome() {
            Tree tree = tree(List.of(red(), where()), outcomes(),
                    List.of(redSign(), hipPain(), rule("ghost", "nowhere", "where", "back"), otherwise()));

            assertThat(faults(tree)).containsExactly("rule 'ghost': leads to unknown outcome 'nowhere'");
        }

        @Test
        void ruleListingNoOptionsForAQuestion() {
            Rule empty = new Rule("ghost", Map.of("where", List.of()), "massage", Optional.empty());
            Tree tree = tree(List.of(red(), where()), outcomes(), List.of(redSign(), hipPain(), empty, otherwise()));

            assertThat(faults(tree)).containsExactly("rule 'ghost': lists no options for question 'where'");
        }

        @Test
        void twoRulesWithOneId() {
            Tree tree = tree(List.of(red(), where()), outcomes(),
                    List.of(redSign(), hipPain(), rule("hip_pain", "massage", "where", "back"), otherwise()));

            assertThat(faults(tree)).containsExactly("rule 'hip_pain': id is used by more than one rule");
        }

        @Test
        void ruleReasonWithoutAReasonsHeadingOnItsOutcome() {
            Tree tree = tree(List.of(red(), where()), List.of(care(), outcome("massage", Urgency.ROUTINE, true)), rules());

            assertThat(faults(tree)).containsExactly(
                    "rule 'hip_pain': has a reason but outcome 'massage' has no reasons heading to show it under");
        }
    }

    @Nested
    class Outcomes {

        @Test
        void outcomeWithoutClinicianAdvice() {
            for (String blank : List.of("", "  ")) {
                Outcome care = Outcome.builder("care", Urgency.URGENT).title("o.care.title").body("o.care.body")
                        .clinician(blank).build();
                Tree tree = tree(List.of(red(), where()), List.of(care, massage()), rules());

                assertThat(faults(tree)).as("clinician '%s'", blank).containsExactly("node 'care': has no clinician advice");
            }
        }

        @Test
        void emergencyOutcomeWithAMassageRequest() {
            Tree tree = tree(List.of(red(), where()), List.of(outcome("care", Urgency.EMERGENCY, true), massage()), rules());

            List<TreeFault> faults = TreeValidator.validate(tree, messagesFor(tree));

            assertThat(faults).singleElement().satisfies(fault -> {
                assertThat(fault.where()).isEqualTo("node 'care'");
                assertThat(fault.problem()).endsWith(" emergency outcome must not carry a massage request");
            });
        }

        @Test
        void urgentOutcomeWithAMassageRequest() {
            Tree tree = tree(List.of(red(), where()), List.of(outcome("care", Urgency.URGENT, true), massage()), rules());

            List<TreeFault> faults = TreeValidator.validate(tree, messagesFor(tree));

            assertThat(faults).singleElement().satisfies(fault -> {
                assertThat(fault.where()).isEqualTo("node 'care'");
                assertThat(fault.problem()).endsWith(" urgent outcome must not carry a massage request");
            });
        }

        @Test
        void redFlagMassageFaultsReadAsEnglish() {
            Tree emergency = tree(List.of(red(), where()), List.of(outcome("care", Urgency.EMERGENCY, true), massage()), rules());
            Tree urgent = tree(List.of(red(), where()), List.of(outcome("care", Urgency.URGENT, true), massage()), rules());

            assertThat(faults(emergency)).containsExactly("node 'care': an emergency outcome must not carry a massage request");
            assertThat(faults(urgent)).containsExactly("node 'care': an urgent outcome must not carry a massage request");
        }

        @Test
        void soonOutcomeMayCarryAMassageRequest() {
            Tree tree = tree(List.of(red(), where()), List.of(outcome("care", Urgency.SOON, true), massage()), rules());

            assertThat(faults(tree)).isEmpty();
        }
    }

    @Nested
    class MessageKeys {

        static Stream<Arguments> everyKindOfText() {
            return Stream.of(
                    Arguments.of("q.where.text", "node 'where': question text 'q.where.text' is missing from messages_en"),
                    Arguments.of("q.where.summary", "node 'where': summary text 'q.where.summary' is missing from messages_en"),
                    Arguments.of("label.hip", "node 'where': option 'hip' label text 'label.hip' is missing from messages_en"),
                    Arguments.of("o.care.title", "node 'care': title text 'o.care.title' is missing from messages_en"),
                    Arguments.of("o.care.body", "node 'care': body text 'o.care.body' is missing from messages_en"),
                    Arguments.of("o.care.clinician",
                            "node 'care': clinician advice text 'o.care.clinician' is missing from messages_en"),
                    Arguments.of("o.massage.reasons",
                            "node 'massage': reasons heading text 'o.massage.reasons' is missing from messages_en"),
                    Arguments.of("reason.hip", "rule 'hip_pain': reason text 'reason.hip' is missing from messages_en"));
        }

        @ParameterizedTest
        @MethodSource("everyKindOfText")
        void missingTextNamesTheNodeAndKey(String key, String fault) {
            Tree tree = minimal();
            Map<String, String> texts = new HashMap<>(textsFor(tree));
            assertThat(texts.remove(key)).as("the minimal tree uses " + key).isNotNull();

            List<TreeFault> faults = TreeValidator.validate(tree, new Messages("en", texts));

            assertThat(faults).extracting(TreeFault::toString).containsExactly(fault);
        }

        @Test
        void faultNamesTheLanguageOfTheMessages() {
            Tree tree = minimal();
            Map<String, String> texts = new HashMap<>(textsFor(tree));
            texts.remove("o.care.title");

            assertThat(TreeValidator.validate(tree, new Messages("de", texts))).extracting(TreeFault::toString)
                    .containsExactly("node 'care': title text 'o.care.title' is missing from messages_de");
        }
    }

    @Nested
    class TelegramHtmlTexts {

        static Stream<Arguments> textsTelegramRefuses() {
            return Stream.of(
                    Arguments.of("Fish & chips", "a '&' that starts no entity at character 6 (write &amp;)"),
                    Arguments.of("Pain < 3", "a '<' that starts no tag at character 6 (write &lt;)"),
                    Arguments.of("2 > 1", "a stray '>' at character 3 (write &gt;)"),
                    Arguments.of("<b>bold", "<b> is never closed"),
                    Arguments.of("<b><i>x</b></i>", "</b> at character 8 closes <i>"),
                    Arguments.of("<h1>Title</h1>", "tag <h1> at character 1 is not one Telegram supports"),
                    Arguments.of("&nbsp;", "a '&' that starts no entity at character 1 (write &amp;)"));
        }

        @ParameterizedTest
        @MethodSource("textsTelegramRefuses")
        void aTextTelegramWouldRefuseIsAFaultNamingTheKeyAndWhy(String html, String problem) {
            Tree tree = minimal();
            Map<String, String> texts = new HashMap<>(textsFor(tree));
            texts.put("o.care.body", html);

            assertThat(TreeValidator.validate(tree, new Messages("en", texts))).extracting(TreeFault::toString)
                    .containsExactly("messages_en: text 'o.care.body' is not valid Telegram HTML: " + problem);
        }

        @Test
        void everyTextIsCheckedNotOnlyTheTreesOwn() {
            Tree tree = minimal();
            Map<String, String> texts = new HashMap<>(textsFor(tree));
            texts.put("console.intro", "Type 1 & press Enter");

            assertThat(faults(tree, texts)).containsExactly(
                    "messages_en: text 'console.intro' is not valid Telegram HTML: a '&' that starts no entity at character 8"
                            + " (write &amp;)");
        }

        @Test
        void telegramsTagsEntitiesAndPlaceholdersAreValid() {
            assertThat(TelegramHtml.problem("<b>Bold</b> <i>it</i> <u>u</u> <s>s</s> <code>c</code> "
                    + "<a href=\"https://example.org/?a=1&amp;b=2\">link</a> &lt;&gt;&amp;&quot; &#8212; &#x2014; {name}"))
                    .isEmpty();
        }
    }

    @Nested
    class ReportParts {

        @Test
        void paragraphConditionsNameQuestionsAndOptionsThatExist() {
            Outcome massage = Outcome.builder("massage", Urgency.ROUTINE).title("o.massage.title")
                    .body(List.of(new Block("o.massage.body", Map.of("where", List.of("knee")), Map.of()),
                            new Block("o.massage.body", Map.of(), Map.of("pain", List.of("sharp")))))
                    .clinician("o.massage.clinician").reasons("o.massage.reasons").showAnswers(true).massageRequest(true).build();
            Tree tree = tree(List.of(red(), where()), List.of(care(), massage), rules());

            assertThat(faults(tree)).containsExactly(
                    "node 'massage': body 'o.massage.body' when: question 'where' has no option 'knee'",
                    "node 'massage': body 'o.massage.body' unless: asks about unknown question 'pain'");
        }

        @Test
        void reportHeadingSignsAfterAndFooterTextsMustExist() {
            Question where = new Question("where", "q.where.text", "q.where.summary", Choice.MULTIPLE,
                    List.of(tick("back"), tick("hip"), Option.noneOfThese("none", "label.none")
                            .withReport("r.none")), Optional.of(Tree.END), Optional.empty(), Optional.of("h.where"));
            Outcome care = Outcome.builder("care", Urgency.URGENT).title("o.care.title").body("o.care.body")
                    .clinician("o.care.clinician").signs("o.care.signs").after(List.of(Block.always("a.care")))
                    .footer("o.care.footer").build();
            Tree tree = tree(List.of(red(), where), List.of(care, massage()), rules());
            Map<String, String> texts = new HashMap<>(textsFor(tree));
            List.of("r.none", "h.where", "o.care.signs", "a.care", "o.care.footer").forEach(texts::remove);

            assertThat(faults(tree, texts)).containsExactly(
                    "node 'where': report heading text 'h.where' is missing from messages_en",
                    "node 'where': option 'none' report text 'r.none' is missing from messages_en",
                    "node 'care': signs heading text 'o.care.signs' is missing from messages_en",
                    "node 'care': after-message text 'a.care' is missing from messages_en",
                    "node 'care': footer text 'o.care.footer' is missing from messages_en");
        }

        @Test
        void theCheckInAsksAgainOnlyQuestionsThatExistOnceOfEitherChoice() {
            Tree tree = new Tree("test", "red", List.of(red(), where()), outcomes(), rules(), List.of("red", "where", "gone", "red"));

            assertThat(faults(tree)).containsExactly(
                    "recheck: names unknown question 'gone'",
                    "recheck: names question 'red' more than once");
        }

        @Test
        void theCheckInWordingOfAQuestionMustExist() {
            Question red = new Question("red", "q.red.text", "q.red.summary", Choice.SINGLE,
                    List.of(to("none", "where"), to("yes", Tree.END)), Optional.empty(), Optional.empty(), Optional.empty(),
                    true, Optional.of("q.red.check_in_text"));
            Tree tree = new Tree("test", "red", List.of(red, where()), outcomes(), rules(), List.of("red"));
            Map<String, String> texts = new HashMap<>(textsFor(tree));
            assertThat(texts.remove("q.red.check_in_text")).isNotNull();

            assertThat(faults(tree, texts)).containsExactly(
                    "node 'red': check-in text 'q.red.check_in_text' is missing from messages_en");
        }
    }

    /**
     * An ending that asks the person to see a clinician first may name the massage request that
     * replaces it once they say the clinician agreed; the minimal tree gains a soon ending
     * ("clinician", for hip pain) and, in some tests, the request it leads to ("agreed", reached by no rule).
     */
    @Nested
    class AfterAgreement {

        @Test
        void aClinicianFirstEndingLeadingToAMassageRequestAfterAgreementIsFit() {
            assertThat(faults(agreeingTo("agreed", outcome("agreed", Urgency.ROUTINE, true)))).isEmpty();
            assertThat(faults(agreeingTo("massage"))).isEmpty();
        }

        @Test
        void agreementLeadingToAnUnknownOutcomeIsAFault() {
            assertThat(faults(agreeingTo("nowhere"))).containsExactly(
                    "node 'clinician': after agreement leads to unknown outcome 'nowhere'");
        }

        @Test
        void agreementLeadingToARedFlagOutcomeIsAFault() {
            assertThat(faults(agreeingTo("care"))).containsExactly(
                    "node 'clinician': after agreement leads to 'care', which must be a massage request a person may share"
                            + " (not a red flag, no agreement of its own)");
        }

        @Test
        void agreementLeadingToAnEndingWithoutAMassageRequestIsAFault() {
            assertThat(faults(agreeingTo("agreed", outcome("agreed", Urgency.ROUTINE, false)))).containsExactly(
                    "node 'clinician': after agreement leads to 'agreed', which must be a massage request a person may share"
                            + " (not a red flag, no agreement of its own)");
        }

        @Test
        void agreementLeadingToAnEndingThatNeedsAgreementItselfIsAFault() {
            Outcome needsAgreementToo = withAgreement(outcome("agreed", Urgency.SOON, true), "massage");

            assertThat(faults(agreeingTo("agreed", needsAgreementToo))).containsExactly(
                    "node 'clinician': after agreement leads to 'agreed', which must be a massage request a person may share"
                            + " (not a red flag, no agreement of its own)");
        }

        @Test
        void aRedFlagOutcomeLeadingToAMassageRequestAfterAgreementIsAFault() {
            Tree tree = tree(List.of(red(), where()), List.of(withAgreement(care(), "massage"), massage()), rules());

            assertThat(faults(tree)).containsExactly(
                    "node 'care': a red-flag outcome never leads to a massage request, not even after agreement");
        }

        /** The minimal tree and {@code extra} endings, with hip pain ending in "clinician", which leads to {@code target} after agreement. */
        private static Tree agreeingTo(String target, Outcome... extra) {
            Outcome clinician = Outcome.builder("clinician", Urgency.SOON).title("o.clinician.title").body("o.clinician.body")
                    .clinician("o.clinician.clinician").reasons("o.clinician.reasons").showAnswers(true).massageRequest(true)
                    .afterAgreement(target).build();
            List<Outcome> outcomes = new ArrayList<>(List.of(care(), clinician, massage()));
            outcomes.addAll(List.of(extra));
            return tree(List.of(red(), where()), outcomes,
                    List.of(redSign(), rule("hip_pain", "clinician", "where", "hip", "reason.hip"), otherwise()));
        }

        private static Outcome withAgreement(Outcome o, String target) {
            return new Outcome(o.id(), o.urgency(), o.titleKey(), o.body(), o.clinicianKey(), o.reasonsKey(), o.signsKey(),
                    o.showAnswers(), o.massageRequest(), o.after(), o.footerKey(), Optional.of(target));
        }
    }

    // --- Validating -------------------------------------------------------------------------

    private static List<String> faults(Tree tree) {
        return TreeValidator.validate(tree, messagesFor(tree)).stream().map(TreeFault::toString).toList();
    }

    private static List<String> faults(Tree tree, Map<String, String> texts) {
        return TreeValidator.validate(tree, new Messages("en", texts)).stream().map(TreeFault::toString).toList();
    }
}
