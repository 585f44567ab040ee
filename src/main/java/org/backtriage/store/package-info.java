/**
 * The durable stores behind {@link org.backtriage.chat.SessionStore}, with plain JDBC: sessions,
 * processed update ids, the outbox, check-ins and leases. One room per database, the same names
 * in each: {@code sqlite} (the default: one process, one file) and {@code postgres} (several
 * instances, and several bots, sharing one database); what both use is in {@code internal}.
 *
 * <p>This package holds {@link org.backtriage.store.StoreException}, the store's one error type,
 * made only by the store. The rest of the program uses it and each room's entry point
 * ({@code SqliteSessionStore}, {@code SqliteLibrary}, {@code PostgresSessionStore}) and nothing
 * else of the store; ArchitectureTest keeps it so.
 *
 * <p>The store is the only package that imports {@code java.sql}, the SQLite and PostgreSQL
 * drivers, HikariCP or Flyway; besides the JDK it may use {@code org.backtriage.chat},
 * {@code org.backtriage.cluster} (it implements the lease port), {@code org.backtriage.triage},
 * {@code org.backtriage.logging}, Jackson and SLF4J, and never
 * another adapter.
 */
package org.backtriage.store;
