package org.backtriage.telegram;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Telemetry;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.LeaseKeeper;
import org.backtriage.cluster.Leases;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotAccess;
import org.backtriage.telegram.client.BotHttp;
import org.backtriage.telegram.client.UpdatePoll;
import org.backtriage.telegram.intake.LongPolling;
import org.backtriage.telegram.intake.UpdateConsumer;
import org.backtriage.telegram.intake.UpdateIntake;
import org.backtriage.telegram.sending.CappedBackOff;
import org.backtriage.telegram.sending.SendQueue;
import org.backtriage.telegram.sending.Tuning;
import org.slf4j.Logger;

/**
 * The triage conversation served to Telegram users through long polling: polling on one thread
 * hands each batch of updates to {@link UpdateConsumer} (one store transaction that also queues
 * the replies), and the {@code Sender} ({@link Outbound}) delivers the queued replies on a few
 * threads of its own, paced and retried.
 *
 * <p>When several instances share the store, only the holder of the {@link Leases#POLLER} lease
 * polls: the others stand by and take over once it expires (its holder died) or was released
 * (it stopped). A standby never calls the Bot API to poll, nor deleteWebhook, which polling
 * calls when it starts. Sending is leased apart ({@code LeasedSending}).
 */
public final class TelegramBot implements AutoCloseable, LeaseKeeper.Holding {
    private static final Logger log = Subsystem.INTAKE.logger();

    /** Above the long poll, so a quiet poll ends with an empty answer rather than a timeout. */
    static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(UpdatePoll.LONG_POLL_SECONDS + 25);
    /** How long {@link #close} waits for the threads once told to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private final BotAccess access;
    private final Tuning tuning;
    private final Outbound outbound;
    private final UpdateConsumer consumer;
    private final LongPolling polling;
    private final LeaseKeeper pollerLease;
    private final Telemetry telemetry;
    private boolean starting;
    /** Sending and the poller's lease were started: by the first start, also when it failed. */
    private volatile boolean leasesKept;
    private boolean started;
    private boolean closed;
    /** This instance holds the poller's lease. */
    private boolean pollerHeld;
    /** Polling was started here and goes on. */
    private boolean polls;

    /** A bot reaching Telegram as {@code setup} says, on {@code wiring}; nothing is sent before {@link #start}. */
    public TelegramBot(BotSetup setup, Wiring wiring) {
        ChatService chat = wiring.chat();
        this.access = setup.access;
        this.tuning = setup.tuning;
        this.outbound = new Outbound(setup, wiring, BotHttp.open(POLL_READ_TIMEOUT));
        this.consumer = new UpdateConsumer(new UpdateIntake(chat, outbound.sending, access.scrubber()));
        this.telemetry = wiring.telemetry();
        this.pollerLease = new LeaseKeeper(Leases.POLLER,
                LeaseKeeper.Terms.of(wiring.leases(), outbound.holder, setup.leases, Leases.POLLER), this);
        this.polling = new LongPolling(access, outbound.http, consumer, this::pollBackOff, telemetry);
    }

