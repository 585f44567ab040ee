package org.backtriage.telegram.client;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where the Bot API is: scheme, host and port, checked once; calls go to
 * {@code <url>/bot<token>/<method>}.
 */
final class BotApiUrl {
    private BotApiUrl() {
    }

    /** {@code https://api.telegram.org} → scheme, host and port; the port by scheme when absent. */
    static HttpUrl parse(URI base) {
        Objects.requireNonNull(base, "apiBaseUrl");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Bot API URL must start with http:// or https://: " + base);
        }
        if (base.getHost() == null) {
            throw new IllegalArgumentException("Bot API URL has no host: " + base);
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        if (!path.isEmpty() && !path.equals("/") || base.getRawQuery() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Bot API URL must be scheme, host and port only (calls go to"
                    + " <url>/bot<token>/<method>): " + base);
        }
        int port = base.getPort() != -1 ? base.getPort() : scheme.equals("https") ? 443 : 80;
        return new HttpUrl.Builder().scheme(scheme).host(base.getHost()).port(port).build();
    }

    /** {@code <base>/bot<token>/<method>}. */
    static HttpUrl method(HttpUrl base, String token, String method) {
        return base.newBuilder().addPathSegment("bot" + token).addPathSegment(method).build();
    }

    /** {@code scheme://host:port}, for a log line. */
    static String describe(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }
}
