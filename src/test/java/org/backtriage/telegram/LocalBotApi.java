package org.backtriage.telegram;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.backtriage.fakebotapi.FakeBotApi;

/** The real {@link BotApi} on an OkHttp client of its own, pointed at a fake Bot API; closing frees the client. */
final class LocalBotApi implements AutoCloseable {
    final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).build();
    final BotApi api;

    LocalBotApi(FakeBotApi telegram, Tuning tuning) {
        api = BotApi.over(http, Tunings.setup(telegram, tuning));
    }

    /** Ends calls under way and lets the client's threads and connections go. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
