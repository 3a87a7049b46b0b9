package safety

import (
	"strings"
	"testing"
	"time"

	"backcare"
)

// allNo returns a complete set of answers, all no, with the given ids yes.
func allNo(yes ...string) map[string]bool {
	a := make(map[string]bool)
	for _, q := range Questions() {
		a[q.ID] = false
	}
	for _, id := range yes {
		a[id] = true
	}
	return a
}

// TestEveryRedFlag has one row per red-flag rule of CLINICAL.md: a single
// "yes" to it gives the verdict written here (not read from the table, so
// a change to the table fails this test until the row is changed too).
func TestEveryRedFlag(t *testing.T) {
	tests := []struct {
		id      string
		verdict backcare.Verdict
		about   string // a word the question must contain
	}{
		// Urgent: possible cauda equina syndrome.
		{"bladder", backcare.Urgent, "urine"},
		{"bowel", backcare.Urgent, "bowels"},
		{"saddle", backcare.Urgent, "saddle"},
		{"legs", backcare.Urgent, "walking"},
		// See a doctor first.
		{"injury", backcare.Doctor, "accident"},
		{"fragile-bones", backcare.Doctor, "osteoporosis"},
		{"cancer", backcare.Doctor, "cancer"},
		{"weight-loss", backcare.Doctor, "weight"},
		{"unwell", backcare.Doctor, "fever"},
		{"infection-risk", backcare.Doctor, "injected drugs"},
		{"age-onset", backcare.Doctor, "over 50"},
		{"night-pain", backcare.Doctor, "at night"},
		{"leg-pain", backcare.Doctor, "below the knee"},
		{"not-improving", backcare.Doctor, "six weeks"},
	}
	if len(tests) != len(Questions()) {
		t.Fatalf("%d rows for %d questions: every question needs a row", len(tests), len(Questions()))
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			q, ok := QuestionByID(tt.id)
			if !ok {
				t.Fatalf("QuestionByID(%q) found nothing", tt.id)
			}
			if !strings.Contains(q.Text, tt.about) {
				t.Errorf("Text = %q, want it to mention %q", q.Text, tt.about)
			}
			if q.Source == "" || q.Why == "" || !strings.HasSuffix(q.Text, "?") {
				t.Errorf("question %q needs a source, a why and to end in a question mark", q.ID)
			}
			r, err := Evaluate(allNo(tt.id))
			if err != nil {
				t.Fatalf("Evaluate error = %v", err)
			}
			if r.Verdict != tt.verdict {
				t.Errorf("Verdict = %q, want %q", r.Verdict, tt.verdict)
			}
			if len(r.Flags) != 1 || r.Flags[0].ID != tt.id {
				t.Errorf("Flags = %v, want just %q", r.Flags, tt.id)
			}
			if r.Advice.Title != AdviceFor(tt.verdict).Title {
				t.Errorf("Advice.Title = %q, want the %q advice", r.Advice.Title, tt.verdict)
			}
		})
	}
}

