package org.backtriage.chat;

import java.util.Objects;
import org.backtriage.triage.Session;

/** A session as kept between messages, with the version of the tree it was built on. */
public record StoredSession(String treeVersion, Session session) {
    public StoredSession {
        Objects.requireNonNull(treeVersion, "treeVersion");
        Objects.requireNonNull(session, "session");
    }
}
