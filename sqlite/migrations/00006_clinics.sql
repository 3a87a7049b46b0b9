-- Version 6: clinics.
--
-- A clinic has clinicians and patients (clinic_members). A clinician
-- assigns a patient a programme (assignments: the routines and the
-- clinician's doses, kept as JSON, as the web app and the players read
-- them whole), acknowledges the flags the dashboard raises (flag_acks) and
-- records clearances after a red-flag verdict (clearances). Every read or
-- change of a patient's records by staff is logged (audit_log), and the
-- log outlives the accounts it names. These rows are not journal records,
-- but a patient's membership, programme and clearances show on their own
-- pages, so they move the patient's revision (see the triggers at the
-- end); acknowledgements and the audit log do not. Invitations are tickets of a
-- new kind, clinic_invite: the tickets table is rebuilt to allow it.

-- +goose Up
-- Each person's own time zone (an IANA name; '' for the server's), so that
-- their "today" is theirs, not the server's.
ALTER TABLE accounts ADD COLUMN zone TEXT    NOT NULL DEFAULT '';

CREATE TABLE clinics (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX clinics_name ON clinics (lower(name));

CREATE TABLE clinic_members (
    clinic_id  TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role = 'clinician' OR role = 'patient'),
    joined_at  INTEGER NOT NULL,
    invited_by TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (clinic_id, account_id)
) STRICT;
CREATE INDEX clinic_members_account ON clinic_members (account_id);
-- An account is a patient of one clinic at most.
CREATE UNIQUE INDEX clinic_members_one_clinic ON clinic_members (account_id) WHERE role = 'patient';

CREATE TABLE assignments (
    clinic_id     TEXT    NOT NULL,
    patient_id    TEXT    NOT NULL,
    clinician_id  TEXT    NOT NULL,
    routines      TEXT    NOT NULL, -- JSON list of routine ids
    doses         TEXT    NOT NULL, -- JSON object: pose id -> dose change
    excluded      TEXT    NOT NULL, -- JSON list of pose ids
    swaps         TEXT    NOT NULL, -- JSON object: pose id -> variant id
    days_per_week INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    note          TEXT    NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (clinic_id, patient_id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES clinic_members (clinic_id, account_id) ON DELETE CASCADE
) STRICT;

CREATE TABLE flag_acks (
    id         TEXT    NOT NULL PRIMARY KEY,
    clinic_id  TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    patient_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    ref        TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    by_id      TEXT    NOT NULL,
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX flag_acks_patient ON flag_acks (clinic_id, patient_id, at DESC, id DESC);

CREATE TABLE clearances (
    screening_id TEXT    NOT NULL PRIMARY KEY,
    clinic_id    TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    patient_id   TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    by_id        TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    note         TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX clearances_patient ON clearances (patient_id, at DESC);

CREATE TABLE audit_log (
    id         TEXT    NOT NULL PRIMARY KEY,
    at         INTEGER NOT NULL,
    staff_id   TEXT    NOT NULL,
    patient_id TEXT    NOT NULL,
    clinic_id  TEXT    NOT NULL DEFAULT '',
    action     TEXT    NOT NULL,
    what       TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at DESC);

CREATE TABLE tickets_new (
    hash       BLOB    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind = 'signin_link' OR kind = 'pairing' OR kind = 'passkey' OR kind = 'clinic_invite'),
    account_id TEXT    REFERENCES accounts (id) ON DELETE CASCADE,
    data       BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
INSERT INTO tickets_new SELECT hash, kind, account_id, data, created_at, expires_at FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE INDEX tickets_account ON tickets (account_id);
CREATE INDEX tickets_expires ON tickets (expires_at);

-- What the patient's own pages show (their clinic, their programme, a
-- clearance) moves their revision, so that every replica's kept pages
-- are made again.
-- +goose StatementBegin
CREATE TRIGGER assignments_revise_insert AFTER INSERT ON assignments BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.patient_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER assignments_revise_update AFTER UPDATE ON assignments BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.patient_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER assignments_revise_delete AFTER DELETE ON assignments BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.patient_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clinic_members_revise_insert AFTER INSERT ON clinic_members WHEN NEW.role = 'patient' BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.account_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clinic_members_revise_delete AFTER DELETE ON clinic_members WHEN OLD.role = 'patient' BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.account_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clearances_revise_insert AFTER INSERT ON clearances BEGIN
    INSERT INTO revisions (user_id, n) VALUES (NEW.patient_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clearances_revise_delete AFTER DELETE ON clearances BEGIN
    INSERT INTO revisions (user_id, n) VALUES (OLD.patient_id, 1) ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER assignments_revise_insert;
DROP TRIGGER assignments_revise_update;
DROP TRIGGER assignments_revise_delete;
DROP TRIGGER clinic_members_revise_insert;
DROP TRIGGER clinic_members_revise_delete;
DROP TRIGGER clearances_revise_insert;
DROP TRIGGER clearances_revise_delete;
DELETE FROM tickets WHERE kind = 'clinic_invite';
CREATE TABLE tickets_old (
    hash       BLOB    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind = 'signin_link' OR kind = 'pairing' OR kind = 'passkey'),
    account_id TEXT    REFERENCES accounts (id) ON DELETE CASCADE,
    data       BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
INSERT INTO tickets_old SELECT hash, kind, account_id, data, created_at, expires_at FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_old RENAME TO tickets;
CREATE INDEX tickets_account ON tickets (account_id);
CREATE INDEX tickets_expires ON tickets (expires_at);
DROP TABLE audit_log;
DROP TABLE clearances;
DROP TABLE flag_acks;
DROP TABLE assignments;
DROP TABLE clinic_members;
DROP TABLE clinics;
ALTER TABLE accounts DROP COLUMN zone;
