package org.backtriage.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import org.backtriage.chat.ChatService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The triage conversation served to Telegram users through long polling: polling on one thread
 * hands each batch of updates to {@link UpdateConsumer} (one store transaction that also queues
 * the replies), and the {@link Sender} ({@link Outbound}) delivers the queued replies on a few
 * threads of its own, paced and retried.
 */
public final class TelegramBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    /** How long one getUpdates call waits for news on Telegram's side. */
    static final int LONG_POLL_SECONDS = 50;
    static final int UPDATES_PER_CALL = 100;
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query");
    /** Above the long poll, so a quiet poll ends with an empty answer rather than a timeout. */
    static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(LONG_POLL_SECONDS + 25);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close} waits for the threads once told to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);
    static final String POLLER_THREAD = "telegram-poller";
    private static final Pattern LIBRARY_STATUS = Pattern.compile("^(\\d{3}): ");

    private final String token;
    private final TelegramUrl url;
    private final TokenScrubber scrubber;
    private final Tuning tuning;
    private final Outbound outbound;
    private final ScheduledExecutorService poller;
    private final UpdateConsumer consumer;
    private final TelegramBotsLongPollingApplication polling;
    private boolean started;
    private boolean closed;

    /**
     * A bot for {@code token} talking to the Bot API at {@code apiBaseUrl} (such as
     * {@code https://api.telegram.org}, or a local Bot API server); nothing is sent before
     * {@link #start}.
     */
    public TelegramBot(String token, URI apiBaseUrl, ChatService chat) {
        this(token, apiBaseUrl, chat, Tuning.DEFAULT);
    }

    /**
     * As above; with {@code paced} false the bot sends as fast as the Bot API answers, which only
     * a local stand-in for it allows (Telegram itself limits a bot to about 30 messages a second).
     */
    public TelegramBot(String token, URI apiBaseUrl, ChatService chat, boolean paced) {
        this(token, apiBaseUrl, chat, paced ? Tuning.DEFAULT : Tuning.UNPACED);
    }

    /** As above, with other timings and limits (tests use short ones). */
    TelegramBot(String token, URI apiBaseUrl, ChatService chat, Tuning tuning) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("bot token is blank");
        }
        this.token = token;
        this.url = BotApiUrl.parse(apiBaseUrl);
        Objects.requireNonNull(chat, "chat");
        this.scrubber = new TokenScrubber(token);
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        ObjectMapper json = new ObjectMapper();
        this.outbound = new Outbound(token, url, chat, scrubber, tuning, new PollingConflicts(scrubber, chat.telemetry()));
        OkHttpClient http = outbound.http;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, POLLER_THREAD));
        this.consumer = new UpdateConsumer(new UpdateIntake(chat, outbound.sender, scrubber));
        this.polling = new TelegramBotsLongPollingApplication(() -> json, () -> http, () -> poller, this::pollBackOff);
    }

    /**
     * Starts sending the replies left in the outbox by the last run, starts polling for updates
     * in the background, then publishes the command menu (a failure there is logged, not
     * fatal). While Telegram cannot be reached it keeps trying, with the same capped
     * back-off as polling, until it succeeds or {@link #close} is called.
     *
     * @throws BotStartException when Telegram refuses the token (401, or 404 for a token that is
     *     not a bot's); the bot may be started again later
     */
    public void start() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("bot is closed");
            }
            if (started) {
                throw new IllegalStateException("bot is already started");
            }
        }
        // Before polling: replies queued from now on are newer than these.
        outbound.startSending();
        CappedBackOff backOff = pollBackOff();
        synchronized (this) {
            while (!closed) {
                try {
                    polling.registerBot(token, () -> BotApiUrl.copy(url), TelegramBot::nextUpdates, consumer);
                    started = true;
                    // After the first poll is under way: the menu is not needed to answer anyone.
                    outbound.startRounds();
                    log.info("Polling the Bot API at {} for updates", BotApiUrl.describe(url));
                    return;
                } catch (TelegramApiException | RuntimeException e) {
                    forgetRegistration();
                    // toString, because the library keeps the HTTP status only there.
                    String why = scrubber.scrub(e.toString());
                    int status = statusOf(why);
                    if (status == 401 || status == 404) {
                        throw new BotStartException("Telegram refused the bot token (HTTP " + status
                                + "); copy it again from @BotFather: " + why, scrubber.scrub(e));
                    }
                    long wait = backOff.nextBackOffMillis();
                    log.warn("Cannot start polling the Bot API at {} ({}); trying again in {} ms", BotApiUrl.describe(url), why, wait);
                    try {
                        wait(wait); // close() wakes this up
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** The wait between failed getUpdates calls (and failed starts): the library's own gives up for 15 minutes. */
    private CappedBackOff pollBackOff() {
        return new CappedBackOff(tuning.pollRetryFirst(), tuning.pollRetryMax(), CappedBackOff.JITTER,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The HTTP status at the start of the library's "401: ..." exception text, or -1. */
    static int statusOf(String failure) {
        Matcher status = LIBRARY_STATUS.matcher(failure);
        return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }

    /**
     * Stops polling, lets the update being handled finish, sends what is queued for a few
     * seconds, and releases every thread and connection, so the JVM can exit: at most about
     * {@code finishUpdate + flush + 2 s} (8 s by default). The rest of an unfinished batch is
     * fetched again on the next start; replies not yet sent stay in the outbox and are sent
     * then. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll(); // a start() waiting to retry gives up
        outbound.stopRounds();
        consumer.stop();
        try {
            polling.close();
        } catch (Exception e) {
            log.warn("Stopping the poller failed: {}", scrubber.scrub(String.valueOf(e.getMessage())));
        }
        poller.shutdown();
        if (started) {
            // The library logs the cancelled call as a getUpdates error; this line explains it.
            log.info("Stopping: cancelling the open getUpdates call");
        }
        // The open long poll would otherwise hold the poller thread for up to a minute.
        for (Call call : outbound.http.dispatcher().runningCalls()) {
            if (call.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
                call.cancel();
            }
        }
        if (!consumer.busy()) {
            poller.shutdownNow();
        }
        awaitPoller(tuning.finishUpdate());
        poller.shutdownNow();
        outbound.close();
        awaitPoller(STOP_TIMEOUT);
        if (started) {
            log.info("Stopped polling the Bot API");
        }
    }

    /** Looks for due check-ins now (tests call it instead of waiting for the next round). */
    void releaseDueCheckIns() {
        outbound.releaseDueCheckIns();
    }

    /** The getUpdates call after the update {@code lastUpdateId} (0 before the first). */
    static GetUpdates nextUpdates(int lastUpdateId) {
        return GetUpdates.builder()
                .offset(lastUpdateId + 1)
                .timeout(LONG_POLL_SECONDS)
                .limit(UPDATES_PER_CALL)
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    /** A failed registration stays registered in the library, and a second start would be refused. */
    private void forgetRegistration() {
        try {
            polling.unregisterBot(token);
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("Nothing to unregister after a failed start");
        }
    }

    private void awaitPoller(Duration timeout) {
        try {
            if (!poller.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The poller thread did not stop within {} ms", timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
