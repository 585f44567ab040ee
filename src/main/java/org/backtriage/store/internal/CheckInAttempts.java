package org.backtriage.store.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.backtriage.logging.Subsystem;
import org.slf4j.Logger;

/**
 * The failed attempts of due check-ins, by chat: one that fails is tried again in later rounds,
 * up to {@link #ATTEMPTS} times in all, then dropped, so it is not tried every round for ever.
 * Counted in memory: a restart (or, on a shared database, another instance) gives a failing one
 * its attempts again, which still bounds it, and needs no schema change.
 */
public final class CheckInAttempts {
    private static final Logger log = Subsystem.STORE.logger();
    /** Attempts a due check-in gets before it is dropped. */
    public static final int ATTEMPTS = 3;

    /** Deletes a planned check-in that failed too often; may fail itself. */
    @FunctionalInterface
    public interface Drop {
        void drop(long chatId);
    }

    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();
    private final Drop drop;

    public CheckInAttempts(Drop drop) {
        this.drop = drop;
    }

    /** The chat's check-in was made: its failures are forgotten. */
    public void succeeded(long chatId) {
        failures.remove(chatId);
    }

    /** Counts a failed check-in; at the last attempt, drops it. Either is logged. */
    public void failed(long chatId, RuntimeException failure) {
        int failed = failures.merge(chatId, 1, Integer::sum);
        if (failed < ATTEMPTS) {
            log.warn("The check-in for chat {} failed (attempt {} of {}); trying again next round: {}", chatId, failed,
                    ATTEMPTS, failure.toString());
            return;
        }
        try {
            drop.drop(chatId);
            failures.remove(chatId);
            log.error("The check-in for chat {} failed {} times; dropped, it is not tried again: {}", chatId, failed,
                    failure.toString());
        } catch (RuntimeException e) {
            log.error("The check-in for chat {} failed {} times and could not be dropped; trying again next round: {}",
                    chatId, failed, e.toString());
        }
    }
}
