package org.backtriage.store.postgres;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.StoredSession;
import org.backtriage.chat.Turn;
import org.backtriage.store.internal.CheckInAttempts;

/**
 * A round of due check-ins on PostgreSQL: each claimed and made in a transaction of its own, so
 * that any number of instances may run rounds at once and each check-in is made by one of them
 * (see {@link PostgresCheckIns#claimDue}). One that fails stands alone and is tried again in a
 * later round (see {@link CheckInAttempts}); each is looked at once per round.
 */
final class PostgresDueCheckIns {
    private final PostgresDatabase database;
    private final PostgresCheckIns checkIns;
    private final PostgresTurns turns;
    private final PostgresOutbox outbox;
    private final CheckInAttempts attempts;

    PostgresDueCheckIns(PostgresDatabase database, PostgresCheckIns checkIns, PostgresTurns turns, PostgresOutbox outbox) {
        this.database = database;
        this.checkIns = checkIns;
        this.turns = turns;
        this.outbox = outbox;
        this.attempts = new CheckInAttempts(chatId -> database.transaction(c -> {
            checkIns.dropPlanned(c, chatId);
            return null;
        }));
    }

    /** Makes every check-in due by {@code now} that no other instance makes meanwhile; returns the replies queued. */
    List<Outgoing> run(Instant now, Function<Optional<StoredSession>, Turn> work) {
        Set<Long> lookedAt = new HashSet<>();
        List<Outgoing> queued = new ArrayList<>();
        while (true) {
            // The chat claimed by the transaction under way, so that its failure is counted against it.
            OptionalLong[] claimed = {OptionalLong.empty()};
            Optional<List<Outgoing>> made;
            try {
                made = database.transaction(c -> {
                    Optional<PostgresCheckIns.Claim> claim = checkIns.claimDue(c, now, lookedAt);
                    if (claim.isEmpty()) {
                        return Optional.empty();
                    }
                    long chatId = claim.get().chatId();
                    lookedAt.add(chatId);
                    if (claim.get().busy()) {
                        // The person's own turn is under way; the check-in, if still due, is made next round.
                        return Optional.of(List.of());
                    }
                    claimed[0] = OptionalLong.of(chatId);
                    Turn turn = turns.run(c, chatId, OptionalLong.empty(), work).orElseThrow();
                    List<Outgoing> replies = outbox.queue(c, chatId, Optional.empty(), turn.replies());
                    if (!replies.isEmpty()) {
                        outbox.announce(c);
                    }
                    return Optional.of(replies);
                });
            } catch (RuntimeException e) {
                if (claimed[0].isEmpty()) {
                    // Not one check-in's failure: the round cannot go on (the database is unreachable).
                    throw e;
                }
                attempts.failed(claimed[0].getAsLong(), e);
                continue;
            }
            if (made.isEmpty()) {
                return queued;
            }
            claimed[0].ifPresent(attempts::succeeded);
            queued.addAll(made.get());
        }
    }
}
