package org.backtriage.triage;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every sentence a person sees, by key, in one language. Placeholders are written {@code {name}}
 * and filled by {@link #format}; values are Telegram HTML.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final String language;
    private final Map<String, String> texts;

    public Messages(String language, Map<String, String> texts) {
        this.language = Objects.requireNonNull(language, "language");
        this.texts = Map.copyOf(texts);
    }

    public String language() {
        return language;
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** The text for {@code key}; a missing key is a programming or configuration error. */
    public String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no message '" + key + "' in language " + language);
        }
        return text;
    }

    /** The text for {@code key} with each {@code {name}} replaced by {@code values.get(name)}. */
    public String format(String key, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text(key));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("message '" + key + "' needs a value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
