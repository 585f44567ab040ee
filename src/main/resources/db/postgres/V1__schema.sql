-- The PostgreSQL store: the same rows as the SQLite store's V1..V6, with a bot id in every key
-- (the number before ':' in the bot's token), so one database serves several bots. Times are
-- timestamptz; no names, usernames or typed texts are stored.

-- One row per chat: where the person is in the conversation.
CREATE TABLE sessions (
    bot_id       BIGINT      NOT NULL,
    chat_id      BIGINT      NOT NULL,
    tree_version TEXT        NOT NULL,
    started      BOOLEAN     NOT NULL,
    answers      TEXT        NOT NULL,
    draft        TEXT        NOT NULL,
    -- The language a person chose with /language, or was given from their app's language.
    language     TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    -- When the person reached the ending: the date their final message carries.
    finished_at  TIMESTAMPTZ,
    PRIMARY KEY (bot_id, chat_id)
);
CREATE INDEX sessions_by_updated_at ON sessions (bot_id, updated_at);

-- Telegram update ids already handled: the row is the claim, so an update delivered to two
-- instances at once is applied by one. chat_id is NULL for an update that kept nothing about its
-- chat (a group's, or the one that deleted a person's data: it must not point back to them).
CREATE TABLE processed_updates (
    bot_id       BIGINT      NOT NULL,
    update_id    BIGINT      NOT NULL,
    chat_id      BIGINT,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX processed_updates_by_chat ON processed_updates (bot_id, chat_id);
CREATE INDEX processed_updates_by_time ON processed_updates (bot_id, processed_at);

-- Replies not yet accepted by Telegram, written in the same transaction as the turn that made
-- them and deleted once delivered. Sent per chat in id order: one chat's turns take its lock in
-- turn, so its ids grow in the order they commit (other chats' ids may commit out of order).
CREATE TABLE outbox (
    bot_id           BIGINT      NOT NULL,
    id               BIGINT      GENERATED ALWAYS AS IDENTITY,
    chat_id          BIGINT      NOT NULL,
    kind             TEXT        NOT NULL CHECK (kind IN ('send', 'edit', 'notice', 'alert')),
    html             TEXT        NOT NULL,
    keyboard         TEXT        NOT NULL,
    transcript       BOOLEAN     NOT NULL,
    press_id         TEXT,
    press_message_id BIGINT,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bot_id, id)
);
CREATE INDEX outbox_by_chat ON outbox (bot_id, chat_id);

-- Check-ins people asked for ("check on me in a week"): one per chat at most. asking is the
-- question waiting for an answer ('seen' or a red-flag question's id); seen, whether the person
-- has seen a clinician since.
CREATE TABLE check_ins (
    bot_id     BIGINT      NOT NULL,
    chat_id    BIGINT      NOT NULL,
    due_at     TIMESTAMPTZ NOT NULL,
    stage      TEXT        NOT NULL CHECK (stage IN ('SCHEDULED', 'ASKED', 'FEELING_GIVEN')),
    feeling    TEXT,
    outcome    TEXT,
    asking     TEXT,
    seen       BOOLEAN,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bot_id, chat_id)
);
CREATE INDEX check_ins_due ON check_ins (bot_id, stage, due_at);

-- Which instance sends ('sender') or polls ('poller') for a bot: holder until expires_at (the
-- database's clock, the one all instances share); epoch grows at every takeover, so what an
-- older holder writes can be refused. holder is NULL once released.
CREATE TABLE leases (
    bot_id     BIGINT      NOT NULL,
    name       TEXT        NOT NULL,
    holder     TEXT,
    epoch      BIGINT      NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bot_id, name)
);
