package org.backtriage.telegram.miniapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.backtriage.http.HttpServer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /bodymap/...}: the body map Mini App's own files, read from the jar once at start and
 * served from memory, so no other file can ever be reached through it (there is no path to
 * resolve). Every answer carries a strict Content-Security-Policy (nothing from another origin;
 * framed only by Telegram's web client), nosniff and no-referrer; files are revalidated by ETag.
 * Other paths are left to the next handler (the body map's answer endpoint among them).
 */
public final class BodyMapPage extends Handler.Abstract.NonBlocking {
    /** Where the page lives; Telegram opens {@code <public URL>/bodymap/?lang=en}. */
    public static final String PATH = "/bodymap/";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org";
    /** The headers every answer of this handler carries. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    /** A file of the page: its bytes, their type and a tag that changes with them. */
    private record File(byte[] bytes, String type, String etag) {
    }

    private final Map<String, File> files;

    /** Reads the page's files from the class path; a missing one is a broken build and fails here. */
    public BodyMapPage() {
        files = Map.of(
                PATH, file("index.html", "text/html; charset=utf-8"),
                PATH + "bodymap.css", file("bodymap.css", "text/css; charset=utf-8"),
                PATH + "bodymap.js", file("bodymap.js", "text/javascript; charset=utf-8"),
                PATH + "back.svg", file("back.svg", "image/svg+xml; charset=utf-8"),
                PATH + "front.svg", file("front.svg", "image/svg+xml; charset=utf-8"));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        File file = files.get(Request.getPathInContext(request));
        if (file == null) {
            return false;
        }
        SECURITY_HEADERS.forEach(response.getHeaders()::put);
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            HttpServer.answer(response, callback, 405, "method not allowed; use GET", Map.of("Allow", "GET, HEAD"));
            return true;
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.ETAG, file.etag());
        if (file.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, file.type());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, file.bytes().length);
        boolean head = request.getMethod().equals("HEAD");
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(file.bytes()).asReadOnlyBuffer(), callback);
        return true;
    }

    private static File file(String name, String type) {
        String resource = "bodymap/" + name;
        try (InputStream in = BodyMapPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the body map's " + resource + " is not on the class path");
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new File(bytes, type, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body map's " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
