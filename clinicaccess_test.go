package backcare_test

import (
	"testing"

	"backcare"
)

func member(clinic, account string, role backcare.ClinicRole) *backcare.ClinicMember {
	return &backcare.ClinicMember{ClinicID: clinic, AccountID: account, Role: role}
}

func TestMayReadPatient(t *testing.T) {
	docA := []*backcare.ClinicMember{member("A", "doc", backcare.InClinicClinician)}
	docAB := append([]*backcare.ClinicMember{member("B", "doc", backcare.InClinicClinician)}, docA...)
	patA := []*backcare.ClinicMember{member("A", "pat", backcare.InClinicPatient)}
	patB := []*backcare.ClinicMember{member("B", "pat", backcare.InClinicPatient)}
	tests := []struct {
		name    string
		staffID string
		staff   []*backcare.ClinicMember
		patient []*backcare.ClinicMember
		want    string
		ok      bool
	}{
		{"clinician of the patient's clinic", "doc", docA, patA, "A", true},
		{"clinician of two clinics", "doc", docAB, patB, "B", true},
		{"clinician of another clinic", "doc", docA, patB, "", false},
		{"a patient of the same clinic", "pat2", []*backcare.ClinicMember{member("A", "pat2", backcare.InClinicPatient)}, patA, "", false},
		{"no clinic at all", "x", nil, patA, "", false},
		{"an account that is no patient", "doc", docA, []*backcare.ClinicMember{member("A", "doc2", backcare.InClinicClinician)}, "", false},
		{"an account in no clinic", "doc", docA, nil, "", false},
		{"oneself", "pat", []*backcare.ClinicMember{member("A", "pat", backcare.InClinicClinician)}, patA, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := backcare.MayReadPatient(tt.staffID, tt.staff, tt.patient)
			if got != tt.want || ok != tt.ok {
				t.Errorf("MayReadPatient = %q, %v, want %q, %v", got, ok, tt.want, tt.ok)
			}
			got, ok = backcare.MayChangePatient(tt.staffID, tt.staff, tt.patient)
			if got != tt.want || ok != tt.ok {
				t.Errorf("MayChangePatient = %q, %v, want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestMayManageClinics(t *testing.T) {
	tests := []struct {
		name string
		a    *backcare.Account
		want bool
	}{
		{"admin", &backcare.Account{Role: backcare.RoleAdmin}, true},
		{"clinician", &backcare.Account{Role: backcare.RoleClinician}, false},
		{"person", &backcare.Account{Role: backcare.RolePerson}, false},
		{"signed out", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backcare.MayManageClinics(tt.a); got != tt.want {
				t.Errorf("MayManageClinics = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClinicianOf(t *testing.T) {
	ms := []*backcare.ClinicMember{member("A", "x", backcare.InClinicPatient), member("B", "x", backcare.InClinicClinician)}
	tests := []struct {
		name, clinic string
		want         bool
	}{
		{"clinician there", "B", true},
		{"patient there", "A", false},
		{"not there", "C", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backcare.ClinicianOf(ms, tt.clinic) != nil; got != tt.want {
				t.Errorf("ClinicianOf(%s) found = %v, want %v", tt.clinic, got, tt.want)
			}
		})
	}
}

func TestMayJoinAsPatient(t *testing.T) {
	person := &backcare.Account{ID: "p", Role: backcare.RolePerson}
	tests := []struct {
		name string
		a    *backcare.Account
		ms   []*backcare.ClinicMember
		want string // error code, "" for yes
	}{
		{"a person in no clinic", person, nil, ""},
		{"signed out", nil, nil, backcare.ENOTFOUND},
		{"a clinician's account", &backcare.Account{Role: backcare.RoleClinician}, nil, backcare.ECONFLICT},
		{"an admin's account", &backcare.Account{Role: backcare.RoleAdmin}, nil, backcare.ECONFLICT},
		{"joined already", person, []*backcare.ClinicMember{member("A", "p", backcare.InClinicPatient)}, backcare.ECONFLICT},
		{"a patient of another clinic", person, []*backcare.ClinicMember{member("B", "p", backcare.InClinicPatient)}, backcare.ECONFLICT},
		{"a clinician of this clinic", person, []*backcare.ClinicMember{member("A", "p", backcare.InClinicClinician)}, backcare.ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backcare.ErrorCode(backcare.MayJoinAsPatient(tt.a, tt.ms, "A")); got != tt.want {
				t.Errorf("MayJoinAsPatient code = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMayClearThemselves(t *testing.T) {
	tests := []struct {
		name string
		ms   []*backcare.ClinicMember
		want bool
	}{
		{"in no clinic", nil, true},
		{"a clinician", []*backcare.ClinicMember{member("A", "x", backcare.InClinicClinician)}, true},
		{"a patient", []*backcare.ClinicMember{member("A", "x", backcare.InClinicPatient)}, false},
		{"a clinician of one, a patient of another", []*backcare.ClinicMember{member("A", "x", backcare.InClinicClinician), member("B", "x", backcare.InClinicPatient)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backcare.MayClearThemselves(tt.ms); got != tt.want {
				t.Errorf("MayClearThemselves = %v, want %v", got, tt.want)
			}
		})
	}
}
