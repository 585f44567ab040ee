package org.backtriage.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;

/**
 * The logging set-up, found by logback as a {@link Configurator} service (listed in
 * {@code META-INF/services}), logback's documented way to configure in code; set through the
 * public setters of its appender, encoder and loggers only. In code rather than a logback.xml
 * because that file's XML machinery costs start-up time (BENCHMARKS.md). Logs go to stderr
 * (console mode's conversation on stdout stays clean), as text or, with
 * {@code BACKTRIAGE_LOG_FORMAT=json}, JSON lines; the layout masks bot tokens in every line,
 * whichever library logs it; {@code BACKTRIAGE_LOG_LEVEL} sets the level (INFO). An operator's
 * own file ({@code -Dlogback.configurationFile=...}) still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    public static final String FORMAT = "BACKTRIAGE_LOG_FORMAT";
    public static final String LEVEL = "BACKTRIAGE_LOG_LEVEL";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n%ex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.NEUTRAL;
        }
        TextOrJsonLayout layout = new TextOrJsonLayout();
        layout.setContext(context);
        layout.setFormat(setting(context, FORMAT, TextOrJsonLayout.TEXT));
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("okhttp3").setLevel(Level.WARN);
        context.getLogger("org.sqlite").setLevel(Level.WARN);
        // Jetty announces every start and stop at INFO; the bot says where it listens itself.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // As logback.xml's level attribute does: an unknown name means DEBUG.
        root.setLevel(Level.toLevel(setting(context, LEVEL, "INFO")));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback's {@code ${NAME:-fallback}}: a context property, else a system property, else the environment. */
    private static String setting(LoggerContext context, String name, String fallback) {
        String value = context.getProperty(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }
}
