package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One person per sign in the team's content notes (shared/CONTENT.md: NHS, NICE CKS, the NHS
 * pregnancy pages), who has that sign and nothing else and answers truthfully: the list that asks
 * about it must name it in words they recognise, they answer it "yes" (or "I'm not sure"), the
 * button for their sign must then be there, and they must reach the tier the notes give it, the
 * sign named back. Everywhere else they give the answer that is true for them: "No, none of these",
 * not pregnant, a dull ache on one side of the low back, less than 6 weeks, getting better, mild.
 */
class RedFlagVignettesTest {
    static final String AMBULANCE = "\ud83d\udea8 <b>Call an ambulance now: 999 (UK), 112 (Europe), 911 (US, Canada) or your local"
            + " emergency number.</b>\n<b>Do not drive yourself. Do not have a massage.</b>";
    static final String EMERGENCY = "\ud83d\udea8 <b>Go to A&amp;E now, or call 999 (UK), 112 (Europe), 911 (US, Canada) or your"
            + " local emergency number.</b>\n<b>Do not drive yourself. Do not have a massage.</b>";
    static final String HELP_NOW = "\ud83d\udea8 <b>Get medical help now, not tomorrow.</b>";
    static final String MATERNITY = "\u26a0\ufe0f <b>Call your maternity unit or midwife now</b>";
    static final String MATERNITY_UNSURE = "\ud83d\udea8 <b>Call your maternity unit or midwife now, not tomorrow.</b>";
    static final String URGENT = "\u26a0\ufe0f <b>Contact a doctor today</b>";
    static final String CLINICIAN_FIRST = "\ud83e\ude7a <b>Low back pain: I will see a clinician before massage</b>";
    static final String MASSAGE = "\ud83d\udc86 <b>Massage request:";
    static final String YES = "Yes";
    static final String NOT_SURE = "I\u2019m not sure";
    static final Answer PREGNANT = new Answer("Are you pregnant?", List.of("Yes, 13 to 27 weeks"));

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
                // Emergency: call an ambulance for the chest or a sudden severe tummy; A&E or the emergency number, not
                // driving, for the rest.
                sign("chest pain with the back pain", "emergency", "chest pain", "Chest pain, or sudden severe tummy pain",
                        AMBULANCE),
                sign("sudden severe pain in the tummy", "emergency", "sudden, severe pain in your tummy",
                        "Chest pain, or sudden severe tummy pain", AMBULANCE),
                sign("pain (not numbness) in both legs", "emergency", "pain, numbness, tingling or weakness in <b>both</b> legs",
                        "Both legs: pain, numbness, tingling, weakness", EMERGENCY),
                sign("tingling in both legs", "emergency", "tingling or weakness in <b>both</b> legs",
                        "Both legs: pain, numbness, tingling, weakness", EMERGENCY),
                sign("numbness around the genitals, bottom or anus", "emergency",
                        "numbness or tingling around your genitals, bottom or anus", "Numb or tingling genitals, bottom or anus",
                        EMERGENCY),
                sign("it feels different when wiping after the toilet", "emergency", "wiping feels different",
                        "Numb or tingling genitals, bottom or anus", EMERGENCY),
                sign("new difficulty peeing", "emergency", "new problems peeing or pooing: hard to start",
                        "New problems peeing or pooing", EMERGENCY),
                sign("not knowing when the bladder is full", "emergency", "not feeling when your bladder is full",
                        "New problems peeing or pooing", EMERGENCY),
                sign("leaking pee or poo without meaning to", "emergency", "or leaking without meaning to",
                        "New problems peeing or pooing", EMERGENCY),
                sign("new problems getting an erection", "emergency", "new problems getting an erection",
                        "New erection or genital feeling problems", EMERGENCY),
                sign("less feeling in the genitals during sex", "emergency", "less feeling in your genitals during sex",
                        "New erection or genital feeling problems", EMERGENCY),
                sign("the pain started after a serious fall or accident", "emergency", "after a serious fall or accident",
                        "Pain after a serious fall or accident", EMERGENCY),
                // Urgent: a doctor today.
                sign("one foot that drags and is getting weaker", "urgent_symptoms",
                        "new or worsening weakness or numbness in <b>one</b> leg or foot (the foot drags",
                        "Weakness or numbness in one leg or foot", URGENT),
                sign("new numbness in one leg", "urgent_symptoms", "weakness or numbness in <b>one</b> leg",
                        "Weakness or numbness in one leg or foot", URGENT),
                sign("pain reaching up between the shoulder blades", "urgent_symptoms", "between the shoulder blades",
                        "Pain between the shoulder blades", URGENT),
                sign("a high temperature", "urgent_symptoms", "a high temperature", "Temperature, unwell or weight loss", URGENT),
                sign("feeling hot and shivery or unwell", "urgent_symptoms", "feeling hot and shivery or unwell",
                        "Temperature, unwell or weight loss", URGENT),
                sign("losing weight without trying", "urgent_symptoms", "losing weight without trying",
                        "Temperature, unwell or weight loss", URGENT),
                sign("a lump or swelling in the back", "urgent_symptoms", "a lump or swelling in your back",
                        "A lump, or the back changed shape", URGENT),
                sign("the back has changed shape", "urgent_symptoms", "its shape has changed",
                        "A lump, or the back changed shape", URGENT),
                sign("pain that does not improve with rest", "urgent_symptoms", "not eased by rest",
                        "Pain at rest or worse at night", URGENT),
                sign("pain worse at night", "urgent_symptoms", "worse at night", "Pain at rest or worse at night", URGENT),
                sign("pain worse on sneezing, coughing or straining to poo", "urgent_symptoms",
                        "worse when you sneeze, cough or strain to poo", "Worse on sneezing, coughing, straining", URGENT),
                sign("injecting street drugs", "urgent_history", "you inject street drugs (not prescribed medicines",
                        "I inject street drugs", URGENT),
                sign("a recent urine infection treated with antibiotics", "urgent_history",
                        "a recent infection treated with antibiotics, such as a urine infection",
                        "A recent infection, with antibiotics", URGENT),
                sign("back surgery last month", "urgent_history", "recent back surgery", "Recent back surgery or spinal injection",
                        URGENT),
                sign("a spinal injection two weeks ago", "urgent_history", "a spinal injection",
                        "Recent back surgery or spinal injection", URGENT),
                sign("another recent procedure on the spine", "urgent_history", "another spinal procedure",
                        "Recent back surgery or spinal injection", URGENT),
                // The lasting facts, never examined for this pain by a doctor: a doctor today.
                condition("a history of cancer, not examined for this pain", "cancer, now or in the past",
                        "Cancer, now or in the past", "No, not for this back pain"),
                condition("HIV, not examined", "a weakened immune system (HIV",
                        "Weak immune system, or steroid tablets", "No, not for this back pain"),
                condition("chemotherapy, not sure whether examined", "chemotherapy", "Weak immune system, or steroid tablets",
                        NOT_SURE),
                condition("a transplant and immune-suppressing medicines", "a transplant or immune-suppressing medicines",
                        "Weak immune system, or steroid tablets", "No, not for this back pain"),
                condition("steroid tablets for 3 months or more", "steroid tablets for 3 months or more",
                        "Weak immune system, or steroid tablets", "No, not for this back pain"),
                condition("osteoporosis, no fall", "osteoporosis (thin, weak bones), with or without a fall",
                        "Osteoporosis (thin, weak bones)", "No, not for this back pain"),
                // Pregnancy: 999 for heavy bleeding or constant sharp tummy pain; the maternity unit now for the rest.
                pregnancySign("heavy bleeding from the vagina", "heavy bleeding from your vagina", "Heavy bleeding, or passing clots",
                        AMBULANCE),
                pregnancySign("passing clots", "or passing clots", "Heavy bleeding, or passing clots", AMBULANCE),
                pregnancySign("constant sharp tummy pain", "sharp or constant pain in your tummy that does not come and go",
                        "Sharp or constant tummy pain", AMBULANCE),
                pregnancySign("spotting, some bleeding from the vagina", "any bleeding from your vagina",
                        "Any bleeding, or waters breaking", MATERNITY),
                pregnancySign("waters leaking", "your waters breaking or leaking fluid", "Any bleeding, or waters breaking",
                        MATERNITY),
                pregnancySign("back pain coming in waves at 30 weeks", "back pain that comes and goes in waves",
                        "Pain in waves, tightenings or cramps", MATERNITY),
                pregnancySign("period-like cramps", "tightenings or period-like cramps", "Pain in waves, tightenings or cramps",
                        MATERNITY),
                pregnancySign("burning when peeing and a temperature", "pain or burning when you pee",
                        "Temperature, burning pee or rib pain", MATERNITY),
                pregnancySign("pain under the ribs on one side", "pain under your ribs on one or both sides",
                        "Temperature, burning pee or rib pain", MATERNITY),
                pregnancySign("the baby moving less", "your baby moving less than usual", "Baby moving less, or differently",
                        MATERNITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signs")
    void aPersonWithOnlyThisSignReachesItsTierAndIsToldItBack(String story, Map<String, Answer> answers, String named,
                                                              String ending) {
        Reply.Send report = walk(answers);

        assertThat(report.html()).startsWith(ending).contains("\u2022 " + named)
                .doesNotContain("quadratus", "gluteus", "Massage request");
    }

    static Stream<Arguments> unsure() {
        return Stream.of(
                unsure("not sure whether the bladder feels full", "emergency", "not feeling when your bladder is full",
                        "New problems peeing or pooing", HELP_NOW),
                unsure("not sure whether the chest pain is new", "emergency", "chest pain",
                        "Chest pain, or sudden severe tummy pain", HELP_NOW),
                unsure("not sure whether the foot drags", "urgent_symptoms", "the foot drags or slaps",
                        "Weakness or numbness in one leg or foot", URGENT),
                unsure("not sure whether the infection was bacterial", "urgent_history", "a recent infection treated with antibiotics",
                        "A recent infection, with antibiotics", URGENT),
                unsure("not sure whether the bone scan said osteoporosis", "lasting", "osteoporosis",
                        "Osteoporosis (thin, weak bones)", URGENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsure")
    void aPersonNotSureOfASignGetsItsTierOrStricterAndIsToldWhatTheyWereNotSureOf(String story, String list, String asked,
                                                                                   String button, String ending) {
        Map<String, Answer> answers = new HashMap<>(Map.of(list, new Answer(asked, List.of(NOT_SURE)),
                list + "_unsure", new Answer("not sure about", List.of(button))));
        Reply.Send report = walk(answers);

        assertThat(report.html()).startsWith(ending).contains("<b>You were not sure whether you have:</b>\n\u2022 " + button)
                .doesNotContain("quadratus", "gluteus", "Massage request");
    }

    @Test
    void aPregnantPersonNotSureOfHeavyBleedingIsToldToCallTheMaternityUnitNowAnd999IfItIsThere() {
        Reply.Send report = walk(Map.of("pregnancy", PREGNANT,
                "pregnancy_signs", new Answer("heavy bleeding from your vagina", List.of(NOT_SURE)),
                "pregnancy_signs_unsure", new Answer("not sure about", List.of("Heavy bleeding, or passing clots"))));

        assertThat(report.html()).startsWith(MATERNITY_UNSURE).contains(
                "<b>You were not sure whether you have:</b>\n\u2022 Heavy bleeding, or passing clots",
                "\ud83d\udea8 Call 999 (UK), 112 (Europe), 911 (US, Canada) or your local emergency number at once for heavy"
                        + " bleeding or passing clots, or sharp or constant tummy pain.");
    }

    static Stream<Arguments> clearedFacts() {
        return Stream.of(
                cleared("osteoporosis examined by the GP last week", "Osteoporosis (thin, weak bones)",
                        "Yes, my GP (family doctor)", "In the last 2 weeks",
                        "I have osteoporosis (thin, weak bones): gentle pressure only, please, with no deep or forceful work over my"
                                + " spine or ribs.", "My GP examined this back pain, knowing this.",
                        "That was in the 2 weeks before the date above."),
                cleared("breast cancer five years ago, examined by the oncology team", "Cancer, now or in the past",
                        "Yes, a hospital or cancer team doctor", "2 to 6 weeks ago",
                        "I have, or have had, cancer: you may want my doctor\u2019s agreement first, and please avoid pressure over any"
                                + " tumour site, radiotherapy skin or a port.",
                        "A hospital doctor examined this back pain, knowing this.",
                        "That was 2 to 6 weeks before the date above."),
                cleared("long-term steroid tablets, examined by the GP two months ago", "Weak immune system, or steroid tablets",
                        "Yes, my GP (family doctor)", "More than 6 weeks ago",
                        "I have a weakened immune system or take long-term steroids: please avoid broken or infected skin, and use"
                                + " gentle pressure, as steroids thin bones and skin.",
                        "My GP examined this back pain, knowing this.",
                        "That was more than 6 weeks before the date above."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearedFacts")
    void aFactADoctorExaminedThisPainKnowingBecomesACautionAndTheRouteGoesOn(String story, String fact, String doctor,
                                                                              String when, String caution, String examined,
                                                                              String time) {
        Reply.Send report = walk(Map.of("lasting", new Answer("Has a doctor ever told you", List.of(YES)),
                "lasting_which", new Answer("Which of these?", List.of(fact)),
                "lasting_examined", new Answer("has a doctor examined it, knowing about this?", List.of(doctor)),
                "lasting_when", new Answer("When did they examine it?", List.of(when)),
                "lasting_unchanged", new Answer("has the pain changed or got worse?", List.of("No, it is the same or better"))));

        assertThat(report.html()).startsWith(MASSAGE).contains(
                "\u2022 Red flags checked: none of the listed signs of nerve compression, infection or fracture. A doctor examined"
                        + " this pain knowing my condition below, and it has not changed since.",
                "<b>Please know before the massage</b>\n\u2022 " + caution + "\n\u2022 " + examined + "\n\u2022 " + time + "\n")
                .doesNotContain("none of the listed signs of nerve compression, infection, fracture or cancer");
    }

    @Test
    void aFactWhosePainChangedSinceTheDoctorSawItStillNeedsADoctorToday() {
        Reply.Send report = walk(Map.of("lasting", new Answer("Has a doctor ever told you", List.of(YES)),
                "lasting_which", new Answer("Which of these?", List.of("Osteoporosis (thin, weak bones)")),
                "lasting_examined", new Answer("knowing about this?", List.of("Yes, my GP (family doctor)")),
                "lasting_when", new Answer("When did they examine it?", List.of("More than 6 weeks ago")),
                "lasting_unchanged", new Answer("has the pain changed or got worse?", List.of("Yes, it has changed or got worse"))));

        assertThat(report.html()).startsWith(URGENT).contains("\u2022 Osteoporosis (thin, weak bones)\n"
                + "\u2022 Yes, it has changed or got worse");
    }

    static Stream<Arguments> clinicianFirstReasons() {
        return Stream.of(
                reason("buttock pain that also shoots below the knee", Map.of("where",
                        new Answer("Tap every place that hurts", List.of("Buttock or hip", "Down the leg, below the knee")))),
                reason("pain in the groin, given with a button", Map.of("where",
                        new Answer("Tap every place that hurts", List.of("The groin")))),
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
        List<Reply> ending = walkAll(answers);
        Reply.Send report = shown(ending.get(ending.size() - 2));
        Reply.Send after = (Reply.Send) ending.get(ending.size() - 1);

        assertThat(report.html()).startsWith(CLINICIAN_FIRST).contains("<b>Why I should see a clinician first</b>",
                "<b>If my clinician agrees, this is the massage I would like</b>");
        assertThat(after.keyboard().buttons()).extracting(Button::label)
                .containsExactly("\u2705 My clinician agreed", "\ud83d\udd14 Check on me in a week");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pregnancies")
    void aPregnantPersonIsNeverAskedToLieOnTheStomachAndIsToldToTellTheMidwife(String story, Map<String, Answer> answers,
                                                                                String line) {
        List<Reply> ending = walkAll(answers);
        String report = shown(ending.get(ending.size() - 2)).html();
        String after = ((Reply.Send) ending.get(ending.size() - 1)).html();

        assertThat(report).contains("<b>Please know before the massage</b>\n\u2022 " + line);
        assertThat(report).doesNotContain("while I lie on my stomach");
        assertThat(after).contains("Tell your midwife or doctor about this back pain.",
                "do not take ibuprofen unless a doctor says so");
    }

    static Stream<Arguments> pregnancies() {
        String weeks = "I am pregnant (13 to 27 weeks): please do not ask me to lie on my stomach. I will tell my midwife about"
                + " this back pain.";
        return Stream.of(
                Arguments.of("24 weeks pregnant, sharp pain", Map.of("pregnancy", PREGNANT,
                        "feeling", new Answer("What does the pain feel like?", List.of("Sharp or stabbing"))), weeks),
                Arguments.of("pregnant, pain started over 50 (clinician first)", Map.of("pregnancy", PREGNANT,
                        "age", new Answer("How old were you", List.of("Over 50"))), weeks),
                Arguments.of("pregnant, would rather not say the weeks", Map.of("pregnancy",
                        new Answer("Are you pregnant?", List.of("Yes (rather not say the weeks)"))),
                        "I am pregnant: please do not ask me to lie on my stomach. I will tell my midwife about this back pain."),
                Arguments.of("might be pregnant", Map.of("pregnancy", new Answer("Are you pregnant?",
                        List.of("Maybe, I\u2019m not sure"))), "I may be pregnant: please do not ask me to lie on my stomach."));
    }

    /** The answer a person gives at a question: the text they read there, and the buttons they tap. */
    record Answer(String asked, List<String> taps) {
    }

    /** A sign on a red-flag list: the person reads it in the list, says yes, and taps it. */
    private static Arguments sign(String story, String list, String asked, String button, String ending) {
        return Arguments.of(story, Map.of(list, new Answer(asked, List.of(YES)), list + "_which",
                new Answer("Which one?", List.of(button))), button, ending);
    }

    /** A lasting fact a doctor has not examined this pain knowing (or the person is not sure): a doctor today. */
    private static Arguments condition(String story, String asked, String button, String examined) {
        return Arguments.of(story, Map.of("lasting", new Answer(asked, List.of(YES)),
                "lasting_which", new Answer("Which of these?", List.of(button)),
                "lasting_examined", new Answer("has a doctor examined it, knowing about this?", List.of(examined))),
                button, URGENT);
    }

    /** A sign in pregnancy: the person says they are pregnant, reads the sign in the pregnancy list, says yes and taps it. */
    private static Arguments pregnancySign(String story, String asked, String button, String ending) {
        return Arguments.of(story, Map.of("pregnancy", PREGNANT,
                "pregnancy_signs", new Answer(asked, List.of(YES)),
                "pregnancy_signs_which", new Answer("Which one?", List.of(button))), button, ending);
    }

    private static Arguments unsure(String story, String list, String asked, String button, String ending) {
        return Arguments.of(story, list, asked, button, ending);
    }

    private static Arguments cleared(String story, String fact, String doctor, String when, String caution, String examined,
                                     String time) {
        return Arguments.of(story, fact, doctor, when, caution, examined, time);
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
        for (int asked = 0; asked < 25; asked++) {
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
        throw new AssertionError("no ending after 25 questions");
    }

    private static Answer benign(String questionId) {
        return switch (questionId) {
            case "pregnancy" -> new Answer("Are you pregnant?", List.of("No, or this does not apply to me"));
            case "where" -> new Answer("Where does it hurt?", List.of("Low back, left side"));
            case "feeling" -> new Answer("What does the pain feel like?", List.of("A dull ache"));
            case "duration" -> new Answer("How long", List.of("Less than 6 weeks"));
            case "course" -> new Answer("getting better", List.of("Getting better"));
            case "severity" -> new Answer("How bad", List.of("0\u20133, mild"));
            case "impact" -> new Answer("affecting you", List.of("Neither of these"));
            case "age" -> new Answer("How old", List.of("20 to 50"));
            case "activities" -> new Answer("What sets the pain off?", List.of("None of these"));
            default -> new Answer("", List.of("No, none of these"));
        };
    }
}
