package web

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"backcare"
)

// memClinics is the in-memory backcare.Clinics of memJournal, behaving as
// journaltest requires of the real ones for what the handlers call.
type memClinics struct {
	mu          sync.Mutex
	accounts    *memAccounts
	bump        func(userID string) // moves a patient's revision
	clinics     map[string]backcare.Clinic
	members     []backcare.ClinicMember
	assignments map[[2]string]backcare.Assignment
	acks        []backcare.FlagAck
	clearances  []backcare.Clearance
	audit       []backcare.AuditEntry
	docs        map[string]backcare.ClinicDoc // the clinics' own (clinicown_mem_test.go)
}

func newMemClinics(a *memAccounts, bump func(string)) *memClinics {
	return &memClinics{accounts: a, bump: bump, clinics: map[string]backcare.Clinic{}, assignments: map[[2]string]backcare.Assignment{}}
}

func (m *memClinics) auditLen() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.audit)
}

func (m *memClinics) AddClinic(_ context.Context, c *backcare.Clinic) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c.ID == "" {
		c.ID = backcare.NewID()
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	for _, x := range m.clinics {
		if strings.EqualFold(x.Name, c.Name) || x.ID == c.ID {
			return backcare.Errorf(backcare.ECONFLICT, "there is a clinic named %s already", c.Name)
		}
	}
	m.clinics[c.ID] = *c
	return nil
}

func (m *memClinics) Clinic(_ context.Context, id string) (*backcare.Clinic, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.clinics[id]
	if !ok {
		return nil, notFound("clinic")
	}
	return &c, nil
}

func (m *memClinics) ClinicByName(_ context.Context, name string) (*backcare.Clinic, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.clinics {
		if strings.EqualFold(c.Name, strings.Join(strings.Fields(name), " ")) {
			return &c, nil
		}
	}
	return nil, notFound("clinic")
}

func (m *memClinics) ClinicList(context.Context) ([]*backcare.Clinic, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.Clinic{}
	for _, c := range m.clinics {
		out = append(out, &c)
	}
	slices.SortFunc(out, func(a, b *backcare.Clinic) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out, nil
}

func (m *memClinics) AddMember(ctx context.Context, x *backcare.ClinicMember) error {
	if _, err := m.accounts.Account(ctx, x.AccountID); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	x.Normalize()
	if err := x.Validate(); err != nil {
		return err
	}
	if _, ok := m.clinics[x.ClinicID]; !ok {
		return notFound("clinic")
	}
	if x.Role == backcare.InClinicPatient && !slices.ContainsFunc(m.members, func(y backcare.ClinicMember) bool {
		return y.ClinicID == x.ClinicID && y.Role == backcare.InClinicClinician
	}) {
		return backcare.NoClinician()
	}
	for _, y := range m.members {
		if y.AccountID == x.AccountID && (y.ClinicID == x.ClinicID || (y.Role == backcare.InClinicPatient && x.Role == backcare.InClinicPatient)) {
			return backcare.Errorf(backcare.ECONFLICT, "the account is in a clinic already")
		}
	}
	m.members = append(m.members, *x)
	if x.Role == backcare.InClinicPatient {
		m.bump(x.AccountID)
	}
	return nil
}

func (m *memClinics) Members(_ context.Context, clinicID string) ([]*backcare.ClinicMember, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.ClinicMember{}
	for _, x := range m.members {
		if x.ClinicID == clinicID {
			out = append(out, &x)
		}
	}
	slices.SortStableFunc(out, func(a, b *backcare.ClinicMember) int {
		return strings.Compare(string(a.Role), string(b.Role)) // clinician < patient
	})
	return out, nil
}

func (m *memClinics) Memberships(_ context.Context, accountIDs ...string) ([]*backcare.ClinicMember, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.ClinicMember{}
	for _, x := range m.members {
		if slices.Contains(accountIDs, x.AccountID) {
			out = append(out, &x)
		}
	}
	return out, nil
}

func (m *memClinics) RemoveMember(_ context.Context, clinicID, accountID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := slices.IndexFunc(m.members, func(x backcare.ClinicMember) bool { return x.ClinicID == clinicID && x.AccountID == accountID })
	if i < 0 {
		return notFound("member")
	}
	if m.members[i].Role == backcare.InClinicPatient {
		m.bump(accountID)
	} else if m.stranded(clinicID, accountID) {
		return backcare.LastClinician()
	}
	m.members = slices.Delete(m.members, i, i+1)
	delete(m.assignments, [2]string{clinicID, accountID})
	return nil
}

// stranded says whether taking the clinician out would leave the clinic's
// patients with no clinician.
func (m *memClinics) stranded(clinicID, clinicianID string) bool {
	clinicians, patients := 0, 0
	for _, x := range m.members {
		switch {
		case x.ClinicID != clinicID || x.AccountID == clinicianID:
		case x.Role == backcare.InClinicPatient:
			patients++
		default:
			clinicians++
		}
	}
	return clinicians == 0 && patients > 0
}

func (m *memAccounts) Tickets(_ context.Context, kind backcare.TicketKind, now time.Time) ([]*backcare.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.Ticket{}
	for _, t := range m.tickets {
		if t.Kind == kind && now.Before(t.ExpiresAt) {
			out = append(out, &t)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if !out[a].CreatedAt.Equal(out[b].CreatedAt) {
			return out[a].CreatedAt.After(out[b].CreatedAt)
		}
		return string(out[a].Hash) > string(out[b].Hash)
	})
	return out, nil
}

func (m *memAccounts) PeekTicket(_ context.Context, kind backcare.TicketKind, hash []byte, now time.Time) (*backcare.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tickets[string(hash)]
	if !ok || t.Kind != kind || !now.Before(t.ExpiresAt) {
		return nil, notFound("ticket")
	}
	return &t, nil
}

func (m *memClinics) SaveAssignment(_ context.Context, a *backcare.Assignment) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	if !slices.ContainsFunc(m.members, func(x backcare.ClinicMember) bool { return x.ClinicID == a.ClinicID && x.AccountID == a.PatientID }) {
		return notFound("patient")
	}
	m.assignments[[2]string{a.ClinicID, a.PatientID}] = *a
	m.bump(a.PatientID)
	return nil
}

