/**
 * The SQLite store, the default, for one process: {@link org.backtriage.store.sqlite.SqliteSessionStore}
 * is its public face and draws the transactions; {@code SqliteDatabase} opens the file (made by
 * {@code OwnerOnlyFile}, usable by its owner only), checks it, migrates it with
 * {@code SqliteMigrations} (resources {@code db/V*__*.sql}) and runs the transactions, savepoints
 * and cached statements on its one connection; {@code SqliteTurns} (sessions, processed update
 * ids), {@code SqliteOutbox} and {@code SqliteCheckIns} hold the rows; {@code SqliteDueCheckIns}
 * makes a round of check-ins; {@code SqliteLeases} are one process's leases, always its own.
 * {@link org.backtriage.store.sqlite.SqliteLibrary} loads the driver's native library early.
 *
 * <p>Those two are public, the rest package-private. May import {@code org.backtriage.store} and
 * its {@code internal} package, chat, cluster (the lease port), triage, logging, SLF4J, {@code java.sql} and the SQLite
 * driver; never {@code org.backtriage.store.postgres} (ArchitectureTest).
 */
package org.backtriage.store.sqlite;
