package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 * (see {@link Routes}): the safety rules, and the final message in both languages (and, for an
 * ending that waits for a clinician's agreement, the massage request that follows it). The tree
 * has about 170,000 kinds of route, so they are walked once and every property is checked on
 * each as it goes; each test then says what its property found.
 */
class EveryRouteTest {
    static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);
    static final Tree TREE = CONTENT.tree();
    static final Engine ENGINE = new Engine(TREE);
    static final LocalDate DAY = LocalDate.of(2026, 9, 30);
    static final LocalDate AGREED = LocalDate.of(2026, 10, 6);
    /** The red-flag lists and the strictest tier of their signs: "not sure" must reach it or stricter. */
    static final Map<String, Urgency> LISTS = Map.of("emergency", Urgency.EMERGENCY, "pregnancy_signs", Urgency.EMERGENCY,
            "urgent_symptoms", Urgency.URGENT, "urgent_history", Urgency.URGENT, "lasting", Urgency.URGENT);
    static final List<String> PREGNANT = List.of("weeks_1_12", "weeks_13_27", "weeks_28_plus", "yes", "not_sure");

    /** Each property: the routes it looked at, and a few of its failures. */
    static final Map<String, Integer> LOOKED_AT = new ConcurrentHashMap<>();
    static final Map<String, List<String>> FAILURES = new ConcurrentHashMap<>();
    static final Map<String, Consumer<Route>> PROPERTIES = new LinkedHashMap<>();
    static final Set<String> REACHED = ConcurrentHashMap.newKeySet();
    static long kinds;
    /** Every answer that is a sign (see {@link #isSign}), as "question option". */
    static final Set<String> SIGNS = signs();


    /** A route of one kind, its ending, its final message in each language, and the buttons under it. */
    record Route(List<Answer> answers, Step.Finished ending, Map<String, String> reports, Map<String, String> agreed,
                 List<Button> buttons) {
        boolean chose(String questionId, String optionId) {
            return answers.stream().anyMatch(a -> a.questionId().equals(questionId) && a.optionIds().contains(optionId));
        }

        boolean answered(String questionId) {
            return answers.stream().anyMatch(a -> a.questionId().equals(questionId));
        }

        boolean pregnant() {
            return PREGNANT.stream().anyMatch(option -> chose("pregnancy", option));
        }

        String en() {
            return reports.get("en");
        }

        Urgency urgency() {
            return ending.outcome().urgency();
        }

        boolean sign() {
            for (Answer answer : answers) {
                if (SIGNS.contains(answer.questionId() + " " + answer.optionIds().get(0))) {
                    return true;
                }
            }
            return false;
        }
    }

    @BeforeAll
    static void walkOneRouteOfEveryKindCheckingEveryProperty() {
        properties();
        Map<String, Report> reports = new HashMap<>();
        Map<String, EndingView> views = new HashMap<>();
        CONTENT.languages().forEach(m -> reports.put(m.language(), new Report(TREE, m)));
        CONTENT.languages().forEach(m -> views.put(m.language(), new EndingView(TREE, m, reports.get(m.language()),
                Optional.of(outcome -> new Button("check-in", "fu:on")))));
        Map<String, List<Button>> buttons = new ConcurrentHashMap<>();
        List<List<Answer>> routes = new ArrayList<>();
        kinds = Routes.forEachKind(TREE, answers -> routes.add(List.copyOf(answers)));
        // Both cores: each route is judged and rendered on its own.
        routes.parallelStream().forEach(answers -> {
            Step.Finished ending = ENGINE.screen(answers);
            Map<String, String> texts = new HashMap<>();
            Map<String, String> agreed = new HashMap<>();
            reports.forEach((language, report) -> texts.put(language, report.render(ending, DAY)));
            if (ending.outcome().afterAgreement().isPresent()) {
                views.forEach((language, view) -> agreed.put(language, view.shareable(ending, DAY, Optional.of(AGREED))
                        .orElseThrow()));
            }
            // The buttons under an ending depend on the ending alone.
            List<Button> under = buttons.computeIfAbsent(ending.outcome().id(), id ->
                    ((Reply.Send) views.get("en").show(ending, DAY).get(1)).keyboard().buttons());
            Route route = new Route(answers, ending, texts, agreed, under);
            REACHED.add(ending.outcome().id());
            PROPERTIES.forEach((name, property) -> {
                try {
                    property.accept(route);
                } catch (AssertionError e) {
                    List<String> failures = FAILURES.computeIfAbsent(name, n -> java.util.Collections.synchronizedList(new ArrayList<>()));
                    if (failures.size() < 3) {
                        failures.add(route.answers() + ": " + e.getMessage());
                    }
                }
            });
        });
    }

    /** Counts a route a property looked at. */
    private static void looked(String property) {
        LOOKED_AT.merge(property, 1, Integer::sum);
    }

    private static void holds(String property) {
        assertThat(FAILURES.getOrDefault(property, List.of())).as(property).isEmpty();
    }

    private static int lookedAt(String property) {
        return LOOKED_AT.getOrDefault(property, 0);
    }

    @Test
    void everyRouteIsOfAKindWalkedHere() {
        // Routes that end at a red-flag list's sign (or "not sure" of one): emergency 6 + 6; for each of the 6 answers
        // to "are you pregnant?", the pregnancy list's 6 + 6 for the 5 that are pregnant or maybe, the urgent signs'
        // 6 + 6, the health list's 3 + 3, and the health conditions: 3 unsure, and for each of the 7 mixes of them not
        // examined (2) or examined by one of 2 doctors at one of 3 times and changed or not sure since (12).
        long lasting = 3 + 7 * (2 + 2 * 3 * 2);
        long screened = 6 + 6 + 6 * (12 + 3 + 3 + lasting) + 5 * 12;
        // The rest go on to "where it hurts", after one of the 6 pregnancy answers and with no condition or one of 7 mixes
        // examined by 2 doctors at 3 times, unchanged: where (127 mixes of its 7 buttons, the map giving no others but
        // 384 answers that hold a red-flag place, of the 447 its 16,383 sets of places give, each ending when confirmed)
        // x feeling (7) x duration (3) x course (3) x severity (3) x impact (4) x age (3) x activities (16) x cautions (16).
        long onward = 6 * (1 + 7 * 2 * 3) * (127L * 7 * 3 * 3 * 3 * 4 * 3 * 16 * 16 + 384);
        assertThat(routes(TREE, TREE.start())).isEqualTo(screened + onward);
        // Of one kind each: the signs of a list one rule names (the emergency and pregnancy lists' two tiers, two
        // kinds); the pregnancy answers (pregnant or maybe, or not); the conditions, the doctors, the times; not examined
        // and not sure of it; changed and not sure of it; the places but below the knee, the groin and the map's three;
        // mild and moderate; the four activities; the four cautions.
        // Screened: emergency 2 + 1 (unsure); for each of 2 pregnancy kinds, the urgent signs 1 + 1, the health list
        // 1 + 1, the conditions 1 (unsure) + 1 (not examined) + 1 (changed); for the pregnant kind its list 2 + 1.
        long screenedKinds = 3 + 2 * (2 + 2 + 3) + 3;
        // Onward: 2 pregnancy kinds x 2 (no condition, or one cleared) x (7 mixes of places that go on x feeling 7 x
        // duration 3 x course 3 x severity 2 x impact 4 x age 3 x activities 2 x cautions 2, and 56 mixes of the six kinds
        // of place that hold a red flag and end at its confirmation).
        long onwardKinds = 2 * 2 * (7L * 7 * 3 * 3 * 2 * 4 * 3 * 2 * 2 + 56);
        assertThat(kinds).isEqualTo(screenedKinds + onwardKinds);
    }

    @Test
    void randomRoutesAreJudgedAsTheRouteOfTheirKind() {
        Random random = new Random(20261207);
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
    void everyOutcomeIsReachedByTheQuestionsOrByAClinicianAgreeing() {
        assertThat(REACHED).containsExactlyInAnyOrder("emergency_ambulance", "emergency_care", "help_now", "maternity_now",
                "maternity_unsure", "urgent_doctor", "urgent_unsure", "clinician_first", "ql_pattern", "general");
        assertThat(TREE.outcomes().stream().flatMap(o -> o.afterAgreement().stream())).containsExactly("clinician_agreed");
    }

    @Test
    void noRouteWithAnEmergencyOrUrgentSignGetsAMassageRequest() {
        holds("red flag");
        // 20 kinds of route end at a sign of a list (or "not sure" of one) or a condition not cleared; 4 x 56 mixes of
        // places on the body map confirm a red flag there.
        assertThat(lookedAt("red flag")).isEqualTo(20 + 4 * 56);
    }

    @Test
    void notSureOnARedFlagListReachesItsListsTierOrStricterAndIsNamedBack() {
        holds("not sure");
        // Emergency 1, and for 2 pregnancy kinds the urgent signs, the health list and the conditions, and the pregnancy
        // list for the pregnant kind.
        assertThat(lookedAt("not sure")).isEqualTo(1 + 2 * 3 + 1);
    }

    @Test
    void anEmergencySignGetsAnEmergencyEndingAndAnUrgentOneTheDoctorToday() {
        holds("tier");
        assertThat(lookedAt("tier")).isGreaterThan(10);
    }

    @Test
    void noPregnantRouteWithAPregnancySignGetsAMassageRequest() {
        holds("pregnancy sign");
        // Its two tiers of sign, and unsure of one.
        assertThat(lookedAt("pregnancy sign")).isEqualTo(3);
    }

    @Test
    void aClearedFactAloneNeverSendsAPersonToTheDoctor() {
        holds("cleared");
        assertThat(lookedAt("cleared")).isEqualTo(2 * (7 * 7 * 3 * 3 * 2 * 4 * 3 * 2 * 2 + 56));
    }

    @Test
    void whoeverTellsOfAHealthConditionNotExaminedOrChangedSeesADoctorToday() {
        holds("not cleared");
        assertThat(lookedAt("not cleared")).isEqualTo(2 * 2);
    }

    @Test
    void everyRouteWithAReasonToSeeAClinicianFirstGetsClinicianFirstOrStricter() {
        holds("clinician first");
        assertThat(lookedAt("clinician first")).isGreaterThan((int) (kinds / 2));
    }

    @Test
    void noClinicianFirstEndingOffersATherapistShareOnlyTheAgreementThatLeadsToOne() {
        holds("share");
        assertThat(lookedAt("share")).isGreaterThan(50_000);
    }

    @Test
    void noPregnantRouteIsAskedToLieOnTheStomach() {
        holds("pregnant");
        assertThat(lookedAt("pregnant")).isGreaterThan((int) (kinds / 3));
    }

    @Test
    void everyFinalMessageFitsOneTelegramMessageInEveryLanguage() {
        holds("length");
        for (Messages messages : CONTENT.languages()) {
            Report report = new Report(TREE, messages);
            // Not just the routes walked: the longest message any answers could make fits too.
            TREE.outcomes().forEach(o -> assertThat(report.longestPossible(o)).as(o.id()).isLessThanOrEqualTo(4096));
        }
    }

    @Test
    void everyEndingSaysItIsNotADiagnosisAndNamesAClinicianInEveryLanguage() {
        holds("not a diagnosis");
        assertThat(lookedAt("not a diagnosis")).isEqualTo((int) kinds);
    }

    @Test
    void everyMassageRequestCarriesTheAttributedPlanConsentNiceAndTheSafetyNet() {
        holds("massage request");
        assertThat(lookedAt("massage request")).isGreaterThan(100_000);
    }

    @Test
    void theMassageRequestAClinicianAgreedToSaysWhenAndKeepsTheAnswersAndCautions() {
        holds("agreed");
        assertThat(lookedAt("agreed")).isEqualTo(lookedAt("share"));
    }

    @Test
    void theClinicianFirstMessageAsksForTheMassageOnlyIfTheClinicianAgrees() {
        holds("clinician first message");
        assertThat(lookedAt("clinician first message")).isEqualTo(lookedAt("share"));
    }

    @Test
    void everyCautionThePersonReportsIsInTheForwardedMessage() {
        holds("cautions");
        assertThat(lookedAt("cautions")).isGreaterThan(100_000);
    }

    @Test
    void redFlagEndingsNameTheSignBackAndPutTheActionFirst() {
        holds("named back");
        assertThat(lookedAt("named back")).isEqualTo(lookedAt("red flag"));
    }

    private static void properties() {
        Map<String, Integer> longest = new HashMap<>();
        for (Messages messages : CONTENT.languages()) {
            Report report = new Report(TREE, messages);
            TREE.outcomes().forEach(o -> longest.put(messages.language() + " " + o.id(), report.longestPossible(o)));
        }
        PROPERTIES.put("red flag", route -> {
            boolean sign = route.sign();
            check(route.urgency().isRedFlag() == sign, "a red-flag ending exactly when there is a sign");
            if (sign) {
                looked("red flag");
                check(!route.ending().outcome().massageRequest() && route.agreed().isEmpty(), "no massage request");
                route.reports().values().forEach(text -> List.of("quadratus", "gluteus", "cuadrado", "glúteo", "QL", "minutes",
                        "minutos").forEach(word -> check(!text.contains(word), "no massage advice: " + word)));
            }
        });
        PROPERTIES.put("not sure", route -> LISTS.forEach((list, tier) -> {
            if (route.chose(list, "not_sure")) {
                looked("not sure");
                assertThat(route.urgency()).isLessThanOrEqualTo(tier);
                Answer which = route.answers().get(route.answers().size() - 1);
                assertThat(which.questionId()).isEqualTo(list + "_unsure");
                for (Messages messages : CONTENT.languages()) {
                    assertThat(route.reports().get(messages.language())).contains(messages.text("outcome.unsure.signs"),
                            "\u2022 " + messages.text("sign." + which.optionIds().get(0)));
                }
            }
        }));
        PROPERTIES.put("tier", route -> {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("emergency_which chest", "emergency_ambulance");
            expected.put("pregnancy_signs_which heavy_bleeding", "emergency_ambulance");
            expected.put("emergency_which both_legs", "emergency_care");
            expected.put("where_both_legs yes", "emergency_care");
            expected.put("where_saddle yes", "emergency_care");
            expected.put("pregnancy_signs_which bleeding", "maternity_now");
            expected.put("urgent_symptoms_which one_leg", "urgent_doctor");
            expected.put("urgent_history_which drugs", "urgent_doctor");
            expected.put("where_shoulder_blades yes", "urgent_doctor");
            expected.forEach((answer, outcome) -> {
                String[] parts = answer.split(" ");
                if (route.chose(parts[0], parts[1])) {
                    looked("tier");
                    assertThat(route.ending().outcome().id()).as(answer).isEqualTo(outcome);
                }
            });
        });
        PROPERTIES.put("pregnancy sign", route -> {
            if (route.answered("pregnancy_signs_which") || route.answered("pregnancy_signs_unsure")) {
                looked("pregnancy sign");
                assertThat(route.pregnant()).isTrue();
                assertThat(route.ending().outcome().massageRequest()).isFalse();
                assertThat(route.urgency()).isIn(Urgency.EMERGENCY, Urgency.URGENT);
            }
        });
        Question lastingWhich = TREE.question("lasting_which").orElseThrow();
        PROPERTIES.put("cleared", route -> {
            if (route.chose("lasting_unchanged", "same")) {
                looked("cleared");
                boolean sign = route.sign();
                check(route.urgency().isRedFlag() == sign, "a red-flag ending only for another sign");
                if (!sign) {
                    for (Messages messages : CONTENT.languages()) {
                        String report = route.reports().get(messages.language());
                        lastingWhich.options().stream().filter(o -> route.chose("lasting_which", o.id())).forEach(o ->
                                check(report.contains(messages.text(o.reportKey().orElseThrow())), "the caution " + o.id()));
                        check(report.contains(messages.text("report.red_flags_cleared"))
                                && !report.contains(messages.text("report.red_flags_none")), "red flags cleared, not none");
                    }
                }
            }
        });
        PROPERTIES.put("not cleared", route -> {
            if (route.chose("lasting_examined", "no") || route.chose("lasting_examined", "not_sure")
                    || route.chose("lasting_unchanged", "changed") || route.chose("lasting_unchanged", "not_sure")) {
                looked("not cleared");
                assertThat(route.ending().outcome().id()).isEqualTo("urgent_doctor");
            }
        });
        PROPERTIES.put("clinician first", route -> {
            boolean reason = route.chose("where", "below_knee") || route.chose("feeling", "nerve")
                    || route.chose("duration", "over_3m")
                    || route.chose("duration", "6w_3m") && (route.chose("course", "same") || route.chose("course", "worse"))
                    || route.chose("course", "worse") || route.chose("severity", "severe")
                    || route.chose("impact", "daily") || route.chose("impact", "coping")
                    || route.chose("age", "under_20") || route.chose("age", "over_50") || route.chose("where", "groin");
            if (reason) {
                looked("clinician first");
                assertThat(route.urgency()).isIn(Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON);
            } else if (!route.urgency().isRedFlag()) {
                assertThat(route.urgency()).isEqualTo(Urgency.ROUTINE);
            }
        });
        PROPERTIES.put("share", route -> {
            boolean share = route.buttons().stream().anyMatch(b -> b.action() == Button.Action.SHARE);
            boolean agree = route.buttons().stream().anyMatch(b -> b.action() == Button.Action.PRESS && b.data().equals("ag"));
            if (route.urgency() == Urgency.SOON) {
                looked("share");
                check(!share && agree && route.agreed().keySet().equals(Set.of("en", "es")),
                        "no share, the agreement button, the request after it");
            } else {
                check(share == route.ending().outcome().massageRequest() && !agree, "share exactly for a massage request");
            }
        });
        PROPERTIES.put("pregnant", route -> {
            if (!route.pregnant()) {
                return;
            }
            looked("pregnant");
            List<String> texts = new ArrayList<>(route.reports().values());
            texts.addAll(route.agreed().values());
            for (Messages messages : CONTENT.languages()) {
                String report = route.reports().get(messages.language());
                check(!report.contains(messages.text("request.plan"))
                        && !report.contains(messages.text("outcome.clinician_first.request")), "no plan lying on the stomach");
                Optional.ofNullable(route.agreed().get(messages.language())).ifPresent(agreed -> check(
                        agreed.contains(messages.text("request.plan_pregnant")) && !agreed.contains(messages.text("request.plan")),
                        "the agreed request lying on the side"));
                if (route.ending().outcome().massageRequest()) {
                    Answer pregnancy = route.answers().stream().filter(a -> a.questionId().equals("pregnancy")).findFirst()
                            .orElseThrow();
                    check(report.contains(messages.text("q.pregnancy." + pregnancy.optionIds().get(0) + ".report")),
                            "the pregnancy in the cautions");
                }
            }
            texts.forEach(text -> check(!asksToLieOnTheStomach(text), "never asked to lie on the stomach"));
            // And the self-care after it is the pregnancy one: the midwife, and no ibuprofen unless a doctor says so.
            if (route.ending().outcome().massageRequest()) {
                List<String> after = route.ending().outcome().after().stream().filter(b -> b.shows(route.answers()))
                        .map(Block::textKey).toList();
                check(after.contains("self_care_pregnant") && !after.contains("self_care"), "the pregnancy self-care");
            }
        });
        PROPERTIES.put("length", route -> route.reports().forEach((language, text) -> {
            assertThat(text.length()).isLessThanOrEqualTo(longest.get(language + " " + route.ending().outcome().id()));
            Optional.ofNullable(route.agreed().get(language)).ifPresent(agreed -> assertThat(agreed.length())
                    .isLessThanOrEqualTo(longest.get(language + " clinician_agreed")));
        }));
        PROPERTIES.put("not a diagnosis", route -> {
            looked("not a diagnosis");
            List<String> en = new ArrayList<>(List.of(route.en()));
            Optional.ofNullable(route.agreed().get("en")).ifPresent(en::add);
            en.forEach(text -> check(text.contains("not a diagnosis") && (text.contains("doctor") || text.contains("GP")
                    || text.contains("physiotherapist")), "not a diagnosis, and a clinician"));
            List<String> es = new ArrayList<>(List.of(route.reports().get("es")));
            Optional.ofNullable(route.agreed().get("es")).ifPresent(es::add);
            es.forEach(text -> check(text.contains("no un diagnóstico") && (text.contains("médico")
                    || text.contains("fisioterapeuta")), "no un diagnóstico, y un profesional"));
        });
        PROPERTIES.put("massage request", route -> {
            List<String> requests = new ArrayList<>();
            List<String> spanish = new ArrayList<>();
            if (route.ending().outcome().shareable()) {
                requests.add(route.en());
                spanish.add(route.reports().get("es"));
            }
            Optional.ofNullable(route.agreed().get("en")).ifPresent(requests::add);
            Optional.ofNullable(route.agreed().get("es")).ifPresent(spanish::add);
            List<String> expected = List.of(
                    "Made on 30 September 2026",
                    "Kate Fish, a certified massage therapist who works in a chiropractor\u2019s office, recommends this"
                            + " 60-minute plan for low back pain from muscle tension, in an article by Allison Walsh:",
                    "1. My quadratus lumborum (QL) while I lie on my side: 20 minutes each side (40 minutes).",
                    "2. Then my gluteus medius for 20 minutes",
                    "60 minutes in total.",
                    "Please stretch each muscle while you massage it.",
                    "<b>Why these muscles</b>\nIn her experience,",
                    "often hurts too",
                    "Check the pressure with me as you go. Stop if the pain gets much worse, spreads down my leg, or I feel"
                            + " numbness or tingling. Tell me if you think this plan does not suit me.",
                    "massage may be considered only as part of a treatment package that includes exercise",
                    "not a proven treatment",
                    "I will call 999 (UK), 112 (Europe), 911 (US, Canada) or the local emergency number at once");
            requests.forEach(request -> {
                looked("massage request");
                expected.forEach(text -> check(request.contains(text), "says: " + text));
                check(request.contains("Red flags checked: none of the listed signs of nerve compression, infection,"
                        + " fracture or cancer.") || request.contains("Red flags checked: none of the listed signs of nerve"
                        + " compression, infection or fracture. A doctor examined this pain knowing my condition below"),
                        "the red flags checked, as a therapist reads them");
                List.of("None of these", "No, none", "your pain", "for my quadratus", "for my QL")
                        .forEach(text -> check(!request.contains(text), "does not say: " + text));
            });
            spanish.forEach(request -> List.of("Hecho el 30 de septiembre de 2026", "60 minutos en total", "Kate Fish",
                    "Allison Walsh", "solo como parte de un tratamiento que incluya ejercicio",
                    "112 (Europa), al 911 (EE. UU., Canadá), al 999 (Reino Unido) o al número de emergencias local")
                    .forEach(text -> check(request.contains(text), "dice: " + text)));
        });
        PROPERTIES.put("agreed", route -> {
            if (route.agreed().isEmpty()) {
                return;
            }
            looked("agreed");
            assertThat(route.agreed().get("en")).startsWith("\ud83d\udc86 <b>Massage request: quadratus lumborum and gluteus"
                    + " medius</b>\n\n<i>Made on 30 September 2026 with a low back pain checklist.</i>\n\n<b>Checked by my"
                    + " doctor or physiotherapist on 6 October 2026</b>: they agreed to a massage.\n\n<b>About my back pain</b>");
            assertThat(route.agreed().get("es")).contains("<b>Revisado por mi médico o fisioterapeuta el 6 de octubre de 2026</b>");
            String answers = route.en().substring(route.en().indexOf("<b>About my back pain</b>"),
                    route.en().indexOf("<b>Why I should see a clinician first</b>"));
            assertThat(route.agreed().get("en")).contains(answers);
        });
        PROPERTIES.put("clinician first message", route -> {
            if (route.urgency() != Urgency.SOON) {
                return;
            }
            looked("clinician first message");
            assertThat(route.en()).startsWith("\ud83e\ude7a <b>Low back pain: I will see a clinician before massage</b>")
                    .contains("<b>Why I should see a clinician first</b>", "<b>If my clinician agrees, this is the massage I would"
                            + " like</b>\nKate Fish, a certified massage therapist who works in a chiropractor\u2019s office,"
                            + " recommends it for low back pain from muscle tension, in an article by Allison Walsh: 60 minutes,"
                            + " first my quadratus lumborum (QL) for 20 minutes on each side");
        });
        PROPERTIES.put("cautions", route -> {
            if (!route.ending().outcome().showAnswers()) {
                return;
            }
            looked("cautions");
            for (String questionId : List.of("cautions", "pregnancy", "lasting_which", "lasting_examined", "lasting_when")) {
                for (Option option : TREE.question(questionId).orElseThrow().options()) {
                    if (route.chose(questionId, option.id()) && option.reportKey().isPresent()) {
                        CONTENT.languages().forEach(m -> check(route.reports().get(m.language())
                                .contains(m.text(option.reportKey().get())), "the caution " + questionId + " " + option.id()));
                    }
                }
            }
        });
        Map<String, String> titles = Map.of(
                "emergency_ambulance", "\ud83d\udea8 <b>Call an ambulance now: 999 (UK), 112 (Europe), 911 (US, Canada) or your"
                        + " local emergency number.</b>\n<b>Do not drive yourself. Do not have a massage.</b>",
                "emergency_care", "\ud83d\udea8 <b>Go to A&amp;E now, or call 999 (UK), 112 (Europe), 911 (US, Canada) or your local"
                        + " emergency number.</b>\n<b>Do not drive yourself. Do not have a massage.</b>",
                "help_now", "\ud83d\udea8 <b>Get medical help now, not tomorrow.</b>\n<b>Do not have a massage.</b>",
                "maternity_now", "\u26a0\ufe0f <b>Call your maternity unit or midwife now</b>",
                "maternity_unsure", "\ud83d\udea8 <b>Call your maternity unit or midwife now, not tomorrow.</b>\n"
                        + "<b>Do not have a massage.</b>",
                "urgent_doctor", "\u26a0\ufe0f <b>Contact a doctor today</b>",
                "urgent_unsure", "\u26a0\ufe0f <b>Contact a doctor today</b>");
        PROPERTIES.put("named back", route -> {
            if (!route.urgency().isRedFlag()) {
                return;
            }
            looked("named back");
            assertThat(route.en()).startsWith(titles.get(route.ending().outcome().id()));
            Answer sign = route.answers().get(route.answers().size() - 1);
            Question question = TREE.question(sign.questionId()).orElseThrow();
            for (Messages messages : CONTENT.languages()) {
                assertThat(route.reports().get(messages.language()))
                        .contains("\u2022 " + messages.text(question.option(sign.optionIds().get(0)).orElseThrow().labelKey()));
            }
        });
    }

    private static Set<String> signs() {
        Set<String> signs = new HashSet<>();
        for (Question question : TREE.questions()) {
            question.options().forEach(o -> {
                if (isSign(new Answer(question.id(), List.of(o.id())))) {
                    signs.add(question.id() + " " + o.id());
                }
            });
        }
        return signs;
    }

    /** Whether {@code text} asks to lie on the stomach: "lie on my stomach", but for "do not ask me to" or "not" before it. */
    static boolean asksToLieOnTheStomach(String text) {
        for (int at = text.indexOf("lie on my stomach"); at >= 0; at = text.indexOf("lie on my stomach", at + 1)) {
            String before = text.substring(0, at);
            if (!before.endsWith("not ") && !before.endsWith("do not ask me to ")) {
                return true;
            }
        }
        return false;
    }

    /** A check in the walk: plain, since it runs a few million times; the tests report what failed. */
    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }

    /**
     * A sign: an option of a question the check-in asks again that ends the questions (a red-flag
     * list's sign, a health condition not examined or changed since), or one confirmed after
     * marking it on the body map.
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
