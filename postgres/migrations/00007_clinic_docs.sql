-- Version 7: a clinic's own poses and routines (see the SQLite migration
-- of the same number for what the table keeps). A change moves the
-- revision of every patient of the clinic.

-- +goose Up
CREATE TABLE clinic_docs (
    clinic_id  text        NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    kind       text        NOT NULL CHECK (kind IN ('pose', 'routine')),
    id         text        NOT NULL,
    name       text        NOT NULL,
    text       text        NOT NULL,
    version    integer     NOT NULL CHECK (version >= 1),
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (clinic_id, kind, id)
);

-- +goose StatementBegin
CREATE FUNCTION revise_clinic_patients() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    clinic text;
BEGIN
    IF TG_OP = 'DELETE' THEN clinic := OLD.clinic_id; ELSE clinic := NEW.clinic_id; END IF;
    INSERT INTO revisions AS r (user_id, n)
        SELECT account_id, 1 FROM clinic_members WHERE clinic_id = clinic AND role = 'patient'
        ON CONFLICT (user_id) DO UPDATE SET n = r.n + 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER clinic_docs_revise AFTER INSERT OR UPDATE OR DELETE ON clinic_docs FOR EACH ROW EXECUTE FUNCTION revise_clinic_patients();

-- +goose Down
DROP TRIGGER clinic_docs_revise ON clinic_docs;
DROP FUNCTION revise_clinic_patients();
DROP TABLE clinic_docs;
