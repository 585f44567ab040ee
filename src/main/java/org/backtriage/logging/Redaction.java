package org.backtriage.logging;

import java.util.regex.Pattern;

/** Removes bot tokens from text that may reach a log: messages, exception texts, URLs. */
public final class Redaction {
    /** A bot token anywhere, or the token segment of a Bot API URL path ({@code /bot<token>/}). */
    private static final Pattern TOKEN = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{30,100}");
    private static final Pattern URL_TOKEN = Pattern.compile("/bot[^/\\s]+/");
    public static final String MASK = "<redacted>";

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = TOKEN.matcher(text).replaceAll(MASK);
        return URL_TOKEN.matcher(masked).replaceAll("/bot" + MASK + "/");
    }
}
