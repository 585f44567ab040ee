package org.backtriage.telegram.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One chat's lane alone: its order, its one thread at a time, its queue; on a hand-moved clock, with no threads. */
class LaneTest {
    private static final long CHAT = 1001;
    private static final Instant QUEUED = Instant.parse("2025-11-24T08:00:00Z");

    private long now;
    private final Lane lane = new Lane(CHAT, new TokenBucket(1, 2, () -> now),
            new CappedBackOff(Duration.ofMillis(100), Duration.ofSeconds(1), 0, () -> 0));

    private static Outgoing send(long id) {
        return new Outgoing(id, CHAT, Optional.empty(), new Reply.Send("message " + id, Keyboard.NONE), QUEUED);
    }

    private static Outgoing sendFor(long id, String press) {
        return new Outgoing(id, CHAT, Optional.of(new Press(press, 500)), new Reply.Send("message " + id, Keyboard.NONE),
                QUEUED);
    }

    private static Outgoing transcriptEdit(long id, String press) {
        return new Outgoing(id, CHAT, Optional.of(new Press(press, 500)),
                new Reply.EditPressed("pressed " + id, Keyboard.NONE, true), QUEUED);
    }

    private static List<Long> ids(List<Outgoing> replies) {
        return replies.stream().map(Outgoing::id).toList();
    }

    /** What the lane holds, in the order it would send it, taking each off as done. */
    private List<Long> drain() {
        List<Long> order = new ArrayList<>();
        for (Optional<Outgoing> next = lane.next(); next.isPresent(); next = lane.next()) {
            order.add(lane.finishNext().id());
        }
        return order;
    }

    @Nested
    class Order {

        @Test
        void repliesGoInTheOrderTheyWereQueued() {
            lane.add(List.of(send(1), send(2)));
            lane.add(List.of(send(3)));

            assertThat(drain()).containsExactly(1L, 2L, 3L);
        }

        @Test
        void aPressesRepliesKeepTheOrderTheyWereWrittenIn() {
            // The pressed question rewritten into the final message, then the short message after it.
            Outgoing rewritten = new Outgoing(1, CHAT, Optional.of(new Press("p1", 500)),
                    new Reply.EditPressed("the final message", Keyboard.NONE, false), QUEUED);

            List<Outgoing> queued = lane.add(List.of(rewritten, sendFor(2, "p1"), sendFor(3, "p2")));

            assertThat(ids(queued)).containsExactly(1L, 2L, 3L);
            assertThat(drain()).containsExactly(1L, 2L, 3L);
        }

        @Test
        void repliesFromBeforeARestartGoFirstAndOnlyOnce() {
            lane.add(List.of(send(7), send(8)));

            List<Outgoing> older = lane.add(List.of(send(5), send(6), send(7)));

            assertThat(ids(older)).containsExactly(5L, 6L);
            assertThat(drain()).containsExactly(5L, 6L, 7L, 8L);
        }

        @Test
        void aReplyFoundLaterGoesInItsPlaceByIdButNeverAheadOfTheOneUnderWay() {
            lane.add(List.of(send(4), send(9)));
            assertThat(lane.claim()).isTrue(); // a thread works on 4

            List<Outgoing> found = lane.merge(List.of(send(2), send(6), send(9), send(11)), id -> id == 11);

            assertThat(ids(found)).as("9 waits already, 11 was sent").containsExactly(2L, 6L);
            assertThat(drain()).containsExactly(4L, 2L, 6L, 9L);
        }
    }

    @Nested
    class OneThreadAtATime {

        @Test
        void anEmptyLaneWantsNoThread() {
            assertThat(lane.claim()).isFalse();
        }

        @Test
        void aLaneWithRepliesIsGivenOneThreadOnly() {
            lane.add(List.of(send(1)));

            assertThat(lane.claim()).isTrue();
            lane.add(List.of(send(2)));
            assertThat(lane.claim()).as("already has a thread").isFalse();
        }

        @Test
        void theThreadIsGivenUpOnlyWhenNothingIsLeft() {
            lane.add(List.of(send(1)));
            lane.claim();

            assertThat(lane.next()).map(Outgoing::id).contains(1L);
            lane.finishNext();
            assertThat(lane.claim()).as("still holds its thread").isFalse();
            assertThat(lane.next()).isEmpty();

            lane.add(List.of(send(2)));
            assertThat(lane.claim()).as("idle again, so it gets a thread").isTrue();
        }
    }

    @Nested
    class Dropping {

        @Test
        void dropAllTakesExactlyWhatIsWaiting() {
            lane.add(List.of(send(1), send(2)));

            assertThat(ids(lane.dropAll())).containsExactly(1L, 2L);
            assertThat(lane.next()).isEmpty();
        }
    }

    @Nested
    class Pace {

        @Test
        void aBurstOfTwoGoesAtOnceThenOneASecond() {
            assertThat(lane.untilPaced()).isZero();
            lane.takePace();
            lane.takePace();

            assertThat(lane.untilPaced()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
            now += TimeUnit.MILLISECONDS.toNanos(400);
            assertThat(lane.untilPaced()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
        }
    }

    @Nested
    class Forgetting {

        @Test
        void anIdleLaneIsForgottenOnlyOnceItsPaceIsFullAgain() {
            lane.takePace();

            assertThat(lane.forgettable()).as("it remembers what was just sent").isFalse();
            now += TimeUnit.SECONDS.toNanos(1);
            assertThat(lane.forgettable()).isTrue();
        }

        @Test
        void aLaneWithRepliesOrAThreadIsNotForgotten() {
            lane.add(List.of(send(1)));
            assertThat(lane.forgettable()).isFalse();

            lane.claim();
            lane.finishNext();
            assertThat(lane.forgettable()).as("its thread is still on it").isFalse();
            lane.next();
            assertThat(lane.forgettable()).isTrue();
        }
    }

    @Nested
    class Failures {

        @Test
        void failuresCountInARowAndASuccessStartsTheBackOffOver() {
            assertThat(lane.failed()).isEqualTo(1);
            assertThat(lane.failed()).isEqualTo(2);
            assertThat(lane.backOffMillis()).isEqualTo(100);
            assertThat(lane.backOffMillis()).isEqualTo(200);

            lane.succeeded();

            assertThat(lane.failed()).isEqualTo(1);
            assertThat(lane.backOffMillis()).isEqualTo(100);
        }
    }
}
