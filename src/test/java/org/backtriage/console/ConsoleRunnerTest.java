package org.backtriage.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal conversation, driven as a person would type it. */
class ConsoleRunnerTest {
    @TempDir
    Path dir;

    private String converse(String typed) {
        Content content = Content.packaged(ChatService.TEXT_KEYS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("console.db"), Clock.systemUTC())) {
            ChatService chat = new ChatService(new Engine(content.tree()), content.messages(), store);
            new ConsoleRunner(new BufferedReader(new StringReader(typed)), new PrintStream(bytes, true, StandardCharsets.UTF_8), chat, 0L).run();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numberedAnswersWalkToTheQlRequest() {
        // begin, no emergency signs, no urgent signs, one side, sharp, under 6 weeks, mild, 20 to 50,
        // tick "lifting", Done (option 8 after five options, Back and Why)
        String out = converse("1\n1\n1\n1\n1\n1\n1\n2\n1\n8\n");

        assertThat(out).contains("Low back pain check", "  1. Start the questions");
        assertThat(out).contains("Step 1 of 8", "  1. None of these\n  2. Yes, at least one\n");
        assertThat(out).contains("  1. ✅ Lifting while leaning over\n  2. ⬜ Leaning over a sink");
        assertThat(out).contains("""
                💆 Massage request: quadratus lumborum and gluteus medius

                About my back pain
                • Emergency signs: None of these
                • Urgent signs: None of these
                • Where it hurts: One side of the low back
                • What it feels like: Sharp, stabbing, urgent
                • How long: Less than 6 weeks
                • How bad (0–10): 0–3, mild
                • Age: 20 to 50
                • Set off by: Lifting while leaning over
                """);
        assertThat(out).contains("1. My QL while I lie on my side: 20 minutes each side (40 minutes).",
                "This is guidance from a checklist, not a diagnosis.");
        assertThat(out).doesNotContain("<b>", "&amp;");
        assertThat(out).endsWith("Your answers are saved. Run the console again to continue.\n");
    }

    @Test
    void typedTextAndNumbersWithoutAButtonAreAnsweredPolitely() {
        String out = converse("1\nhello there\n9\n2\n");

        assertThat(out).contains("Please type the number of one of the answers shown, or a command such as /back or /help.");
        assertThat(out.split("Please type the number", -1)).hasSize(3);
        assertThat(out).contains("Get emergency help now", "Go to an emergency department (A&E) now");
    }

    @Test
    void commandsWorkAsOnTelegram() {
        String out = converse("1\n1\n/back\n/help\n/restart\n");

        assertThat(out).contains("Step 2 of 8", "Commands", "/forget – delete everything this bot holds about you");
        assertThat(out.lastIndexOf("Step 1 of 8")).isGreaterThan(out.indexOf("Step 2 of 8"));
    }

    @Test
    void aSecondRunContinuesWhereTheFirstStopped() {
        converse("1\n1\n1\n");
        String out = converse("");

        assertThat(out).contains("You were part-way through", "Step 3 of 8", "Where does it hurt?");
    }
}
