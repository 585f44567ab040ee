package org.backtriage.telegram.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.backtriage.chat.Telemetry;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotAccess;
import org.backtriage.telegram.client.BotApiException;
import org.backtriage.telegram.client.BotHttp;
import org.backtriage.telegram.client.TelegramAnswer;
import org.backtriage.telegram.client.UpdatePoll;
import org.backtriage.telegram.sending.CappedBackOff;
import org.slf4j.Logger;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long polling for one bot, on one thread of its own: at {@link #start}, deleteWebhook (Telegram
 * refuses getUpdates while a webhook is set), then getUpdates after getUpdates, each batch handed
 * to the {@link UpdateConsumer} and confirmed to Telegram by the next call's offset. A failed
 * poll waits as the back-off says, then tries again; a 409 Conflict (another process polls with
 * this token) is explained in the log. Each update is read on its own, so one the bot cannot read
 * is logged by its id, skipped and confirmed, and never holds up the rest. The bot (the adapter's
 * front) decides when to start and stop.
 */
public final class LongPolling {
    private static final Logger log = Subsystem.INTAKE.logger();

    public static final String POLLER_THREAD = "telegram-poller";
    static final int CONFLICT = 409;

    private final BotAccess access;
    private final BotHttp http;
    private final UpdateConsumer consumer;
    private final Supplier<CappedBackOff> backOff;
    private final Telemetry telemetry;
    private final ExecutorService poller = Executors.newSingleThreadExecutor(task -> new Thread(task, POLLER_THREAD));
    /** The poll under way, from {@link #start} to {@link #end}; null when none. */
    private Poll current;

    /**
     * Polls for the bot {@code access} names on {@code http}, handing updates to {@code consumer};
     * {@code backOff} paces failed polls, and {@code telemetry} hears of each poll (for /healthz and /metrics).
     */
    public LongPolling(BotAccess access, BotHttp http, UpdateConsumer consumer, Supplier<CappedBackOff> backOff,
                       Telemetry telemetry) {
        this.access = access;
        this.http = http;
        this.consumer = consumer;
        this.backOff = backOff;
        this.telemetry = telemetry;
    }

    /**
     * Why polling did not start: one line for a person, the HTTP status of deleteWebhook's answer
     * (0: none came), and the failure itself; neither holds the token.
     */
    public record NotStarted(String why, int status, Throwable failure) {
    }

    /**
     * Deletes the webhook, on this thread, then polls on the poller's; empty when polling began,
     * else why not (nothing was started then).
     */
    public Optional<NotStarted> start() {
        try {
            http.admin(access).delete();
        } catch (BotApiException e) {
            return Optional.of(new NotStarted(e.getMessage(), e.answer().status(), e));
        }
        Poll poll = new Poll(http.poll(access), backOff.get());
        synchronized (this) {
            if (current != null) {
                throw new IllegalStateException("already polling");
            }
            current = poll;
        }
        try {
            poller.execute(poll::run);
        } catch (RejectedExecutionException closed) {
            end();
            return Optional.of(new NotStarted("the bot is closing", 0, closed));
        }
        return Optional.empty();
    }

    /**
     * Ends the poll: its open getUpdates call is cancelled and its wait cut short; the batch being
     * handled, if any, is finished. That batch was not confirmed to Telegram (the next call's
     * offset would have), so it comes again to the next poll, here or in another instance, and
     * the store, which remembers the updates it handled, sends nothing twice. {@link #start} may
     * begin a new poll.
     */
    public void end() {
        Poll ending;
        synchronized (this) {
            ending = current;
            current = null;
        }
        if (ending != null) {
            ending.end();
        }
    }

    /** Ends the poll and lets the poller thread finish the update it is handling. */
    public void close() {
        end();
        poller.shutdown();
    }

    /** Interrupts the poller thread. */
    public void closeNow() {
        poller.shutdownNow();
    }

    public void awaitClosed(Duration timeout) {
        try {
            if (!poller.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The poller thread did not stop within {} ms", timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One poll, from its start to its end: the getUpdates calls, the offset they confirm, the back-off between failures. */
    private final class Poll {
        private final UpdatePoll updates;
        private final CappedBackOff backOff;
        private boolean ended;
        /**
         * The next getUpdates' offset: one above the highest update id of the latest batch. Update
         * ids are positive, so the first call's 1 confirms nothing. It follows the batch, not the
         * highest id ever seen: after a week without updates Telegram starts the ids again at a
         * random number, maybe lower, and serves those until an offset above them confirms them.
         */
        private long offset = 1;

        Poll(UpdatePoll updates, CappedBackOff backOff) {
            this.updates = updates;
            this.backOff = backOff;
        }

        void run() {
            while (!ended()) {
                UpdatePoll.Polled polled = updates.next(offset);
                if (ended()) {
                    return; // its call was cancelled: not a failure
                }
                telemetry.polled(polled.answer().done());
                if (!polled.answer().done()) {
                    waitAfter(polled.answer());
                    continue;
                }
                backOff.reset();
                List<Update> batch = read(polled.updates());
                if (!batch.isEmpty()) {
                    // Never throws: an update that fails is logged and its press answered.
                    consumer.consume(batch);
                }
            }
        }

        /** Each update on its own, in order; the offset moves past every one, read or not. */
        private List<Update> read(List<JsonNode> received) {
            List<Update> batch = new ArrayList<>(received.size());
            long next = 0;
            for (JsonNode json : received) {
                JsonNode id = json.path("update_id");
                if (!id.canConvertToLong()) {
                    log.warn("getUpdates brought an update without an id; skipped");
                    continue;
                }
                next = Math.max(next, id.asLong() + 1);
                try {
                    batch.add(UpdateReader.typed(json));
                } catch (Exception e) {
                    // Read again it would fail again: confirmed, so it does not come back for ever.
                    log.error("Update {} could not be read ({}); skipped", id.asLong(), e.getClass().getSimpleName());
                }
            }
            if (next > 0) {
                offset = next;
            }
            return batch;
        }

        private void waitAfter(TelegramAnswer failed) {
            long wait = backOff.nextBackOffMillis();
            if (failed.status() == CONFLICT) {
                log.warn("getUpdates refused with 409 Conflict: another instance is polling with this token; only one"
                        + " can receive updates. Stop the other one; this one keeps trying with back-off. Telegram said: {}",
                        failed.description());
            } else {
                log.warn("getUpdates at {} failed ({}); trying again in {} ms", access.where(), failed.describe(), wait);
            }
            synchronized (this) {
                if (ended) {
                    return;
                }
                try {
                    wait(wait); // end() wakes this up
                } catch (InterruptedException closing) {
                    ended = true;
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized boolean ended() {
            return ended;
        }

        void end() {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
            updates.cancel();
        }
    }
}
