package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.backtriage.config.Content;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Block;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Question;
import org.backtriage.triage.Routes;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What must hold on every route through the shipped tree, checked on one route of every kind
 * (see {@link Routes}): the safety rules, and the final message in both languages.
 */
class EveryRouteTest {
    static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);
    static final Tree TREE = CONTENT.tree();
    static final Engine ENGINE = new Engine(TREE);
    static final LocalDate DAY = LocalDate.of(2026, 9, 30);
    static final List<Route> ROUTES = new ArrayList<>();

    /** A route of one kind, its ending, and its final message in each language. */
    record Route(List<Answer> answers, Step.Finished ending, Map<String, String> reports) {
        boolean chose(String questionId, String optionId) {
            return answers.stream().anyMatch(a -> a.questionId().equals(questionId) && a.optionIds().contains(optionId));
        }

        String en() {
            return reports.get("en");
        }
    }

    @BeforeAll
    static void walkOneRouteOfEveryKind() {
        Map<String, Report> reports = new HashMap<>();
        CONTENT.languages().forEach(m -> reports.put(m.language(), new Report(TREE, m)));
        Routes.forEachKind(TREE, answers -> {
            Step.Finished ending = ENGINE.screen(List.copyOf(answers));
            Map<String, String> texts = new HashMap<>();
            reports.forEach((language, report) -> texts.put(language, report.render(ending, DAY)));
            ROUTES.add(new Route(List.copyOf(answers), ending, texts));
        });
    }

    @Test
    void everyRouteIsOfAKindWalkedHere() {
        // 6 + 6 + 6 routes end at a red flag; the rest are where (31) x feeling (7) x duration (3) x course (3)
        // x severity (3) x impact (4) x age (3) x activities (16) x cautions (32).
        // The body map adds 24 answers to "where" that hold the groin (low back on one side, both or neither, x buttock
        // or hip x thigh x below the knee, each there or not), and 240 that ask to confirm a red flag, ending there.
        assertThat(routes(TREE, TREE.start())).isEqualTo(18 + 240 + (31L + 24) * 7 * 3 * 3 * 3 * 4 * 3 * 16 * 32);
        // Of one kind each: the 6 signs of each red-flag list; the four low back, buttock and thigh places;
        // mild and moderate; the four activities; the four cautions other than pregnancy.
        // Of the body map's places: six kinds (those four, below the knee, the groin, and each of the three red flags),
        // whose 63 mixes are all walked: 56 with a red flag end at its confirmation, 7 go on.
        assertThat(ROUTES).hasSize(3 + 56 + 7 * 7 * 3 * 3 * 2 * 4 * 3 * 2 * 4);
    }

    @Test
    void randomRoutesAreJudgedAsTheRouteOfTheirKind() {
        Random random = new Random(20261201);
        for (int i = 0; i < 20_000; i++) {
            List<Answer> route = Routes.random(TREE, random);
            Step.Finished ending = ENGINE.screen(route);
            Step.Finished kind = ENGINE.screen(Routes.kindOf(TREE, route));
            assertThat(ending.outcome()).as(route.toString()).isEqualTo(kind.outcome());
            assertThat(ending.reasonKeys()).as(route.toString()).isEqualTo(kind.reasonKeys());
            assertThat(shown(ending)).as(route.toString()).isEqualTo(shown(kind));
        }
    }

    @Test
    void everyOutcomeIsReached() {
        assertThat(ROUTES.stream().map(r -> r.ending().outcome().id()).distinct())
                .containsExactlyInAnyOrder("emergency_care", "urgent_doctor", "clinician_first", "ql_pattern", "general");
    }

    @Test
    void noRouteWithAnEmergencyOrUrgentSignGetsAMassageRequest() {
        List<Route> redFlag = ROUTES.stream().filter(r -> r.answers().stream().anyMatch(EveryRouteTest::isSign)).toList();

        // One route of each red-flag list, and each mix of places on the body map that asks to confirm one: of the
        // 63 mixes of its six kinds of place (see everyRouteIsOfAKindWalkedHere), the 56 with a red-flag place.
        assertThat(redFlag).hasSize(3 + 56);
        for (Route route : ROUTES) {
            boolean sign = route.answers().stream().anyMatch(EveryRouteTest::isSign);
            assertThat(route.ending().outcome().urgency().isRedFlag()).as(route.answers().toString()).isEqualTo(sign);
            if (sign) {
                assertThat(route.ending().outcome().massageRequest()).isFalse();
                route.reports().values().forEach(text -> assertThat(text)
                        .doesNotContain("quadratus", "gluteus", "cuadrado", "glúteo", "QL", "minutes", "minutos"));
            }
        }
    }

    @Test
    void anEmergencySignGetsTheEmergencyEndingAndAnUrgentOneTheDoctorToday() {
        for (Route route : ROUTES) {
            if (route.chose("emergency", "both_legs")) {
                assertThat(route.ending().outcome().urgency()).isEqualTo(Urgency.EMERGENCY);
            }
            if (route.chose("urgent_symptoms", "one_leg") || route.chose("urgent_history", "drugs")) {
                assertThat(route.ending().outcome().urgency()).isEqualTo(Urgency.URGENT);
            }
        }
    }

    @Test
    void everyRouteWithAReasonToSeeAClinicianFirstGetsClinicianFirstOrStricter() {
        int withReason = 0;
        for (Route route : ROUTES) {
            boolean reason = route.chose("where", "below_knee") || route.chose("feeling", "nerve")
                    || route.chose("duration", "over_3m")
                    || route.chose("duration", "6w_3m") && (route.chose("course", "same") || route.chose("course", "worse"))
                    || route.chose("course", "worse") || route.chose("severity", "severe")
                    || route.chose("impact", "daily") || route.chose("impact", "coping")
                    || route.chose("age", "under_20") || route.chose("age", "over_50") || route.chose("where", "groin");
            if (reason) {
                withReason++;
                assertThat(route.ending().outcome().urgency()).as(route.answers().toString())
                        .isIn(Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON);
            } else if (!route.ending().outcome().urgency().isRedFlag()) {
                assertThat(route.ending().outcome().urgency()).as(route.answers().toString()).isEqualTo(Urgency.ROUTINE);
            }
        }
        assertThat(withReason).isGreaterThan(ROUTES.size() / 2);
    }

    @Test
    void noPregnantRouteIsAskedToLieOnTheStomach() {
        int pregnant = 0;
        for (Route route : ROUTES) {
            if (!route.chose("cautions", "pregnant")) {
                continue;
            }
            pregnant++;
            for (Messages messages : CONTENT.languages()) {
                String report = route.reports().get(messages.language());
                assertThat(report).doesNotContain(messages.text("request.plan"));
                if (route.ending().outcome().massageRequest()) {
                    assertThat(report).contains(messages.text("request.plan_pregnant"), messages.text("q.cautions.pregnant.report"));
                }
            }
            assertThat(route.en()).doesNotContainPattern("(?<!not )(?<!do not ask me to )lie on my stomach");
            // And the self-care after it is the pregnancy one: the midwife, and no ibuprofen unless a doctor says so.
            List<String> after = route.ending().outcome().after().stream().filter(b -> b.shows(route.answers()))
                    .map(Block::textKey).toList();
            if (route.ending().outcome().massageRequest()) {
                assertThat(after).contains("self_care_pregnant").doesNotContain("self_care");
            }
        }
        long toTheEnd = ROUTES.stream().filter(r -> r.answers().stream().anyMatch(a -> a.questionId().equals("cautions"))).count();
        assertThat(pregnant).isEqualTo(toTheEnd / 2);
    }

    @Test
    void everyFinalMessageFitsOneTelegramMessageInEveryLanguage() {
        for (Route route : ROUTES) {
            route.reports().forEach((language, text) -> assertThat(text.length()).as(language + " " + route.answers())
                    .isLessThanOrEqualTo(4096));
        }
        // Not just the routes walked: the longest message any answers could make fits too.
        for (Messages messages : CONTENT.languages()) {
            Report report = new Report(TREE, messages);
            Map<String, Integer> longest = new HashMap<>();
            TREE.outcomes().forEach(o -> longest.put(o.id(), report.longestPossible(o)));
            assertThat(longest.values()).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(4096));
            for (Route route : ROUTES) {
                assertThat(route.reports().get(messages.language()).length())
                        .isLessThanOrEqualTo(longest.get(route.ending().outcome().id()));
            }
        }
    }

    @Test
    void everyEndingSaysItIsNotADiagnosisAndNamesAClinicianInEveryLanguage() {
        for (Route route : ROUTES) {
            assertThat(route.en()).contains("not a diagnosis").containsAnyOf("doctor", "GP", "physiotherapist");
            assertThat(route.reports().get("es")).contains("no un diagnóstico").containsAnyOf("médico", "fisioterapeuta");
        }
    }

    @Test
    void everyMassageRequestCarriesThePlanConsentNiceAndTheSafetyNet() {
        List<Route> requests = ROUTES.stream().filter(r -> r.ending().outcome().massageRequest()).toList();

        assertThat(requests).isNotEmpty();
        for (Route route : requests) {
            assertThat(route.en()).contains(
                    "Made on 30 September 2026",
                    "Red flags checked: none of the listed signs of nerve compression, infection, fracture or cancer.",
                    "A certified massage therapist recommends this 60-minute plan for my quadratus lumborum (QL) and gluteus medius",
                    "1. My QL while I lie on my side: 20 minutes each side (40 minutes).",
                    "2. Then my gluteus medius for 20 minutes",
                    "60 minutes in total.",
                    "Please stretch each muscle while you massage it.",
                    "Check the pressure with me as you go. Stop if the pain gets much worse, spreads down my leg, or I feel"
                            + " numbness or tingling. Tell me if you think this plan does not suit me.",
                    "massage may be considered only as part of a treatment package that includes exercise",
                    "not a proven treatment",
                    "I will call 999 / 112 / 911 at once");
            assertThat(route.en()).doesNotContain("None of these", "No, none", "your pain");
            assertThat(route.reports().get("es")).contains("Hecho el 30 de septiembre de 2026", "60 minutos en total",
                    "solo como parte de un tratamiento que incluya ejercicio", "112 / 911 / 999");
        }
    }

    @Test
    void everyCautionThePersonReportsIsInTheForwardedMessage() {
        Question cautions = TREE.question("cautions").orElseThrow();
        for (Route route : ROUTES) {
            for (Option option : cautions.options()) {
                if (route.chose("cautions", option.id()) && route.ending().outcome().showAnswers()) {
                    CONTENT.languages().forEach(m -> assertThat(route.reports().get(m.language()))
                            .contains(m.text(option.reportKey().orElseThrow())));
                }
            }
        }
    }

    @Test
    void redFlagEndingsNameTheSignBackAndPutTheActionFirst() {
        for (Route route : ROUTES) {
            Urgency urgency = route.ending().outcome().urgency();
            if (!urgency.isRedFlag()) {
                continue;
            }
            Answer sign = route.answers().get(route.answers().size() - 1);
            Question question = TREE.question(sign.questionId()).orElseThrow();
            for (Messages messages : CONTENT.languages()) {
                assertThat(route.reports().get(messages.language()))
                        .contains("\u2022 " + messages.text(question.option(sign.optionIds().get(0)).orElseThrow().labelKey()));
            }
            if (urgency == Urgency.EMERGENCY) {
                assertThat(route.en()).startsWith("\ud83d\udea8 <b>Call 999 / 112 / 911 now or go to A&amp;E.</b>\n"
                        + "<b>Do not drive yourself. Do not have a massage.</b>");
            }
        }
    }

    /**
     * A sign of a red-flag list (an option of a question the check-in asks again that ends the
     * questions), or one confirmed after marking it on the body map.
     */
    static boolean isSign(Answer answer) {
        boolean list = TREE.recheck().contains(answer.questionId());
        boolean confirmed = TREE.questions().stream().flatMap(q -> q.options().stream())
                .anyMatch(o -> o.mapOnly() && o.next().filter(answer.questionId()::equals).isPresent());
        return (list || confirmed) && TREE.question(answer.questionId()).orElseThrow()
                .option(answer.optionIds().get(0)).flatMap(Option::next).filter(Tree.END::equals).isPresent();
    }

    private static List<String> shown(Step.Finished ending) {
        return ending.outcome().body().stream().filter(b -> b.shows(ending.answers())).map(Block::textKey).toList();
    }

    /** How many routes start at {@code at}, counted from the tree without walking them. */
    private static long routes(Tree tree, String at) {
        Question question = tree.question(at).orElse(null);
        if (question == null) {
            return 1;
        }
        Map<String, Long> fromNext = new HashMap<>();
        long total = 0;
        for (List<String> selection : Routes.selections(tree, question)) {
            String next = Routes.next(question, selection);
            total += fromNext.computeIfAbsent(next, id -> routes(tree, id));
        }
        return total;
    }

}
