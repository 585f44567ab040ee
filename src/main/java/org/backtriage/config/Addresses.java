package org.backtriage.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The addresses settings name: the Bot API's URL, the public origin, a listening host, and which hosts are this machine. */
final class Addresses {
    /** An IPv4 address written out, e.g. 127.0.0.1; checked without asking DNS. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Plain http to another host than this one: the token in every call's path would travel in clear text. */
    static boolean plainHttp(URI url) {
        return "http".equals(url.getScheme()) && !loopback(url.getHost());
    }

    /** localhost, 127.0.0.0/8 or ::1: a name or address that never leaves this machine. */
    static boolean loopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (!IPV4.matcher(name).matches() && !name.contains(":")) {
            // Any other name may resolve anywhere; it is not looked up.
            return false;
        }
        try {
            // An address literal is parsed, not looked up.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code text} as the address setting {@code name} names, refused when it cannot be one. */
    static String hostName(String name, String text) {
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new ConfigException(name + " must be one address or host name, like " + Settings.DEFAULT_HTTP_HOST
                    + " or 0.0.0.0, not '" + text + "'");
        }
        return text;
    }

    /** An https origin (scheme, host, optional port), without the trailing slash: Telegram opens Mini Apps over https only. */
    static String publicUrl(String text) {
        String origin = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new ConfigException(Settings.PUBLIC_URL + " is not a URL: " + e.getMessage());
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ConfigException(Settings.PUBLIC_URL + " must be an https origin, scheme, host and port only (Telegram opens"
                    + " the body map at <origin>/bodymap/ over https only), like https://bot.example.org");
        }
        return origin;
    }

    /** The Bot API's base URL: http or https, a host, and no path (the bot adds /bot<token>/<method>). */
    static URI apiUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new ConfigException(Settings.API_URL + " is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigException(Settings.API_URL + " must be an http or https URL with a host, like " + Settings.DEFAULT_API_URL);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new ConfigException(Settings.API_URL + " must be only scheme, host and port (the bot adds /bot<token>/<method>),"
                    + " like " + Settings.DEFAULT_API_URL);
        }
        return uri;
    }

    private Addresses() {
    }
}
