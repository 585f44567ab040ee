package org.backtriage.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactionTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void tokensAndUrlTokenSegmentsAreMasked() {
        assertThat(Redaction.redact("calling https://api.telegram.org/bot" + TOKEN + "/sendMessage failed"))
                .isEqualTo("calling https://api.telegram.org/bot<redacted>/sendMessage failed");
        assertThat(Redaction.redact("token=" + TOKEN)).isEqualTo("token=<redacted>");
        assertThat(Redaction.redact("/botsomething-odd/getUpdates")).isEqualTo("/bot<redacted>/getUpdates");
        assertThat(Redaction.redact("nothing secret, chat 42")).isEqualTo("nothing secret, chat 42");
    }

    @Test
    void theShippedLogPatternMasksTokensInMessagesAndStackTraces() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // The shipped pattern, with the conversion rules LogSetup registers at start-up.
        encoder.setPattern("%-5level %logger{24} - %msg%n%ex");
        encoder.start();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        Logger logger = context.getLogger("redaction-test");
        logger.addAppender(appender);
        try {
            logger.error("request to /bot{}/getUpdates failed", TOKEN,
                    new IOException("unexpected end of stream on http://127.0.0.1/bot" + TOKEN + "/..."));
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
        String logged = bytes.toString(StandardCharsets.UTF_8);

        assertThat(logged).contains("request to /bot<redacted>/getUpdates failed", "java.io.IOException");
        assertThat(logged).doesNotContain(TOKEN).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    }
}
