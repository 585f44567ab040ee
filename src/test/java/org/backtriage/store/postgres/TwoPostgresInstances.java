package org.backtriage.store.postgres;

import java.time.Clock;
import java.util.Optional;
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test of two instances of the bot on one PostgreSQL database: two stores, each with its own
 * connection pool, opened on the emptied database before each test. (Test classes run one at a
 * time, so they can share the one extension field: each gets a database of its own.)
 */
@NeedsPostgres
abstract class TwoPostgresInstances {
    static final long BOT = 123456789;

    @RegisterExtension
    static final TestPostgres database = TestPostgres.perClass();

    PostgresSessionStore first;
    PostgresSessionStore second;

    static PostgresSessionStore open(long bot, Clock clock) {
        return PostgresSessionStore.open(database.url(), Optional.empty(), bot, clock);
    }

    @BeforeEach
    void openTwoInstances() {
        database.empty();
        first = open(BOT, Clock.systemUTC());
        second = open(BOT, Clock.systemUTC());
    }

    @AfterEach
    void closeThem() {
        first.close();
        second.close();
    }
}
