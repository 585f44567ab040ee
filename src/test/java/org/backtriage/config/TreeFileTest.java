package org.backtriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.backtriage.triage.Block;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFileTest {
    private static final String SOURCE = "test-tree.json";

    /** A small tree that passes validation with {@link #MESSAGES}. */
    private static final String VALID = """
            {
              "version": "test-1",
              "start": "red",
              "questions": [
                {
                  "id": "red", "text": "q.red.text", "summary": "q.red.summary", "type": "single",
                  "options": [
                    { "id": "none", "label": "label.none", "next": "where" },
                    { "id": "yes", "label": "label.yes", "next": "end" }
                  ]
                },
                {
                  "id": "where", "text": "q.where.text", "summary": "q.where.summary", "type": "Multiple", "next": "end",
                  "options": [
                    { "id": "back", "label": "label.back" },
                    { "id": "none", "label": "label.none", "exclusive": true }
                  ]
                }
              ],
              "outcomes": [
                { "id": "care", "urgency": "urgent", "title": "o.care.title", "body": ["o.care.body"],
                  "clinician": "o.care.clinician", "massageRequest": false },
                { "id": "massage", "urgency": "ROUTINE", "title": "o.massage.title", "clinician": "o.massage.clinician",
                  "reasons": "o.massage.reasons", "showAnswers": true, "massageRequest": true }
              ],
              "rules": [
                { "id": "red_sign", "when": { "red": ["yes"] }, "outcome": "care" },
                { "id": "back_pain", "when": { "where": ["back"] }, "outcome": "massage", "reason": "reason.back" },
                { "id": "otherwise", "when": {}, "outcome": "massage" }
              ]
            }
            """;

    private static final String MESSAGES = """
            q.red.text=Any red flags?
            q.red.summary=Red flags
            label.none=None of these
            label.yes=Yes
            q.where.text=Where does it hurt?
            q.where.summary=Where
            label.back=Low back
            o.care.title=See a doctor today
            o.care.body=Some signs need a doctor.
            o.care.clinician=Call your doctor today.
            o.massage.title=Massage request
            o.massage.clinician=See a clinician if it gets worse.
            o.massage.reasons=Why
            reason.back=it hurts in the low back
            """;

    @Nested
    class ReadingATree {

        @Test
        void everyFieldEndsUpInTheTree() {
            Tree tree = read(VALID);

            assertThat(tree.version()).isEqualTo("test-1");
            assertThat(tree.start()).isEqualTo("red");
            assertThat(tree.questions()).containsExactly(
                    new Question("red", "q.red.text", "q.red.summary", Choice.SINGLE, List.of(
                            Option.to("none", "label.none", "where"),
                            Option.to("yes", "label.yes", "end")), Optional.empty()),
                    new Question("where", "q.where.text", "q.where.summary", Choice.MULTIPLE, List.of(
                            Option.tick("back", "label.back"),
                            Option.noneOfThese("none", "label.none")), Optional.of("end")));
            assertThat(tree.outcomes()).containsExactly(
                    Outcome.builder("care", Urgency.URGENT).title("o.care.title").body("o.care.body")
                            .clinician("o.care.clinician").build(),
                    Outcome.builder("massage", Urgency.ROUTINE).title("o.massage.title").clinician("o.massage.clinician")
                            .reasons("o.massage.reasons").showAnswers(true).massageRequest(true).build());
            assertThat(tree.rules()).containsExactly(
                    new Rule("red_sign", java.util.Map.of("red", List.of("yes")), "care", Optional.empty()),
                    new Rule("back_pain", java.util.Map.of("where", List.of("back")), "massage", Optional.of("reason.back")),
                    new Rule("otherwise", java.util.Map.of(), "massage", Optional.empty()));
        }

        @Test
        void shippedTreeReads() throws IOException {
            try (InputStream in = TreeFileTest.class.getResourceAsStream("/config/triage-tree.json")) {
                Tree tree = TreeFile.read(in, "packaged");

                assertThat(tree.start()).isEqualTo("emergency");
                assertThat(tree.questions()).hasSize(31);
                assertThat(tree.outcomes()).hasSize(11);
                assertThat(tree.rules()).hasSize(30);
                assertThat(tree.bodyMap().orElseThrow().regions()).hasSize(14);
                assertThat(tree.recheck()).containsExactly("emergency", "emergency_which", "emergency_unsure",
                        "pregnancy_signs", "pregnancy_signs_which", "pregnancy_signs_unsure",
                        "urgent_symptoms", "urgent_symptoms_which", "urgent_symptoms_unsure",
                        "urgent_history", "urgent_history_which", "urgent_history_unsure",
                        "lasting", "lasting_which", "lasting_unsure", "lasting_examined", "lasting_when", "lasting_unchanged");
                assertThat(tree.outcome("clinician_first").orElseThrow().afterAgreement()).contains("clinician_agreed");
                assertThat(tree.question("lasting").orElseThrow().checkInTextKey()).contains("q.lasting.check_in_text");
            }
        }

        @Test
        void reportWordingConditionalParagraphsSignsAfterMessagesAndRecheckAreRead() {
            String json = """
                    {
                      "version": "test-2", "start": "red", "recheck": ["red"],
                      "questions": [
                        {"id": "red", "text": "q.red.text", "summary": "q.red.summary", "heading": "h.red", "type": "single",
                         "options": [{"id": "none", "label": "label.none", "next": "end", "report": "r.none"},
                                     {"id": "yes", "label": "label.yes", "next": "end"}]}
                      ],
                      "outcomes": [
                        {"id": "care", "urgency": "urgent", "title": "o.title", "signs": "o.signs", "clinician": "o.clinician",
                         "footer": "o.footer", "after": ["a.one", "a.two"], "massageRequest": false,
                         "body": ["o.always", {"text": "o.when", "when": {"red": ["yes"]}},
                                  {"text": "o.unless", "unless": {"red": ["yes"]}}]}
                      ],
                      "rules": [{"id": "otherwise", "when": {}, "outcome": "care"}]
                    }
                    """;

            Tree tree = read(json);

            assertThat(tree.recheck()).containsExactly("red");
            Question red = tree.questions().get(0);
            assertThat(red.headingKey()).contains("h.red");
            assertThat(red.option("none").orElseThrow().reportKey()).contains("r.none");
            assertThat(red.option("yes").orElseThrow().reportKey()).isEmpty();
            Outcome care = tree.outcomes().get(0);
            assertThat(care.signsKey()).contains("o.signs");
            assertThat(care.footerKey()).contains("o.footer");
            assertThat(care.after()).containsExactly(Block.always("a.one"), Block.always("a.two"));
            assertThat(care.body()).containsExactly(Block.always("o.always"),
                    new Block("o.when", java.util.Map.of("red", List.of("yes")), java.util.Map.of()),
                    new Block("o.unless", java.util.Map.of(), java.util.Map.of("red", List.of("yes"))));
        }

        @Test
        void aQuestionLeftOffTheReportItsCheckInWordingAndTheEndingAfterAgreementAreRead() {
            String json = """
                    {
                      "version": "test-3", "start": "red", "recheck": ["red"],
                      "questions": [
                        {"id": "red", "text": "q.red.text", "summary": "q.red.summary", "listed": false,
                         "checkInText": "q.red.since", "type": "single",
                         "options": [{"id": "none", "label": "label.none", "next": "where"},
                                     {"id": "yes", "label": "label.yes", "next": "end"}]},
                        {"id": "where", "text": "q.where.text", "summary": "q.where.summary", "listed": true, "type": "single",
                         "options": [{"id": "back", "label": "label.back", "next": "end"}]}
                      ],
                      "outcomes": [
                        {"id": "first", "urgency": "soon", "title": "o.title", "clinician": "o.clinician",
                         "massageRequest": true, "afterAgreement": "agreed"},
                        {"id": "agreed", "urgency": "routine", "title": "o.title", "clinician": "o.clinician",
                         "massageRequest": true}
                      ],
                      "rules": [{"id": "otherwise", "when": {}, "outcome": "first"}]
                    }
                    """;

            Tree tree = read(json);

            Question red = tree.question("red").orElseThrow();
            assertThat(red.listed()).isFalse();
            assertThat(red.checkInTextKey()).contains("q.red.since");
            Question where = tree.question("where").orElseThrow();
            assertThat(where.listed()).isTrue();
            assertThat(where.checkInTextKey()).isEmpty();
            assertThat(tree.outcome("first").orElseThrow().afterAgreement()).contains("agreed");
            assertThat(tree.outcome("first").orElseThrow().shareable()).isFalse();
            assertThat(tree.outcome("agreed").orElseThrow().afterAgreement()).isEmpty();
            assertThat(tree.outcome("agreed").orElseThrow().shareable()).isTrue();
        }

        @Test
        void aQuestionIsListedUnlessItSaysOtherwise() {
            assertThat(read(VALID).questions()).allSatisfy(q -> {
                assertThat(q.listed()).isTrue();
                assertThat(q.checkInTextKey()).isEmpty();
            });
        }
    }

    @Nested
    class BrokenJson {

        @Test
        void missingCommaNamesLineAndColumn() {
            String json = """
                    {
                      "version": "1"
                      "start": "red"
                    }
                    """;

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: not valid JSON at line 3, column 3: ");
        }

        @Test
        void unclosedObjectNamesWhereTheFileEnds() {
            String json = "{\n  \"version\": \"1\",\n  \"start\": \"red\"\n";

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: not valid JSON at line 4, column 1: ")
                    .hasMessageContaining("end-of-input");
        }

        @Test
        void textAfterTheTreeIsNotValidJson() {
            String json = """
                    {
                      "version": "1",
                      "start": "red"
                    }
                    }
                    """;

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: not valid JSON at line 5, column 1");
        }

        @Test
        void aSecondValueAfterTheTreeIsNotValidJson() {
            assertThatThrownBy(() -> read(VALID + "{}")).isInstanceOf(ConfigException.class)
                    .hasMessageMatching("test-tree\\.json: not valid JSON at line \\d+, column 1: more after the end of the tree");
        }

        @Test
        void emptyFileIsAConfigException() {
            assertThatThrownBy(() -> read("")).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: ")
                    .hasMessageContaining("end-of-input");
        }

        @Test
        void jsonNullIsAnEmptyTree() {
            assertThatThrownBy(() -> read("null")).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: is empty");
        }
    }

    @Nested
    class BrokenShape {

        @Test
        void unknownFieldIsRejectedNamingItsPath() {
            String json = VALID.replace("\"id\": \"where\",", "\"id\": \"where\", \"colour\": \"red\",");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: at questions[1].colour: Unrecognized field \"colour\"");
        }

        @Test
        void unknownTopLevelFieldIsRejectedNamingIt() {
            String json = VALID.replace("\"version\": \"test-1\",", "\"version\": \"test-1\", \"language\": \"en\",");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: at language: Unrecognized field \"language\"");
        }

        @Test
        void wrongValueTypeNamesItsPath() {
            String json = VALID.replace("\"massageRequest\": false", "\"massageRequest\": \"no\"");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("test-tree.json: at outcomes[0].massageRequest: ");
        }

        @Test
        void aNumberWhereTextIsWantedIsReadAsWritten() {
            Tree tree = read(VALID.replace("\"version\": \"test-1\"", "\"version\": 20261125.10"));

            assertThat(tree.version()).isEqualTo("20261125.10");
        }

        @Test
        void aListWhereTextIsWantedNamesItsPath() {
            String json = VALID.replace("\"title\": \"o.care.title\"", "\"title\": [\"o.care.title\"]");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: at outcomes[0].title: expected text, not a list");
        }

        @Test
        void treeWithoutStart() {
            String json = VALID.replace("\"start\": \"red\",", "");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: the tree has no 'start'");
        }

        @Test
        void questionWithoutId() {
            String json = VALID.replace("\"id\": \"where\", ", "");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: a question has no 'id'");
        }

        @Test
        void questionWithBlankIdHasNoId() {
            String json = VALID.replace("\"id\": \"where\"", "\"id\": \" \"");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: a question has no 'id'");
        }

        @Test
        void questionTypeOtherThanSingleOrMultipleNamesTheNode() {
            String json = VALID.replace("\"type\": \"Multiple\"", "\"type\": \"checkboxes\"");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: node 'where' has type 'checkboxes'; use \"single\" or \"multiple\"");
        }

        @Test
        void questionWithoutTypeNamesTheNode() {
            String json = VALID.replace("\"type\": \"Multiple\", ", "");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: node 'where' has no 'type'");
        }

        @Test
        void optionWithoutIdNamesTheQuestion() {
            String json = VALID.replace("{ \"id\": \"back\", ", "{ ");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: node 'where': an option has no 'id'");
        }

        @Test
        void optionWithoutLabelNamesTheQuestionAndOption() {
            String json = VALID.replace(", \"label\": \"label.back\"", "");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: node 'where': option 'back' has no 'label'");
        }

        @Test
        void outcomeWithAnUnknownUrgencyNamesTheNode() {
            String json = VALID.replace("\"urgency\": \"urgent\"", "\"urgency\": \"later\"");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: node 'care' has urgency 'later'; use emergency, urgent, soon or routine");
        }

        @Test
        void outcomeWithoutMassageRequestNamesTheNode() {
            // Whether an ending asks for massage must be said, never defaulted.
            String json = VALID.replace(", \"massageRequest\": false", "");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: node 'care' has no 'massageRequest'");
        }

        @Test
        void ruleWithoutWhenNamesTheRule() {
            String json = VALID.replace("\"when\": {}, ", "");

            assertThatThrownBy(() -> read(json)).isInstanceOf(ConfigException.class)
                    .hasMessage("test-tree.json: rule 'otherwise' has no 'when'");
        }

        @Test
        void nullEntryInAListNamesItsPath() {
            String nullQuestion = VALID.replace("\"questions\": [", "\"questions\": [ null,");
            String nullOption = VALID.replace("\"options\": [", "\"options\": [ null,");
            String nullBody = VALID.replace("[\"o.care.body\"]", "[null]");

            assertThatThrownBy(() -> read(nullQuestion)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("questions[0]");
            assertThatThrownBy(() -> read(nullOption)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("questions[0].options[0]");
            assertThatThrownBy(() -> read(nullBody)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("outcomes[0].body[0]");
        }
    }

    @Nested
    class ValidatedContent {

        @Test
        void validTreeAndMessagesMakeContent() {
            Content content = Content.validated(read(VALID), messages(MESSAGES), SOURCE, List.of("q.red.text"));

            assertThat(content.tree().version()).isEqualTo("test-1");
            assertThat(content.messages().text("label.back")).isEqualTo("Low back");
            assertThat(content.source()).isEqualTo(SOURCE);
        }

        @Test
        void brokenTreeListsEveryFaultWithTheNodeNamed() {
            String json = VALID.replace("\"next\": \"where\"", "\"next\": \"nowhere\"")
                    .replace("\"clinician\": \"o.care.clinician\", ", "");
            Tree tree = read(json);

            assertThatThrownBy(() -> Content.validated(tree, messages(MESSAGES), SOURCE, List.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("""
                            the conversation tree (test-tree.json) has 3 faults:
                              node 'red': option 'none' leads to unknown 'nowhere'
                              node 'care': has no clinician advice
                              node 'where': cannot be reached from the start""");
        }

        @Test
        void singleFaultIsCountedInTheSingular() {
            String json = VALID.replace("\"clinician\": \"o.care.clinician\", ", "");

            assertThatThrownBy(() -> Content.validated(read(json), messages(MESSAGES), SOURCE, List.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("the conversation tree (test-tree.json) has 1 fault:\n  node 'care': has no clinician advice");
        }

        @Test
        void missingTextUsedByTheBotIsAFault() {
            assertThatThrownBy(() -> Content.validated(read(VALID), messages(MESSAGES), SOURCE, List.of("welcome", "help")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("""
                            the conversation tree (test-tree.json) has 2 faults:
                              messages_en: text 'welcome' used by the bot is missing
                              messages_en: text 'help' used by the bot is missing""");
        }

        @Test
        void packagedContentLoads() {
            Content content = Content.packaged(List.of());

            assertThat(content.source()).isEqualTo("packaged");
            assertThat(content.tree().start()).isEqualTo("emergency");
            assertThat(content.messages().language()).isEqualTo("en");
        }

        @Test
        void packagedContentNamesAMissingKeyTheBotUses() {
            assertThatThrownBy(() -> Content.packaged(List.of("no.such.key")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("the conversation tree (packaged) has 2 faults:\n"
                            + "  messages_en: text 'no.such.key' used by the bot is missing\n"
                            + "  messages_es: text 'no.such.key' used by the bot is missing");
        }
    }

    @Nested
    class TreeOnDisk {

        @TempDir
        Path dir;

        @Test
        void treeFileUsesTheMessagesBesideIt() throws IOException {
            Path treeFile = Files.writeString(dir.resolve("triage-tree.json"), VALID);
            Files.writeString(dir.resolve("messages_en.properties"), MESSAGES);

            Content content = Content.fromFile(treeFile, List.of());

            assertThat(content.tree().version()).isEqualTo("test-1");
            assertThat(content.messages().text("o.care.title")).isEqualTo("See a doctor today");
            assertThat(content.source()).isEqualTo(treeFile.toString());
        }

        @Test
        void treeFileWithoutMessagesBesideItUsesThePackagedMessages() throws IOException {
            Path treeFile = dir.resolve("triage-tree.json");
            try (InputStream in = TreeFileTest.class.getResourceAsStream("/config/triage-tree.json")) {
                Files.copy(in, treeFile);
            }

            Content content = Content.fromFile(treeFile, List.of("welcome"));

            assertThat(content.messages().text("q.where.below_knee")).isEqualTo("Down the leg, below the knee");
        }

        @Test
        void treeFileWhoseKeysAreNotInThePackagedMessagesFails() throws IOException {
            Path treeFile = Files.writeString(dir.resolve("triage-tree.json"), VALID);

            assertThatThrownBy(() -> Content.fromFile(treeFile, List.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("the conversation tree (" + treeFile + ") has ")
                    .hasMessageContaining("node 'red': question text 'q.red.text' is missing from messages_en");
        }

        @Test
        void missingTreeFileIsNamed() {
            Path treeFile = dir.resolve("no-such-tree.json");

            assertThatThrownBy(() -> Content.fromFile(treeFile, List.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("tree file " + treeFile + " cannot be read: ");
        }
    }

    private static Tree read(String json) {
        return TreeFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), SOURCE);
    }

    private static Messages messages(String properties) {
        return MessagesFile.read(new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8)), "en", "messages_en");
    }
}
