package programme

import (
	"sort"
	"time"

	"backcare"
	"backcare/measure"
)

// Clinic mode: what a clinician's dashboard shows of each patient, worked
// out from the patient's journal.

// FlagWindow is how far back sessions raise flags: a stop for pain of
// last month still matters, one of last year does not.
const FlagWindow = 28 * 24 * time.Hour

// NoPracticeAfter is how long without a session raises a flag.
const NoPracticeAfter = 7 * 24 * time.Hour

// Flag is something a clinician should look at.
type Flag struct {
	Kind backcare.FlagKind
	// Ref names what raised it (see backcare.FlagAck.Ref): the session or
	// screening id, or for no practice the last session's id ("none").
	Ref string
	At  time.Time // when it happened
	Why string    // in plain words, for the clinician
}

// Flags returns a patient's flags as of now, newest first: sessions of the
// last FlagWindow stopped for pain or where pain rose (a flare), red-flag
// verdicts not yet cleared, and no session for NoPracticeAfter (counted
// from since, the day they joined or their programme started, if later
// than their last session). sessions may be in any order.
func Flags(sessions []backcare.SessionSummary, screenings []*backcare.Screening, since, now time.Time) []Flag {
	var out []Flag
	var last *backcare.SessionSummary
	for i := range sessions {
		s := &sessions[i]
		if s.StartedAt.After(now) {
			continue
		}
		if s.Status == backcare.Completed || s.Status == backcare.StoppedForPain {
			if last == nil || s.StartedAt.After(last.StartedAt) {
				last = s
			}
		}
		if now.Sub(s.StartedAt) > FlagWindow {
			continue
		}
		full := s.Session()
		switch {
		case s.Status == backcare.StoppedForPain:
			out = append(out, Flag{Kind: backcare.FlagStoppedForPain, Ref: s.ID, At: s.StartedAt, Why: "stopped " + s.RoutineName + " for pain"})
		case measure.Flare(full):
			out = append(out, Flag{Kind: backcare.FlagFlare, Ref: s.ID, At: s.StartedAt,
				Why: "pain went from " + itoa(*s.PainBefore) + " to " + itoa(*s.PainAfter) + " during " + s.RoutineName})
		}
	}
	for _, x := range screenings {
		if (x.Verdict == backcare.Doctor || x.Verdict == backcare.Urgent) && x.ClearedAt.IsZero() && !x.At.After(now) {
			why := `the safety questions said "see a doctor"`
			if x.Verdict == backcare.Urgent {
				why = `the safety questions said "get help today"`
			}
			out = append(out, Flag{Kind: backcare.FlagRedFlag, Ref: x.ID, At: x.At, Why: why})
		}
	}
	from, ref := since, "none"
	if last != nil {
		ref = last.ID
		if last.StartedAt.After(from) {
			from = last.StartedAt
		}
	}
	if !from.IsZero() && now.Sub(from) >= NoPracticeAfter {
		day := from.In(now.Location()).Format("Mon 2 Jan") // in the patient's zone, as now is
		why := "no session since " + day
		if last == nil {
			why = "no session yet, since joining on " + day
		}
		out = append(out, Flag{Kind: backcare.FlagNoPractice, Ref: ref, At: from, Why: why})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out
}

// Unacknowledged returns the flags no acknowledgement answers (same kind
// and Ref).
func Unacknowledged(flags []Flag, acks []*backcare.FlagAck) []Flag {
	seen := map[[2]string]bool{}
	for _, a := range acks {
		seen[[2]string{string(a.Kind), a.Ref}] = true
	}
	var out []Flag
	for _, f := range flags {
		if !seen[[2]string{string(f.Kind), f.Ref}] {
			out = append(out, f)
		}
	}
	return out
}

// Adherence is how many days a patient practised this week against the
// plan.
type Adherence struct {
	Days int // days this week with a session played to the end or stopped for pain
	Plan int // days a week the clinician asked for
}

// WeekAdherence counts the days of this week (Monday to Sunday, in now's
// zone: the patient's) with a session played to the end or stopped for
// pain; stopping because it hurts is the right thing to do.
func WeekAdherence(sessions []backcare.SessionSummary, daysPerWeek int, now time.Time) Adherence {
	y, m, d := now.Date()
	monday := startOfWeek(time.Date(y, m, d, 0, 0, 0, 0, now.Location()))
	days := map[time.Time]bool{}
	for _, s := range sessions {
		if s.Status != backcare.Completed && s.Status != backcare.StoppedForPain {
			continue
		}
		at := s.StartedAt.In(now.Location())
		if at.Before(monday) || at.After(now) {
			continue
		}
		y, m, d := at.Date()
		days[time.Date(y, m, d, 0, 0, 0, 0, now.Location())] = true
	}
	return Adherence{Days: len(days), Plan: daysPerWeek}
}

func itoa(n int) string {
	if n < 0 || n > 10 {
		return "?"
	}
	return []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}[n]
}
