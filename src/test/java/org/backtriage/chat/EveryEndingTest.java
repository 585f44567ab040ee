package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backtriage.config.Content;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Input;
import org.backtriage.triage.Option;
import org.backtriage.triage.Question;
import org.backtriage.triage.Session;
import org.backtriage.triage.Step;
import org.backtriage.triage.Transition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The final message of every route through the shipped tree, checked for what must always hold. */
class EveryEndingTest {
    static final Content CONTENT = Content.packaged(ChatService.TEXT_KEYS);
    static final Engine ENGINE = new Engine(CONTENT.tree());
    static final Report REPORT = new Report(CONTENT.tree(), CONTENT.messages());
    static final List<Step.Finished> ENDINGS = new ArrayList<>();

    @BeforeAll
    static void walkEveryRoute() {
        walk(Session.begun());
    }

    private static void walk(Session session) {
        Step step = ENGINE.step(session);
        if (step instanceof Step.Finished finished) {
            ENDINGS.add(finished);
            return;
        }
        Question question = ((Step.Asked) step).question();
        if (question.choice() == Choice.SINGLE) {
            for (Option option : question.options()) {
                walk(((Transition.Moved) ENGINE.apply(session, new Input.Pick(question.id(), option.id()))).session());
            }
            return;
        }
        for (List<Option> ticks : selections(question.options())) {
            Session ticked = session;
            for (Option option : ticks) {
                ticked = ((Transition.Toggled) ENGINE.apply(ticked, new Input.Pick(question.id(), option.id()))).session();
            }
            walk(((Transition.Moved) ENGINE.apply(ticked, new Input.Done(question.id()))).session());
        }
    }

    /** Every valid selection: each non-empty set of ordinary options, and each exclusive option alone. */
    private static List<List<Option>> selections(List<Option> options) {
        List<Option> ordinary = options.stream().filter(o -> !o.exclusive()).toList();
        List<List<Option>> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << ordinary.size(); mask++) {
            List<Option> set = new ArrayList<>();
            for (int i = 0; i < ordinary.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(ordinary.get(i));
                }
            }
            all.add(set);
        }
        options.stream().filter(Option::exclusive).forEach(o -> all.add(List.of(o)));
        return all;
    }

    @Test
    void everyRouteEndsAndEveryOutcomeIsReached() {
        // 1 emergency + 1 urgent + 4 where x 3 feeling x 3 duration x 3 severity x 3 age x 16 activity selections
        assertThat(ENDINGS).hasSize(2 + 4 * 3 * 3 * 3 * 3 * 16);
        Map<String, Integer> byOutcome = new HashMap<>();
        ENDINGS.forEach(e -> byOutcome.merge(e.outcome().id(), 1, Integer::sum));
        assertThat(byOutcome).containsOnlyKeys("emergency_care", "urgent_doctor", "clinician_first", "ql_pattern", "general");
    }

    @Test
    void everyEndingFitsOneTelegramMessageSaysItIsNotADiagnosisAndNamesAClinician() {
        for (Step.Finished ending : ENDINGS) {
            String text = REPORT.render(ending);
            assertThat(text.length()).as(ending.outcome().id()).isLessThanOrEqualTo(4096);
            assertThat(text).contains("not a diagnosis");
            assertThat(text).containsAnyOf("doctor", "physiotherapist");
        }
    }

    @Test
    void noRedFlagRouteEverCarriesAMassageRequest() {
        List<Step.Finished> redFlags = ENDINGS.stream()
                .filter(e -> e.answers().stream().anyMatch(a -> a.optionIds().contains("yes")))
                .toList();

        assertThat(redFlags).hasSize(2);
        for (Step.Finished ending : redFlags) {
            assertThat(ending.outcome().massageRequest()).isFalse();
            assertThat(REPORT.render(ending)).doesNotContain("quadratus", "gluteus", "QL", "minutes", "Please work on");
        }
    }

    @Test
    void everyMassageRequestHoldsEverySeedFactOfTheArticle() {
        List<String> requests = ENDINGS.stream().filter(e -> e.outcome().massageRequest()).map(REPORT::render).toList();

        assertThat(requests).hasSize(4 * 3 * 3 * 3 * 3 * 16);
        for (String text : requests) {
            assertThat(text).contains(
                    "quadratus lumborum (QL)",
                    "while I lie on my side: 20 minutes each side (40 minutes)",
                    "gluteus medius for 20 minutes while I lie on my stomach",
                    "60 minutes in total",
                    "stretch and massage each muscle at the same time",
                    "NICE guideline on low back pain (NG59) advises massage only together with exercise");
        }
    }

    @Test
    void clinicianFirstSignsNeverGetAPlainMassageRequest() {
        for (Step.Finished ending : ENDINGS) {
            boolean sign = ending.answers().stream().anyMatch(a -> a.optionIds().stream().anyMatch(
                    List.of("below_knee", "burning", "over_3m", "severe", "under_20", "over_50")::contains));
            if (sign && !ending.outcome().urgency().isRedFlag()) {
                assertThat(ending.outcome().id()).isEqualTo("clinician_first");
                assertThat(REPORT.render(ending)).contains("If my clinician agrees");
            }
        }
    }
}
