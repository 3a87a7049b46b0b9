-- Version 8: an audit entry names every patient whose records one view
-- read or changed (a dashboard of 200 patients is one entry, not 200):
-- audit_patients holds one row per entry and patient, for "who looked at
-- this patient". Entries kept before keep their one patient.

-- +goose Up
CREATE TABLE audit_patients (
    entry_id   TEXT NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
    patient_id TEXT NOT NULL,
    PRIMARY KEY (patient_id, entry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_patients_entry ON audit_patients (entry_id);
INSERT INTO audit_patients (entry_id, patient_id) SELECT id, patient_id FROM audit_log;
DROP INDEX audit_log_patient;
ALTER TABLE audit_log DROP COLUMN patient_id;
CREATE INDEX audit_log_staff ON audit_log (staff_id, at DESC);

-- +goose Down
-- Back to one row per patient: an entry of several patients becomes as
-- many rows, the first keeping its id.
ALTER TABLE audit_log ADD COLUMN patient_id TEXT NOT NULL DEFAULT '';
INSERT INTO audit_log (id, at, staff_id, clinic_id, action, what, patient_id)
    SELECT a.id || '-' || p.patient_id, a.at, a.staff_id, a.clinic_id, a.action, a.what, p.patient_id
    FROM audit_log a JOIN audit_patients p ON p.entry_id = a.id
    WHERE p.patient_id > (SELECT min(patient_id) FROM audit_patients WHERE entry_id = a.id);
UPDATE audit_log SET patient_id = (SELECT min(patient_id) FROM audit_patients WHERE entry_id = audit_log.id) WHERE patient_id = '';
DROP INDEX audit_log_staff;
DROP TABLE audit_patients;
CREATE INDEX audit_log_patient ON audit_log (patient_id, at DESC);
