-- Version 7: a clinic's own poses and routines.
--
-- Each row is one pose or routine that a clinic's clinicians wrote: the
-- catalog file (YAML) that defines it, as the catalog validated it, with
-- its name for lists. version counts the saves, so that a save or delete
-- that started from an older version is refused rather than overwriting
-- another clinician's work. The clinic's patients play its routines, and
-- their Today names them, so a change moves every patient's revision of
-- the clinic (the triggers at the end).

-- +goose Up
CREATE TABLE clinic_docs (
    clinic_id  TEXT    NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind = 'pose' OR kind = 'routine'),
    id         TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (clinic_id, kind, id)
) STRICT;

-- +goose StatementBegin
CREATE TRIGGER clinic_docs_revise_insert AFTER INSERT ON clinic_docs BEGIN
    INSERT INTO revisions (user_id, n)
        SELECT account_id, 1 FROM clinic_members WHERE clinic_id = NEW.clinic_id AND role = 'patient'
        ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clinic_docs_revise_update AFTER UPDATE ON clinic_docs BEGIN
    INSERT INTO revisions (user_id, n)
        SELECT account_id, 1 FROM clinic_members WHERE clinic_id = NEW.clinic_id AND role = 'patient'
        ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clinic_docs_revise_delete AFTER DELETE ON clinic_docs BEGIN
    INSERT INTO revisions (user_id, n)
        SELECT account_id, 1 FROM clinic_members WHERE clinic_id = OLD.clinic_id AND role = 'patient'
        ON CONFLICT (user_id) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER clinic_docs_revise_insert;
DROP TRIGGER clinic_docs_revise_update;
DROP TRIGGER clinic_docs_revise_delete;
DROP TABLE clinic_docs;