func (m *memClinics) Assignment(_ context.Context, clinicID, patientID string) (*backcare.Assignment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.assignments[[2]string{clinicID, patientID}]
	if !ok {
		return nil, notFound("assignment")
	}
	return &a, nil
}

func (m *memClinics) AddFlagAck(_ context.Context, f *backcare.FlagAck) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f.ID == "" {
		f.ID = backcare.NewID()
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	m.acks = append(m.acks, *f)
	return nil
}

func (m *memClinics) FlagAcks(_ context.Context, clinicID, patientID string) ([]*backcare.FlagAck, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.FlagAck{}
	for i := len(m.acks) - 1; i >= 0; i-- {
		if f := m.acks[i]; f.ClinicID == clinicID && f.PatientID == patientID {
			out = append(out, &f)
		}
	}
	return out, nil
}

func (m *memClinics) AddClearance(_ context.Context, c *backcare.Clearance) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	if slices.ContainsFunc(m.clearances, func(x backcare.Clearance) bool { return x.ScreeningID == c.ScreeningID }) {
		return backcare.Errorf(backcare.ECONFLICT, "a clearance of this screening is recorded already")
	}
	m.clearances = append(m.clearances, *c)
	m.bump(c.PatientID)
	return nil
}

func (m *memClinics) Clearances(_ context.Context, patientID string) ([]*backcare.Clearance, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.Clearance{}
	for i := len(m.clearances) - 1; i >= 0; i-- {
		if c := m.clearances[i]; c.PatientID == patientID {
			out = append(out, &c)
		}
	}
	return out, nil
}

func (m *memClinics) AddAudit(_ context.Context, entries ...*backcare.AuditEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range entries {
		if e.ID == "" {
			e.ID = backcare.NewID()
		}
		e.Normalize()
		if err := e.Validate(); err != nil {
			return err
		}
	}
	for _, e := range entries {
		m.audit = append(m.audit, *e)
	}
	return nil
}

func (m *memClinics) Audit(_ context.Context, f backcare.AuditFilter) ([]*backcare.AuditEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.AuditEntry{}
	for i := len(m.audit) - 1; i >= 0; i-- {
		e := m.audit[i]
		if (f.PatientID == "" || slices.Contains(e.Patients, f.PatientID)) && (f.StaffID == "" || e.StaffID == f.StaffID) {
			if f.PatientID != "" {
				e.Patients = []string{f.PatientID}
			}
			out = append(out, &e)
		}
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

// openGateFor records a go-ahead screening for the user, as of now.
func (j *memJournal) openGateFor(userID string) {
	_ = j.SaveScreening(context.Background(), &backcare.Screening{ID: backcare.NewID(), UserID: userID,
		At: j.now(), Reason: "manual", Answers: noFlags(), Verdict: backcare.GoAhead})
}

func (j *memJournal) ClinicPatients(ctx context.Context, clinicID string, since time.Time) ([]*backcare.PatientRecords, error) {
	j.clinicReads.Add(1)
	return backcare.CollectClinicPatients(ctx, j, clinicID, since)
}

func (j *memJournal) ClinicVersion(ctx context.Context, clinicID string) (string, error) {
	return backcare.CollectClinicVersion(ctx, j, clinicID)
}
