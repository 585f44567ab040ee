package org.backtriage.telegram.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotAccess;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.BotHttp;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.sending.CappedBackOff;
import org.slf4j.Logger;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The library's long polling for one bot, on one thread of its own: registering with it (which
 * starts polling), forgetting a registration, cancelling the open getUpdates call, and stopping
 * the thread. The bot (the adapter's front) decides when.
 */
public final class LongPolling {
    private static final Logger log = Subsystem.INTAKE.logger();

    /** How long one getUpdates call waits for news on Telegram's side. */
    public static final int LONG_POLL_SECONDS = 50;
    static final int UPDATES_PER_CALL = 100;
    public static final String POLLER_THREAD = "telegram-poller";
    private static final Pattern LIBRARY_STATUS = Pattern.compile("^(\\d{3}): ");

    private final BotAccess access;
    private final OkHttpClient http;
    private final UpdateConsumer consumer;
    private final TokenScrubber scrubber;
    private final ScheduledExecutorService poller;
    private final TelegramBotsLongPollingApplication polling;

    /** Polls for the bot {@code access} names on {@code http}, handing updates to {@code consumer}; {@code backOff} paces failed polls. */
    public LongPolling(BotAccess access, BotHttp http, UpdateConsumer consumer, Supplier<CappedBackOff> backOff) {
        this.access = access;
        this.http = http.okHttp();
        this.consumer = consumer;
        this.scrubber = access.scrubber();
        ObjectMapper json = new ObjectMapper();
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, POLLER_THREAD));
        OkHttpClient client = this.http;
        this.polling = new TelegramBotsLongPollingApplication(() -> json, () -> client, () -> poller,
                () -> waiting(backOff.get()));
    }

    /**
     * Why polling did not start: the library's failure on one line ({@code toString}, because the
     * library keeps the HTTP status only there), the HTTP status it names (-1: none), and the
     * failure itself; both scrubbed of the token.
     */
    public record NotStarted(String why, int status, Throwable failure) {
    }

    /** Registers the bot with the library, which starts polling at once; empty when it did, else why not. */
    public Optional<NotStarted> register() {
        try {
            polling.registerBot(access.token(), access::url, LongPolling::nextUpdates, consumer);
            return Optional.empty();
        } catch (TelegramApiException | RuntimeException e) {
            String why = scrubber.scrub(e.toString());
            return Optional.of(new NotStarted(why, statusOf(why), scrubber.scrub(e)));
        }
    }

    /** A failed registration stays registered in the library, and a second start would be refused. */
    public void forget() {
        try {
            polling.unregisterBot(access.token());
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("Nothing to unregister after a failed start");
        }
    }

    /** Cancels the open getUpdates call, if any. */
    public void cancelOpenCall() {
        for (Call call : http.dispatcher().runningCalls()) {
            if (call.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
                call.cancel();
            }
        }
    }

    /** Closes the library and lets the poller thread finish the update it is handling. */
    public void stop() {
        try {
            polling.close();
        } catch (Exception e) {
            log.warn("Stopping the poller failed: {}", scrubber.scrub(String.valueOf(e.getMessage())));
        }
        poller.shutdown();
    }

    /** Interrupts the poller thread. */
    public void stopNow() {
        poller.shutdownNow();
    }

    public void awaitStopped(Duration timeout) {
        try {
            if (!poller.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The poller thread did not stop within {} ms", timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The library's back-off, waiting as {@code backOff} says. */
    private static BackOff waiting(CappedBackOff backOff) {
        return new BackOff() {
            @Override
            public void reset() {
                backOff.reset();
            }

            @Override
            public long nextBackOffMillis() {
                return backOff.nextBackOffMillis();
            }
        };
    }

    /** The getUpdates call after the update {@code lastUpdateId} (0 before the first). */
    public static GetUpdates nextUpdates(int lastUpdateId) {
        return GetUpdates.builder()
                .offset(lastUpdateId + 1)
                .timeout(LONG_POLL_SECONDS)
                .limit(UPDATES_PER_CALL)
                .allowedUpdates(BotApi.ALLOWED_UPDATES)
                .build();
    }

    /** The HTTP status at the start of the library's "401: ..." exception text, or -1. */
    private static int statusOf(String failure) {
        Matcher status = LIBRARY_STATUS.matcher(failure);
        return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }
}
