package org.backtriage.store.sqlite;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.store.internal.CheckInAttempts;

/**
 * A round of due check-ins: each in a transaction of its own, so the poller gets in between
 * them and one that fails stands alone. It is rolled back and tried again next round (see
 * {@link CheckInAttempts}).
 */
final class SqliteDueCheckIns {
    private final SqliteDatabase database;
    private final SqliteCheckIns checkIns;
    private final SqliteTurns turns;
    private final SqliteOutbox outbox;
    private final CheckInAttempts attempts;

    SqliteDueCheckIns(SqliteDatabase database, SqliteCheckIns checkIns, SqliteTurns turns, SqliteOutbox outbox) {
        this.database = database;
        this.checkIns = checkIns;
        this.turns = turns;
        this.outbox = outbox;
        this.attempts = new CheckInAttempts(chatId -> database.transaction(() -> {
            checkIns.dropPlanned(chatId);
            return null;
        }));
    }

    /** Runs {@code work} for every check-in due by {@code now}; returns the replies queued. */
    List<Outgoing> run(Instant now, Function<Optional<StoredSession>, Turn> work) {
        List<Long> due = database.transaction(() -> checkIns.dueChats(now));
        List<Outgoing> queued = new ArrayList<>();
        for (long chatId : due) {
            try {
                queued.addAll(database.transaction(() -> checkIn(chatId, now, work)));
                attempts.succeeded(chatId);
            } catch (RuntimeException e) {
                attempts.failed(chatId, e);
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
}
