package org.backtriage.telegram.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.backtriage.chat.Telemetry;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.TokenScrubber;
import org.slf4j.Logger;

/**
 * Watches getUpdates: reports each poll to the telemetry, and explains a 409 Conflict in the log. Telegram answers 409 when another process polls
 * with the same token; the library reads only the HTTP status and drops the answer's
 * description, then retries with the back-off as for any failure. This interceptor sits on the
 * polling HTTP client, so it sees the real status and description before the library does; it
 * changes nothing about the call.
 */
public final class PollingConflicts implements Interceptor {
    private static final Logger log = Subsystem.INTAKE.logger();
    static final int CONFLICT = 409;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BODY = 4_096;

    private final TokenScrubber scrubber;
    private final Telemetry telemetry;

    PollingConflicts(TokenScrubber scrubber) {
        this(scrubber, Telemetry.NONE);
    }

    /** Also reports each poll's success or failure to {@code telemetry} (for /healthz and /metrics). */
    public PollingConflicts(TokenScrubber scrubber, Telemetry telemetry) {
        this.scrubber = scrubber;
        this.telemetry = telemetry;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        boolean poll = chain.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates");
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException | RuntimeException e) {
            if (poll) {
                telemetry.polled(false);
            }
            throw e;
        }
        if (poll) {
            telemetry.polled(response.isSuccessful());
        }
        if (response.code() == CONFLICT && poll) {
            log.warn("getUpdates refused with 409 Conflict: another instance is polling with this token; only one"
                    + " can receive updates. Stop the other one; this one keeps trying with back-off. Telegram said: {}",
                    description(response));
        }
        return response;
    }

    private String description(Response response) {
        try {
            String body = response.peekBody(MAX_BODY).string();
            String description = JSON.readTree(body).path("description").asText("");
            return scrubber.scrub(description.isEmpty() ? body : description);
        } catch (IOException | RuntimeException e) {
            return "(no readable description)";
        }
    }
}
