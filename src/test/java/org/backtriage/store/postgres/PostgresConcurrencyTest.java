package org.backtriage.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.backtriage.Waits;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Reply;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.Leases;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database (two stores, two connection pools), driven by real
 * threads at once: what one instance does is never undone or doubled by the other.
 */
class PostgresConcurrencyTest extends TwoPostgresInstances {
    static final Duration WAIT = Duration.ofSeconds(20);
    final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopTheThreads() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A turn that adds one answer to the chat's session and replies with how many it has now. */
    static Turn countingTurn(Optional<StoredSession> saved) {
        List<Answer> answers = new ArrayList<>(saved.map(s -> s.session().answers()).orElse(List.of()));
        answers.add(new Answer("q" + answers.size(), List.of("yes")));
        return new Turn.Save(new StoredSession("v1", new Session(true, answers, List.of())),
                List.of(new Reply.Send(Integer.toString(answers.size()), Keyboard.NONE)));
    }

    <T> Future<T> inThread(Callable<T> work) {
        return threads.submit(work);
    }

    @Test
    void theSameUpdateDeliveredToBothInstancesAtOnceIsAppliedOnce() throws Exception {
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicInteger turns = new AtomicInteger();

        Future<Optional<List<Outgoing>>> atFirst = inThread(() -> first.runQueued(7, 100, Optional.empty(), saved -> {
            turns.incrementAndGet();
            inTurn.countDown();
            await(letGo);
            return countingTurn(saved);
        }));
        await(inTurn);
        Future<Optional<List<Outgoing>>> atSecond = inThread(() -> second.runQueued(7, 100, Optional.empty(), saved -> {
            turns.incrementAndGet();
            return countingTurn(saved);
        }));
        // The second delivery waits inside PostgreSQL for the first one's transaction.
        Waits.upTo(WAIT).until(() -> database.waitingForALock() == 1);
        letGo.countDown();

        assertThat(atFirst.get(20, TimeUnit.SECONDS)).hasValueSatisfying(queued -> assertThat(queued).hasSize(1));
        assertThat(atSecond.get(20, TimeUnit.SECONDS)).as("a duplicate at the second instance").isEmpty();
        assertThat(turns).hasValue(1);
        assertThat(database.query("SELECT update_id || '/' || chat_id FROM processed_updates")).containsExactly("100/7");
        assertThat(database.query("SELECT html FROM outbox")).containsExactly("1");
    }

    @Test
    void manyDeliveriesOfTheSameUpdatesRacingOnBothInstancesApplyEachOnce() throws Exception {
        int updates = 40;
        AtomicInteger turns = new AtomicInteger();
        List<Future<Integer>> racers = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(4);
        for (PostgresSessionStore store : List.of(first, second, first, second)) {
            racers.add(inThread(() -> {
                start.await(10, TimeUnit.SECONDS);
                int applied = 0;
                for (int update = 1; update <= updates; update++) {
                    // Ten chats, each update id always with the same chat, as Telegram's are.
                    if (store.runQueued(update % 10, update, Optional.empty(), saved -> {
                        turns.incrementAndGet();
                        return countingTurn(saved);
                    }).isPresent()) {
                        applied++;
                    }
                }
                return applied;
            }));
        }
        int applied = 0;
        for (Future<Integer> racer : racers) {
            applied += racer.get(60, TimeUnit.SECONDS);
        }

        assertThat(applied).as("updates applied, over all four deliveries of each").isEqualTo(updates);
        assertThat(turns).hasValue(updates);
        assertThat(database.query("SELECT count(*) FROM outbox")).containsExactly(Integer.toString(updates));
        assertThat(database.query("SELECT count(*) FROM sessions WHERE answers LIKE '%q3=yes'")).as("4 updates per chat, none lost")
                .containsExactly("10");
    }

