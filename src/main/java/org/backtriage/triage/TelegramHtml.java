package org.backtriage.triage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Telegram's HTML parse mode accepts, checked before a text is ever sent: only its tags,
 * properly nested and closed; only {@code &lt; &gt; &amp; &quot;} and numeric entities; every
 * other {@code <}, {@code >} and {@code &} escaped. Telegram refuses the whole message otherwise
 * ("can't parse entities"), so a person would get nothing.
 */
public final class TelegramHtml {
    /** Telegram's limit on a message's text. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z][a-z0-9-]*)((?:\\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\\s*>");
    private static final Pattern ENTITY = Pattern.compile("&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");

    private TelegramHtml() {
    }

    /** The first thing Telegram would refuse in {@code html}, or empty when it is valid. */
    public static Optional<String> problem(String html) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(i, html.length());
                if (!tag.lookingAt()) {
                    return Optional.of("a '<' that starts no tag at character " + (i + 1) + " (write &lt;)");
                }
                String name = tag.group(2);
                if (!TAGS.contains(name)) {
                    return Optional.of("tag <" + name + "> at character " + (i + 1) + " is not one Telegram supports");
                }
                if (tag.group(1).isEmpty()) {
                    open.push(name);
                } else if (open.isEmpty() || !open.peek().equals(name)) {
                    return Optional.of("</" + name + "> at character " + (i + 1) + " closes "
                            + (open.isEmpty() ? "nothing" : "<" + open.peek() + ">"));
                } else {
                    open.pop();
                }
                i = tag.end();
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(html).region(i, html.length());
                if (!entity.lookingAt()) {
                    return Optional.of("a '&' that starts no entity at character " + (i + 1) + " (write &amp;)");
                }
                i = entity.end();
            } else if (c == '>') {
                return Optional.of("a stray '>' at character " + (i + 1) + " (write &gt;)");
            } else {
                i++;
            }
        }
        return open.isEmpty() ? Optional.empty() : Optional.of("<" + open.peek() + "> is never closed");
    }

    /** The text a person sees: tags removed, entities read. */
    public static String visible(String html) {
        return html.replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
