package org.backtriage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.chat.Button;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.chat.SessionStore;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.cluster.Lease;
import org.backtriage.cluster.Leases;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} does, whatever holds its rows: a store's test extends this,
 * says how to open it and how to read its rows, and adds what only that store does.
 */
public abstract class SessionStoreContract {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    public static final Session MIDWAY = new Session(true,
            List.of(new Answer("emergency", List.of("none")), new Answer("urgent_symptoms", List.of("none"))), List.of());
    public static final Reply HELLO = new Reply.Send("hello", Keyboard.NONE);
    /** How often a failing check-in is tried before it is dropped (README: three times in all). */
    public static final int CHECK_IN_ATTEMPTS = 3;

    /**
     * Opens the store under test on this test's database: empty at the first call, the same
     * database again when called after the store was closed.
     */
    protected abstract SessionStore open(Clock clock);

    /** The leases of {@code store}, as the program opens them beside it. */
    protected abstract Leases leasesOf(SessionStore store);

    /** The rows of this test's database. */
    protected abstract StoredRows rows();

    public static Turn save(Session session) {
        return new Turn.Save(new StoredSession("v1", session), List.of(HELLO));
    }

    public static Turn planCheckIn(Instant dueAt) {
        return new Turn.Save(new StoredSession("v1", MIDWAY), List.of(),
                new Turn.CheckInChange.Set(new CheckIn(dueAt, CheckIn.Stage.SCHEDULED, Optional.empty())));
    }

    public static Turn askCheckIn(Optional<StoredSession> saved) {
        return new Turn.Save(saved.orElseThrow(), List.of(HELLO),
                new Turn.CheckInChange.Set(new CheckIn(CLOCK.instant(), CheckIn.Stage.ASKED, Optional.empty())));
    }

