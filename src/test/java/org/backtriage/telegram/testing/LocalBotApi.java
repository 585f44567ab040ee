package org.backtriage.telegram.testing;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.sending.Tuning;

/** The real {@link BotApi} on an OkHttp client of its own, pointed at a fake Bot API; closing frees the client. */
public final class LocalBotApi implements AutoCloseable {
    public final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).build();
    public final BotApi api;

    public LocalBotApi(FakeBotApi telegram, Tuning tuning) {
        api = BotApi.over(http, Tunings.access(telegram), tuning.callTimeout());
    }

    /** Ends calls under way and lets the client's threads and connections go. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
