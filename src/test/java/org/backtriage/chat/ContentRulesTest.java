package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backtriage.config.ConfigException;
import org.backtriage.config.Content;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;
import org.backtriage.triage.TreeFault;
import org.junit.jupiter.api.Test;

/** What Telegram would refuse in the messages built from a tree, found at start-up before anyone is sent one. */
class ContentRulesTest {
    static final Content SHIPPED = Content.packaged(ChatService.CONTENT_RULES);

    @Test
    void theShippedTreeAndMessagesPassInEveryLanguage() {
        SHIPPED.languages().forEach(m -> assertThat(ContentChecks.faults(SHIPPED.tree(), m)).isEmpty());
    }

    @Test
    void answersThatCanMakeAFinalMessageTooLongAreAFaultBeforeAnyoneAnswersThem() {
        Map<String, String> texts = texts("en");
        // Each label fits a button, but ticking all five places makes the answer line 5 x 600 characters.
        List.of("low_back_left", "low_back_right", "buttock_hip", "thigh", "below_knee")
                .forEach(option -> texts.put("q.where." + option, "x".repeat(600)));

        assertThat(faults(SHIPPED.tree(), texts)).contains(
                "node 'clinician_first': its final message in messages_en can be 6594 characters for some answers;"
                        + " Telegram sends at most 4096");
    }

    @Test
    void aNoticeOverTwoHundredCharactersIsAFault() {
        Map<String, String> texts = texts("es");
        texts.put("notice.stale", "a".repeat(201));

        assertThat(faults(SHIPPED.tree(), new Messages("es", texts)))
                .containsExactly("messages_es: notice 'notice.stale' is 201 characters; a button answer holds 200");
    }

    @Test
    void aCheckInButtonWhoseDataWouldPassSixtyFourBytesIsAFault() {
        // "p:emergency:" + 50 bytes fits a question's button; "fu:s:emergency:" + 50 does not.
        String longId = "c".repeat(50);
        Tree tree = renameOption(SHIPPED.tree(), "emergency", "yes", longId);

        assertThat(buttonFaults(tree))
                .containsExactly("node 'emergency': option '" + longId + "': its check-in button data is 65 bytes, over Telegram's 64");
    }

    @Test
    void buttonDataOver64BytesNamesTheOptionAndItsSize() {
        String option = "o".repeat(57); // "p:where:" is 8 bytes, so 65 in all
        Tree tree = renameOption(SHIPPED.tree(), "where", "thigh", option);

        assertThat(buttonFaults(tree)).containsExactly(
                "node 'where': option '" + option + "': button data is 65 bytes, over Telegram's 64");
    }

    @Test
    void buttonDataOfExactly64BytesFits() {
        assertThat(buttonFaults(renameOption(SHIPPED.tree(), "where", "thigh", "o".repeat(56)))).isEmpty(); // "p:where:" is 8
    }

    @Test
    void theShippedTreesButtonsAllFit() {
        assertThat(buttonFaults(SHIPPED.tree())).isEmpty();
    }

    @Test
    void aDateFormatThatIsNoPatternIsAFault() {
        Map<String, String> texts = texts("en");
        texts.put("date.format", "d MMMM {");

        assertThat(faults(SHIPPED.tree(), texts)).singleElement().asString()
                .startsWith("messages_en: text 'date.format' is not a date pattern: ");
    }

    @Test
    void startUpRefusesContentTheseRulesFaultAndSaysWhy() {
        Map<String, String> texts = texts("en");
        texts.put("check_in.already", "b".repeat(250));

        assertThatThrownBy(() -> Content.packaged(new org.backtriage.triage.ContentRules(ChatService.TEXT_KEYS,
                (tree, messages) -> ContentChecks.faults(tree, messages.language().equals("en") ? new Messages("en", texts) : messages))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messages_en: notice 'check_in.already' is 250 characters; a button answer holds 200");
    }

    private static List<String> faults(Tree tree, Map<String, String> texts) {
        return faults(tree, new Messages("en", texts));
    }

    private static List<String> faults(Tree tree, Messages messages) {
        return ContentChecks.faults(tree, messages).stream().map(TreeFault::toString).toList();
    }

    private static List<String> buttonFaults(Tree tree) {
        return ContentChecks.buttonFaults(tree).stream().map(TreeFault::toString).toList();
    }

    private static Map<String, String> texts(String language) {
        Messages messages = SHIPPED.languages().stream().filter(m -> m.language().equals(language)).findFirst().orElseThrow();
        Map<String, String> texts = new HashMap<>();
        messages.keys().forEach(key -> texts.put(key, messages.text(key)));
        return texts;
    }

    private static Tree renameOption(Tree tree, String questionId, String from, String to) {
        List<Question> questions = tree.questions().stream().map(q -> !q.id().equals(questionId) ? q
                : new Question(q.id(), q.textKey(), q.summaryKey(), q.choice(), q.options().stream()
                        .map(o -> !o.id().equals(from) ? o
                                : new Option(to, o.labelKey(), o.next(), o.exclusive(), o.reportKey(), o.mapOnly()))
                        .toList(), q.next(), q.whyKey(), q.headingKey(), q.listed(), q.checkInTextKey())).toList();
        List<Rule> rules = tree.rules().stream().map(r -> {
            Map<String, List<String>> when = new HashMap<>(r.when());
            when.computeIfPresent(questionId, (q, options) -> options.stream().map(o -> o.equals(from) ? to : o).toList());
            return new Rule(r.id(), when, r.outcomeId(), r.reasonKey());
        }).toList();
        return new Tree(tree.version(), tree.start(), questions, tree.outcomes(), rules, tree.recheck());
    }
}
