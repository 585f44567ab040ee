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
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The triage conversation served to Telegram users: long polling on one thread hands each update
 * to {@link UpdateConsumer} (one store transaction that also queues the replies), and a
 * {@link Sender} delivers the queued replies on a few threads of its own, paced and retried.
 */
public final class TelegramBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    /** How long one getUpdates call waits for news on Telegram's side. */
    static final int LONG_POLL_SECONDS = 50;
    static final int UPDATES_PER_CALL = 100;
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query");
    /** How often due check-ins ("check on me in a week") are looked for. */
    static final Duration CHECK_INS_EVERY = Duration.ofSeconds(30);
    /** Above the long poll, so a quiet poll ends with an empty answer rather than a timeout. */
    static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(LONG_POLL_SECONDS + 25);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close} waits for the threads once told to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);
    static final String POLLER_THREAD = "telegram-poller";

    private final String token;
    private final TelegramUrl url;
    private final ChatService chat;
    private final TokenScrubber scrubber;
    private final Tuning tuning;
    private final OkHttpClient http;
    private final ScheduledExecutorService poller;
    private final BotApi api;
    private final Sender sender;
    private final UpdateConsumer consumer;
    private final TelegramBotsLongPollingApplication polling;
    private final ScheduledExecutorService checkIns = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "check-ins");
        thread.setDaemon(true);
        return thread;
    });
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
        this.url = telegramUrl(apiBaseUrl);
        this.chat = Objects.requireNonNull(chat, "chat");
        this.scrubber = new TokenScrubber(token);
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        ObjectMapper json = new ObjectMapper();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(POLL_READ_TIMEOUT)
                .writeTimeout(WRITE_TIMEOUT)
                .addInterceptor(new PollingConflicts(scrubber, chat.telemetry()))
                .build();
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, POLLER_THREAD));
        this.api = botApi(http, token, telegramUrlCopy(url), scrubber, tuning, chat.telemetry());
        this.sender = new Sender(chat.outbox(), api, scrubber, tuning, chat.telemetry(), chat.clock());
        this.consumer = new UpdateConsumer(chat, sender, scrubber);
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
        sender.start(chat.outbox().pendingReplies());
        CappedBackOff backOff = pollBackOff();
        synchronized (this) {
            while (!closed) {
                try {
                    polling.registerBot(token, () -> telegramUrlCopy(url), TelegramBot::nextUpdates, consumer);
                    started = true;
                    // After the first poll is under way: the menu is not needed to answer anyone.
                    checkIns.execute(this::publishMenu);
                    checkIns.scheduleWithFixedDelay(this::releaseDueCheckIns, 0, CHECK_INS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Polling the Bot API at {} for updates", describe(url));
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
                    log.warn("Cannot start polling the Bot API at {} ({}); trying again in {} ms", describe(url), why, wait);
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

    /**
     * The Bot API for every call but getUpdates, on {@code http}'s dispatcher and connection
     * pool, so closing {@code http} ends its calls too.
     */
    static BotApi botApi(OkHttpClient http, String token, TelegramUrl url, TokenScrubber scrubber, Tuning tuning) {
        return botApi(http, token, url, scrubber, tuning, Telemetry.NONE);
    }

    static BotApi botApi(OkHttpClient http, String token, TelegramUrl url, TokenScrubber scrubber, Tuning tuning,
                         Telemetry telemetry) {
        // Calls run on the sender threads; the dispatcher's limits apply only to asynchronous
        // calls (getUpdates). The sender retries failed calls itself, paced and logged: OkHttp
        // must not resend a message on its own.
        OkHttpClient calls = http.newBuilder()
                .readTimeout(tuning.callTimeout())
                .callTimeout(tuning.callTimeout())
                .retryOnConnectionFailure(false)
                .build();
        HttpUrl base = new HttpUrl.Builder().scheme(url.getSchema()).host(url.getHost()).port(url.getPort()).build();
        return new BotApi(calls, base, token, scrubber, telemetry);
    }

    /** The wait between failed getUpdates calls (and failed starts): the library's own gives up for 15 minutes. */
    private CappedBackOff pollBackOff() {
        return new CappedBackOff(tuning.pollRetryFirst(), tuning.pollRetryMax(), CappedBackOff.JITTER,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The HTTP status at the start of the library's "401: ..." exception text, or -1. */
    static int statusOf(String failure) {
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("^(\\d{3}): ").matcher(failure);
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
        checkIns.shutdownNow();
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
        for (Call call : http.dispatcher().runningCalls()) {
            if (call.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
                call.cancel();
            }
        }
        if (!consumer.busy()) {
            poller.shutdownNow();
        }
        awaitPoller(tuning.finishUpdate());
        poller.shutdownNow();
        if (!sender.awaitIdle(tuning.flush())) {
            log.info("Stopping with {} replies not yet sent; they stay in the outbox for the next start", sender.queued());
        }
        sender.shutdownNow();
        // Ends calls under way, the sender's included; their replies stay in the outbox.
        http.dispatcher().cancelAll();
        if (!sender.awaitTermination(STOP_TIMEOUT)) {
            log.warn("The sender threads did not stop within {} ms", STOP_TIMEOUT.toMillis());
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        awaitPoller(STOP_TIMEOUT);
        if (started) {
            log.info("Stopped polling the Bot API");
        }
    }

    /** Publishes the command menu, in each language; a failure is logged, not fatal. */
    private void publishMenu() {
        Delivery menu = api.setCommands(chat.menu());
        if (!(menu instanceof Delivery.Accepted)) {
            log.warn("Bot API setMyCommands failed: {}; the bot works without its command menu", menu.describe());
        }
        // The same menu in each other language, for people whose app is set to it.
        chat.languages().stream().skip(1).forEach(language -> {
            Delivery translated = api.setCommands(chat.menu(language), java.util.Optional.of(language));
            if (!(translated instanceof Delivery.Accepted)) {
                log.warn("Bot API setMyCommands ({}) failed: {}", language, translated.describe());
            }
        });
    }

    /** Queues every check-in that has come due and hands it to the sender; never throws. */
    void releaseDueCheckIns() {
        try {
            List<Outgoing> due = chat.releaseDueCheckIns();
            Map<Long, List<Outgoing>> byChat = new LinkedHashMap<>();
            due.forEach(row -> byChat.computeIfAbsent(row.chatId(), id -> new ArrayList<>()).add(row));
            byChat.forEach(sender::queue);
            if (!due.isEmpty()) {
                log.info("{} check-in(s) came due", byChat.size());
            }
        } catch (RuntimeException e) {
            log.error("Looking for due check-ins failed; trying again in {} s: {}", CHECK_INS_EVERY.toSeconds(),
                    scrubber.scrub(String.valueOf(e.getMessage())));
        }
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

    /** {@code https://api.telegram.org} → scheme, host and port; the port by scheme when absent. */
    static TelegramUrl telegramUrl(URI base) {
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
        return TelegramUrl.builder().schema(scheme).host(base.getHost()).port(port).testServer(false).build();
    }

    /** TelegramUrl has setters; each user gets its own copy so none can change another's. */
    private static TelegramUrl telegramUrlCopy(TelegramUrl url) {
        return new TelegramUrl(url.getSchema(), url.getHost(), url.getPort(), url.isTestServer());
    }

    private static String describe(TelegramUrl url) {
        return url.getSchema() + "://" + url.getHost() + ":" + url.getPort();
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
