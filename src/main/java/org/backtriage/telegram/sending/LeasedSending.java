package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.LeaseKeeper;
import org.backtriage.cluster.LeaseTiming;
import org.backtriage.cluster.Leases;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotApi;
import org.slf4j.Logger;

/**
 * Sending the outbox when several instances share the store: only the holder of the
 * {@link Leases#SENDER} lease sends, so each chat's order and Telegram's pace stay exact. While
 * this instance holds it, a {@link Sender} of its own delivers: the replies left in the outbox
 * first, then those this instance's turns queue, those another instance's turns wrote (the store
 * signals new ones, {@link Outbox#onNewReplies}), and whatever a rescan of the outbox every
 * {@link LeaseTiming#rescanEvery} finds (a signal may be missed). It removes sent replies through
 * the fenced outbox, so once another instance took over, a removal is refused and this one stops.
 * While another instance holds the lease, this one queues nothing: what its turns wrote waits in
 * the outbox for the holder; it keeps trying to take the lease over. An inline query, and a press
 * with no reply of its own, are answered by the instance they came to (they are not in the
 * outbox, and Telegram forgets them within seconds).
 *
 * <p>On a store only one process uses (SQLite) the lease is always this instance's: it sends
 * everything, as a lone {@link Sender} would, and never rescans.
 */
public final class LeasedSending implements SendQueue, LeaseKeeper.Holding {
    private static final Logger log = Subsystem.CLUSTER.logger();
    /** The shortest time between two rescans: what a reply another instance wrote may wait at most, beyond the signal. */
    static final Duration RESCAN_GAP = Duration.ofMillis(50);

