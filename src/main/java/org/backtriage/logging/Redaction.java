package org.backtriage.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bot token looks like, and text with every one masked: log lines, exception texts, URLs.
 * The one definition of a token's shape: {@code config.Settings} accepts only tokens of this
 * shape, so every token the bot can run with is one this masks; the Telegram adapter's
 * {@code TokenScrubber} masks with it too.
 */
public final class Redaction {
    /** A bot token: a numeric bot id, a colon, a 30-100 character secret ({@code 123456789:AAE...}). */
    public static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{30,100}");
    /** The token segment of a Bot API URL path ({@code /bot<token>/}), whatever its shape. */
    private static final Pattern URL_TOKEN = Pattern.compile("/bot[^/\\s]+/");
    public static final String MASK = "<redacted>";

    private Redaction() {
    }

    /** {@code text} with every token and URL token segment replaced by {@link #MASK}. */
    public static String redact(String text) {
        return redact(text, MASK);
    }

    /** {@code text} with every token and URL token segment replaced by {@code mask}. */
    public static String redact(String text, String mask) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = TOKEN_SHAPE.matcher(text).replaceAll(Matcher.quoteReplacement(mask));
        return URL_TOKEN.matcher(masked).replaceAll(Matcher.quoteReplacement("/bot" + mask + "/"));
    }
}
