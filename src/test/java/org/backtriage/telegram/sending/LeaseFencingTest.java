package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.backtriage.Waits;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.LeaseKeeper;
import org.backtriage.cluster.LeaseLostException;
import org.backtriage.cluster.LeaseTiming;
import org.backtriage.cluster.Leases;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.fakebotapi.Fault;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.testing.LocalBotApi;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.testing.LogCapture;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender whose lease is no longer surely its own makes no Bot API call, whatever its threads
 * were in the middle of: a holder paused past its lease (its keeper frozen, as a stopped process's
 * is) while a call of its hung at Telegram, and one that lost its lease and took it back. Two
 * senders here share one outbox (a real SQLite file) and one set of leases, as two instances
 * share a PostgreSQL database; every (chat, reply) must be shown exactly once, in order.
 */
class LeaseFencingTest {
    private static final LeaseTiming TIMING = LeaseTiming.ofTtl(Duration.ofSeconds(1));
    private static final List<Long> CHATS = List.of(101L, 102L, 103L);

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private LocalBotApi local;
    private SqliteSessionStore store;
    private SharedLeases leases;
    private LogCapture logs;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi();
        local = new LocalBotApi(telegram, Tunings.fast());
        store = SqliteSessionStore.open(dir.resolve("bot.db"), Clock.systemUTC());
        leases = new SharedLeases(store);
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        local.close();
        store.close();
        telegram.close();
    }

    @Test
    void aHolderPausedPastItsLeaseCallsNothingOnceTheNextHolderTookOverAndEveryReplyIsShownOnce() {
        queueTwoRepliesForEachChat();
        // The holder's first call hangs at Telegram for three TTLs, then fails without effect (a 502).
        telegram.inject(call -> call.is("sendMessage"), Fault.stall(TIMING.ttl().multipliedBy(3)), 1);
        Paused keeperThreads = new Paused();
        LeasedSending holder = sending("holder", keeperThreads);
        holder.start();
        telegram.await(call -> call.is("sendMessage"), Duration.ofSeconds(5));
        // Paused, as a stopped process is: it renews nothing and does not hear that its lease ran out.
        keeperThreads.pause();

        LeasedSending next = sending("next", LeaseKeeper.threads(Leases.SENDER));
        next.start();
        Waits.upTo(TIMING.ttl().multipliedBy(3)).until(next::sending);
        telegram.awaitCount(call -> call.is("sendMessage") && call.shown(), CHATS.size() * 2, Duration.ofSeconds(5));
        // The hung call fails within three TTLs of its start; the holder, sure of nothing now, must not try again.
        staysShownOnceInOrder(TIMING.ttl().multipliedBy(4));
        keeperThreads.resume();
        Waits.upTo(Duration.ofSeconds(5)).until(() -> !holder.sending());

        assertThat(shown()).isEqualTo(expected());
        assertThat(store.pendingReplies()).isEmpty();
        holder.shutdownNow();
        next.shutdownNow();
    }

    @Test
    void aHolderThatLostItsLeaseAndTookItBackAtTheSameEpochStartsAfreshAndSendsEachReplyOnce() {
        queueTwoRepliesForEachChat();
        telegram.inject(call -> call.is("sendMessage"), Fault.stall(TIMING.ttl().multipliedBy(3)), 1);
        LeasedSending holder = sending("holder", LeaseKeeper.threads(Leases.SENDER));
        holder.start();
        telegram.await(call -> call.is("sendMessage"), Duration.ofSeconds(5));
        // The database cannot be reached for longer than the TTL: the lease is given up, then taken back.
        leases.unreachable = true;
        Waits.upTo(TIMING.ttl().multipliedBy(3)).until(() -> !holder.sending());
        leases.unreachable = false;
        Waits.upTo(TIMING.ttl().multipliedBy(3)).until(holder::sending);
        assertThat(leases.epoch()).as("nobody else took it: the same epoch").isEqualTo(1);

        telegram.awaitCount(call -> call.is("sendMessage") && call.shown(), CHATS.size() * 2, Duration.ofSeconds(10));
        // The call hung before the lease was lost fails within three TTLs of its start: no second try from the old lane.
        staysShownOnceInOrder(TIMING.ttl().multipliedBy(4));

        assertThat(shown()).isEqualTo(expected());
        holder.shutdownNow();
    }

    /** Waits until each chat was shown its two replies, then checks it stays so for {@code during}: nothing sent again. */
    private void staysShownOnceInOrder(Duration during) {
        try {
            Waits.upTo(during.plus(TIMING.ttl().multipliedBy(2))).during(during).until(this::shownOnceInOrder);
        } finally {
            assertThat(shown()).as("every (chat, reply) shown once, in order").isEqualTo(expected());
        }
    }

    /** Whether each chat was shown its two replies, once each and in order, and nothing else. */
    private boolean shownOnceInOrder() {
        return shown().equals(expected());
    }

    private Map<Long, List<String>> shown() {
        Map<Long, List<String>> byChat = new HashMap<>();
        for (Call call : telegram.shown("sendMessage")) {
            byChat.computeIfAbsent(call.body().path("chat_id").asLong(), chat -> new java.util.ArrayList<>())
                    .add(call.body().path("text").asText());
        }
        return byChat;
    }

    private static Map<Long, List<String>> expected() {
        Map<Long, List<String>> expected = new HashMap<>();
        CHATS.forEach(chat -> expected.put(chat, List.of("first to " + chat, "second to " + chat)));
        return expected;
    }

    private void queueTwoRepliesForEachChat() {
        long update = 1;
        for (long chat : CHATS) {
            store.runQueued(chat, update++, Optional.empty(), saved -> new Turn.Save(new StoredSession("v1", Session.begun()),
                    List.of(new Reply.Send("first to " + chat, Keyboard.NONE), new Reply.Send("second to " + chat, Keyboard.NONE))));
        }
    }

    private LeasedSending sending(String holder, ScheduledThreadPoolExecutor keeperThreads) {
        TokenScrubber scrubber = new TokenScrubber(FakeBotApi.TOKEN);
        return new LeasedSending(store, (outbox, lease) -> new Sender(outbox, local.api,
                SenderOptions.of(scrubber, Tunings.fast()).under(lease)),
                new LeaseKeeper.Terms(leases, holder, TIMING, keeperThreads));
    }

    /** A keeper's threads a test can stop, as a stopped process's are: what is due waits until they go on. */
    private static final class Paused extends ScheduledThreadPoolExecutor {
        private volatile CountDownLatch paused = new CountDownLatch(0);

        Paused() {
            super(2, task -> {
                Thread thread = new Thread(task, "lease-sender-paused");
                thread.setDaemon(true);
                return thread;
            });
        }

        void pause() {
            paused = new CountDownLatch(1);
        }

        void resume() {
            paused.countDown();
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            try {
                paused.await();
            } catch (InterruptedException e) {
                thread.interrupt();
            }
        }
    }

    /**
     * One set of leases two senders share, as a PostgreSQL database's: a lease runs out at its
     * time unless renewed; another holder may then take it over, at the next epoch; the same holder
     * taking it back keeps the epoch. The outbox is fenced: a removal under a lease taken over since
     * is refused.
     */
    private static final class SharedLeases implements Leases {
        private final Outbox outbox;
        private final Map<String, Lease> rows = new HashMap<>();
        volatile boolean unreachable;

        SharedLeases(Outbox outbox) {
            this.outbox = outbox;
        }

        synchronized long epoch() {
            return rows.get(SENDER).epoch();
        }

        @Override
        public synchronized Optional<Lease> acquire(String name, String holder, Duration ttl) {
            reachable();
            Lease row = rows.get(name);
            Instant now = Instant.now();
            if (row != null && !row.holder().equals(holder) && row.expiresAt().isAfter(now)) {
                return Optional.empty();
            }
            long epoch = row == null ? 1 : row.holder().equals(holder) ? row.epoch() : row.epoch() + 1;
            Lease taken = new Lease(name, holder, epoch, now.plus(ttl));
            rows.put(name, taken);
            return Optional.of(taken);
        }

        @Override
        public synchronized Optional<Lease> renew(Lease lease, Duration ttl) {
            reachable();
            if (!current(lease)) {
                return Optional.empty();
            }
            Lease renewed = new Lease(lease.name(), lease.holder(), lease.epoch(), Instant.now().plus(ttl));
            rows.put(lease.name(), renewed);
            return Optional.of(renewed);
        }

        @Override
        public synchronized void release(Lease lease) {
            if (current(lease)) {
                rows.put(lease.name(), new Lease(lease.name(), "nobody", lease.epoch(), Instant.EPOCH));
            }
        }

        @Override
        public Outbox fenced(Lease lease) {
            return new Outbox() {
                @Override
                public List<Outgoing> pendingReplies() {
                    return outbox.pendingReplies();
                }

                @Override
                public void delivered(List<Long> outgoingIds) {
                    synchronized (SharedLeases.this) {
                        if (!current(lease)) {
                            throw new LeaseLostException(lease);
                        }
                        outbox.delivered(outgoingIds);
                    }
                }

                @Override
                public void dropPending(long chatId) {
                    synchronized (SharedLeases.this) {
                        if (!current(lease)) {
                            throw new LeaseLostException(lease);
                        }
                        outbox.dropPending(chatId);
                    }
                }
            };
        }

        private boolean current(Lease lease) {
            Lease row = rows.get(lease.name());
            return row != null && row.holder().equals(lease.holder()) && row.epoch() == lease.epoch();
        }

        private void reachable() {
            if (unreachable) {
                throw new IllegalStateException("database unreachable");
            }
        }
    }
}
