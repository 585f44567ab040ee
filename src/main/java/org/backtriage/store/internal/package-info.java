/**
 * What both databases' rooms share: public only because the rooms are packages of their own
 * (OkHttp's {@code internal} convention), not API; nothing outside {@code org.backtriage.store}
 * may use it, and it knows neither room nor either driver (ArchitectureTest).
 *
 * <p>The codecs that turn answers ({@code SessionCodec}) and replies ({@code ReplyCodec},
 * {@code PressColumns}: a reply's press) into columns and back; {@code StoredSessions} (a
 * session row read back); {@code Part} (what a savepoint's work became); {@code CheckInAttempts}
 * (three tries for each due check-in); {@code ReplySignal} (those told of new replies);
 * {@code ProcessedUpdates} (how long an update's id is kept). May import {@code java.sql},
 * {@code org.backtriage.store}, chat, triage, logging, Jackson and SLF4J.
 */
package org.backtriage.store.internal;
