package org.backtriage.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shipped logging set-up, applied to a fresh logger context, in both formats: what lands on
 * stderr is what an operator sees.
 */
class LogFormatsTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final String SECRET = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Configures the shipped set-up with {@code format} (null: unset), runs {@code logging}, returns stderr. */
    static String stderrOf(String format, LoggingScript logging) {
        return stderrOf(format, "INFO", logging);
    }

    /** As above, with BACKTRIAGE_LOG_LEVEL set to {@code level}. */
    static String stderrOf(String format, String level, LoggingScript logging) {
        LoggerContext context = new LoggerContext();
        // SLF4J's binding normally provides this; a hand-made context needs its own.
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            // Context properties win over environment variables, as in logback's substitution.
            context.putProperty("BACKTRIAGE_LOG_FORMAT", format);
        }
        context.putProperty("BACKTRIAGE_LOG_LEVEL", level);
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try {
            setup.configure(context);
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            logging.run(context);
        } finally {
            System.setErr(stderr);
            context.stop();
        }
        lastStatuses = context.getStatusManager().getCopyOfStatusList();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static List<Status> lastStatuses = new ArrayList<>();

    interface LoggingScript {
        void run(LoggerContext context);
    }

    static List<JsonNode> jsonLines(String output) {
        return output.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    @Nested
    class JsonLines {
        @Test
        void eachEventIsOneObjectWithTimeLevelLoggerThreadAndMessage() throws Exception {
            String output = stderrOf("json", context -> context.getLogger("backtriage.bot").info("starting: tree {}", "v3"));

            List<JsonNode> lines = jsonLines(output);
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.fieldNames()).toIterable().containsExactly("ts", "level", "logger", "thread", "msg");
            assertThat(line.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(Instant.parse(line.get("ts").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("logger").asText()).isEqualTo("backtriage.bot");
            assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
            assertThat(line.get("msg").asText()).isEqualTo("starting: tree v3");
        }

        @Test
        void quotesNewlinesAndControlCharactersStayOneValidLine() throws Exception {
            String tricky = "user wrote \"stop\" \\ then\na new line,\ttab, \u0001 and ünïcödé";

            String output = stderrOf("json", context -> context.getLogger("chat").warn("odd input: {}", tricky));

            assertThat(output.lines()).hasSize(1);
            assertThat(jsonLines(output).get(0).get("msg").asText()).isEqualTo("odd input: " + tricky);
        }

        @Test
        void exceptionIsOneStringWithTheStackTrace() throws Exception {
            String output = stderrOf("json", context -> context.getLogger("store")
                    .error("saving failed", new IOException("disk full", new IllegalStateException("cause"))));

            List<JsonNode> lines = jsonLines(output);
            assertThat(lines).hasSize(1);
            String exception = lines.get(0).get("exception").asText();
            assertThat(exception).startsWith("java.io.IOException: disk full")
                    .contains("\tat org.backtriage.logging.LogFormatsTest")
                    .contains("Caused by: java.lang.IllegalStateException: cause");
        }

        @Test
        void aTokenNeverAppearsInTheMessageOrTheException() throws Exception {
            String output = stderrOf("json", context -> context.getLogger("telegram").error("request to /bot{}/getUpdates failed; token {}",
                    TOKEN, TOKEN, new IOException("unexpected end of stream on http://127.0.0.1/bot" + TOKEN + "/getUpdates")));

            assertThat(output).doesNotContain(SECRET);
            JsonNode line = jsonLines(output).get(0);
            assertThat(line.get("msg").asText()).isEqualTo("request to /bot<redacted>/getUpdates failed; token <redacted>");
            assertThat(line.get("exception").asText()).contains("http://127.0.0.1/bot<redacted>/getUpdates");
        }

        @Test
        void theSettingIgnoresCaseAndSpaces() throws Exception {
            String output = stderrOf(" JSON ", context -> context.getLogger("x").info("hello"));

            assertThat(jsonLines(output)).singleElement().satisfies(line -> assertThat(line.get("msg").asText()).isEqualTo("hello"));
        }
    }

    @Nested
    class Text {
        static final String TEXT_LINE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[.+\\] \\S+ - hello";

        @Test
        void textIsTheDefault() throws Exception {
            assumeTrue(System.getenv("BACKTRIAGE_LOG_FORMAT") == null, "BACKTRIAGE_LOG_FORMAT is set in this environment");

            String output = stderrOf(null, context -> context.getLogger("x").info("hello"));

            assertThat(output.lines()).singleElement().asString().matches(TEXT_LINE);
        }

        @Test
        void aMisspeltFormatFallsBackToTextWithAWarning() throws Exception {
            String output = stderrOf("jsn", context -> context.getLogger("x").info("hello"));

            assertThat(output.lines()).singleElement().asString().matches(TEXT_LINE);
            assertThat(lastStatuses).extracting(Status::getMessage)
                    .contains("BACKTRIAGE_LOG_FORMAT must be text or json, not 'jsn'; using text");
        }

        @Test
        void aTokenNeverAppearsInTheMessageOrTheStackTrace() throws Exception {
            String output = stderrOf("text", context -> context.getLogger("telegram").error("request to /bot{}/getUpdates failed",
                    TOKEN, new IOException("unexpected end of stream on http://127.0.0.1/bot" + TOKEN + "/getUpdates")));

            assertThat(output).contains("request to /bot<redacted>/getUpdates failed", "java.io.IOException")
                    .doesNotContain(SECRET);
        }

        @Test
        void aTokenInALoggerNameIsMaskedToo() throws Exception {
            String output = stderrOf("text", context -> context.getLogger("bot" + TOKEN).info("hello"));

            assertThat(output).contains("bot<redacted> - hello").doesNotContain(SECRET);
        }

        @Test
        void multiLineMessagesStayAsWritten() throws Exception {
            String output = stderrOf("text", context -> context.getLogger("x").info("hello\nsecond line"));

            assertThat(output).endsWith(" - hello\nsecond line\n");
        }
    }

    @Nested
    class Levels {
        @Test
        void theLevelSettingHidesLessSevereLines() {
            String output = stderrOf("text", "WARN", context -> {
                context.getLogger("x").info("hidden");
                context.getLogger("x").warn("shown");
            });

            assertThat(output).contains("shown").doesNotContain("hidden");
        }

        @Test
        void chattyLibrariesOnlyWarn() {
            String output = stderrOf("text", context -> {
                context.getLogger("okhttp3.OkHttpClient").info("connection pool details");
                context.getLogger("org.sqlite.SQLiteJDBCLoader").info("native library details");
                context.getLogger("backtriage.bot").info("starting");
            });

            assertThat(output).contains("starting").doesNotContain("details");
        }
    }

    @Test
    void anOperatorsOwnLogbackFileKeepsTokensMaskedWithTheShippedLayout() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        String file = "<configuration><appender name='ERR' class='ch.qos.logback.core.ConsoleAppender'><target>System.err</target>"
                + "<encoder class='ch.qos.logback.core.encoder.LayoutWrappingEncoder'>"
                + "<layout class='org.backtriage.logging.TextOrJsonLayout'><pattern>%level %logger - %msg%n%ex</pattern></layout>"
                + "</encoder></appender><root level='INFO'><appender-ref ref='ERR'/></root></configuration>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
            context.getLogger("telegram").error("request to /bot{}/getUpdates failed", TOKEN);
        } finally {
            System.setErr(stderr);
            context.stop();
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR telegram - request to /bot<redacted>/getUpdates failed\n");
    }

    @Test
    void logbackFindsTheSetUpAsAService() {
        assertThat(java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(java.util.ServiceLoader.Provider::type)).contains(LogSetup.class);
    }

    @Test
    void theShippedSetUpConfiguresWithoutWarningsOrErrors() throws Exception {
        // Logback prints its whole status list to stdout after a warning, which would spoil console mode.
        stderrOf("json", context -> { });
        assertThat(lastStatuses).allSatisfy(status -> assertThat(status.getLevel()).as(status.getMessage()).isEqualTo(Status.INFO));

        stderrOf("text", context -> { });
        assertThat(lastStatuses).allSatisfy(status -> assertThat(status.getLevel()).as(status.getMessage()).isEqualTo(Status.INFO));
    }
}
