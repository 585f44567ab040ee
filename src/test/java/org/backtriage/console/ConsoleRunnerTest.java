package org.backtriage.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.triage.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal conversation, driven as a person would type it. */
class ConsoleRunnerTest {
    @TempDir
    Path dir;

    /** The console as Main wires it: no check-in offered, since nobody reads a terminal a week later. */
    private String converse(String typed) {
        Content content = Content.packaged(ChatService.CONTENT_RULES);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("console.db"), Clock.systemUTC())) {
            ChatService chat = new ChatService(new Engine(content.tree()), content.languages(), store,
                    ChatOptions.defaults().withoutCheckIns());
            new ConsoleRunner(new BufferedReader(new StringReader(typed)), new PrintStream(bytes, true, StandardCharsets.UTF_8), chat, 0L).run();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numberedAnswersWalkToTheQlRequest() {
        // begin; "No, none of these" (3) on the emergency list; not pregnant (6); "No, none of these" (3) on the urgent,
        // health and health-condition lists; low back left, Done (10: seven places, then Back, Why, Done); sharp, Done
        // (6); under 6 weeks; getting better; mild; neither (3, answers at once); 20 to 50; tick "lifting", Done (8);
        // "No, none of these" (5) on the cautions
        String out = converse("1\n3\n6\n3\n3\n3\n1\n10\n1\n6\n1\n1\n1\n3\n2\n1\n8\n5\n");

        assertThat(out).contains("Low back pain check", "  1. Start the questions");
        assertThat(out).contains("Step 1 of 19", "  1. Yes\n  2. I\u2019m not sure\n  3. No, none of these\n  4. ℹ️ Why?\n");
        assertThat(out).contains("  1. ✅ Lifting while leaning over\n  2. ⬜ Leaning over a sink");
        assertThat(out).contains("""
                💆 Massage request: quadratus lumborum and gluteus medius

                Made on %s with a low back pain checklist.

                About my back pain
                • Red flags checked: none of the listed signs of nerve compression, infection, fracture or cancer.
                • Where it hurts: Low back, left side
                • What it feels like: Sharp or stabbing
                • How long: Less than 6 weeks
                • Getting better or worse: Getting better
                • How bad at its worst (0–10): 0–3, mild
                • The pain does not stop my daily activities, and I am coping with it.
                • Age when it started: 20 to 50
                • Set off by: Lifting while leaning over
                """.formatted(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
                .format(java.time.LocalDate.now(java.time.ZoneOffset.UTC))));
        assertThat(out).contains("1. My quadratus lumborum (QL) while I lie on my side: 20 minutes each side (40 minutes).",
                "This is guidance from a checklist, not a diagnosis.", "Looking after your back meanwhile");
        assertThat(out).doesNotContain("<b>", "&amp;");
        assertThat(out).endsWith("Your answers are saved. Run the console again to continue.\n");
    }

    @Test
    void noEndingOffersACheckInNobodyCouldReceive() {
        String urgent = converse("1\n3\n6\n1\n4\n");

        assertThat(urgent).contains("Contact a doctor today").doesNotContain("Check on me", "I will message you");
    }

    @Test
    void typedTextAndNumbersWithoutAButtonAreAnsweredPolitely() {
        String out = converse("1\nhello there\n9\n1\n3\n");

        assertThat(out).contains("Please type the number of one of the answers shown, or a command such as /back or /help.");
        assertThat(out.split("Please type the number", -1)).hasSize(3);
        assertThat(out).contains("Go to A&E now, or call 999 (UK), 112 (Europe), 911 (US, Canada) or your local emergency number.",
                "• Numb or tingling genitals, bottom or anus");
    }

    @Test
    void commandsWorkAsOnTelegram() {
        String out = converse("1\n3\n/back\n/help\n/restart\n");

        assertThat(out).contains("Step 2 of 19", "Commands", "/forget – delete everything this bot holds about you");
        assertThat(out.lastIndexOf("Step 1 of 19")).isGreaterThan(out.indexOf("Step 2 of 19"));
    }

    @Test
    void aSecondRunContinuesWhereTheFirstStopped() {
        converse("1\n3\n6\n3\n");
        String out = converse("");

        assertThat(out).contains("You were part-way through", "Step 4 of 18", "Now some questions about your health.");
    }
}
