-- Version 8: an audit entry names every patient whose records one view
-- read or changed (a dashboard of 200 patients is one row, not 200), in
-- an array with a GIN index for "who looked at this patient". Entries
-- kept before stay as they were, one patient each.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN patients text[];
UPDATE audit_log SET patients = ARRAY[patient_id];
ALTER TABLE audit_log ALTER COLUMN patients SET NOT NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_patients_check CHECK (cardinality(patients) >= 1);
DROP INDEX audit_log_patient;
ALTER TABLE audit_log DROP COLUMN patient_id;
CREATE INDEX audit_log_patients ON audit_log USING gin (patients);
CREATE INDEX audit_log_staff ON audit_log (staff_id, at DESC);

-- +goose Down
-- Back to one row per patient: an entry of several patients becomes as
-- many rows, the first keeping its id.
ALTER TABLE audit_log ADD COLUMN patient_id text;
INSERT INTO audit_log (id, at, staff_id, patients, clinic_id, action, what, patient_id)
    SELECT a.id || '-' || p.n, a.at, a.staff_id, a.patients, a.clinic_id, a.action, a.what, p.patient
    FROM audit_log a, unnest(a.patients) WITH ORDINALITY AS p (patient, n)
    WHERE p.n > 1;
UPDATE audit_log SET patient_id = patients[1] WHERE patient_id IS NULL;
ALTER TABLE audit_log ALTER COLUMN patient_id SET NOT NULL;
DROP INDEX audit_log_staff;
DROP INDEX audit_log_patients;
ALTER TABLE audit_log DROP COLUMN patients;
CREATE INDEX audit_log_patient ON audit_log (patient_id, at DESC);
