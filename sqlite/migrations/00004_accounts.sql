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
-- leaves the pages a server keeps for a person as they are. Roles and
-- kinds are checked with comparisons rather than IN (...) (see version 3).

-- +goose Up
CREATE TABLE accounts (
    id            TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role = 'person' OR role = 'clinician' OR role = 'admin'),
    created_at    INTEGER NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT '', -- argon2id in PHC form; '' for none
    recovery_hash BLOB                         -- SHA-256 of the recovery code; NULL for none
) STRICT;

CREATE TABLE passkeys (
    id           BLOB    NOT NULL PRIMARY KEY, -- the credential id
    account_id   TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL DEFAULT '',
    data         BLOB,                         -- the web app's, opaque here
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE INDEX passkeys_account ON passkeys (account_id, created_at, id);

CREATE TABLE sign_ins (
    id           TEXT    NOT NULL PRIMARY KEY,
    account_id   TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash   BLOB    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    device       TEXT    NOT NULL DEFAULT '',
    address      TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sign_ins_account ON sign_ins (account_id, created_at DESC, id DESC);
CREATE INDEX sign_ins_expires ON sign_ins (expires_at);

CREATE TABLE tickets (
    hash       BLOB    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind = 'signin_link' OR kind = 'pairing' OR kind = 'passkey'),
    account_id TEXT    REFERENCES accounts (id) ON DELETE CASCADE, -- NULL: not known yet
    data       BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX tickets_account ON tickets (account_id);
CREATE INDEX tickets_expires ON tickets (expires_at);

CREATE TABLE sign_in_failures (
    key TEXT    NOT NULL, -- an account or a network address
    at  INTEGER NOT NULL
) STRICT;
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
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM users u;

-- +goose Down
DROP TABLE sign_in_failures;
DROP TABLE tickets;
DROP TABLE sign_ins;
DROP TABLE passkeys;
DROP TABLE accounts;
