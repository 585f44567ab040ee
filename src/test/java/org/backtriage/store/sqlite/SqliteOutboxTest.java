package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.store.SessionStoreContract;
import org.backtriage.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqliteOutboxTest extends FreshDatabase {
    private static final Optional<Press> PRESS = Optional.of(new Press("query-1", 77));
    private static final Reply NOTICE = new Reply.Notice("stale");
    private static final Reply EDIT = new Reply.EditPressed("<b>Q</b>", Keyboard.NONE, true);
    private static final Reply SHARE = new Reply.Send("done", new Keyboard(List.of(List.of(Button.share("Share", "result")))));
    private final MovableClock clock = new MovableClock(SessionStoreContract.CLOCK.instant());
    private SqliteOutbox outbox;

    @BeforeEach
    void setUp() {
        outbox = new SqliteOutbox(database, clock);
    }

    private List<Outgoing> queue(long chatId, Optional<Press> press, Reply... replies) {
        return database.transaction(() -> outbox.queue(chatId, press, List.of(replies)));
    }

    private List<Outgoing> pending() {
        return database.transaction(outbox::pending);
    }

    @Test
    void queuedRepliesComeBackOldestFirstWithTheirPressAndTheTimeTheyWereQueued() {
        List<Outgoing> first = queue(1, PRESS, NOTICE, EDIT);
        clock.advance(Duration.ofSeconds(3));
        List<Outgoing> second = queue(2, Optional.empty(), SHARE);

        List<Outgoing> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(pending()).isEqualTo(all);
        assertThat(all).extracting(Outgoing::id).isSorted().doesNotHaveDuplicates();
        assertThat(first).extracting(Outgoing::chatId, Outgoing::press, Outgoing::reply, Outgoing::queuedAt).containsExactly(
                tuple(1L, PRESS, NOTICE, clock.instant().minusSeconds(3)),
                tuple(1L, PRESS, EDIT, clock.instant().minusSeconds(3)));
        assertThat(second.get(0).queuedAt()).isEqualTo(clock.instant());
    }

    @Test
    void noRepliesQueueNothing() {
        assertThat(queue(1, PRESS)).isEmpty();
        assertThat(pending()).isEmpty();
    }

    @Test
    void deletingRemovesOnlyTheRepliesNamed() {
        List<Outgoing> queued = queue(1, PRESS, NOTICE, EDIT, SHARE);

        database.transaction(() -> {
            outbox.delete(List.of(queued.get(0).id(), queued.get(2).id()));
            return null;
        });

        assertThat(pending()).containsExactly(queued.get(1));
    }

    @Test
    void droppingAChatsRepliesLeavesEveryOtherChats() {
        queue(1, PRESS, NOTICE, EDIT);
        List<Outgoing> kept = queue(2, Optional.empty(), SHARE);

        database.transaction(() -> {
            outbox.dropPending(1);
            return null;
        });

        assertThat(pending()).isEqualTo(kept);
    }
}
