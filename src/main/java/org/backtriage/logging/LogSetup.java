package org.backtriage.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.OptionHelper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The logging set-up, in code rather than a logback.xml: logback finds it as a service and so
 * skips its XML configurator, which costs about a tenth of a second at start-up. Logs go to
 * stderr (console mode's conversation on stdout stays clean), as text or, with
 * {@code BACKTRIAGE_LOG_FORMAT=json}, JSON lines; bot tokens are masked in every message and
 * stack trace, whichever library logs them; {@code BACKTRIAGE_LOG_LEVEL} sets the level (INFO).
 * An operator's own file ({@code -Dlogback.configurationFile=...}) still wins.
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
        redactMessagesAndStackTraces(context);

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
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // As logback.xml's level attribute did: an unknown name means DEBUG.
        root.setLevel(Level.toLevel(setting(context, LEVEL, "INFO")));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code %msg} and {@code %ex} with tokens masked, in every pattern of this context (also
     * one a test or library builds later).
     */
    static void redactMessagesAndStackTraces(LoggerContext context) {
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules =
                (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("msg", RedactingMessageConverter::new);
        rules.put("ex", RedactingThrowableConverter::new);
    }

    /** As logback's {@code ${NAME:-fallback}}: a context property, else a system property, else the environment. */
    private static String setting(LoggerContext context, String name, String fallback) {
        String value = OptionHelper.propertyLookup(name, context, null);
        return value == null ? fallback : value;
    }
}