    @Test
    void twoUpdatesOfOneChatAtOnceAreSerialisedAndTheirRepliesKeepTheirOrder() throws Exception {
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<Integer> answersSeen = new CopyOnWriteArrayList<>();

        Future<?> earlier = inThread(() -> first.runQueued(7, 1, Optional.empty(), saved -> {
            answersSeen.add(saved.map(s -> s.session().answers().size()).orElse(0));
            inTurn.countDown();
            await(letGo);
            return countingTurn(saved);
        }));
        await(inTurn);
        Future<?> later = inThread(() -> second.runQueued(7, 2, Optional.empty(), saved -> {
            answersSeen.add(saved.map(s -> s.session().answers().size()).orElse(0));
            return countingTurn(saved);
        }));
        Waits.upTo(WAIT).until(() -> database.waitingForALock() == 1);
        assertThat(answersSeen).as("the later update has not read the session yet").containsExactly(0);
        letGo.countDown();
        earlier.get(20, TimeUnit.SECONDS);
        later.get(20, TimeUnit.SECONDS);

        assertThat(answersSeen).as("the later turn saw the earlier one's answer").containsExactly(0, 1);
        assertThat(first.pendingReplies()).extracting(o -> ((Reply.Send) o.reply()).html()).containsExactly("1", "2");
    }

    @Test
    void oneChatsTurnsFromBothInstancesInParallelLoseNothingAndRepliesFollowTheirOrder() throws Exception {
        int perThread = 25;
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<?>> writers = new ArrayList<>();
        AtomicInteger nextUpdate = new AtomicInteger();
        for (PostgresSessionStore store : List.of(first, second, first, second)) {
            writers.add(inThread(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    store.runQueued(7, nextUpdate.incrementAndGet(), Optional.empty(), PostgresConcurrencyTest::countingTurn);
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }

        int turns = 4 * perThread;
        assertThat(first.peek(7).orElseThrow().session().answers()).as("no turn's answer lost").hasSize(turns);
        assertThat(first.pendingReplies()).as("replies in id order say 1, 2, 3 ...")
                .extracting(o -> ((Reply.Send) o.reply()).html())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, turns).mapToObj(Integer::toString).toList());
    }

    @Test
    void aReplyThatCommitsAfterALaterOneIsStillFoundByTheSender() throws Exception {
        List<List<Long>> seenAtEachSignal = new CopyOnWriteArrayList<>();
        // The sender: told of new replies, it looks at the outbox.
        second.onNewReplies(() -> seenAtEachSignal.add(second.pendingReplies().stream().map(Outgoing::id).toList()));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<Event> batch = List.of(new Event(1, 1, Optional.empty(), new Incoming.Text(), Optional.empty()),
                new Event(2, 2, Optional.empty(), new Incoming.Text(), Optional.empty()));

        // The first instance queues chat 1's reply, then its batch goes on with chat 2 and takes its time.
        Future<List<Handled>> slow = inThread(() -> first.runQueuedBatch(batch, (event, saved) -> {
            if (event.chatId() == 2) {
                holding.countDown();
                await(letGo);
            }
            return countingTurn(saved);
        }));
        await(holding);
        // Meanwhile the second instance queues chat 3's reply and commits: a greater id, committed first.
        long later = second.runQueued(3, 3, Optional.empty(), PostgresConcurrencyTest::countingTurn).orElseThrow().get(0).id();
        Waits.upTo(WAIT).until(() -> seenAtEachSignal.stream().anyMatch(ids -> ids.contains(later)));
        letGo.countDown();
        long earlier = slow.get(20, TimeUnit.SECONDS).get(0).queued().get(0).id();

        assertThat(earlier).as("drawn first").isLessThan(later);
        assertThat(seenAtEachSignal).as("the later id seen while the earlier was not committed yet")
                .anyMatch(ids -> ids.contains(later) && !ids.contains(earlier));
        Waits.upTo(WAIT).until(() -> seenAtEachSignal.stream().anyMatch(ids -> ids.contains(earlier)));
    }

