package web

import (
	"context"
	"time"

	"backcare"
	"backcare/programme"
	"backcare/safety"
)

// historyDays is how far back the journal is read for today's plan and the
// safety check: far more than any rule of package programme or safety
// looks at.
const historyDays = 180

// history reads what the programme and the safety rules need.
func (s *server) history(ctx context.Context) (programme.History, error) {
	return s.historyAt(ctx, s.Now())
}

// historyAt is history for a page made as of at: the signed-in person's
// (historyOf, clinic.go, reads anyone's).
func (s *server) historyAt(ctx context.Context, at time.Time) (programme.History, error) {
	return s.historyOf(ctx, userOf(ctx), at)
}

// now is the time in the signed-in person's zone.
func (s *server) now(ctx context.Context) time.Time { return s.Now().In(s.locOf(ctx)) }

// plan is today's plan: the programme's, or, without a programme, the
// catalog's first routine behind the same safety gate.
func (s *server) plan(ctx context.Context, h programme.History) (programme.Plan, error) {
	return s.planAt(h, s.now(ctx))
}

// planAt is plan as of now.
func (s *server) planAt(h programme.History, now time.Time) (programme.Plan, error) {
	// now is in the person's zone (the server's unless they chose one).
	if s.Programme != nil {
		return s.Programme.Today(h, now, now.Location()), nil
	}
	rs := s.routines()
	if len(rs) == 0 {
		return programme.Plan{}, backcare.Errorf(backcare.ENOTFOUND, "there are no routines to play").
			WithHint("check your catalog folder with `backcare validate`")
	}
	return programme.Plan{
		Safety: safety.Check(h.Screenings, h.Sessions, now),
		Why:    []string{rs[0].Purpose},
		Items:  []programme.Item{{RoutineID: rs[0].ID, Name: rs[0].Name, Why: rs[0].Purpose}},
	}, nil
}

// gate is the safety status now.
func (s *server) gate(ctx context.Context, h programme.History) safety.Status {
	return safety.Check(h.Screenings, h.Sessions, s.now(ctx))
}

// unsafe is the error for a session the safety rules do not allow yet.
func unsafe(st safety.Status) error {
	return backcare.Errorf(backcare.EUNSAFE, "a session can't start yet. %s", st.Why).
		WithHint("open the Safety page to answer the questions or to see what to do")
}
