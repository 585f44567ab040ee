/**
 * The PostgreSQL store, for several instances (and several bots) sharing one database:
 * {@link org.backtriage.store.postgres.PostgresSessionStore} is its public face and draws the
 * transactions; {@code PostgresDatabase} holds the connection pool (HikariCP) and the per-chat
 * advisory locks, {@code PostgresMigrations} the schema (Flyway, resources
 * {@code db/postgres/V*__*.sql}), {@code PostgresAddress} the URL and password (never shown);
 * {@code PostgresTurns}, {@code PostgresOutbox} and {@code PostgresCheckIns} hold the rows, keyed
 * by bot; {@code PostgresDueCheckIns} shares rounds of check-ins between instances;
 * {@code PostgresListener} hears of new replies (LISTEN/NOTIFY); {@code PostgresLeases} are the
 * leases with their fencing.
 *
 * <p>Only {@code PostgresSessionStore} is public. May import {@code org.backtriage.store} and its
 * {@code internal} package, chat, cluster (the lease port), triage, logging, SLF4J, {@code java.sql}, the PostgreSQL driver,
 * HikariCP and Flyway; never {@code org.backtriage.store.sqlite} (ArchitectureTest).
 */
package org.backtriage.store.postgres;
