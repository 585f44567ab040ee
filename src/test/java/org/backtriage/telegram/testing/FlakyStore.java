package org.backtriage.telegram.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;

/**
 * A store that fails one turn on request, standing in for a full disk or a locked database,
 * or takes its time over one, standing in for a slow disk.
 */
public final class FlakyStore implements SessionStore {
    private final SessionStore delegate;
    private volatile boolean failNext;
    private volatile boolean failNextBatchAfterItsTurns;
    private volatile long slowUpdate = -1;
    private volatile long poisoned = -1;
    private volatile Duration slowFor = Duration.ZERO;
    private volatile CountDownLatch holding;
    private volatile Duration hold = Duration.ZERO;

    public FlakyStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    public void failNext() {
        failNext = true;
    }

    /**
     * The next batch of more than one update runs its turns, then fails as a transaction
     * that cannot commit would: nothing of it is kept.
     */
    public void failNextBatchAfterItsTurns() {
        failNextBatchAfterItsTurns = true;
    }

    /** The turn of update {@code updateId}, in a batch, takes {@code duration} longer, like a slow disk. */
    public void slowTurn(long updateId, Duration duration) {
        slowFor = duration;
        slowUpdate = updateId;
    }

    /** The turn of update {@code updateId} throws, every time it runs: a bug that one update sets off. */
    public void poison(long updateId) {
        poisoned = updateId;
    }

    /** The next queued turn counts {@code entered} down, then takes {@code hold} before it runs. */
    public void holdNext(CountDownLatch entered, Duration hold) {
        this.hold = hold;
        this.holding = entered;
    }

    private void maybeHold() {
        CountDownLatch entered = holding;
        if (entered == null) {
            return;
        }
        holding = null;
        entered.countDown();
        // Like a slow disk, deaf to interrupts.
        long until = System.nanoTime() + hold.toNanos();
        boolean interrupted = false;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void maybeFail() {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("database is locked");
        }
    }

    @Override
    public Optional<List<Reply>> run(long chatId, OptionalLong updateId, Function<Optional<StoredSession>, Turn> turn) {
        maybeFail();
        return delegate.run(chatId, updateId, turn);
    }

    @Override
    public Optional<List<Outgoing>> runQueued(long chatId, long updateId, Optional<Press> press,
                                             Function<Optional<StoredSession>, Turn> turn) {
        maybeFail();
        maybeHold();
        return delegate.runQueued(chatId, updateId, press, turn);
    }

    @Override
    public List<org.backtriage.chat.Handled> runQueuedBatch(List<org.backtriage.chat.Event> events,
            java.util.function.BiFunction<org.backtriage.chat.Event, Optional<StoredSession>, Turn> turn) {
        maybeFail();
        maybeHold();
        if (failNextBatchAfterItsTurns && events.size() > 1) {
            failNextBatchAfterItsTurns = false;
            events.forEach(event -> turn.apply(event, delegate.peek(event.chatId())));
            throw new IllegalStateException("database is locked (the commit failed)");
        }
        return delegate.runQueuedBatch(events, (event, saved) -> {
            if (event.updateId() == slowUpdate) {
                sleepDeafly(slowFor);
            }
            if (event.updateId() == poisoned) {
                throw new IllegalStateException("a turn that fails every time for update " + poisoned);
            }
            return turn.apply(event, saved);
        });
    }

    private static void sleepDeafly(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public List<Outgoing> pendingReplies() {
        return delegate.pendingReplies();
    }

    @Override
    public void delivered(List<Long> outgoingIds) {
        delegate.delivered(outgoingIds);
    }

    @Override
    public void dropPending(long chatId) {
        delegate.dropPending(chatId);
    }

    @Override
    public int purgeIdleSince(Instant cutoff) {
        return delegate.purgeIdleSince(cutoff);
    }

    @Override
    public List<Outgoing> runDueCheckIns(Instant now, Function<Optional<StoredSession>, Turn> turn) {
        return delegate.runDueCheckIns(now, turn);
    }

    @Override
    public Optional<StoredSession> peek(long chatId) {
        return delegate.peek(chatId);
    }

    @Override
    public boolean answers() {
        return delegate.answers();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
