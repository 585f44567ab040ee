package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.triage.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run contract: modes, exit codes and one-line errors, as an operator sees them. */
class MainTest {
    static final Messages TEXT = Content.packaged(ChatService.TEXT_KEYS).messages();

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Map<String, String> env, String input, String... args) {
        return Main.run(args, env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Map<String, String> db() {
        return Map.of("BACKTRIAGE_DB", dir.resolve("nested/folder/bt.db").toString());
    }

    /** A shipped message as the console prints it: no tags, entities decoded. */
    static String plain(String key) {
        return TEXT.text(key).replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void consoleModeWithPipedInputReachesAnEndingAndCreatesTheDatabaseFolder() {
        // Start the questions, "Yes", then the third sign (numbness around the genitals or bottom).
        int code = run(db(), "1\n1\n3\n", "console");

        assertThat(code).isZero();
        assertThat(out()).contains(plain("outcome.emergency.title"), plain("sign.saddle"), plain("after.emergency"));
        assertThat(dir.resolve("nested/folder/bt.db")).exists();
    }

    @Test
    void theConsoleOffersNoCheckInEvenWhereTelegramWould() {
        // Start the questions, "No, none of these" (the 3rd answer), not pregnant (the 6th), then "Yes"
        // to the urgent signs and the first of them.
        int code = run(db(), "1\n3\n6\n1\n1\n", "console");

        assertThat(code).isZero();
        assertThat(out()).contains(plain("outcome.urgent.title"), plain("sign.one_leg"), plain("after.urgent"))
                .doesNotContain(plain("button.check_in_tomorrow"), plain("button.check_in"));
    }

    @Test
    void botWithoutATokenSaysSoInOneLineAndExitsWith2() {
        int code = run(db(), "", "bot");

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("backtriage: TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather,"
                + " then run: export TELEGRAM_BOT_TOKEN=<the token it gives you>\n");
    }

    @Test
    void noArgumentMeansBot() {
        assertThat(run(db(), "")).isEqualTo(2);
        assertThat(err()).startsWith("backtriage: TELEGRAM_BOT_TOKEN is not set.");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutEchoingIt() {
        int code = run(Map.of("TELEGRAM_BOT_TOKEN", "12345:secret-but-too-short", "BACKTRIAGE_DB", dir.resolve("x.db").toString()), "", "bot");

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("backtriage: TELEGRAM_BOT_TOKEN does not look like a bot token").doesNotContain("secret");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void helpListsModesAndEverySettingWithItsDefault() {
        assertThat(run(Map.of(), "", "--help")).isZero();

        assertThat(out()).contains("java -jar backtriage.jar console", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL",
                "https://api.telegram.org", "BACKTRIAGE_DB", "data/backtriage.db", "BACKTRIAGE_TREE",
                "BACKTRIAGE_RETENTION_DAYS", "BACKTRIAGE_RESUME_AFTER_HOURS", "BACKTRIAGE_CHECK_IN_SECONDS",
                "BACKTRIAGE_HTTP_PORT", "BACKTRIAGE_LOG_LEVEL", "BACKTRIAGE_LOG_FORMAT", "validate", "tree --mermaid");
        for (String[] setting : org.backtriage.config.Settings.HELP) {
            assertThat(out()).contains(setting[0], setting[1]);
        }
    }

    @Test
    void unknownArgumentsAreAUsageError() {
        assertThat(run(Map.of(), "", "serve")).isEqualTo(2);
        assertThat(err()).contains("unknown arguments: serve", "--help");
    }

    @Test
    void aBrokenTreeStopsStartUpNamingTheNodeAndTheFault() throws Exception {
        Path tree = shippedTreeWith(dir.resolve("tree.json"),
                "{\"id\": \"under_6w\", \"label\": \"q.duration.under_6w\", \"next\": \"course\"}",
                "{\"id\": \"under_6w\", \"label\": \"q.duration.under_6w\", \"next\": \"courses\"}");
        Map<String, String> env = Map.of("BACKTRIAGE_TREE", tree.toString(), "BACKTRIAGE_DB", dir.resolve("x.db").toString());

        assertThat(run(env, "", "console")).isEqualTo(2);
        assertThat(err()).isEqualTo("backtriage: the conversation tree (" + tree + ") has 1 fault:\n"
                + "  node 'duration': option 'under_6w' leads to unknown 'courses'\n");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    /** The shipped tree written to {@code file} with {@code from} replaced by {@code to}; {@code from} must be in it. */
    static Path shippedTreeWith(Path file, String... fromTo) throws Exception {
        String json = Files.readString(Path.of("config/triage-tree.json"));
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(json).as("the shipped tree, to be broken").contains(fromTo[i]);
            json = json.replace(fromTo[i], fromTo[i + 1]);
        }
        return Files.writeString(file, json);
    }

    @Test
    void aTreeThatIsNotJsonStopsStartUpWithTheLine() throws Exception {
        Path tree = dir.resolve("tree.json");
        Files.writeString(tree, "{\n  \"version\": \"1\",\n  oops\n}");

        assertThat(run(Map.of("BACKTRIAGE_TREE", tree.toString()), "", "console")).isEqualTo(2);
        assertThat(err()).startsWith("backtriage: " + tree + ": not valid JSON at line 3");
    }

    @Test
    void aDatabaseFileThatIsNotADatabaseStopsStartUp() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "not a database at all, just some text\n".repeat(100));

        assertThat(run(Map.of("BACKTRIAGE_DB", file.toString()), "", "console")).isEqualTo(2);
        assertThat(err()).contains("is corrupt or not an SQLite database; it was left untouched");
    }

    @Test
    void validateListsEveryFaultWithItsNodeAndExits1() throws Exception {
        Path tree = shippedTreeWith(dir.resolve("tree.json"),
                "\"next\": \"severity\"", "\"next\": \"sevrity\"",
                "\"clinician\": \"outcome.clinician_agreed.clinician\",", "\"clinician\": \"\",");

        assertThat(run(Map.of(), "", "validate", tree.toString())).isEqualTo(1);
        assertThat(out()).contains("node 'course': option 'better' leads to unknown 'sevrity'",
                "node 'course': option 'worse' leads to unknown 'sevrity'", "node 'clinician_agreed': has no clinician advice",
                "node 'severity': cannot be reached from the start");
    }

    @Test
    void validateOfTheShippedTreeSaysOk() {
        assertThat(run(Map.of(), "", "validate", "config/triage-tree.json")).isZero();
        assertThat(out()).isEqualTo("OK: config/triage-tree.json: tree 2026-12-07.1, 31 questions, 11 outcomes, 30 rules,"
                + " languages en, es\n");
    }

    @Test
    void validateOfTheBenchmarksPeerTreeSaysOk() {
        // bench/run.sh peer runs the bot on this tree; a text the bot now needs must be there too.
        assertThat(run(Map.of(), "", "validate", "bench/peer/triage-tree.json")).as(out()).isZero();
        assertThat(out()).startsWith("OK: bench/peer/triage-tree.json: ");
    }

    @Test
    void treeMermaidPrintsTheFlowchart() {
        assertThat(run(Map.of(), "", "tree", "--mermaid")).isZero();
        assertThat(out()).startsWith("flowchart TD\n    start((Start)) --> emergency\n")
                .contains("    decision_rules -->|\"sharp_pain, ql_activity\"| ql_pattern\n");
    }

    @Test
    void aPlainHttpBotApiOnAnotherHostStopsStartUpInOneLineWithoutTheToken() {
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
                "TELEGRAM_API_URL", "http://10.0.0.5:8081", "BACKTRIAGE_DB", dir.resolve("x.db").toString());

        assertThat(run(env, "", "bot")).isEqualTo(2);
        assertThat(err()).isEqualTo("backtriage: TELEGRAM_API_URL http://10.0.0.5:8081 is plain http to another host, so"
                + " the bot token would travel in clear text; use https, or set BACKTRIAGE_ALLOW_PLAIN_HTTP_API=true for a"
                + " self-hosted Bot API server on a private network\n");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    @Test
    void aBadApiUrlIsAConfigurationError() {
        assertThat(run(Map.of("TELEGRAM_API_URL", "ftp://example.org/x"), "", "console")).isEqualTo(2);
        assertThat(err()).contains("TELEGRAM_API_URL must be an http or https URL");
    }
}
