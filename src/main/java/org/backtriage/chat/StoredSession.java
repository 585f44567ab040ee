package org.backtriage.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.backtriage.triage.Session;

/**
 * A session as kept between messages, with the version of the tree it was built on and when it
 * last changed ({@link Instant#EPOCH} for one about to be saved: the store sets the time), the
 * language the person chose or was given, the check-in they asked for, if any, and when they
 * reached the ending (the date the final message carries), and when they said that a doctor or
 * physiotherapist agreed to the massage an ending asked them to check first (the date the
 * massage request then carries). What a turn does to the check-in is said by
 * {@link Turn.Save#checkIn}, not by this record.
 */
public record StoredSession(String treeVersion, Session session, Instant updatedAt, Optional<String> language,
                            Optional<CheckIn> checkIn, Optional<Instant> finishedAt, Optional<Instant> agreedAt) {
    public StoredSession {
        Objects.requireNonNull(treeVersion, "treeVersion");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(checkIn, "checkIn");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(agreedAt, "agreedAt");
    }

    /** As kept, with no check-in, not at an ending. */
    public StoredSession(String treeVersion, Session session, Instant updatedAt, Optional<String> language) {
        this(treeVersion, session, updatedAt, language, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public StoredSession(String treeVersion, Session session, Instant updatedAt) {
        this(treeVersion, session, updatedAt, Optional.empty());
    }

    public StoredSession(String treeVersion, Session session) {
        this(treeVersion, session, Instant.EPOCH);
    }

    public StoredSession withCheckIn(CheckIn planned) {
        return new StoredSession(treeVersion, session, updatedAt, language, Optional.of(planned), finishedAt, agreedAt);
    }

    StoredSession finishedAt(Optional<Instant> when) {
        return new StoredSession(treeVersion, session, updatedAt, language, checkIn, when, agreedAt);
    }

    StoredSession agreedAt(Optional<Instant> when) {
        return new StoredSession(treeVersion, session, updatedAt, language, checkIn, finishedAt, when);
    }
}
