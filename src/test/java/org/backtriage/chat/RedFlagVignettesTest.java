package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One person per sign in the team's content notes (shared/CONTENT.md: NHS, NICE CKS), who has
 * that sign and nothing else and answers truthfully: the question that asks about it must name it
 * in words they recognise, the button they then tap must be there, and they must reach the tier
 * the notes give it. Everywhere else they give the answer that is true for them: "No, none of
 * these", a dull ache on one side of the low back, less than 6 weeks, getting better, mild.
 */
class RedFlagVignettesTest {
    static final String EMERGENCY = "\ud83d\udea8 <b>Call 999 / 112 / 911 now or go to A&amp;E.</b>";
    static final String URGENT = "\u26a0\ufe0f <b>Contact a doctor today</b>";
    static final String CLINICIAN_FIRST = "\ud83e\ude7a <b>Low back pain: I will see a clinician before massage</b>";
    static final String MASSAGE = "\ud83d\udc86 <b>Massage request:";

    @TempDir
    Path dir;
    ChatFixture f;

    @BeforeEach
    void open() {
        f = new ChatFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    static Stream<Arguments> signs() {
        return Stream.of(
                // Emergency: A&E or 999 / 112 / 911 now.
                sign("pain (not numbness) in both legs", "emergency", "pain, numbness, tingling or weakness in <b>both</b> legs",
                        "Both legs: pain, numbness, weakness", EMERGENCY),
                sign("numbness in both legs", "emergency", "numbness, tingling or weakness in <b>both</b> legs",
                        "Both legs: pain, numbness, weakness", EMERGENCY),
                sign("numbness around the genitals, bottom or anus", "emergency",
                        "numbness or tingling around your genitals, bottom or anus", "Numb around genitals or bottom", EMERGENCY),
                sign("it feels different when wiping after the toilet", "emergency", "it feels different when you wipe",
                        "Numb around genitals or bottom", EMERGENCY),
                sign("new difficulty peeing", "emergency", "new problems peeing: it is hard to start",
                        "New bladder or bowel problems", EMERGENCY),
                sign("not knowing when the bladder is full", "emergency", "you cannot tell when your bladder is full",
                        "New bladder or bowel problems", EMERGENCY),
                sign("leaking pee or poo without meaning to", "emergency", "you leak pee or poo without meaning to",
                        "New bladder or bowel problems", EMERGENCY),
                sign("new problems getting an erection", "emergency", "new problems getting an erection",
                        "New problems with erection or sex", EMERGENCY),
                sign("less feeling in the genitals during sex", "emergency", "less feeling in your genitals during sex",
                        "New problems with erection or sex", EMERGENCY),
                sign("chest pain with the back pain", "emergency", "chest pain", "Chest pain or sudden tummy pain", EMERGENCY),
                sign("sudden severe pain in the tummy", "emergency", "sudden severe pain in your tummy",
                        "Chest pain or sudden tummy pain", EMERGENCY),
                sign("the pain started after a serious fall or accident", "emergency", "after a serious fall or accident",
                        "After a serious fall or accident", EMERGENCY),
                // Urgent: a doctor today.
                sign("one foot that drags and is getting weaker", "urgent_symptoms",
                        "weakness or numbness in <b>one</b> leg or foot that is new or getting worse (your foot drags",
                        "Weakness or numbness in one leg", URGENT),
                sign("new numbness in one leg", "urgent_symptoms", "weakness or numbness in <b>one</b> leg",
                        "Weakness or numbness in one leg", URGENT),
                sign("pain reaching up between the shoulder blades", "urgent_symptoms", "between the shoulder blades",
                        "Pain between the shoulder blades", URGENT),
                sign("a high temperature", "urgent_symptoms", "a high temperature", "Temperature, unwell or weight loss", URGENT),
                sign("feeling hot and shivery or generally unwell", "urgent_symptoms", "feeling hot and shivery or generally unwell",
                        "Temperature, unwell or weight loss", URGENT),
                sign("losing weight without trying", "urgent_symptoms", "losing weight without trying",
                        "Temperature, unwell or weight loss", URGENT),
                sign("a lump or swelling in the back", "urgent_symptoms", "a lump or swelling in your back",
                        "A lump, or a change in shape", URGENT),
                sign("the back has changed shape", "urgent_symptoms", "your back has changed shape",
                        "A lump, or a change in shape", URGENT),
                sign("pain that does not improve with rest", "urgent_symptoms", "does not get better with rest",
                        "Pain at rest or worse at night", URGENT),
                sign("pain worse at night", "urgent_symptoms", "worse at night", "Pain at rest or worse at night", URGENT),
                sign("pain worse on sneezing, coughing or straining to poo", "urgent_symptoms",
                        "worse when you sneeze, cough or strain to poo", "Worse on sneezing or straining", URGENT),
                sign("injecting drugs", "urgent_history", "you inject drugs", "I inject drugs", URGENT),
                sign("a recent urine infection", "urgent_history", "a recent bacterial infection, such as a urine infection",
                        "A recent infection", URGENT),
                sign("back surgery last month", "urgent_history", "recent back surgery", "Recent back surgery or injection", URGENT),
                sign("a spinal injection two weeks ago", "urgent_history", "a spinal injection",
                        "Recent back surgery or injection", URGENT),
                sign("another recent procedure on the spine", "urgent_history", "another procedure on your spine",
                        "Recent back surgery or injection", URGENT),
                sign("a history of cancer", "urgent_history", "you have had cancer", "I have had cancer", URGENT),
                sign("HIV", "urgent_history", "a weakened immune system (for example from HIV",
                        "Weak immune system or steroids", URGENT),
                sign("chemotherapy", "urgent_history", "chemotherapy", "Weak immune system or steroids", URGENT),
                sign("a transplant and immune-suppressing medicines", "urgent_history",
                        "a transplant or medicines that suppress it", "Weak immune system or steroids", URGENT),
                sign("steroid tablets for 3 months or more", "urgent_history", "steroid tablets for 3 months or more",
                        "Weak immune system or steroids", URGENT),
                sign("osteoporosis, pain after a minor fall", "urgent_history",
                        "osteoporosis (thin, weak bones), above all if the pain started after even a minor fall or bump",
                        "Osteoporosis (thin, weak bones)", URGENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signs")
    void aPersonWithOnlyThisSignReachesItsTierAndIsToldItBack(String story, String question, String asked, String button,
                                                              String ending) {
        Reply.Send report = walk(Map.of(question, new Answer(asked, List.of(button))));

        assertThat(report.html()).startsWith(ending).contains("\u2022 " + button)
                .doesNotContain("quadratus", "gluteus", "Massage request");
    }

    static Stream<Arguments> clinicianFirstReasons() {
        return Stream.of(
                reason("buttock pain that also shoots below the knee", Map.of("where",
                        new Answer("Tap every place that hurts", List.of("Buttock or hip", "Down the leg, below the knee")))),
                reason("sharp pain that also tingles", Map.of("feeling",
                        new Answer("What does the pain feel like?", List.of("Sharp or stabbing", "Burning, tingling or electric")))),
                reason("a dull ache that has not improved for 8 weeks", Map.of(
                        "duration", new Answer("How long have you had this pain?", List.of("6 weeks to 3 months")),
                        "course", new Answer("Is the pain getting better?", List.of("About the same")))),
                reason("pain for more than 3 months", Map.of("duration",
                        new Answer("How long have you had this pain?", List.of("More than 3 months")))),
                reason("pain getting worse", Map.of("course", new Answer("Is the pain getting better?", List.of("Getting worse")))),
                reason("severe pain, 8 out of 10", Map.of("severity",
                        new Answer("0 means no pain, 10 the worst pain you can imagine", List.of("7\u201310, severe")))),
                reason("pain stopping daily activities", Map.of("impact",
                        new Answer("How is the pain affecting you?", List.of("It stops my daily activities")))),
                reason("worried and struggling to cope", Map.of("impact",
                        new Answer("How is the pain affecting you?", List.of("I am worried or struggling to cope")))),
                reason("back pain that started at 55", Map.of("age",
                        new Answer("How old were you when this back pain started?", List.of("Over 50")))),
                reason("back pain that started at 16", Map.of("age",
                        new Answer("How old were you when this back pain started?", List.of("Under 20")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clinicianFirstReasons")
    void aPersonWithOnlyThisReasonIsSentToAClinicianFirst(String story, Map<String, Answer> answers) {
        Reply.Send report = walk(answers);

        assertThat(report.html()).startsWith(CLINICIAN_FIRST).contains("<b>Why I should see a clinician first</b>",
                "<b>If my clinician agrees, this is the massage I would like</b>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pregnancies")
    void aPregnantPersonIsNeverAskedToLieOnTheStomachAndIsToldToTellTheMidwife(String story, Map<String, Answer> answers) {
        List<Reply> ending = walkAll(answers);
        String report = shown(ending.get(ending.size() - 2)).html();
        String after = ((Reply.Send) ending.get(ending.size() - 1)).html();

        assertThat(report).contains("I am pregnant. Please do not ask me to lie on my stomach. I will tell my midwife or doctor",
                "2. Then my gluteus medius for 20 minutes, also while I lie on my side: I am pregnant, so not on my stomach.");
        assertThat(report).doesNotContain("while I lie on my stomach");
        assertThat(after).contains("Tell your midwife or doctor about this back pain.",
                "do not take ibuprofen unless a doctor says so");
    }

    static Stream<Arguments> pregnancies() {
        Answer pregnant = new Answer("you are pregnant", List.of("I am pregnant"));
        return Stream.of(
                Arguments.of("24 weeks pregnant, sharp pain", Map.of("cautions", pregnant,
                        "feeling", new Answer("What does the pain feel like?", List.of("Sharp or stabbing")))),
                Arguments.of("pregnant, pain started over 50 (clinician first)", Map.of("cautions", pregnant,
                        "age", new Answer("How old were you", List.of("Over 50")))),
                Arguments.of("pregnant, nothing else", Map.of("cautions", pregnant)));
    }

    /** The answer a person gives at a question: the text they read there, and the buttons they tap. */
    record Answer(String asked, List<String> taps) {
    }

    private static Arguments sign(String story, String question, String asked, String button, String ending) {
        return Arguments.of(story, question, asked, button, ending);
    }

    private static Arguments reason(String story, Map<String, Answer> answers) {
        return Arguments.of(story, answers);
    }

    /** Walks to the ending tapping what is shown; the final message (the last question, rewritten). */
    private Reply.Send walk(Map<String, Answer> answers) {
        List<Reply> ending = walkAll(answers);
        return shown(ending.get(ending.size() - 2));
    }

    /** A message as the person sees it: a new one, or the pressed one as it was rewritten. */
    private static Reply.Send shown(Reply reply) {
        return reply instanceof Reply.EditPressed edit ? new Reply.Send(edit.html(), edit.keyboard()) : (Reply.Send) reply;
    }

    /**
     * Begins, then at each question finds its id from the buttons' data, checks the question names
     * what the person has, and taps it (then Done, on a multiple choice); benign answers elsewhere.
     */
    private List<Reply> walkAll(Map<String, Answer> answers) {
        f.command("restart");
        List<Reply> replies = f.press("s");
        for (int asked = 0; asked < 20; asked++) {
            Reply.Send question = replies.stream().filter(r -> !(r instanceof Reply.Notice)).map(RedFlagVignettesTest::shown)
                    .reduce((a, b) -> b).orElseThrow();
            String questionId = question.keyboard().buttons().stream().map(Button::data).filter(d -> d.startsWith("p:"))
                    .map(d -> d.split(":")[1]).findFirst().orElse(null);
            if (questionId == null) {
                return replies;
            }
            Answer answer = answers.getOrDefault(questionId, benign(questionId));
            assertThat(question.html()).as("question '" + questionId + "' names what the person has").contains(answer.asked());
            boolean multiple = question.keyboard().buttons().stream().anyMatch(b -> b.data().startsWith("d:"));
            for (String label : answer.taps()) {
                String shown = question.keyboard().buttons().stream().map(Button::label)
                        .filter(l -> l.equals(label) || l.endsWith(" " + label)).findFirst()
                        .orElseThrow(() -> new AssertionError("no button [" + label + "] at '" + questionId + "'"));
                String data = question.keyboard().buttons().stream().filter(b -> b.label().equals(shown)).findFirst()
                        .orElseThrow().data();
                replies = f.press(data);
            }
            // A tick only rewrites the question's buttons; "none" answers at once and the next question comes.
            boolean answered = !replies.isEmpty() && !shown(replies.get(replies.size() - 1)).html().equals(question.html());
            if (multiple && !answered) {
                replies = f.press("d:" + questionId);
            }
        }
        throw new AssertionError("no ending after 20 questions");
    }

    private static Answer benign(String questionId) {
        return switch (questionId) {
            case "where" -> new Answer("Where does it hurt?", List.of("Low back, one side"));
            case "feeling" -> new Answer("What does the pain feel like?", List.of("A dull ache"));
            case "duration" -> new Answer("How long", List.of("Less than 6 weeks"));
            case "course" -> new Answer("getting better", List.of("Getting better"));
            case "severity" -> new Answer("How bad", List.of("0\u20133, mild"));
            case "impact" -> new Answer("affecting you", List.of("Neither of these"));
            case "age" -> new Answer("How old", List.of("20 to 50"));
            case "activities" -> new Answer("What sets the pain off?", List.of("None of these"));
            default -> new Answer("Do", List.of("No, none of these"));
        };
    }
}
