package org.backtriage.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Everything logged while it is open, as an operator would read it. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root().addAppender(appender);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Every logged message as "logger LEVEL message", and every message of a logged exception chain. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getClassName() + ": " + t.getMessage());
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    lines.add(suppressed.getClassName() + ": " + suppressed.getMessage());
                }
            }
        }
        return lines;
    }

    /** {@link #lines} in lower case. */
    public List<String> lower() {
        return lines().stream().map(line -> line.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
    }
}
