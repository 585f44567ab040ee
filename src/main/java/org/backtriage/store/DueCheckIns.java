package org.backtriage.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round of due check-ins: each in a transaction of its own, so the poller gets in between
 * them and one that fails stands alone. It is rolled back and tried again next round, up to
 * {@link #ATTEMPTS} times in all, then dropped.
 */
final class DueCheckIns {
    // One logger name for all of the store, as operators know it from its log lines.
    private static final Logger log = LoggerFactory.getLogger(SqliteSessionStore.class);
    /**
     * Attempts a due check-in gets before it is dropped. Counted in memory: a restart gives a
     * failing one its attempts again, which still bounds it, and needs no schema change.
     */
    static final int ATTEMPTS = 3;

    private final SqliteDatabase database;
    private final CheckInTable checkIns;
    private final TurnStore turns;
    private final SqliteOutbox outbox;
    /** Failed attempts of the check-ins that failed, by chat, until one succeeds or is dropped. */
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();

    DueCheckIns(SqliteDatabase database, CheckInTable checkIns, TurnStore turns, SqliteOutbox outbox) {
        this.database = database;
        this.checkIns = checkIns;
        this.turns = turns;
        this.outbox = outbox;
    }

    /** Runs {@code work} for every check-in due by {@code now}; returns the replies queued. */
    List<Outgoing> run(Instant now, Function<Optional<StoredSession>, Turn> work) {
        List<Long> due = database.transaction(() -> checkIns.dueChats(now));
        List<Outgoing> queued = new ArrayList<>();
        for (long chatId : due) {
            try {
                queued.addAll(database.transaction(() -> checkIn(chatId, now, work)));
                failures.remove(chatId);
            } catch (RuntimeException e) {
                failed(chatId, e);
            }
        }
        return queued;
    }

    /** One check-in: unless the person changed it since the round began (answered, /forget), its turn and replies. */
    private List<Outgoing> checkIn(long chatId, Instant now, Function<Optional<StoredSession>, Turn> work) throws SQLException {
        if (!checkIns.isDue(chatId, now)) {
            return List.of();
        }
        Turn turn = turns.run(chatId, OptionalLong.empty(), work).orElseThrow();
        return outbox.queue(chatId, Optional.empty(), turn.replies());
    }

    /** Counts a failed check-in; at the last attempt, deletes it, so it is not tried every round for ever. */
    private void failed(long chatId, RuntimeException failure) {
        int failed = failures.merge(chatId, 1, Integer::sum);
        if (failed < ATTEMPTS) {
            log.warn("The check-in for chat {} failed (attempt {} of {}); trying again next round: {}", chatId, failed,
                    ATTEMPTS, failure.toString());
            return;
        }
        try {
            database.transaction(() -> {
                checkIns.dropPlanned(chatId);
                return null;
            });
            failures.remove(chatId);
            log.error("The check-in for chat {} failed {} times; dropped, it is not tried again: {}", chatId, failed,
                    failure.toString());
        } catch (RuntimeException e) {
            log.error("The check-in for chat {} failed {} times and could not be dropped; trying again next round: {}",
                    chatId, failed, e.toString());
        }
    }
}
