package web

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"backcare"
	"backcare/safety"
)

// memJournal is a small in-memory backcare.Journal for the handler tests of
// this package. The end-to-end tests in cmd/backcare use the real SQLite
// journal; this one only needs to behave like it for what web calls.
type memJournal struct {
	*memAccounts
	*memClinics
	mu         sync.Mutex
	sessions   map[string]backcare.Session
	screenings []backcare.Screening
	pegs       []backcare.PEG
	settings   map[string]backcare.Settings
	writes     int // successful writes, to prove that bad input writes nothing
	revisions  map[string]int64
	// clinicReads counts ClinicPatients calls, to see the dashboard's memo.
	clinicReads atomic.Int64

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

// newMemJournal returns an empty journal with the local account, signed
// in on a browser that sends testToken (see do and serve).
func newMemJournal() *memJournal {
	j := &memJournal{memAccounts: newMemAccounts(), sessions: map[string]backcare.Session{},
		settings: map[string]backcare.Settings{}, revisions: map[string]int64{}}
	j.memClinics = newMemClinics(j.memAccounts, func(user string) {
		j.mu.Lock()
		defer j.mu.Unlock()
		j.revisions[user]++
	})
	ctx := context.Background()
	_ = j.AddAccount(ctx, &backcare.Account{ID: backcare.LocalUser, Name: "local", Role: backcare.RolePerson, CreatedAt: testNow.AddDate(0, -1, 0)})
	_ = j.AddSignIn(ctx, &backcare.SignIn{ID: "test-browser", AccountID: backcare.LocalUser, TokenHash: backcare.TokenHash(testToken),
		CreatedAt: testNow.AddDate(0, 0, -1), LastSeenAt: testNow.Add(-time.Minute), ExpiresAt: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), Device: "Chrome on Linux"})
	return j
}

// wrote counts a successful write of a user's record; j.mu is held.
func (j *memJournal) wrote(userID string) {
	j.writes++
	j.revisions[userID]++
}

func (j *memJournal) Revision(_ context.Context, userID string) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.revisions[userID], nil
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
	j.wrote(s.UserID)
	return nil
}

func (j *memJournal) UpdateSession(_ context.Context, userID, id string, change func(*backcare.Session) error) (*backcare.Session, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	s, ok := j.sessions[id]
	if !ok || s.UserID != userID {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "no session %q", id)
	}
	s.Segments = slices.Clone(s.Segments)
	if err := change(&s); err != nil {
		return nil, err
	}
	out := s
	out.Segments = slices.Clone(s.Segments)
	j.sessions[id] = s
	j.wrote(userID)
	return &out, nil
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

func (j *memJournal) AddPEG(_ context.Context, p *backcare.PEG) error {
	if err := p.Validate(); err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.pegs = append(j.pegs, *p)
	j.wrote(p.UserID)
	return nil
}

// setPEGs replaces every check-in.
func (j *memJournal) setPEGs(pegs []backcare.PEG) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.pegs = slices.Clone(pegs)
	j.revisions[backcare.LocalUser]++
	for _, p := range pegs {
		j.revisions[p.UserID]++
	}
}

func (j *memJournal) PEGs(_ context.Context, userID string, f backcare.Filter) ([]*backcare.PEG, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*backcare.PEG
	for _, p := range j.pegs {
		if p.UserID == userID && !p.At.Before(f.Since) && (f.Until.IsZero() || p.At.Before(f.Until)) {
			c := p
			out = append(out, &c)
		}
	}
	slices.SortFunc(out, func(a, b *backcare.PEG) int { return b.At.Compare(a.At) }) // newest first
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (j *memJournal) SaveScreening(_ context.Context, s *backcare.Screening) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range j.screenings {
		if j.screenings[i].ID == s.ID {
			j.screenings[i] = *s
			j.wrote(s.UserID)
			return nil
		}
	}
	j.screenings = append(j.screenings, *s)
	j.wrote(s.UserID)
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
	j.wrote(userID)
	return nil
}

func (j *memJournal) Export(ctx context.Context, userID string) (*backcare.Archive, error) {
	return backcare.CollectArchive(ctx, j, userID, func(_ context.Context, userID string) (backcare.Settings, bool, error) {
		j.mu.Lock()
		defer j.mu.Unlock()
		st, ok := j.settings[userID]
		return st, ok, nil
	})
}

// Import adds the records whose ids are new, as the real journals do.
func (j *memJournal) Import(_ context.Context, a *backcare.Archive) (backcare.ImportResult, error) {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return backcare.ImportResult{}, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	var res backcare.ImportResult
	for _, s := range a.Sessions {
		if old, ok := j.sessions[s.ID]; ok {
			if old.UserID != a.UserID {
				return backcare.ImportResult{}, backcare.Errorf(backcare.ECONFLICT, "the id %s is taken", s.ID)
			}
			continue
		}
		c := *s
		c.Segments = slices.Clone(s.Segments)
		j.sessions[s.ID] = c
		res.Sessions++
	}
	for _, p := range a.PEGs {
		if !slices.ContainsFunc(j.pegs, func(q backcare.PEG) bool { return q.ID == p.ID }) {
			j.pegs = append(j.pegs, *p)
			res.PEGs++
		}
	}
	for _, x := range a.Screenings {
		if !slices.ContainsFunc(j.screenings, func(q backcare.Screening) bool { return q.ID == x.ID }) {
			j.screenings = append(j.screenings, *x)
			res.Screenings++
		}
	}
	if _, ok := j.settings[a.UserID]; !ok && a.Settings != nil {
		j.settings[a.UserID] = *a.Settings
		res.Settings = true
	}
	if res.Total() > 0 {
		j.wrote(a.UserID)
	}
	return res, nil
}
func (j *memJournal) Close() error { return nil }

func (j *memJournal) writeCount() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.writes
}

func (j *memJournal) DeleteSession(_ context.Context, userID, id string, check func(*backcare.Session) error) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	s, ok := j.sessions[id]
	if !ok || s.UserID != userID {
		return backcare.Errorf(backcare.ENOTFOUND, "no session %q", id)
	}
	if check != nil {
		if err := check(&s); err != nil {
			return err
		}
	}
	delete(j.sessions, id)
	j.wrote(userID)
	return nil
}

func (j *memJournal) DeleteAll(_ context.Context, userID string) (backcare.DeleteResult, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var res backcare.DeleteResult
	for id, s := range j.sessions {
		if s.UserID == userID {
			delete(j.sessions, id)
			res.Sessions++
		}
	}
	j.pegs = slices.DeleteFunc(j.pegs, func(p backcare.PEG) bool {
		if p.UserID == userID {
			res.PEGs++
		}
		return p.UserID == userID
	})
	j.screenings = slices.DeleteFunc(j.screenings, func(s backcare.Screening) bool {
		if s.UserID == userID {
			res.Screenings++
		}
		return s.UserID == userID
	})
	if _, ok := j.settings[userID]; ok {
		delete(j.settings, userID)
		res.Settings = true
	}
	if res.Total() > 0 {
		j.wrote(userID)
	}
	return res, nil
}
