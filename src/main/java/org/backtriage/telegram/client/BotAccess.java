package org.backtriage.telegram.client;

import java.net.URI;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Which bot, on which Bot API: the bot's token and the Bot API's address, checked once, and the
 * scrubber that keeps the token out of every line logged. Its string form never shows the token.
 */
public final class BotAccess {
    private final String token;
    private final URI apiBaseUrl;
    /** The Bot API's scheme, host and port, as OkHttp takes them. */
    private final HttpUrl url;
    private final TokenScrubber scrubber;

    private BotAccess(String token, URI apiBaseUrl) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("bot token is blank");
        }
        this.token = token;
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        this.url = BotApiUrl.parse(apiBaseUrl);
        this.scrubber = new TokenScrubber(token);
    }

    /**
     * Bot {@code token} on the Bot API at {@code apiBaseUrl} (such as
     * {@code https://api.telegram.org}, or a local Bot API server).
     */
    public static BotAccess of(String token, URI apiBaseUrl) {
        return new BotAccess(token, apiBaseUrl);
    }

    /** The bot's token, for the calls and for checking what Telegram signed with it; never to be shown. */
    public String token() {
        return token;
    }

    /** The Bot API's address as given. */
    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    /** Where a call of {@code method} goes: {@code <Bot API>/bot<token>/<method>}. */
    HttpUrl method(String method) {
        return BotApiUrl.method(url, token, method);
    }

    /** {@code scheme://host:port}, for a log line. */
    public String where() {
        return BotApiUrl.describe(url);
    }

    /** Takes the token out of every line logged. */
    public TokenScrubber scrubber() {
        return scrubber;
    }

    @Override
    public String toString() {
        return "BotAccess[token=(set), apiBaseUrl=" + apiBaseUrl + "]";
    }
}