    private final Leases leases;
    private final Outbox outbox;
    /** A sender removing sent replies from the given (fenced) outbox, under the given lease. */
    private final BiFunction<Outbox, SenderLease, Sender> senders;
    private final LeaseTiming timing;
    private final LeaseKeeper keeper;
    /** Answers what is not in the outbox while this instance does not send. */
    private final Sender standby;
    private final ScheduledExecutorService rescans = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbox-rescan");
        thread.setDaemon(true);
        return thread;
    });
    /** The sender of the lease held, if any. */
    private Sender current;
    private Lease lease;
    private boolean rescanPlanned;
    /** When ({@link System#nanoTime}) the last rescan began. */
    private long lastRescan = System.nanoTime();

    /**
     * Sends {@code outbox} with a sender {@code senders} makes for each holding of the sender's
     * lease, kept on {@code terms}.
     */
    LeasedSending(Outbox outbox, BiFunction<Outbox, SenderLease, Sender> senders, LeaseKeeper.Terms terms) {
        this.leases = terms.leases();
        this.outbox = outbox;
        this.senders = senders;
        this.timing = terms.timing();
        this.keeper = new LeaseKeeper(Leases.SENDER, terms, this);
        // Answers presses and inline queries, never the outbox: no lease to be sure of.
        this.standby = senders.apply(outbox, SenderLease.ALONE);
    }

    /**
     * Sends {@code outbox} to {@code api} with a {@link Sender} made as {@code options} say for each
     * holding of the sender's lease, kept on {@code terms}.
     */
    public static LeasedSending of(Outbox outbox, BotApi api, SenderOptions options, LeaseKeeper.Terms terms) {
        return new LeasedSending(outbox, (fenced, lease) -> new Sender(fenced, api, options.under(lease)), terms);
    }

    /**
     * Starts: takes the lease if nobody holds it (then sends the replies the outbox holds, before
     * anything queued from now on), and keeps trying, renewing and rescanning in the background.
     */
    public void start() {
        standby.start(List.of());
        keeper.start();
        if (leases.shared()) {
            // Alone on its store, this instance's turns queue every reply there is: nothing to rescan.
            outbox.onNewReplies(this::rescanSoon);
            rescans.scheduleWithFixedDelay(this::rescanSoon, timing.rescanEvery().toNanos(), timing.rescanEvery().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void acquired(Lease taken) {
        // A sender of this holding alone: once the lease is lost, even if taken back at once at the same
        // epoch, its threads call nothing more, and a new sender starts afresh from the outbox.
        long holding = keeper.timesTaken();
        SenderLease under = new SenderLease(leases.shared() ? () -> keeper.surelyHolds(holding) : () -> true,
                () -> keeper.fenced(taken), leases.shared());
        Sender sender = senders.apply(leases.fenced(taken), under);
        synchronized (this) {
            current = sender;
            lease = taken;
        }
        // Replies queued from now on go to this sender too, each in its place by id, sent once it starts.
        List<Outgoing> pending;
        try {
            pending = outbox.pendingReplies();
        } catch (RuntimeException e) {
            log.warn("Cannot read the outbox ({}); its replies are sent after the next rescan", e.getMessage());
            pending = List.of();
        }
        sender.start(pending);
    }

    @Override
    public void lost(Lease was) {
        Sender sender;
        synchronized (this) {
            sender = current;
            current = null;
            lease = null;
        }
        if (sender != null) {
            // Calls under way finish or fail; their removals are refused, and the new holder sends what is left.
            sender.shutdownNow();
            try {
                rescans.execute(() -> sender.awaitTermination(Duration.ofSeconds(1)));
            } catch (RejectedExecutionException stopping) {
                // Stopping anyway.
            }
        }
    }

    /** Whether this instance sends now. */
    public boolean sending() {
        return keeper.holds();
    }

    @Override
    public void queue(long chatId, List<Outgoing> replies) {
        Optional<Sender> sender = current();
        // Not the holder: the replies wait in the outbox, and the holder is told of them.
        sender.ifPresent(s -> s.queue(chatId, replies));
    }

    @Override
    public void answer(long chatId, String queryId) {
        current().orElse(standby).answer(chatId, queryId);
    }

    @Override
    public void answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare) {
        current().orElse(standby).answerInline(queryId, shared, nothingToShare);
    }

    /** Replies queued and not yet sent, and press answers not yet settled, by this instance. */
    public int queued() {
        return current().map(Sender::queued).orElse(0) + standby.queued();
    }

    /** Waits until what this instance queued is sent; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean idle = current().map(sender -> sender.awaitIdle(timeout)).orElse(true);
        return standby.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))) && idle;
    }

    /** Stops sending, renewing and rescanning at once; what was not sent stays in the outbox. */
    public void shutdownNow() {
        rescans.shutdownNow();
        Optional<Lease> held = keeper.stop();
        synchronized (this) {
            if (held.isEmpty()) {
                lease = null;
            }
        }
        current().ifPresent(Sender::shutdownNow);
        standby.shutdownNow();
    }

    /**
     * Whether every sender thread ended within {@code timeout} after {@link #shutdownNow}; removes
     * what was sent meanwhile, then gives the lease up, so a standby takes over at once.
     */
    public boolean awaitTermination(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Sender> sender = current();
        boolean ended = sender.map(s -> s.awaitTermination(timeout)).orElse(true);
        ended &= standby.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        Lease held;
        synchronized (this) {
            held = lease;
            lease = null;
            current = null;
        }
        if (held != null) {
            keeper.release(held);
        }
        return ended;
    }

    private synchronized Optional<Sender> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Rescans the outbox soon, once for however many signals come meanwhile, and at most every
     * {@link #RESCAN_GAP} (a busy bot signals after every turn); never on the store's thread.
     */
    private void rescanSoon() {
        long wait;
        synchronized (this) {
            if (rescanPlanned || current == null) {
                return;
            }
            rescanPlanned = true;
            wait = Math.max(0, lastRescan + RESCAN_GAP.toNanos() - System.nanoTime());
        }
        try {
            rescans.schedule(this::rescan, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // Stopping: the rest stays in the outbox.
        }
    }

    private void rescan() {
        Optional<Sender> sender;
        synchronized (this) {
            rescanPlanned = false;
            lastRescan = System.nanoTime();
            sender = current();
        }
        if (sender.isEmpty()) {
            return;
        }
        try {
            sender.get().found(outbox.pendingReplies());
        } catch (RuntimeException e) {
            log.warn("Cannot read the outbox for new replies ({}); trying again in {} ms", e.getMessage(),
                    timing.rescanEvery().toMillis());
        }
    }
}
