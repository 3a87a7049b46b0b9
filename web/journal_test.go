package web

import (
	"context"
	"slices"
	"sync"
	"time"

	"backcare"
	"backcare/safety"
)

// memJournal is a small in-memory backcare.Journal for the handler tests of
// this package. The end-to-end tests in cmd/backcare use the real SQLite
// journal; this one only needs to behave like it for what web calls.
type memJournal struct {
	mu         sync.Mutex
	sessions   map[string]backcare.Session
	screenings []backcare.Screening
	settings   map[string]backcare.Settings
	writes     int // successful writes, to prove that bad input writes nothing

	now func() time.Time // the test server's clock
}

// openGate records a screening that lets sessions start, as of now.
func (j *memJournal) openGate() {
	a := map[string]bool{}
	for _, q := range safety.Questions() {
		a[q.ID] = false
	}
	_ = j.SaveScreening(context.Background(), &backcare.Screening{ID: backcare.NewID(), UserID: backcare.LocalUser,
		At: j.now(), Reason: "manual", Answers: a, Verdict: backcare.GoAhead})
}

func newMemJournal() *memJournal {
	return &memJournal{sessions: map[string]backcare.Session{}, settings: map[string]backcare.Settings{}}
}

func (j *memJournal) SaveSession(_ context.Context, s *backcare.Session) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if s.ID == "" {
		s.ID = backcare.NewID()
	}
	c := *s
	c.Segments = slices.Clone(s.Segments)
	j.sessions[s.ID] = c
	j.writes++
	return nil
}

func (j *memJournal) Session(_ context.Context, userID, id string) (*backcare.Session, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	s, ok := j.sessions[id]
	if !ok || s.UserID != userID {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "no session %q", id)
	}
	s.Segments = slices.Clone(s.Segments)
	return &s, nil
}

func (j *memJournal) Sessions(_ context.Context, userID string, f backcare.Filter) ([]*backcare.Session, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*backcare.Session
	for _, s := range j.sessions {
		if s.UserID == userID && !s.StartedAt.Before(f.Since) {
			c := s
			out = append(out, &c)
		}
	}
	slices.SortFunc(out, func(a, b *backcare.Session) int { return b.StartedAt.Compare(a.StartedAt) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (j *memJournal) History(ctx context.Context, userID string, f backcare.Filter) ([]backcare.SessionSummary, error) {
	full, err := j.Sessions(ctx, userID, f)
	out := make([]backcare.SessionSummary, len(full))
	for i, s := range full {
		out[i] = s.Summary()
	}
	return out, err
}

func (j *memJournal) AddPEG(context.Context, *backcare.PEG) error { return nil }
func (j *memJournal) PEGs(context.Context, string, backcare.Filter) ([]*backcare.PEG, error) {
	return nil, nil
}

func (j *memJournal) SaveScreening(_ context.Context, s *backcare.Screening) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range j.screenings {
		if j.screenings[i].ID == s.ID {
			j.screenings[i] = *s
			j.writes++
			return nil
		}
	}
	j.screenings = append(j.screenings, *s)
	j.writes++
	return nil
}

func (j *memJournal) Screenings(_ context.Context, userID string, f backcare.Filter) ([]*backcare.Screening, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*backcare.Screening
	for i := len(j.screenings) - 1; i >= 0; i-- {
		if j.screenings[i].UserID == userID {
			c := j.screenings[i]
			out = append(out, &c)
		}
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (j *memJournal) AddPhaseChange(context.Context, *backcare.PhaseChange) error { return nil }
func (j *memJournal) PhaseChanges(context.Context, string, backcare.Filter) ([]*backcare.PhaseChange, error) {
	return nil, nil
}

func (j *memJournal) Settings(_ context.Context, userID string) (backcare.Settings, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if s, ok := j.settings[userID]; ok {
		return s, nil
	}
	return backcare.DefaultSettings(), nil
}

func (j *memJournal) SaveSettings(_ context.Context, userID string, s backcare.Settings) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.settings[userID] = s
	j.writes++
	return nil
}

func (j *memJournal) Export(context.Context, string) (*backcare.Archive, error) { return nil, nil }
func (j *memJournal) Import(context.Context, *backcare.Archive) (backcare.ImportResult, error) {
	return backcare.ImportResult{}, nil
}
func (j *memJournal) Close() error { return nil }

func (j *memJournal) writeCount() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.writes
}
