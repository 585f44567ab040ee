package org.backtriage.http;

import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses with 400 a request whose path holds a dot segment ({@code .} or {@code ..}), written
 * out or percent-encoded once or more, with a path parameter, or behind a backslash. Jetty would
 * resolve {@code /bodymap/../metrics} to {@code /metrics}: a proxy that forwards only
 * {@code /bodymap/} would then expose the operator's paths. No path the bot serves has one.
 */
final class DotSegments extends Handler.Wrapper {
    /** Enough to undo any encoding a proxy and a client could stack between them. */
    private static final int DECODINGS = 4;

    DotSegments(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (hasDotSegment(request.getHttpURI().getPath())) {
            HttpServer.answer(response, callback, 400, "bad request: no . or .. in paths", Map.of("Connection", "close"));
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Whether {@code rawPath}, as the request line carried it, names a dot segment in any spelling. */
    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String path = rawPath;
        for (int i = 0; i < DECODINGS; i++) {
            if (hasLiteralDotSegment(path)) {
                return true;
            }
            String decoded = percentDecoded(path);
            if (decoded.equals(path)) {
                return false;
            }
            path = decoded;
        }
        return hasLiteralDotSegment(path);
    }

    private static boolean hasLiteralDotSegment(String path) {
        for (String segment : path.replace('\\', '/').split("/", -1)) {
            int parameter = segment.indexOf(';');
            String name = parameter < 0 ? segment : segment.substring(0, parameter);
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Each {@code %XX} as the byte it stands for (dots and slashes are ASCII); anything else as it is. */
    private static String percentDecoded(String path) {
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                decoded.append((char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2))));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