    @Test
    void anExpiredLeaseSoughtByBothInstancesAtOnceIsTakenByOne() throws Exception {
        Duration ttl = Duration.ofMillis(300);
        Lease old = first.leases().acquire(Leases.SENDER, "gone", ttl).orElseThrow();
        Thread.sleep(ttl.multipliedBy(2).toMillis());
        CyclicBarrier start = new CyclicBarrier(2);

        Future<Optional<Lease>> a = inThread(() -> {
            start.await(10, TimeUnit.SECONDS);
            return first.leases().acquire(Leases.SENDER, "a", Duration.ofMinutes(1));
        });
        Future<Optional<Lease>> b = inThread(() -> {
            start.await(10, TimeUnit.SECONDS);
            return second.leases().acquire(Leases.SENDER, "b", Duration.ofMinutes(1));
        });
        List<Lease> taken = new ArrayList<>();
        a.get(20, TimeUnit.SECONDS).ifPresent(taken::add);
        b.get(20, TimeUnit.SECONDS).ifPresent(taken::add);

        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).epoch()).isEqualTo(old.epoch() + 1);
        assertThat(database.query("SELECT holder FROM leases")).containsExactly(taken.get(0).holder());
    }

    @Test
    void eachDueCheckInIsMadeOnceByTwoInstancesRunningRoundsAtOnce() throws Exception {
        int due = 40;
        Instant now = Instant.now();
        for (long chat = 1; chat <= due; chat++) {
            first.run(chat, OptionalLong.empty(), saved -> new Turn.Save(new StoredSession("v1", Session.begun()), List.of(),
                    new Turn.CheckInChange.Set(new CheckIn(now.minusSeconds(60), CheckIn.Stage.SCHEDULED, Optional.empty()))));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<List<Outgoing>>> rounds = new ArrayList<>();
        for (PostgresSessionStore store : List.of(first, second)) {
            rounds.add(inThread(() -> {
                start.await(10, TimeUnit.SECONDS);
                return store.runDueCheckIns(now, saved -> {
                    sleep(Duration.ofMillis(10));
                    return new Turn.Save(saved.orElseThrow(), List.of(new Reply.Send("how is your back?", Keyboard.NONE)),
                            new Turn.CheckInChange.Set(new CheckIn(now, CheckIn.Stage.ASKED, Optional.empty())));
                });
            }));
        }
        List<Long> madeByFirst = rounds.get(0).get(60, TimeUnit.SECONDS).stream().map(Outgoing::chatId).toList();
        List<Long> madeBySecond = rounds.get(1).get(60, TimeUnit.SECONDS).stream().map(Outgoing::chatId).toList();

        List<Long> made = new ArrayList<>(madeByFirst);
        made.addAll(madeBySecond);
        assertThat(made).as("made by %d and %d", madeByFirst.size(), madeBySecond.size()).doesNotHaveDuplicates().hasSize(due);
        assertThat(database.query("SELECT count(DISTINCT chat_id) || ' ' || count(*) FROM outbox")).containsExactly(due + " " + due);
        assertThat(database.query("SELECT count(*) FROM check_ins WHERE stage = 'ASKED'")).containsExactly(Integer.toString(due));
    }

    @Test
    void twoInstancesPurgingAtOnceDeleteEachIdleChatOnceAndSpareTheActive() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(40));
        try (PostgresSessionStore past = open(BOT, Clock.fixed(longAgo, java.time.ZoneOffset.UTC))) {
            for (long chat = 1; chat <= 30; chat++) {
                past.runQueued(chat, chat, Optional.empty(), PostgresConcurrencyTest::countingTurn);
            }
        }
        first.runQueued(99, 99, Optional.empty(), PostgresConcurrencyTest::countingTurn);
        CyclicBarrier start = new CyclicBarrier(2);
        Instant cutoff = Instant.now().minus(Duration.ofDays(30));
        List<Future<Integer>> purges = new ArrayList<>();
        for (PostgresSessionStore store : List.of(first, second)) {
            purges.add(inThread(() -> {
                start.await(10, TimeUnit.SECONDS);
                return store.purgeIdleSince(cutoff);
            }));
        }

        assertThat(purges.get(0).get(30, TimeUnit.SECONDS) + purges.get(1).get(30, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(database.query("SELECT chat_id FROM sessions")).containsExactly("99");
        assertThat(database.query("SELECT DISTINCT chat_id FROM outbox")).containsExactly("99");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).as("waited for the other thread").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
