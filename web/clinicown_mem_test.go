package web

import (
	"context"
	"sort"

	"backcare"
)

// The in-memory backcare.ClinicDocs of memClinics, behaving as
// journaltest requires of the real ones.

func memDocKey(clinicID string, kind backcare.ClinicDocKind, id string) string {
	return clinicID + "/" + string(kind) + "/" + id
}

// revisePatients moves the revision of each of the clinic's patients
// (m.mu held).
func (m *memClinics) revisePatients(clinicID string) {
	for _, x := range m.members {
		if x.ClinicID == clinicID && x.Role == backcare.InClinicPatient {
			m.bump(x.AccountID)
		}
	}
}

func (m *memClinics) SaveClinicDoc(_ context.Context, d *backcare.ClinicDoc) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d.Normalize()
	if err := d.Validate(); err != nil {
		return err
	}
	if _, ok := m.clinics[d.ClinicID]; !ok {
		return backcare.Errorf(backcare.ENOTFOUND, "there is no clinic %s", d.ClinicID)
	}
	if m.docs == nil {
		m.docs = map[string]backcare.ClinicDoc{}
	}
	k := memDocKey(d.ClinicID, d.Kind, d.ID)
	old, ok := m.docs[k]
	next := *d
	switch {
	case d.Version == 0 && ok:
		return backcare.Errorf(backcare.ECONFLICT, "your clinic has a %s with the id %s already", d.Kind, d.ID)
	case d.Version == 0:
		next.Version, next.CreatedBy, next.CreatedAt = 1, d.UpdatedBy, d.UpdatedAt
	case !ok:
		return backcare.Errorf(backcare.ENOTFOUND, "your clinic has no %s %s", d.Kind, d.ID)
	case old.Version != d.Version:
		return backcare.ErrClinicDocChanged(d.Kind, d.ID)
	default:
		next.Version, next.CreatedBy, next.CreatedAt = old.Version+1, old.CreatedBy, old.CreatedAt
	}
	m.docs[k] = next
	m.revisePatients(d.ClinicID)
	*d = next
	return nil
}

func (m *memClinics) ClinicDoc(_ context.Context, clinicID string, kind backcare.ClinicDocKind, id string) (*backcare.ClinicDoc, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[memDocKey(clinicID, kind, id)]
	if !ok {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "your clinic has no %s %s", kind, id)
	}
	return &d, nil
}

func (m *memClinics) ClinicDocs(_ context.Context, clinicID string) ([]*backcare.ClinicDoc, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []*backcare.ClinicDoc{}
	for _, d := range m.docs {
		if d.ClinicID == clinicID {
			out = append(out, &d)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Kind != out[b].Kind {
			return out[a].Kind == backcare.ClinicPose
		}
		return out[a].ID < out[b].ID
	})
	return out, nil
}

func (m *memClinics) DeleteClinicDoc(_ context.Context, clinicID string, kind backcare.ClinicDocKind, id string, version int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := memDocKey(clinicID, kind, id)
	d, ok := m.docs[k]
	switch {
	case !ok:
		return backcare.Errorf(backcare.ENOTFOUND, "your clinic has no %s %s", kind, id)
	case d.Version != version:
		return backcare.ErrClinicDocChanged(kind, id)
	}
	delete(m.docs, k)
	m.revisePatients(clinicID)
	return nil
}
