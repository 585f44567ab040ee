/**
 * The durable stores behind {@link org.backtriage.chat.SessionStore}, with plain JDBC: sessions,
 * processed update ids, the outbox, check-ins and leases.
 *
 * <p>SQLite, the default, for one process: {@link org.backtriage.store.SqliteSessionStore} is
 * the public face and draws the transactions; {@code SqliteDatabase} opens, checks and migrates
 * the file (migrations in resources {@code db/V*__*.sql}) and runs the transactions, savepoints
 * and cached statements on its one connection; {@code TurnStore}, {@code SqliteOutbox} and
 * {@code CheckInTable} hold the rows; {@code DueCheckIns} makes a round of check-ins;
 * {@code OneProcessLeases} are its leases, always held.
 *
 * <p>PostgreSQL, for several instances (and several bots) sharing one database:
 * {@link org.backtriage.store.PostgresSessionStore} draws the transactions;
 * {@code PostgresDatabase} holds the connection pool (HikariCP) and the per-chat advisory locks,
 * {@code PostgresMigrations} the schema (Flyway, resources {@code db/postgres/V*__*.sql}),
 * {@code PostgresAddress} the URL and password (never shown); {@code PostgresTurns},
 * {@code PostgresOutbox} and {@code PostgresCheckIns} hold the rows, keyed by bot;
 * {@code PostgresDueCheckIns} shares rounds of check-ins between instances;
 * {@code PostgresListener} hears of new replies (LISTEN/NOTIFY); {@code PostgresLeases} are the
 * leases with their fencing.
 *
 * <p>Shared by both: the codecs that turn answers and replies into columns, {@code Part} (what a
 * savepoint's work became), {@code CheckInAttempts}, {@code StoredSessions}, {@code ReplySignal}.
 * It is the only package that imports {@code java.sql}, the SQLite and PostgreSQL drivers,
 * HikariCP or Flyway; besides the JDK it may use {@code org.backtriage.chat} and
 * {@code org.backtriage.triage}, Jackson and SLF4J, and never another adapter.
 */
package org.backtriage.store;
