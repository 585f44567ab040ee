package org.backtriage.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Statement;
import java.util.Optional;
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.StoreException;
import org.backtriage.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a real PostgreSQL server's failures mean for a retry: a connection the server ends passes
 * (the next transaction gets a fresh one), a value or a constraint the work breaks recurs.
 */
@NeedsPostgres
class PostgresStoreFailuresTest {
    @RegisterExtension
    static final TestPostgres server = TestPostgres.perClass();

    private PostgresDatabase database;

    @BeforeEach
    void open() {
        server.empty();
        database = PostgresDatabase.open(PostgresAddress.of(server.url(), Optional.empty()));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aConstraintTheWorkBreaksIsNotWorthARetry() {
        StoreException failure = fails("INSERT INTO leases (bot_id, name, holder, epoch, expires_at) VALUES (1, 'x', 'a', 1, now());"
                + " INSERT INTO leases (bot_id, name, holder, epoch, expires_at) VALUES (1, 'x', 'b', 1, now())");

        assertThat(failure.getMessage()).contains("duplicate key");
        assertThat(failure.retryable()).isFalse();
        assertThat(StoreException.retryableInChain(new IllegalStateException("a turn's wrapper", failure))).isFalse();
    }

    @Test
    void aValueTheWorkCannotComputeIsNotWorthARetry() {
        assertThat(fails("SELECT 1 / 0").retryable()).isFalse();
    }

    @Test
    void aConnectionTheServerEndsIsWorthARetryAndTheNextTransactionWorks() {
        StoreException failure = fails("SELECT pg_terminate_backend(pg_backend_pid())");

        assertThat(failure.retryable()).isTrue();
        assertThat(StoreException.retryableInChain(new IllegalStateException("a turn's wrapper", failure))).isTrue();
        Boolean answered = database.transaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.execute("SELECT 1");
            }
        });
        assertThat(answered).isTrue();
    }

    private StoreException fails(String sql) {
        return catchThrowableOfType(() -> database.transaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.execute(sql);
            }
        }), StoreException.class);
    }
}
