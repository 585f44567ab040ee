/**
 * The durable store behind {@link org.backtriage.chat.SessionStore}: sessions, processed update
 * ids, the outbox and check-ins in one SQLite file, with plain JDBC. {@link
 * org.backtriage.store.SqliteSessionStore} is the public face and draws the transactions;
 * {@code SqliteDatabase} opens, checks and migrates the file (migrations in resources {@code
 * db/V*__*.sql}) and runs the transactions, savepoints and cached statements on its one
 * connection; {@code TurnStore}, {@code SqliteOutbox} and {@code CheckInTable} hold the rows;
 * {@code DueCheckIns} makes a round of check-ins; the codecs turn answers and replies into
 * columns. It is the only package that imports {@code java.sql} or the SQLite driver; besides
 * the JDK it may use {@code org.backtriage.chat} and {@code org.backtriage.triage}, Jackson and
 * SLF4J, and never another adapter.
 */
package org.backtriage.store;
