-- Version 4: accounts, and what signs them in.
--
-- An account is a person who signs in; its id is the user_id of their
-- records. The journal made before accounts existed becomes the first
-- account's: the account "local" (backcare.LocalUser, whose records the
-- one-person app has always written) is made, and so is an account for
-- every other user_id found among the records, so that no record is left
-- without one. Such an account is named after its id, in lower case unless
-- that would give two accounts one name; it has no password or passkey yet
-- (`backcare account reset` gives it a way in).
--
-- Passkeys, sign-ins (server-side sessions, kept as the hash of the
-- browser's token), tickets (one-time tokens: sign-in links, phone
-- pairing, WebAuthn challenges) and failed sign-ins belong to accounts,
-- not to journal records: no revision trigger watches them, so signing in
-- leaves the pages a server keeps for a person as they are. Tickets are
-- shared by the replicas, so that a link made by one is redeemed by any.

-- +goose Up
CREATE TABLE accounts (
    id            text        NOT NULL PRIMARY KEY,
    name          text        NOT NULL CONSTRAINT accounts_name_key UNIQUE,
    role          text        NOT NULL CHECK (role IN ('person', 'clinician', 'admin')),
    created_at    timestamptz NOT NULL,
    password_hash text        NOT NULL DEFAULT '', -- argon2id in PHC form; '' for none
    recovery_hash bytea                            -- SHA-256 of the recovery code; NULL for none
);

CREATE TABLE passkeys (
    id           bytea       NOT NULL PRIMARY KEY, -- the credential id
    account_id   text        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         text        NOT NULL DEFAULT '',
    data         bytea,                            -- the web app's, opaque here
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz
);
CREATE INDEX passkeys_account ON passkeys (account_id, created_at, id);

CREATE TABLE sign_ins (
    id           text        NOT NULL PRIMARY KEY,
    account_id   text        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL CONSTRAINT sign_ins_token_hash_key UNIQUE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    device       text        NOT NULL DEFAULT '',
    address      text        NOT NULL DEFAULT ''
);
CREATE INDEX sign_ins_account ON sign_ins (account_id, created_at DESC, id DESC);
CREATE INDEX sign_ins_expires ON sign_ins (expires_at);

CREATE TABLE tickets (
    hash       bytea       NOT NULL PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('signin_link', 'pairing', 'passkey')),
    account_id text        REFERENCES accounts (id) ON DELETE CASCADE, -- NULL: not known yet
    data       bytea,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX tickets_account ON tickets (account_id);
CREATE INDEX tickets_expires ON tickets (expires_at);

CREATE TABLE sign_in_failures (
    key text        NOT NULL, -- an account or a network address
    at  timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);

WITH users (id) AS (
    SELECT 'local'
    UNION SELECT user_id FROM sessions
    UNION SELECT user_id FROM pegs
    UNION SELECT user_id FROM screenings
    UNION SELECT user_id FROM phase_changes
    UNION SELECT user_id FROM settings
)
INSERT INTO accounts (id, name, role, created_at)
    SELECT u.id,
           CASE WHEN (SELECT count(*) FROM users v WHERE lower(v.id) = lower(u.id)) = 1 THEN lower(u.id) ELSE u.id END,
           'person',
           date_trunc('milliseconds', now())
    FROM users u;

-- +goose Down
DROP TABLE sign_in_failures;
DROP TABLE tickets;
DROP TABLE sign_ins;
DROP TABLE passkeys;
DROP TABLE accounts;