    /** Waits until {@code thread} is in one of {@code states} (up to 5 s). */
    public static void awaitState(Thread thread, Thread.State... states) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(thread.getState()).isIn((Object[]) states));
    }

    @Test
    void sessionSurvivesReopen() {
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.of(100), saved -> save(MIDWAY));
        }
        List<Optional<StoredSession>> seen = new ArrayList<>();
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.of(101), saved -> {
                seen.add(saved);
                return save(saved.orElseThrow().session());
            });
        }
        assertThat(seen).containsExactly(Optional.of(new StoredSession("v1", MIDWAY, CLOCK.instant())));
    }

    @Test
    void multipleChoiceTicksInProgressSurviveReopen() {
        Session ticking = new Session(true, MIDWAY.answers(), List.of("sink", "running"));
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> save(ticking));
        }
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> {
                assertThat(saved).contains(new StoredSession("v1", ticking, CLOCK.instant()));
                return save(ticking);
            });
        }
    }

    @Test
    void sameUpdateIdTwiceIsProcessedOnceEvenAfterReopen() {
        AtomicInteger turns = new AtomicInteger();
        try (SessionStore store = open(CLOCK)) {
            assertThat(store.run(1, OptionalLong.of(500), saved -> {
                turns.incrementAndGet();
                return save(MIDWAY);
            })).contains(List.of(HELLO));
            assertThat(store.run(1, OptionalLong.of(500), saved -> {
                turns.incrementAndGet();
                return save(Session.begun());
            })).isEmpty();
        }
        try (SessionStore store = open(CLOCK)) {
            assertThat(store.run(1, OptionalLong.of(500), saved -> {
                turns.incrementAndGet();
                return save(Session.begun());
            })).isEmpty();
        }
        assertThat(turns).hasValue(1);
        assertThat(rows().sessionAnswers(1)).containsExactly("emergency=none;urgent_symptoms=none");
    }

    @Test
    void aFailingTurnChangesNothingAndCanBeRetried() {
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.of(1), saved -> save(MIDWAY));
            assertThatThrownBy(() -> store.run(1, OptionalLong.of(2), saved -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(store.run(1, OptionalLong.of(2), saved -> save(Session.begun()))).contains(List.of(HELLO));
        }
        assertThat(rows().processedUpdateIds()).containsExactly("1", "2");
    }

    @Test
    void forgetDeletesTheSessionAndTheUpdateIdsKeyedToThePerson() {
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.of(1), saved -> save(MIDWAY));
            store.run(2, OptionalLong.of(2), saved -> save(MIDWAY));
            store.run(1, OptionalLong.of(3), saved -> new Turn.Forget(List.of(HELLO)));
        }
        assertThat(rows().sessionChats()).containsExactly("2");
        assertThat(rows().processedUpdates()).containsExactly("2/2", "3/-");
    }

    @Test
    void theFinishAndAgreementTimesAndEveryPartOfACheckInSurviveReopen() {
        Instant finished = Instant.parse("2026-11-24T18:30:12.345Z");
        Instant agreed = Instant.parse("2026-11-27T08:01:02.003Z");
        Instant due = Instant.parse("2026-12-01T18:30:12.345Z");
        CheckIn screeningAfterNotYet = new CheckIn(due, CheckIn.Stage.FEELING_GIVEN, Optional.of("better"),
                Optional.of("urgent_doctor"), Optional.of("lasting_which"), Optional.of("not_yet"),
                List.of(new Answer("emergency", List.of("none")), new Answer("lasting", List.of("yes"))),
                List.of("cancer", "osteoporosis"));
        CheckIn screeningAfterAgreed = new CheckIn(due, CheckIn.Stage.FEELING_GIVEN, Optional.of("worse"),
                Optional.of("clinician_first"), Optional.of("emergency"), Optional.of("agreed"), List.of(), List.of());
        CheckIn askingVisit = new CheckIn(due, CheckIn.Stage.FEELING_GIVEN, Optional.of("same"),
                Optional.of("clinician_first"), Optional.of(CheckIn.VISIT), Optional.empty(), List.of(), List.of());
        CheckIn planned = CheckIn.planned(due, "general");
        List<CheckIn> checkIns = List.of(screeningAfterNotYet, screeningAfterAgreed, askingVisit, planned);
        try (SessionStore store = open(CLOCK)) {
            for (int chat = 1; chat <= checkIns.size(); chat++) {
                // The last one never reached an ending: no finish time; the second said a clinician agreed.
                CheckIn checkIn = checkIns.get(chat - 1);
                StoredSession stored = new StoredSession("v1", MIDWAY, Instant.EPOCH, Optional.of("en"), Optional.empty(),
                        finishedAt(chat, checkIns.size(), finished), chat == 2 ? Optional.of(agreed) : Optional.empty());
                store.runQueued(chat, chat, Optional.empty(), saved -> new Turn.Save(stored, List.of(HELLO),
                        new Turn.CheckInChange.Set(checkIn)));
            }
        }
        try (SessionStore store = open(CLOCK)) {
            for (int chat = 1; chat <= checkIns.size(); chat++) {
                assertThat(store.peek(chat)).as("chat %d", chat).contains(new StoredSession("v1", MIDWAY, CLOCK.instant(),
                        Optional.of("en"), Optional.of(checkIns.get(chat - 1)), finishedAt(chat, checkIns.size(), finished),
                        chat == 2 ? Optional.of(agreed) : Optional.empty()));
            }
        }
    }

    private static Optional<Instant> finishedAt(int chat, int chats, Instant finished) {
        return chat < chats ? Optional.of(finished) : Optional.empty();
    }

    @Test
    void theHourlyTidyUpForgetsProcessedUpdateIdsAfterAWeekThoseWithoutAChatToo() {
        MovableClock clock = new MovableClock(CLOCK.instant());
        try (SessionStore store = open(clock)) {
            store.run(1, OptionalLong.of(100), saved -> save(MIDWAY));
            store.run(-5, OptionalLong.of(101), saved -> new Turn.Stateless(List.of(HELLO)));
            store.run(2, OptionalLong.of(102), saved -> new Turn.Forget(List.of(HELLO)));
            clock.advance(Duration.ofDays(8));
            store.run(1, OptionalLong.of(103), saved -> save(MIDWAY));
            assertThat(rows().processedUpdateIds()).containsExactly("100", "101", "102", "103");

            // What the bot runs every hour: nobody is idle for 30 days, but the ids are a week old.
            int purged = store.purgeIdleSince(clock.instant().minus(Duration.ofDays(30)));

            assertThat(purged).isZero();
            assertThat(rows().processedUpdateIds()).containsExactly("103");
            assertThat(rows().sessionChats()).containsExactly("1");
        }
    }

    @Test
    void oldProcessedUpdateIdsArePrunedAtStart() {
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.of(1), saved -> save(MIDWAY));
        }
        Clock weekLater = Clock.offset(CLOCK, Duration.ofDays(8));
        open(weekLater).close();

        assertThat(rows().processedUpdateIds()).isEmpty();
        assertThat(rows().sessionChats()).containsExactly("1");
    }

    @Test
    void queuedRepliesAreWrittenWithTheTurnAndSurviveReopen() {
        Reply edit = new Reply.EditPressed("<b>Q</b>\n\nanswer", Keyboard.NONE, true);
        Reply question = new Reply.Send("next?", new Keyboard(List.of(List.of(new Button("Yes", "p:q:yes")),
                List.of(new Button("\u25c0 Back", "b"), new Button("Done", "d:q")))));
        Reply notice = new Reply.Notice("stale");
        Optional<Press> press = Optional.of(new Press("query-1", 77));
        List<Outgoing> queued;
        try (SessionStore store = open(CLOCK)) {
            queued = store.runQueued(1, 900, press,
                    saved -> new Turn.Save(new StoredSession("v1", MIDWAY), List.of(notice, edit, question))).orElseThrow();
            store.runQueued(2, 901, Optional.empty(), saved -> save(MIDWAY));
        }

        assertThat(queued).extracting(Outgoing::reply).containsExactly(notice, edit, question);
        assertThat(queued).allSatisfy(o -> assertThat(o.press()).isEqualTo(press));
        try (SessionStore store = open(CLOCK)) {
            List<Outgoing> pending = store.pendingReplies();
            assertThat(pending.subList(0, 3)).isEqualTo(queued);
            assertThat(pending.get(3)).isEqualTo(new Outgoing(pending.get(3).id(), 2, Optional.empty(), HELLO, CLOCK.instant()));
            assertThat(store.runQueued(1, 900, press, saved -> save(Session.begun()))).isEmpty();

            store.delivered(queued.get(0).id());
            store.dropPending(2);
            assertThat(store.pendingReplies()).containsExactly(queued.get(1), queued.get(2));
        }
    }

    @Test
    void anEditWithNoPressToAnswerKeepsItsMessageAcrossReopen() {
        Reply edit = new Reply.EditPressed("You marked: Hip\n\nnext?", Keyboard.NONE, false);
        Optional<Press> message = Optional.of(Press.ofMessage(77));
        try (SessionStore store = open(CLOCK)) {
            store.runQueued(1, -900, message, saved -> new Turn.Save(new StoredSession("v1", MIDWAY), List.of(edit)));
        }

        try (SessionStore store = open(CLOCK)) {
            assertThat(store.pendingReplies()).extracting(Outgoing::press).containsExactly(message);
            assertThat(message.get().queryId()).isEmpty();
        }
    }

    @Test
    void aBatchIsOneTransactionInWhichAFailingUpdateIsUndoneAlone() {
        List<Event> events = List.of(
                new Event(1, 10, Optional.empty(), new Incoming.Text(), Optional.empty()),
                new Event(2, 11, Optional.empty(), new Incoming.Text(), Optional.empty()),
                new Event(3, 12, Optional.empty(), new Incoming.Text(), Optional.empty()));
        List<Handled> handled;
        try (SessionStore store = open(CLOCK)) {
            handled = store.runQueuedBatch(events, (event, saved) -> {
                if (event.chatId() == 2) {
                    throw new IllegalStateException("turn 2 fails");
                }
                return save(MIDWAY);
            });
            assertThat(store.runQueuedBatch(events.subList(0, 1), (event, saved) -> save(Session.begun())).get(0).queued()).isEmpty();
        }

        assertThat(handled).extracting(h -> h.queued().size()).containsExactly(1, 0, 1);
        assertThat(handled.get(1).failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("turn 2 fails"));
        assertThat(rows().sessionChats()).containsExactly("1", "3");
        assertThat(rows().processedUpdateIds()).containsExactly("10", "12");
        assertThat(rows().outboxChats()).containsExactly("1", "3");
    }

    @Test
    void aFailingQueuedTurnQueuesNothing() {
        try (SessionStore store = open(CLOCK)) {
            assertThatThrownBy(() -> store.runQueued(1, 5, Optional.empty(), saved -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(store.pendingReplies()).isEmpty();
        }
        assertThat(rows().processedUpdateIds()).isEmpty();
    }

    @Test
    void idleSessionsArePurgedWithEveryRowAboutThem() {
        try (SessionStore store = open(CLOCK)) {
            store.runQueued(1, 1, Optional.empty(), saved -> save(MIDWAY));
        }
        Clock later = Clock.offset(CLOCK, Duration.ofDays(31));
        try (SessionStore store = open(later)) {
            store.runQueued(2, 2, Optional.empty(), saved -> save(MIDWAY));

            assertThat(store.purgeIdleSince(later.instant().minus(Duration.ofDays(30)))).isEqualTo(1);
        }
        assertThat(rows().sessionChats()).containsExactly("2");
        assertThat(rows().outboxChats()).containsOnly("2");
        assertThat(rows().processedUpdates()).containsExactly("2/2");
    }

    @Test
    void aStatelessTurnStoresNoSession() {
        try (SessionStore store = open(CLOCK)) {
            store.run(-100, OptionalLong.of(3), saved -> new Turn.Stateless(List.of(HELLO)));
        }
        assertThat(rows().sessionChats()).isEmpty();
        assertThat(rows().processedUpdates()).containsExactly("3/-");
    }

    @Test
    void forgetReachesEveryTableThatHoldsAChatIdAndOnlyTheConfirmationWaitsToBeSent() {
        List<Outgoing> confirmation;
        try (SessionStore store = open(CLOCK)) {
            store.runQueued(1, 1, Optional.of(new Press("q", 5)), saved -> new Turn.Save(new StoredSession("v1", MIDWAY),
                    List.of(HELLO), new Turn.CheckInChange.Set(new CheckIn(CLOCK.instant(), CheckIn.Stage.SCHEDULED, Optional.empty()))));
            confirmation = store.runQueued(1, 2, Optional.empty(), saved -> new Turn.Forget(List.of(HELLO))).orElseThrow();
            assertThat(store.pendingReplies()).isEqualTo(confirmation);
            store.delivered(confirmation.get(0).id());
        }
        assertThat(rows().rowsAbout(1)).containsOnlyKeys("check_ins", "outbox", "processed_updates", "sessions")
                .allSatisfy((table, count) -> assertThat(count).as(table).isZero());
    }

    @Test
    void aDueCheckInIsMadeOnceAndOneNotYetDueWaitsItsTime() {
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> planCheckIn(CLOCK.instant().minusSeconds(60)));
            store.run(2, OptionalLong.empty(), saved -> planCheckIn(CLOCK.instant().plus(Duration.ofHours(1))));

            List<Outgoing> first = store.runDueCheckIns(CLOCK.instant(), SessionStoreContract::askCheckIn);
            List<Outgoing> again = store.runDueCheckIns(CLOCK.instant(), SessionStoreContract::askCheckIn);
            List<Outgoing> anHourLater = store.runDueCheckIns(CLOCK.instant().plus(Duration.ofHours(1)),
                    SessionStoreContract::askCheckIn);

            assertThat(first).extracting(Outgoing::chatId, Outgoing::reply, Outgoing::press)
                    .containsExactly(tuple(1L, HELLO, Optional.empty()));
            assertThat(again).as("asked already").isEmpty();
            assertThat(anHourLater).extracting(Outgoing::chatId).containsExactly(2L);
            assertThat(store.pendingReplies()).containsExactlyElementsOf(List.of(first.get(0), anHourLater.get(0)));
            assertThat(store.peek(1).orElseThrow().checkIn()).map(CheckIn::stage).contains(CheckIn.Stage.ASKED);
        }
    }

    @Test
    void aCheckInForgottenWhileTheRoundIsUnderWayIsNotMade() throws Exception {
        try (SessionStore store = open(CLOCK)) {
            for (long chat : List.of(1L, 2L)) {
                store.run(chat, OptionalLong.empty(), saved -> planCheckIn(CLOCK.instant().minusSeconds(60 - chat)));
            }
            Thread forgetting = new Thread(() -> store.runQueued(2, 700, Optional.empty(),
                    saved -> new Turn.Forget(List.of(HELLO))), "forget");
            AtomicInteger made = new AtomicInteger();

            List<Outgoing> queued = store.runDueCheckIns(CLOCK.instant(), saved -> {
                if (made.incrementAndGet() == 1) {
                    // While the first check-in is made, the second person sends /forget.
                    forgetting.start();
                    // Waiting for the store, or already done where the store did not make it wait.
                    awaitState(forgetting, Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TERMINATED);
                }
                return askCheckIn(saved);
            });
            forgetting.join(5_000);

            assertThat(made).as("only the first check-in was made").hasValue(1);
            assertThat(queued).extracting(Outgoing::chatId).containsExactly(1L);
            assertThat(store.peek(2)).isEmpty();
        }
    }

    @Test
    void aCheckInThatKeepsFailingIsTriedThreeTimesThenDroppedHoldingUpNoOther() {
        try (SessionStore store = open(CLOCK)) {
            store.run(1, OptionalLong.empty(), saved -> planCheckIn(CLOCK.instant().minusSeconds(60)));
            store.run(2, OptionalLong.empty(), saved -> planCheckIn(CLOCK.instant().minusSeconds(30)));
            AtomicInteger attempts = new AtomicInteger();
            List<Integer> madeEachRound = new ArrayList<>();

            for (int round = 1; round <= CHECK_IN_ATTEMPTS + 1; round++) {
                madeEachRound.add(store.runDueCheckIns(CLOCK.instant(), saved -> {
                    if (saved.orElseThrow().checkIn().orElseThrow().dueAt().equals(CLOCK.instant().minusSeconds(60))) {
                        attempts.incrementAndGet();
                        throw new IllegalStateException("this check-in cannot be made");
                    }
                    return askCheckIn(saved);
                }).size());
                if (round < CHECK_IN_ATTEMPTS) {
                    assertThat(store.peek(1).orElseThrow().checkIn()).as("round %d", round).map(CheckIn::stage)
                            .contains(CheckIn.Stage.SCHEDULED);
                }
            }

            assertThat(attempts).hasValue(CHECK_IN_ATTEMPTS);
            assertThat(madeEachRound).containsExactly(1, 0, 0, 0);
            assertThat(store.peek(1).orElseThrow().checkIn()).as("dropped").isEmpty();
            assertThat(store.peek(2).orElseThrow().checkIn()).map(CheckIn::stage).contains(CheckIn.Stage.ASKED);
        }
    }

    @Test
    void newRepliesAreSignalledOnceTheyAreCommittedAndVisible() {
        try (SessionStore store = open(CLOCK)) {
            List<Long> seenWhenTold = new java.util.concurrent.CopyOnWriteArrayList<>();
            store.onNewReplies(() -> store.pendingReplies().forEach(outgoing -> seenWhenTold.add(outgoing.id())));

            List<Outgoing> queued = store.runQueued(1, 1, Optional.empty(), saved -> save(MIDWAY)).orElseThrow();
            List<Handled> batch = store.runQueuedBatch(List.of(new Event(2, 2, Optional.empty(), new Incoming.Text(),
                    Optional.empty())), (event, saved) -> save(MIDWAY));

            // A sender told of new replies finds them with one look at the outbox.
            org.backtriage.Waits.upTo(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seenWhenTold)
                    .contains(queued.get(0).id(), batch.get(0).queued().get(0).id()));
        }
    }

    @Test
    void aLeaseIsTakenRenewedAndReleasedAndItsHolderRemovesSentReplies() {
        try (SessionStore store = open(CLOCK)) {
            List<Outgoing> queued = store.runQueued(1, 1, Optional.empty(),
                    saved -> new Turn.Save(new StoredSession("v1", MIDWAY), List.of(HELLO, HELLO))).orElseThrow();

            Lease lease = leasesOf(store).acquire(Leases.SENDER, "instance-a", Duration.ofSeconds(30)).orElseThrow();
            Lease renewed = leasesOf(store).renew(lease, Duration.ofSeconds(30)).orElseThrow();
            leasesOf(store).fenced(renewed).delivered(queued.get(0).id());

            assertThat(renewed.epoch()).as("a renewal keeps the epoch").isEqualTo(lease.epoch());
            assertThat(renewed.holder()).isEqualTo("instance-a");
            assertThat(store.pendingReplies()).containsExactly(queued.get(1));
            leasesOf(store).release(renewed);
        }
    }

    @Test
    void theStoreAnswersWhileItIsOpen() {
        SessionStore store = open(CLOCK);
        assertThat(store.answers()).isTrue();

        store.close();

        assertThat(store.answers()).isFalse();
    }
}
