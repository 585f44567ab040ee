package org.backtriage.store.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.backtriage.chat.CheckIn;
import org.backtriage.chat.StoredSession;
import org.backtriage.logging.Subsystem;
import org.backtriage.triage.Answer;
import org.backtriage.triage.Session;
import org.slf4j.Logger;

/** A session row read back, whichever database held it: its columns as a {@link StoredSession}. */
public final class StoredSessions {
    private static final Logger log = Subsystem.STORE.logger();

    private StoredSessions() {
    }

    /** The session these columns hold; answers no codec reads make the person start again. */
    public static StoredSession of(String treeVersion, boolean started, String answers, String draft, Instant updatedAt,
                            Optional<String> language, Optional<CheckIn> checkIn, Optional<Instant> finishedAt,
                            Optional<Instant> agreedAt) {
        Optional<List<Answer>> decoded = SessionCodec.decodeAnswers(answers);
        if (decoded.isEmpty()) {
            // Only a hand-edited row gets here. An answer no tree has makes the chat layer
            // tell the person the questions changed and start again.
            log.warn("a session row has unreadable answers; that person will start again");
            return new StoredSession(treeVersion, Session.begun(List.of(new Answer("unreadable", List.of("unreadable"))),
                    List.of()), updatedAt, language);
        }
        Session session = new Session(started, decoded.get(), SessionCodec.decodeOptions(draft));
        return new StoredSession(treeVersion, session, updatedAt, language, checkIn, finishedAt, agreedAt);
    }

    /**
     * The check-in these columns hold. A screen route no codec reads (only a hand-edited row)
     * starts the screen again: the check-in asks its first question anew.
     */
    public static CheckIn checkIn(Instant dueAt, String stage, String feeling, String outcome, String asking, String visit,
                           String answers, String draft) {
        Optional<List<Answer>> route = SessionCodec.decodeAnswers(answers == null ? "" : answers);
        return new CheckIn(dueAt, CheckIn.Stage.valueOf(stage), Optional.ofNullable(feeling), Optional.ofNullable(outcome),
                Optional.ofNullable(asking), Optional.ofNullable(visit), route.orElse(List.of()),
                route.isEmpty() || draft == null ? List.of() : SessionCodec.decodeOptions(draft));
    }
}
