package org.backtriage.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;

/**
 * The log format an operator chose with {@code BACKTRIAGE_LOG_FORMAT} (see {@link LogSetup}): "json" for
 * {@link JsonLineLayout}, "text" (the default) for the given pattern, with bot tokens masked
 * anywhere in the line ({@link Redaction}). One appender with this layout, rather than one
 * appender per format picked by name, because an unknown name would leave the root logger with
 * no appender and drop every line; here a misspelt format falls back to text with a warning.
 */
public final class TextOrJsonLayout extends LayoutBase<ILoggingEvent> {
    static final String TEXT = "text";
    static final String JSON = "json";

    private String format = TEXT;
    private String pattern;
    private Layout<ILoggingEvent> chosen;
    /** The JSON layout masks the values it writes; masking its whole line could break the JSON. */
    private boolean maskLines;

    /** "text" or "json"; case and surrounding spaces do not matter, blank means text. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The text format's pattern; its lines are masked as a whole, whatever the pattern holds. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        String wanted = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals(JSON)) {
            chosen = new JsonLineLayout();
        } else {
            if (!wanted.isEmpty() && !wanted.equals(TEXT)) {
                addWarn("BACKTRIAGE_LOG_FORMAT must be text or json, not '" + format + "'; using text");
            }
            if (pattern == null || pattern.isBlank()) {
                addError("the text log format needs a pattern");
                return;
            }
            PatternLayout text = new PatternLayout();
            text.setPattern(pattern);
            chosen = text;
            maskLines = true;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String line = chosen.doLayout(event);
        return maskLines ? Redaction.redact(line) : line;
    }

    @Override
    public String getContentType() {
        return chosen == null ? super.getContentType() : chosen.getContentType();
    }

    @Override
    public void stop() {
        if (chosen != null) {
            chosen.stop();
        }
        super.stop();
    }
}
