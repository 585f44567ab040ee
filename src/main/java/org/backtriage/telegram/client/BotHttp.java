package org.backtriage.telegram.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.backtriage.chat.Telemetry;

/**
 * The one HTTP client (OkHttp) a bot reaches the Bot API on: the long poll ({@link UpdatePoll}), the calls
 * ({@link BotApi}) and the webhook's methods ({@link WebhookAdmin}) share its dispatcher and its
 * pool of connections. Ending its calls, then closing it, lets its threads and connections go.
 */
public final class BotHttp implements AutoCloseable {
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient http;

    private BotHttp(OkHttpClient http) {
        this.http = http;
    }

    /** A client whose reads may wait {@code readTimeout} (longer than the long poll waits). */
    public static BotHttp open(Duration readTimeout) {
        return new BotHttp(new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(readTimeout)
                .writeTimeout(WRITE_TIMEOUT)
                .connectionPool(connectionPool())
                .build());
    }

    /**
     * A connection pool for the client the Bot API is called on: it keeps, idle, as many
     * connections as calls may be under way at once, and the long poll's. With fewer (OkHttp's
     * default keeps 5), every burst of calls closed the connections over the limit and opened them
     * again: a TLS handshake each with Telegram.
     */
    public static ConnectionPool connectionPool() {
        return new ConnectionPool(BotApi.MOST_AT_ONCE + 2, 5, TimeUnit.MINUTES);
    }

    /** A long poll for the updates of the bot {@code access} names, lasting until it is cancelled. */
    public UpdatePoll poll(BotAccess access) {
        return new UpdatePoll(http, access);
    }

    /** The calls of the bot {@code access} names, each bounded by {@code callTimeout}, counted in {@code telemetry}. */
    public BotApi api(BotAccess access, Duration callTimeout, Telemetry telemetry) {
        return BotApi.over(http, access, callTimeout, telemetry);
    }

    /** The webhook's methods of the bot {@code access} names. */
    public WebhookAdmin admin(BotAccess access) {
        return new WebhookAdmin(http, access);
    }

    /** Ends every call under way (the long poll's, the sender's): their replies stay in the outbox. */
    public void cancelCalls() {
        http.dispatcher().cancelAll();
    }

    /** Lets the client's threads and connections go; end the calls under way first. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
