-- One row per chat: where the person is in the conversation. No names, no message texts.
CREATE TABLE sessions (
    chat_id      INTEGER PRIMARY KEY,
    tree_version TEXT    NOT NULL,
    started      INTEGER NOT NULL,
    answers      TEXT    NOT NULL,
    draft        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- Telegram update ids already handled, so a re-delivered update changes nothing.
-- chat_id is NULL for the update that deleted a person's data (it must not point back to them).
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    chat_id      INTEGER,
    processed_at INTEGER NOT NULL
);
CREATE INDEX processed_updates_by_chat ON processed_updates (chat_id);
CREATE INDEX processed_updates_by_time ON processed_updates (processed_at);
