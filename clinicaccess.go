package backcare

import (
	"encoding/csv"
	"io"
	"strings"
	"time"
)

// Who may do what in a clinic. Each kind of record has one function here,
// table-tested (clinicaccess_test.go); the web app asks them, never its
// own checks. They take what the journal says of the accounts concerned
// (their memberships), so they need no journal themselves.

// MayManageClinics reports whether the account may make clinics and their
// clinicians, and export the audit log: admins only.
func MayManageClinics(a *Account) bool { return a != nil && a.Role == RoleAdmin }

// ClinicianOf returns the staff account's membership as a clinician of
// the clinic, or nil: who may invite patients to it and see its
// dashboard.
func ClinicianOf(staff []*ClinicMember, clinicID string) *ClinicMember {
	for _, m := range staff {
		if m.ClinicID == clinicID && m.Role == InClinicClinician {
			return m
		}
	}
	return nil
}

// PatientOf returns the account's membership as a patient, or nil: an
// account is a patient of one clinic at most.
func PatientOf(ms []*ClinicMember) *ClinicMember {
	for _, m := range ms {
		if m.Role == InClinicPatient {
			return m
		}
	}
	return nil
}

// MayClearThemselves reports whether the account may record, itself, that
// a clinician has checked it after a "see a doctor" or "get help today"
// verdict: everyone but a clinic's patient, whose clinician records it
// (and so the clinic knows).
func MayClearThemselves(ms []*ClinicMember) bool { return PatientOf(ms) == nil }

// MayReadPatient reports whether a member of staff may read a patient's
// records (journal, screenings, programme), and in which clinic: when the
// patient is a patient of a clinic the staff account is a clinician of.
// Nobody reads their own records this way, and an admin's role alone
// reaches no patient: admins run the server, they do not treat.
func MayReadPatient(staffID string, staff []*ClinicMember, patient []*ClinicMember) (clinicID string, ok bool) {
	p := PatientOf(patient)
	if p == nil || p.AccountID == staffID {
		return "", false
	}
	if ClinicianOf(staff, p.ClinicID) == nil {
		return "", false
	}
	return p.ClinicID, true
}

// MayChangePatient reports whether a member of staff may change what the
// clinic keeps for a patient (the programme, acknowledgements,
// clearances), and in which clinic. It is the same reach as reading: the
// clinicians of a clinic share its patients.
func MayChangePatient(staffID string, staff []*ClinicMember, patient []*ClinicMember) (clinicID string, ok bool) {
	return MayReadPatient(staffID, staff, patient)
}

// MayJoinAsPatient says whether an account may accept an invitation to
// the clinic: a person's account that is no patient of any clinic yet and
// no clinician of this one. The error says why not, in plain words.
func MayJoinAsPatient(a *Account, ms []*ClinicMember, clinicID string) error {
	switch {
	case a == nil:
		return Errorf(ENOTFOUND, "sign in to accept the invitation")
	case a.Role != RolePerson:
		return Errorf(ECONFLICT, "a %s's account can't join a clinic as a patient", a.Role).
			WithHint("sign in with the patient's own account, or make one")
	case ClinicianOf(ms, clinicID) != nil:
		return Errorf(ECONFLICT, "you are a clinician of this clinic")
	}
	if p := PatientOf(ms); p != nil {
		if p.ClinicID == clinicID {
			return Errorf(ECONFLICT, "you have joined this clinic already")
		}
		return Errorf(ECONFLICT, "you are a patient of another clinic").WithHint("leave it first, on the Your clinic page")
	}
	return nil
}

// AuditCSVHeader names the columns of WriteAuditCSV.
var AuditCSVHeader = []string{"at_utc", "staff", "staff_id", "patient", "patient_id", "clinic", "clinic_id", "action", "what"}

// WriteAuditCSV writes the audit log for the admin, one row per entry and
// patient (a dashboard's entry is as many rows as it names patients):
// names finds an account's or clinic's name by id ("" when it is gone,
// and then the id alone is written).
func WriteAuditCSV(w io.Writer, entries []*AuditEntry, names func(id string) string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(AuditCSVHeader); err != nil {
		return err
	}
	for _, e := range entries {
		for _, p := range e.Patients {
			row := []string{e.At.UTC().Format(time.RFC3339), names(e.StaffID), e.StaffID, names(p), p,
				names(e.ClinicID), e.ClinicID, string(e.Action), e.What}
			for i, v := range row {
				row[i] = spreadsheetSafe(v)
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// spreadsheetSafe keeps a spreadsheet from reading a cell as a formula.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
