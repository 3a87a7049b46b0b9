-- Version 6: clinics (see the SQLite migration of the same number for
-- what each table keeps). Invitations are tickets of a new kind,
-- clinic_invite.

-- +goose Up
-- Each person's own time zone (an IANA name; '' for the server's), so that
-- their "today" is theirs, not the server's.
ALTER TABLE accounts ADD COLUMN zone text NOT NULL DEFAULT '';

CREATE TABLE clinics (
    id         text        NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX clinics_name ON clinics (lower(name));

CREATE TABLE clinic_members (
    clinic_id  text        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    account_id text        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('clinician', 'patient')),
    joined_at  timestamptz NOT NULL,
    invited_by text        NOT NULL DEFAULT '',
    PRIMARY KEY (clinic_id, account_id)
);
CREATE INDEX clinic_members_account ON clinic_members (account_id);
CREATE UNIQUE INDEX clinic_members_one_clinic ON clinic_members (account_id) WHERE role = 'patient';

CREATE TABLE assignments (
    clinic_id     text        NOT NULL,
    patient_id    text        NOT NULL,
    clinician_id  text        NOT NULL,
    routines      jsonb       NOT NULL,
    doses         jsonb       NOT NULL,
    excluded      jsonb       NOT NULL,
    swaps         jsonb       NOT NULL,
    days_per_week integer     NOT NULL,
    start         date        NOT NULL,
    note          text        NOT NULL DEFAULT '',
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (clinic_id, patient_id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES clinic_members (clinic_id, account_id) ON DELETE CASCADE
);

CREATE TABLE flag_acks (
    id         text        NOT NULL PRIMARY KEY,
    clinic_id  text        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    patient_id text        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       text        NOT NULL,
    ref        text        NOT NULL,
    note       text        NOT NULL DEFAULT '',
    by_id      text        NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX flag_acks_patient ON flag_acks (clinic_id, patient_id, at DESC, id DESC);

CREATE TABLE clearances (
    screening_id text        NOT NULL PRIMARY KEY,
    clinic_id    text        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    patient_id   text        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    by_id        text        NOT NULL,
    at           timestamptz NOT NULL,
    note         text        NOT NULL DEFAULT ''
);
CREATE INDEX clearances_patient ON clearances (patient_id, at DESC);

CREATE TABLE audit_log (
    id         text        NOT NULL PRIMARY KEY,
    at         timestamptz NOT NULL,
    staff_id   text        NOT NULL,
    patient_id text        NOT NULL,
    clinic_id  text        NOT NULL DEFAULT '',
    action     text        NOT NULL,
    what       text        NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at DESC);

ALTER TABLE tickets DROP CONSTRAINT tickets_kind_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_kind_check CHECK (kind IN ('signin_link', 'pairing', 'passkey', 'clinic_invite'));

-- What the patient's own pages show (their clinic, their programme, a
-- clearance) moves their revision; the trigger's argument names the
-- column that holds the patient's id.
-- +goose StatementBegin
CREATE FUNCTION revise_patient() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    rec jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN rec := to_jsonb(OLD); ELSE rec := to_jsonb(NEW); END IF;
    IF TG_TABLE_NAME = 'clinic_members' AND rec->>'role' <> 'patient' THEN
        RETURN NULL;
    END IF;
    INSERT INTO revisions AS r (user_id, n) VALUES (rec->>TG_ARGV[0], 1)
        ON CONFLICT (user_id) DO UPDATE SET n = r.n + 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER assignments_revise AFTER INSERT OR UPDATE OR DELETE ON assignments FOR EACH ROW EXECUTE FUNCTION revise_patient('patient_id');
CREATE TRIGGER clinic_members_revise AFTER INSERT OR DELETE ON clinic_members FOR EACH ROW EXECUTE FUNCTION revise_patient('account_id');
CREATE TRIGGER clearances_revise AFTER INSERT OR DELETE ON clearances FOR EACH ROW EXECUTE FUNCTION revise_patient('patient_id');

-- +goose Down
DELETE FROM tickets WHERE kind = 'clinic_invite';
ALTER TABLE tickets DROP CONSTRAINT tickets_kind_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_kind_check CHECK (kind IN ('signin_link', 'pairing', 'passkey'));
DROP TABLE audit_log;
DROP TABLE clearances;
DROP TABLE flag_acks;
DROP TABLE assignments;
DROP TABLE clinic_members;
DROP TABLE clinics;
DROP FUNCTION revise_patient();
ALTER TABLE accounts DROP COLUMN zone;
