package org.backtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BACKTRIAGE_DB naming a PostgreSQL database, as an operator sees it: where the conversation goes, and a refused login. */
@NeedsPostgres
class PostgresMainTest {
    @RegisterExtension
    static final TestPostgres database = TestPostgres.perClass();

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Map<String, String> env, String input, String... args) {
        return Main.run(args, env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theConsoleKeepsItsConversationInPostgresql() {
        // Start the questions; "No, none of these" emergency signs; not pregnant; "Yes" to the urgent signs; the first.
        int code = run(Map.of("BACKTRIAGE_DB", database.url()), "1\n3\n6\n1\n1\n", "console");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Contact a doctor today");
        assertThat(database.query("SELECT bot_id || ' ' || chat_id || ' ' || answers FROM sessions"))
                .as("the console's chat, under bot id 0 without a token").singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .isEqualTo("0 0 emergency=none;pregnancy=no;urgent_symptoms=yes;urgent_symptoms_which=one_leg");
    }

    @Test
    void aWrongPasswordIsOneLineWithoutItAndExitCode2() {
        String password = "the-right-one-" + Long.toHexString(System.nanoTime());
        String user = database.loginWithPassword(password);

        int code = run(Map.of("BACKTRIAGE_DB", database.url(user), "BACKTRIAGE_DB_PASSWORD", "not-" + password), "", "console");

        assertThat(code).isEqualTo(2);
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.lines()).hasSize(1);
        assertThat(said).startsWith("backtriage: cannot connect to PostgreSQL postgresql://127.0.0.1:")
                .contains(" as " + user + ": ", "password authentication failed")
                .doesNotContain(password);
    }
}
