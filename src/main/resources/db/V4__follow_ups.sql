-- Check-ins people asked for ("check on me in a week"): one per chat at most.
CREATE TABLE follow_ups (
    chat_id    INTEGER PRIMARY KEY,
    due_at     INTEGER NOT NULL,
    stage      TEXT    NOT NULL CHECK (stage IN ('SCHEDULED', 'ASKED', 'FEELING_GIVEN')),
    feeling    TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX follow_ups_due ON follow_ups (stage, due_at);
