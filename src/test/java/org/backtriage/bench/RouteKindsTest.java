package org.backtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.chat.ButtonData;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Input;
import org.backtriage.triage.Question;
import org.backtriage.triage.Tree;
import org.junit.jupiter.api.Test;

/** The walks the crowd is given, drawn from the shipped tree as a benchmark run draws them. */
class RouteKindsTest {
    static final Tree TREE = Content.packaged(ChatService.TEXT_KEYS).tree();
    static final RouteKinds ROUTES = new RouteKinds(new Engine(TREE));

    @Test
    void everyEndingHasWalksAndEachReachesItsOwn() {
        // Every ending but the massage request given once a clinician agreed: no route of buttons reaches that one.
        assertThat(ROUTES.outcomes()).containsExactly("emergency_ambulance", "emergency_care", "help_now", "maternity_now",
                "maternity_unsure", "urgent_doctor", "urgent_unsure", "clinician_first", "ql_pattern", "general");
        Random random = new Random(7);
        for (String outcome : ROUTES.outcomes()) {
            // walks() itself refuses a walk that ends elsewhere; the walks must also end with the ending's replies.
            assertThat(ROUTES.walks(outcome, 20, random)).allSatisfy(walk -> {
                assertThat(walk.outcome()).isEqualTo(outcome);
                Walk.Move last = walk.moves().get(walk.length() - 1);
                // The last question rewritten into the final message, then the short message after it.
                assertThat(last.edits()).as("the final message").isEqualTo(1);
                assertThat(last.sends()).as("the message after it").isEqualTo(1);
            });
        }
    }

    @Test
    void theWalksOfOneRunPressEveryButtonOfTheTree() {
        Random random = new Random(1);
        Set<String> pressed = new TreeSet<>();
        for (String outcome : ROUTES.outcomes()) {
            ROUTES.walks(outcome, Crowd.WALKS_PER_OUTCOME, random).forEach(walk -> walk.moves().forEach(m -> pressed.add(m.data())));
        }

        List<String> buttons = new ArrayList<>(List.of("", ButtonData.encode(new ButtonData.Answer(new Input.Begin()))));
        // Every button but those of the questions only the body map leads to (the crowd does not open the map).
        java.util.Set<String> byTheMap = new java.util.HashSet<>();
        TREE.questions().forEach(q -> q.options().stream().filter(o -> o.mapOnly()).forEach(o -> o.next().ifPresent(byTheMap::add)));
        for (Question question : TREE.questions()) {
            if (byTheMap.contains(question.id())) {
                continue;
            }
            question.buttons().forEach(o -> buttons.add(ButtonData.encode(new ButtonData.Answer(new Input.Pick(question.id(), o.id())))));
            if (question.choice() == Choice.MULTIPLE) {
                buttons.add(ButtonData.encode(new ButtonData.Answer(new Input.Done(question.id()))));
            }
        }
        assertThat(pressed).containsExactlyInAnyOrderElementsOf(buttons);
    }

    @Test
    void anExclusiveOptionIsPressedAloneAndMovesOnATickWaitsForDone() {
        Random random = new Random(3);
        List<Walk.Move> moves = new ArrayList<>();
        ROUTES.walks("general", 50, random).forEach(walk -> moves.addAll(walk.moves()));

        // "Neither of these": answered at once, so the next question (a new message) is the reply.
        assertThat(moves).filteredOn(m -> m.data().equals("p:impact:neither")).isNotEmpty()
                .allSatisfy(m -> assertThat(m).isEqualTo(new Walk.Move("p:impact:neither", 1, 1, 0, Walk.Reply.EDIT)));
        // A tick only redraws the buttons of the question.
        assertThat(moves).filteredOn(m -> m.data().equals("p:where:low_back_left")).isNotEmpty()
                .allSatisfy(m -> assertThat(m).isEqualTo(new Walk.Move("p:where:low_back_left", 1, 1, 0, Walk.Reply.EDIT)));
    }
}
