package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backtriage.config.Content;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Question;
import org.backtriage.triage.Routes;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;
import org.junit.jupiter.api.Test;

/**
 * How much a person in pain has to read and tap, measured on the shipped tree: the characters
 * of every question and answer button before the first question about the pain (each sign read
 * once), and the fewest taps to each ending. Printed, so a change to the content shows what it
 * costs; bounded, so it cannot quietly grow back.
 */
class ReadingBurdenTest {
    static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);

    @Test
    void beforeTheFirstPainQuestionSomeoneWithNothingToReportReadsEachSignOnce() {
        for (Messages messages : CONTENT.languages()) {
            int plain = readBefore(CONTENT.tree(), messages, "where", Map.of("pregnancy", "no"));
            int pregnant = readBefore(CONTENT.tree(), messages, "where", Map.of("pregnancy", "weeks_13_27"));
            System.out.printf("reading before the first pain question (%s): %,d characters, %,d when pregnant%n",
                    messages.language(), plain, pregnant);
        }
        Messages english = CONTENT.messages();
        // The version before listed every sign as a bullet and again as a button: 2,284 characters in English, with no
        // question about pregnancy or health conditions a doctor has examined before the pain questions. Now 1,840.
        assertThat(readBefore(CONTENT.tree(), english, "where", Map.of("pregnancy", "no"))).isLessThanOrEqualTo(1_850);
        assertThat(readBefore(CONTENT.tree(), english, "where", Map.of("pregnancy", "weeks_13_27"))).isLessThanOrEqualTo(2_410);
    }

    @Test
    void everyEndingIsFewTapsAway() {
        Map<String, Integer> taps = fewestTaps(CONTENT.tree());
        taps.forEach((outcome, count) -> System.out.printf("fewest taps to %s: %d%n", outcome, count));

        // From "Start the questions": an emergency in 3 taps (the list, its sign), a doctor today in 5 (after "none" and
        // "not pregnant"), a massage request in 17, one more after a clinician agreed.
        assertThat(taps).containsEntry("emergency_ambulance", 3).containsEntry("emergency_care", 3).containsEntry("help_now", 3)
                .containsEntry("maternity_now", 5).containsEntry("maternity_unsure", 5).containsEntry("urgent_doctor", 5)
                .containsEntry("urgent_unsure", 5).containsEntry("ql_pattern", 17).containsEntry("general", 17)
                .containsEntry("clinician_first", 17).containsEntry("clinician_agreed", 18);
    }

    /**
     * The characters a person reads from the first question until {@code until}: each question's
     * text and its answers' labels (tags and entities out; not the step line, Back or Why?),
     * answering "none" on every red-flag list and {@code choices} where given.
     */
    static int readBefore(Tree tree, Messages messages, String until, Map<String, String> choices) {
        int read = 0;
        String at = tree.start();
        while (!at.equals(until)) {
            Question question = tree.question(at).orElseThrow();
            read += plain(messages.text(question.textKey())).length();
            for (Option option : question.buttons()) {
                read += plain(messages.text(option.labelKey())).length();
            }
            String answer = choices.getOrDefault(question.id(), "none");
            at = question.option(answer).orElseThrow(() -> new IllegalStateException(question.id() + " has no " + answer))
                    .next().orElseThrow();
        }
        return read;
    }

    /** The fewest taps to each ending, from "Start the questions" (one tap) over every kind of route. */
    static Map<String, Integer> fewestTaps(Tree tree) {
        Engine engine = new Engine(tree);
        Map<String, Integer> fewest = new LinkedHashMap<>();
        tree.outcomes().forEach(o -> fewest.put(o.id(), Integer.MAX_VALUE));
        Routes.forEachKind(tree, route -> {
            Step.Finished ending = engine.screen(List.copyOf(route));
            int taps = 1;
            for (Answer answer : route) {
                Question question = tree.question(answer.questionId()).orElseThrow();
                boolean exclusive = question.option(answer.optionIds().get(0)).map(Option::exclusive).orElse(false);
                taps += question.choice() == Choice.SINGLE || exclusive ? 1 : answer.optionIds().size() + 1;
            }
            int count = taps;
            fewest.merge(ending.outcome().id(), count, Math::min);
            // An ending given once a clinician agreed is one tap further: "My clinician agreed".
            ending.outcome().afterAgreement().ifPresent(agreed -> fewest.merge(agreed, count + 1, Math::min));
        });
        List<String> unreached = new ArrayList<>();
        fewest.forEach((outcome, count) -> {
            if (count == Integer.MAX_VALUE) {
                unreached.add(outcome);
            }
        });
        assertThat(unreached).as("every ending is reached").isEmpty();
        return fewest;
    }

    private static String plain(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
}