    /** Where the replies of what else the bot takes in (the body map's answers) go, to be sent as an update's are. */
    public SendQueue sendQueue() {
        return outbound.sending;
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
            if (starting) {
                throw new IllegalStateException("bot is already started");
            }
            starting = true;
        }
        if (!leasesKept) {
            leasesKept = true;
            // Before polling: replies queued from now on are newer than these.
            outbound.startSending();
            // At once when no other instance polls; otherwise this one stands by.
            pollerLease.start();
        }
        synchronized (this) {
            if (!pollerHeld && !closed) {
                log.info("Another instance polls the Bot API for this bot; this one stands by to take over");
            }
        }
        try {
            poll();
        } catch (BotStartException e) {
            synchronized (this) {
                starting = false;
            }
            throw e;
        }
    }

    /**
     * Starts polling once this instance holds the poller's lease (waiting meanwhile), retrying
     * while Telegram cannot be reached; returns once polling, or closed.
     */
    private synchronized void poll() {
        CappedBackOff backOff = pollBackOff();
        while (!closed && !polls) {
            if (!pollerHeld) {
                try {
                    wait(); // acquired() and close() wake this up
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            Optional<LongPolling.NotStarted> failed = polling.start();
            if (failed.isEmpty()) {
                polls = true;
                if (!started) {
                    started = true;
                    // After the first poll is under way: the menu is not needed to answer anyone.
                    outbound.startRounds();
                }
                log.info("Polling the Bot API at {} for updates", access.where());
                return;
            }
            String why = failed.get().why();
            int status = failed.get().status();
            if (status == 401 || status == 404) {
                throw new BotStartException("Telegram refused the bot token (HTTP " + status
                        + "); copy it again from @BotFather: " + why, failed.get().failure());
            }
            long wait = backOff.nextBackOffMillis();
            log.warn("Cannot start polling the Bot API at {} ({}); trying again in {} ms", access.where(), why, wait);
            try {
                wait(wait); // close() wakes this up
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** This instance took the poller's lease: it polls, at once when it had stood by since its start. */
    @Override
    public synchronized void acquired(Lease lease) {
        pollerHeld = true;
        notifyAll();
        if (started && !polls && !closed) {
            // A takeover after polling had begun here once: nobody waits in start() any more.
            Thread takeover = new Thread(() -> {
                try {
                    poll();
                } catch (BotStartException e) {
                    log.error("Cannot take over polling: {}", e.getMessage());
                }
            }, "poller-takeover");
            takeover.setDaemon(true);
            takeover.start();
        }
    }

    @Override
    public void standingBy() {
        telemetry.standingByToPoll();
    }

    /** Another instance took the poller's lease over (or it could not be renewed): this one stops polling. */
    @Override
    public synchronized void lost(Lease lease) {
        pollerHeld = false;
        if (polls) {
            polls = false;
            polling.end();
            log.info("Stopped polling; standing by to take over again");
        }
    }

    /** The wait between failed getUpdates calls (and failed starts). */
    private CappedBackOff pollBackOff() {
        return new CappedBackOff(tuning.pollRetryFirst(), tuning.pollRetryMax(), CappedBackOff.JITTER,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Stops polling, lets the update being handled finish, sends what is queued for a few
     * seconds, and releases every thread and connection, so the JVM can exit: at most about
     * {@code finishUpdate + flush + 2 s} (8 s by default). The rest of an unfinished batch is
     * fetched again on the next start; replies not yet sent stay in the outbox and are sent
     * then. Safe to call more than once.
     */
    @Override
    public void close() {
        // Not under this lock: the lease's callbacks take it, holding the keeper's.
        Optional<Lease> poller = pollerLease.stop();
        closeHoldingThis();
        // Once polling stopped: another instance may take over at once.
        poller.ifPresent(pollerLease::release);
    }

    private synchronized void closeHoldingThis() {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll(); // a start() waiting to retry gives up
        outbound.stopRounds();
        consumer.stop();
        // Cancels the open long poll, which would otherwise hold the poller thread for up to a minute.
        polling.close();
        polling.awaitClosed(tuning.finishUpdate());
        polling.closeNow();
        outbound.close();
        polling.awaitClosed(STOP_TIMEOUT);
        if (started) {
            log.info("Stopped polling the Bot API");
        }
    }

    /** Looks for due check-ins now (tests call it instead of waiting for the next round). */
    void releaseDueCheckIns() {
        outbound.releaseDueCheckIns();
    }

    /** Whether the bot's own first check-in round, run at start, was done within {@code timeout}. */
    boolean awaitFirstCheckInRound(Duration timeout) throws InterruptedException {
        return outbound.awaitFirstCheckInRound(timeout);
    }
}
