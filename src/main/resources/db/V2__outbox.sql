-- Replies not yet accepted by Telegram, written in the same transaction as the turn that made
-- them and deleted once delivered. Sent per chat in id order.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('send', 'edit', 'notice', 'alert')),
    html             TEXT    NOT NULL,
    keyboard         TEXT    NOT NULL,
    transcript       INTEGER NOT NULL,
    press_id         TEXT,
    press_message_id INTEGER,
    created_at       INTEGER NOT NULL
);
CREATE INDEX outbox_by_chat ON outbox (chat_id, id);
CREATE INDEX sessions_by_updated_at ON sessions (updated_at);