// TestVerdicts has a row for every verdict and for how answers combine.
func TestVerdicts(t *testing.T) {
	tests := []struct {
		name  string
		yes   []string
		want  backcare.Verdict
		title string
		flags []string
	}{
		{"all no: go ahead", nil, backcare.GoAhead, "Go ahead, gently", nil},
		{"one doctor flag: see a doctor", []string{"cancer"}, backcare.Doctor, "Please see a doctor before you carry on", []string{"cancer"}},
		{"two doctor flags", []string{"night-pain", "injury"}, backcare.Doctor, "Please see a doctor before you carry on", []string{"injury", "night-pain"}},
		{"one urgent flag: urgent", []string{"saddle"}, backcare.Urgent, "Please get medical help today", []string{"saddle"}},
		{"urgent beats doctor", []string{"not-improving", "bladder"}, backcare.Urgent, "Please get medical help today", []string{"bladder", "not-improving"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Evaluate(allNo(tt.yes...))
			if err != nil {
				t.Fatalf("Evaluate error = %v", err)
			}
			if r.Verdict != tt.want {
				t.Errorf("Verdict = %q, want %q", r.Verdict, tt.want)
			}
			if r.Advice.Title != tt.title {
				t.Errorf("Advice.Title = %q, want %q", r.Advice.Title, tt.title)
			}
			var ids []string
			for _, f := range r.Flags {
				ids = append(ids, f.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.flags, ",") {
				t.Errorf("Flags = %v, want %v (urgent first, in question order)", ids, tt.flags)
			}
			if len(r.Advice.Steps) == 0 || r.Advice.Summary == "" {
				t.Errorf("Advice = %+v, want a summary and steps", r.Advice)
			}
		})
	}
}

// TestAdviceWording checks that each verdict directs without alarming: it
// says what to do, and the milder ones carry the same-day safety net.
func TestAdviceWording(t *testing.T) {
	alarming := []string{"emergency!", "danger", "serious illness", "paralys", "cancer", "!"}
	for _, v := range []backcare.Verdict{backcare.Urgent, backcare.Doctor, backcare.GoAhead} {
		a := AdviceFor(v)
		text := strings.ToLower(a.Title + " " + a.Summary + " " + strings.Join(a.Steps, " "))
		for _, w := range alarming {
			if strings.Contains(text, w) {
				t.Errorf("advice for %q contains %q; inform and direct, don't alarm", v, w)
			}
		}
		if v != backcare.Urgent && !strings.Contains(text, "same day") {
			t.Errorf("advice for %q lacks the same-day safety net", v)
		}
	}
	if !strings.Contains(AdviceFor(backcare.Urgent).Steps[0], "emergency department today") {
		t.Errorf("urgent advice should first say where to go today")
	}
}

func TestEvaluateRefusesIncompleteAnswers(t *testing.T) {
	partial := allNo()
	delete(partial, "saddle")
	delete(partial, "cancer")
	extra := allNo()
	extra["headache"] = true
	tests := []struct {
		name    string
		answers map[string]bool
		want    string
	}{
		{"nothing answered", nil, "unanswered: 1 (bladder)"},
		{"two missing", partial, "3 (saddle), 7 (cancer)"},
		{"unknown question", extra, `unknown safety question "headache"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := NewScreening("u", ReasonFirst, tt.answers, time.Now())
			if s != nil {
				t.Errorf("NewScreening returned a screening to save despite bad answers")
			}
			if backcare.ErrorCode(err) != backcare.EINVALID {
				t.Fatalf("code = %q, want %q (err %v)", backcare.ErrorCode(err), backcare.EINVALID, err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || !strings.Contains(msg, "nothing was saved") {
				t.Errorf("message = %q, want it to contain %q and say nothing was saved", msg, tt.want)
			}
		})
	}
	if _, _, err := NewScreening("u", "because", allNo(), time.Now()); backcare.ErrorCode(err) != backcare.EINVALID {
		t.Errorf("NewScreening with a bad reason: code = %q, want invalid", backcare.ErrorCode(err))
	}
}

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		ok   bool
	}{
		{"y", true, true}, {"YES", true, true}, {" no ", false, true}, {"N", false, true},
		{"", false, false}, {"maybe", false, false}, {"1", false, false}, {"yess", false, false},
	}
	for _, tt := range tests {
		got, err := ParseAnswer(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseAnswer(%q) = %v, %v, want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestNewScreeningAndCheck(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	in := allNo("cancer")
	s, r, err := NewScreening("u", ReasonFirst, in, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Verdict != backcare.Doctor || r.Verdict != backcare.Doctor || s.ID == "" || !s.At.Equal(now) || s.Reason != ReasonFirst {
		t.Errorf("NewScreening = %+v, want a Doctor screening with id, time and reason", s)
	}
	in["cancer"] = false
	if !s.Answers["cancer"] {
		t.Errorf("the saved answers changed with the caller's map; they must be copied")
	}
	if err := CheckScreening(s); err != nil {
		t.Errorf("CheckScreening = %v, want nil", err)
	}
	bad := *s
	bad.Verdict = backcare.GoAhead
	if err := CheckScreening(&bad); err == nil {
		t.Errorf("CheckScreening accepted a verdict that does not match the answers")
	}
}

func TestClear(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	later := at.Add(72 * time.Hour)
	tests := []struct {
		name    string
		s       backcare.Screening
		now     time.Time
		code    string
		cleared bool
	}{
		{"doctor", backcare.Screening{At: at, Verdict: backcare.Doctor}, later, "", true},
		{"urgent", backcare.Screening{At: at, Verdict: backcare.Urgent}, later, "", true},
		{"go ahead has nothing to clear", backcare.Screening{At: at, Verdict: backcare.GoAhead}, later, backcare.EINVALID, false},
		{"twice", backcare.Screening{At: at, Verdict: backcare.Doctor, ClearedAt: later}, later.Add(time.Hour), backcare.ECONFLICT, true},
		{"before the screening", backcare.Screening{At: at, Verdict: backcare.Doctor}, at.Add(-time.Hour), backcare.EINVALID, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			err := Clear(&s, tt.now)
			if backcare.ErrorCode(err) != tt.code {
				t.Errorf("Clear code = %q, want %q (%v)", backcare.ErrorCode(err), tt.code, err)
			}
			if !s.ClearedAt.IsZero() != tt.cleared {
				t.Errorf("ClearedAt = %v, want set %v", s.ClearedAt, tt.cleared)
			}
		})
	}
}

func pain(n int) *int { return &n }

func TestCheck(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	d := func(days int) time.Time { return t0.Add(time.Duration(days) * 24 * time.Hour) }
	scr := func(at time.Time, v backcare.Verdict, yes ...string) *backcare.Screening {
		return &backcare.Screening{At: at, Verdict: v, Answers: allNo(yes...)}
	}
	cleared := func(s *backcare.Screening, at time.Time) *backcare.Screening { s.ClearedAt = at; return s }
	calm := &backcare.Session{StartedAt: d(2), Status: backcare.Completed, PainBefore: pain(4), PainAfter: pain(3)}
	flare := &backcare.Session{StartedAt: d(3), Status: backcare.Completed, PainBefore: pain(3), PainAfter: pain(6)}
	stopped := &backcare.Session{StartedAt: d(3), Status: backcare.StoppedForPain}

	tests := []struct {
		name       string
		screenings []*backcare.Screening
		sessions   []*backcare.Session
		now        time.Time
		gate       Gate
		reason     string
		why        string
	}{
		{"no screening yet", nil, nil, d(0), ScreenFirst, ReasonFirst, "first session"},
		{"fresh go-ahead", []*backcare.Screening{scr(d(0), backcare.GoAhead)}, []*backcare.Session{calm}, d(5), Open, "", "up to date"},
		{"four weeks later", []*backcare.Screening{scr(d(0), backcare.GoAhead)}, nil, d(28), ScreenFirst, ReasonPeriodic, "four weeks"},
		{"a day short of four weeks", []*backcare.Screening{scr(d(0), backcare.GoAhead)}, nil, d(27), Open, "", ""},
		{"after a flare", []*backcare.Screening{scr(d(0), backcare.GoAhead)}, []*backcare.Session{calm, flare}, d(4), ScreenFirst, ReasonFlare, "from 3 to 6"},
		{"after a stop for pain", []*backcare.Screening{scr(d(0), backcare.GoAhead)}, []*backcare.Session{stopped}, d(4), ScreenFirst, ReasonFlare, "stopped a session for pain"},
		{"flare already re-screened", []*backcare.Screening{scr(d(0), backcare.GoAhead), scr(d(4), backcare.GoAhead)}, []*backcare.Session{flare}, d(5), Open, "", ""},
		{"urgent", []*backcare.Screening{scr(d(0), backcare.Urgent, "bowel")}, nil, d(0), SeekCare, "", "no session is offered"},
		{"urgent, then all clear answers but no clearance", []*backcare.Screening{scr(d(0), backcare.Urgent, "bowel"), scr(d(2), backcare.GoAhead)}, nil, d(2), NeedClearance, "", "clinician has seen you"},
		{"urgent, cleared", []*backcare.Screening{cleared(scr(d(0), backcare.Urgent, "bowel"), d(1)), scr(d(2), backcare.GoAhead)}, nil, d(3), Open, "", ""},
		{"doctor, not cleared", []*backcare.Screening{scr(d(0), backcare.Doctor, "injury")}, nil, d(1), NeedClearance, "", "doctor's look"},
		{"doctor, cleared", []*backcare.Screening{cleared(scr(d(0), backcare.Doctor, "injury"), d(1))}, nil, d(2), Open, "", "cleared you on"},
		{"doctor, cleared, then the same lasting answer", []*backcare.Screening{cleared(scr(d(0), backcare.Doctor, "cancer"), d(1)), scr(d(29), backcare.Doctor, "cancer")}, nil, d(30), Open, "", "already cleared"},
		{"doctor, cleared, then a new answer", []*backcare.Screening{cleared(scr(d(0), backcare.Doctor, "cancer"), d(1)), scr(d(29), backcare.Doctor, "cancer", "injury")}, nil, d(30), NeedClearance, "", ""},
		{"doctor, cleared, then the same changing answer", []*backcare.Screening{cleared(scr(d(0), backcare.Doctor, "unwell"), d(1)), scr(d(29), backcare.Doctor, "unwell")}, nil, d(30), NeedClearance, "", ""},
		{"doctor, cleared, due after four weeks", []*backcare.Screening{cleared(scr(d(0), backcare.Doctor, "injury"), d(1))}, nil, d(28), ScreenFirst, ReasonPeriodic, ""},
		{"a screening in the future is ignored", []*backcare.Screening{scr(d(9), backcare.GoAhead)}, nil, d(0), ScreenFirst, ReasonFirst, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Check(tt.screenings, tt.sessions, tt.now)
			if st.Gate != tt.gate {
				t.Errorf("Gate = %q, want %q (why: %s)", st.Gate, tt.gate, st.Why)
			}
			if tt.gate == ScreenFirst && st.Reason != tt.reason {
				t.Errorf("Reason = %q, want %q", st.Reason, tt.reason)
			}
			if st.SessionAllowed() != (tt.gate == Open) {
				t.Errorf("SessionAllowed = %v with gate %q", st.SessionAllowed(), st.Gate)
			}
			if st.Why == "" || !strings.Contains(st.Why, tt.why) {
				t.Errorf("Why = %q, want it to contain %q", st.Why, tt.why)
			}
			if tt.gate == ScreenFirst && (!strings.Contains(st.Due, "about two minutes") || strings.Contains(st.Due, "safety questions")) {
				t.Errorf("Due = %q, want how long the questions take, without naming them again", st.Due)
			}
			if (tt.gate == SeekCare || tt.gate == NeedClearance) && st.Blocking == nil {
				t.Errorf("Blocking = nil, want the screening that needs clearing")
			}
		})
	}
}

func TestStopRulesAndAfterStop(t *testing.T) {
	rules := StopRules()
	if len(rules) < 4 {
		t.Fatalf("StopRules has %d rules, want the sharp-pain, nerve, building-pain and dizziness rules at least", len(rules))
	}
	for _, r := range rules {
		if r.ID == "" || r.Sign == "" || r.Do == "" || r.Source == "" {
			t.Errorf("stop rule %+v lacks an id, sign, action or source", r)
		}
	}
	a := AfterStop()
	if !strings.Contains(a.Title, "right thing") || len(a.Steps) == 0 {
		t.Errorf("AfterStop = %+v, want reassurance and steps", a)
	}
}
