-- Version 9: each clinic's version, a counter that moves with everything
-- its dashboard shows (ClinicVersion): a change of any of its patients'
-- revisions, names or time zones, a patient joining or leaving, an
-- acknowledgement. Reading it is one row, where working it out from 200
-- patients' revisions was the dashboard's most costly read.
--
-- The revisions trigger runs once per statement, after the statement has
-- taken its rows' locks: every transaction takes patients' revision rows
-- first and its clinic's version row last, so two never wait for each
-- other in opposite order.

-- +goose Up
CREATE TABLE clinic_versions (
    clinic_id text   NOT NULL PRIMARY KEY REFERENCES clinics (id) ON DELETE CASCADE,
    n         bigint NOT NULL DEFAULT 0
);
INSERT INTO clinic_versions (clinic_id) SELECT id FROM clinics;

-- +goose StatementBegin
CREATE FUNCTION add_clinic_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO clinic_versions (clinic_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER clinics_version AFTER INSERT ON clinics FOR EACH ROW EXECUTE FUNCTION add_clinic_version();

-- The clinics whose patients' revisions a statement moved.
-- +goose StatementBegin
CREATE FUNCTION revise_clinics_of_revisions() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE clinic_versions v SET n = v.n + 1
        WHERE v.clinic_id IN (SELECT m.clinic_id FROM changed c JOIN clinic_members m ON m.account_id = c.user_id AND m.role = 'patient');
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER revisions_insert_version AFTER INSERT ON revisions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION revise_clinics_of_revisions();
CREATE TRIGGER revisions_update_version AFTER UPDATE ON revisions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION revise_clinics_of_revisions();

-- A patient's name or time zone (they move no revision).
-- +goose StatementBegin
CREATE FUNCTION revise_clinics_of_account() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE clinic_versions v SET n = v.n + 1
        WHERE v.clinic_id IN (SELECT m.clinic_id FROM clinic_members m WHERE m.account_id = NEW.id AND m.role = 'patient');
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER accounts_version AFTER UPDATE OF name, zone ON accounts FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.zone IS DISTINCT FROM NEW.zone)
    EXECUTE FUNCTION revise_clinics_of_account();

-- A patient joining or leaving, an acknowledgement added or gone: the
-- clinic the row names.
-- +goose StatementBegin
CREATE FUNCTION revise_clinic_of_row() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    rec jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN rec := to_jsonb(OLD); ELSE rec := to_jsonb(NEW); END IF;
    IF TG_TABLE_NAME = 'clinic_members' AND rec->>'role' <> 'patient' THEN
        RETURN NULL;
    END IF;
    UPDATE clinic_versions SET n = n + 1 WHERE clinic_id = rec->>'clinic_id';
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER clinic_members_version AFTER INSERT OR DELETE ON clinic_members FOR EACH ROW EXECUTE FUNCTION revise_clinic_of_row();
CREATE TRIGGER flag_acks_version AFTER INSERT OR DELETE ON flag_acks FOR EACH ROW EXECUTE FUNCTION revise_clinic_of_row();

-- +goose Down
DROP TRIGGER flag_acks_version ON flag_acks;
DROP TRIGGER clinic_members_version ON clinic_members;
DROP FUNCTION revise_clinic_of_row();
DROP TRIGGER accounts_version ON accounts;
DROP FUNCTION revise_clinics_of_account();
DROP TRIGGER revisions_update_version ON revisions;
DROP TRIGGER revisions_insert_version ON revisions;
DROP FUNCTION revise_clinics_of_revisions();
DROP TRIGGER clinics_version ON clinics;
DROP FUNCTION add_clinic_version();
DROP TABLE clinic_versions;
