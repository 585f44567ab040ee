package org.backtriage.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

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
    void anotherMaskIsWrittenAsItIs() {
        assertThat(Redaction.redact("token=" + TOKEN + " at /botx/getMe", "$1 <token>"))
                .isEqualTo("token=$1 <token> at /bot$1 <token>/getMe");
    }

    @Test
    void theShippedTextLayoutMasksTokensInMessagesAndStackTraces() {
        LoggerContext context = new LoggerContext();
        TextOrJsonLayout layout = new TextOrJsonLayout();
        layout.setContext(context);
        layout.setPattern(LogSetup.PATTERN);
        layout.start();
        Logger logger = context.getLogger("redaction-test");

        String logged = layout.doLayout(new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "request to /bot{}/getUpdates failed", new IOException("unexpected end of stream on http://127.0.0.1/bot"
                + TOKEN + "/..."), new Object[] {TOKEN}));

        assertThat(logged).contains("request to /bot<redacted>/getUpdates failed", "java.io.IOException",
                "http://127.0.0.1/bot<redacted>/...");
        assertThat(logged).doesNotContain(TOKEN).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    }
}
