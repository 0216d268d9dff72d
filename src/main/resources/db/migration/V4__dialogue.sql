-- The intake conversation of each resident: where it is and what it has gathered. Portable SQL:
-- runs on H2 2.x (embedded default) and PostgreSQL.
--
-- One row per resident, written in the transaction that answers their turn, so a restart or
-- another instance continues it and a turn is applied exactly once. `version` guards against two
-- writers (the line worker already allows one per resident at a time). `slots` is JSON and holds
-- what the resident wrote until their ticket is opened; the privacy feature encrypts it at rest.
CREATE TABLE dialogue_conversation (
    resident_key    VARCHAR(100) PRIMARY KEY,
    state           VARCHAR(100) NOT NULL,
    slots           VARCHAR      NOT NULL,
    version         BIGINT       NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_active_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dialogue_conversation_last_active ON dialogue_conversation (last_active_at);
