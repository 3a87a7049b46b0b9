package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"backcare"
	"backcare/safety"
)

// person is one journal and one clock, in London, for the commands of the
// programme: check, today, peg and schedule.
type person struct {
	t   *testing.T
	env map[string]string
}

func newPerson(t *testing.T) *person {
	dir := t.TempDir()
	p := &person{t: t, env: map[string]string{
		"BACKCARE_CATALOG":  filepath.Join(dir, "catalog"),
		"BACKCARE_DATABASE": filepath.Join(dir, "journal.db"),
		"TZ":                "Europe/London",
	}}
	return p.at("2026-03-27T08:00:00Z") // Friday, before the clocks go forward
}

// at sets the clock through SOURCE_DATE_EPOCH, which app.now reads.
func (p *person) at(rfc3339 string) *person {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		p.t.Fatal(err)
	}
	p.env["SOURCE_DATE_EPOCH"] = strconv.FormatInt(t.Unix(), 10)
	return p
}

// run runs backcare with stdin.
func (p *person) run(stdin string, args ...string) result {
	p.t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return p.env[k] }, strings.NewReader(stdin), &stdout, &stderr)
	code := report(err, &stderr)
	return result{stdout.String(), stderr.String(), code}
}

// archive exports the journal.
func (p *person) archive() map[string]json.RawMessage {
	p.t.Helper()
	r := p.run("", "journal", "export")
	if r.code != 0 {
		p.t.Fatalf("export: %s", r.stderr)
	}
	var a map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		p.t.Fatalf("export is not JSON: %v", err)
	}
	return a
}

// count returns how many records of a kind the journal holds.
func (p *person) count(kind string) int {
	p.t.Helper()
	for k, v := range p.archive() {
		if strings.EqualFold(strings.ReplaceAll(k, "_", ""), kind) {
			var list []json.RawMessage
			if err := json.Unmarshal(v, &list); err != nil {
				return 0
			}
			return len(list)
		}
	}
	return 0
}

func answers(yes ...int) string {
	var b strings.Builder
	for i := 1; i <= 14; i++ {
		a := "n"
		for _, y := range yes {
			if y == i {
				a = "y"
			}
		}
		b.WriteString(a + "\n")
	}
	return b.String()
}

func TestCheckGoAhead(t *testing.T) {
	p := newPerson(t)
	r := p.run("", "today")
	if r.code != 0 || !strings.Contains(r.stdout, "First: `backcare check`") {
		t.Fatalf("today before any check: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The empty journal's Today names the safety questions once, with one
	// duration.
	if n := strings.Count(strings.Join(strings.Fields(r.stdout), " "), "safety questions"); n != 1 {
		t.Errorf("today names the safety questions %d times, want once:\n%s", n, r.stdout)
	}
	if strings.Contains(r.stdout, "about a minute") {
		t.Errorf("today gives a second duration for the questions:\n%s", r.stdout)
	}
	r = p.run(answers(), "check")
	if r.code != 0 {
		t.Fatalf("check: code %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"14 of 14.", "Go ahead, gently", "about 5 out of 10"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
	if n := p.count("screenings"); n != 1 {
		t.Errorf("screenings saved = %d, want 1", n)
	}
	r = p.run("", "today")
	if r.code != 0 || strings.Contains(r.stdout, "First: `backcare check`") || !strings.Contains(r.stdout, "[ ] Lower back relief") {
		t.Errorf("today after the check:\n%s%s", r.stdout, r.stderr)
	}
	// today records the start of the programme once, however often it runs.
	if n := p.count("phasechanges"); n != 1 {
		t.Errorf("phase changes = %d after two runs of today, want 1", n)
	}
}

func TestCheckRefusesBadAnswers(t *testing.T) {
	tests := []struct {
		name, stdin, want string
	}{
		{"an answer out of range", "n\nn\nmaybe\n" + strings.Repeat("n\n", 11), `question 3: "maybe" is not an answer`},
		{"answers stop early", "n\nn\nn\n", "the answers stopped at question 4 of 14, so nothing was saved"},
		{"no answers", "", "stopped at question 1 of 14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPerson(t)
			r := p.run(tt.stdin, "check")
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("code %d, stderr %q; want 2 and %q", r.code, r.stderr, tt.want)
			}
			if !strings.Contains(r.stderr, "nothing was saved") {
				t.Errorf("stderr %q does not say nothing was saved", r.stderr)
			}
			if n := p.count("screenings"); n != 0 {
				t.Errorf("screenings saved = %d, want 0", n)
			}
		})
	}
}

// TestCheckEndsEarlyAfterUrgentYes checks that a yes to a "get help today"
// question is answered with the urgent advice even when the answers then
// stop or go wrong: nothing is saved, but the advice is shown.
func TestCheckEndsEarlyAfterUrgentYes(t *testing.T) {
	tests := []struct {
		name, stdin string
		urgent      bool
		flagged     string
	}{
		{"a yes to the first question, then the input ends", "y\n", true, "trouble passing urine"},
		{"a yes to the third, then a typo", "n\nn\ny\nmaybe\n", true, "numbness or tingling between your legs"},
		{"a yes to a doctor question, then the input ends", strings.Repeat("n\n", 6) + "y\n", false, ""},
		{"no yes, then the input ends", "n\nn\n", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPerson(t)
			r := p.run(tt.stdin, "check")
			if r.code != 2 || !strings.Contains(r.stderr, "nothing was saved") {
				t.Errorf("code %d, stderr %q; want 2 and that nothing was saved", r.code, r.stderr)
			}
			got := strings.Join(strings.Fields(r.stdout), " ")
			if shown := strings.Contains(got, "Please get medical help today"); shown != tt.urgent {
				t.Errorf("urgent advice shown = %v, want %v:\n%s", shown, tt.urgent, r.stdout)
			}
			if tt.urgent {
				for _, want := range []string{"emergency department today", "You answered yes to:", tt.flagged, "not saved"} {
					if !strings.Contains(got, want) {
						t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
					}
				}
				if strings.Contains(got, "keeps your sessions paused") {
					t.Errorf("stdout says sessions are paused, but nothing was saved:\n%s", r.stdout)
				}
			}
			if n := p.count("screenings"); n != 0 {
				t.Errorf("screenings saved = %d, want 0", n)
			}
		})
	}
}

func TestUrgentPausesUntilCleared(t *testing.T) {
	p := newPerson(t)
	r := p.run(answers(3), "check") // numbness in the saddle area
	if r.code != 0 || !strings.Contains(r.stdout, "Please get medical help today") || !strings.Contains(r.stdout, "emergency department") {
		t.Fatalf("urgent check:\n%s%s", r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "`backcare check --cleared`") {
		t.Errorf("urgent check does not say how to record a clearance:\n%s", r.stdout)
	}
	r = p.run("", "today")
	if r.code != 0 || !strings.Contains(r.stdout, "Sessions are paused") || strings.Contains(r.stdout, "[ ]") {
		t.Errorf("today after an urgent verdict offers a session:\n%s", r.stdout)
	}
	r = p.run("", "schedule", "--ics")
	if r.code != 2 || !strings.Contains(r.stderr, "paused") {
		t.Errorf("schedule while paused: code %d, %s", r.code, r.stderr)
	}
	// Answering all no does not reopen sessions after an urgent verdict.
	p.at("2026-03-27T09:00:00Z")
	if r = p.run(answers(), "check"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r = p.run("", "today"); !strings.Contains(r.stdout, "Sessions are paused") {
		t.Errorf("an all-clear check reopened sessions without a clearance:\n%s", r.stdout)
	}
	// Saying no to the clearance statement records nothing.
	if r = p.run("n\n", "check", "--cleared"); r.code != 0 || !strings.Contains(r.stdout, "Nothing was recorded") {
		t.Errorf("check --cleared, answered no:\n%s%s", r.stdout, r.stderr)
	}
	p.at("2026-03-28T10:00:00Z")
	r = p.run("y\n", "check", "--cleared")
	if r.code != 0 || !strings.Contains(r.stdout, "Your sessions are open again") {
		t.Fatalf("check --cleared:\n%s%s", r.stdout, r.stderr)
	}
	if r = p.run("", "today"); strings.Contains(r.stdout, "Sessions are paused") || !strings.Contains(r.stdout, "[ ] Lower back relief") {
		t.Errorf("today after the clearance:\n%s", r.stdout)
	}
	if r = p.run("y\n", "check", "--cleared"); r.code != 2 || !strings.Contains(r.stderr, "no safety verdict waiting") {
		t.Errorf("a second --cleared: code %d, %s", r.code, r.stderr)
	}
}

func TestDoctorVerdict(t *testing.T) {
	p := newPerson(t)
	r := p.run(answers(7), "check") // a past cancer
	if r.code != 0 || !strings.Contains(r.stdout, "Please see a doctor before you carry on") || !strings.Contains(r.stdout, "Have you ever had cancer?") {
		t.Fatalf("doctor check:\n%s%s", r.stdout, r.stderr)
	}
	if r = p.run("", "today"); !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "worth a doctor's look") {
		t.Errorf("today after a doctor verdict:\n%s", r.stdout)
	}
}

func TestPEG(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"three answers", "4\n3\n5\n", nil, 0, "Your PEG score this week: 4.0"},
		{"flags", "", []string{"--pain", "5", "--enjoyment", "6", "--activity", "6"}, 0, "5.7"},
		{"an item missing", "4\n3\n", nil, 2, "missing: activity"},
		{"a flag missing", "", []string{"--pain", "5", "--activity", "6"}, 2, "missing: enjoyment"},
		{"out of range", "4\n12\n5\n", nil, 2, "must be a whole number from 0 to 10, not 12, so nothing was saved"},
		{"out of range flag", "", []string{"--pain", "-1", "--enjoyment", "6", "--activity", "6"}, 2, "pain is -1"},
		{"not a number", "four\n", nil, 2, `not "four"`},
		{"a typo from a pipe ends, with the question's own hint", "4\n11\n", nil, 2, "from 0 (not at all) to 10 (completely)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPerson(t)
			r := p.run(tt.stdin, append([]string{"peg"}, tt.args...)...)
			out := r.stdout + r.stderr
			if r.code != tt.code || !strings.Contains(out, tt.want) {
				t.Errorf("code %d, output %q; want %d and %q", r.code, out, tt.code, tt.want)
			}
			want := 0
			if tt.code == 0 {
				want = 1
			}
			if n := p.count("pegs"); n != want {
				t.Errorf("PEGs saved = %d, want %d", n, want)
			}
		})
	}
}

// keyboard is standard input typed by a person at a terminal.
type keyboard struct{ *strings.Reader }

func (keyboard) IsTerminal() bool { return true }

// TestPEGReasksAtATerminal checks that a typo at a terminal asks the same
// question again, with a hint that fits it, as `backcare check` does.
func TestPEGReasksAtATerminal(t *testing.T) {
	tests := []struct {
		name, typed string
		code        int
		score, hint string
	}{
		{"a typo in the first answer", "11\n4\n3\n5\n", 0, "4.0", "Please type a whole number from 0 (no pain) to 10 (pain as bad as you can imagine)"},
		{"a typo in the second answer", "4\n11\n3\n5\n", 0, "4.0", "Please type a whole number from 0 (not at all) to 10 (completely)"},
		{"three typos end it", "4\n11\n12\n13\n", 2, "", "nothing was saved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPerson(t)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{"peg"}, func(k string) string { return p.env[k] }, keyboard{strings.NewReader(tt.typed)}, &stdout, &stderr)
			code := report(err, &stderr)
			out := stdout.String() + stderr.String()
			if code != tt.code || !strings.Contains(out, tt.hint) {
				t.Errorf("code %d, output %q; want %d and %q", code, out, tt.code, tt.hint)
			}
			if tt.score != "" && !strings.Contains(out, "Your PEG score this week: "+tt.score) {
				t.Errorf("output %q, want the score %s", out, tt.score)
			}
			want := 1
			if tt.code != 0 {
				want = 0
			}
			if n := p.count("pegs"); n != want {
				t.Errorf("PEGs saved = %d, want %d", n, want)
			}
		})
	}
}

// TestPEGComparedAWeekApart checks that a new PEG is compared with one
// about a week older or more, never with one from minutes ago.
func TestPEGComparedAWeekApart(t *testing.T) {
	p := newPerson(t)
	r := p.run("6\n6\n6\n", "peg")
	if r.code != 0 || !strings.Contains(r.stdout, "first check-in") {
		t.Fatalf("first PEG: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Minutes later (SOURCE_DATE_EPOCH is whole seconds; the report was
	// 15 ms), a lower answer is not a real improvement.
	p.at("2026-03-27T08:05:00Z")
	r = p.run("4\n4\n4\n", "peg")
	got := strings.Join(strings.Fields(r.stdout), " ")
	if r.code != 0 || strings.Contains(got, "improvement") || strings.Contains(got, "Since ") {
		t.Errorf("a PEG minutes after another was compared with it:\n%s", r.stdout)
	}
	if !strings.Contains(got, "a week or more apart") || !strings.Contains(got, "from 3 April") {
		t.Errorf("second PEG does not say when it will be compared:\n%s", r.stdout)
	}
	// A week later it is compared with the newest a week older or more:
	// the 4.0 of 27 March, not the 6.0.
	p.at("2026-04-03T08:05:00Z")
	r = p.run("3\n3\n3\n", "peg")
	if want := "Since 27 March (4.0): down 1 point: about the same"; r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("a week later: code %d, want %q:\n%s", r.code, want, r.stdout)
	}
}

// TestStrengthDaysAgree checks that `backcare today` offers strength and
// balance on exactly the days the calendar file plans them: Thursday is
// not a strength day against Monday, Wednesday and Friday, and is one
// when BACKCARE_DAYS chooses it.
func TestStrengthDaysAgree(t *testing.T) {
	tests := []struct {
		name, days string
		strength   bool
		byday      string
	}{
		{"the default days", "", false, "BYDAY=MO,WE,FR"},
		{"days chosen with BACKCARE_DAYS", "tue,thu,sat", true, "BYDAY=TU,TH,SA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPerson(t)
			if tt.days != "" {
				p.env["BACKCARE_DAYS"] = tt.days
			}
			// In phase 2 since Monday 23 March, checked that day; today is
			// Thursday 26 March.
			mon := time.Date(2026, 3, 23, 9, 0, 0, 0, time.UTC)
			scr, _, err := safety.NewScreening(backcare.LocalUser, safety.ReasonFirst, noAnswers(), mon)
			if err != nil {
				t.Fatal(err)
			}
			a := backcare.Archive{UserID: backcare.LocalUser, Screenings: []*backcare.Screening{scr},
				PhaseChanges: []*backcare.PhaseChange{{ID: backcare.NewID(), UserID: backcare.LocalUser, At: mon, From: 0, To: 2, Reason: "a test"}}}
			b, err := a.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "journal.json")
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if r := p.run("", "journal", "import", file); r.code != 0 {
				t.Fatalf("import: %s", r.stderr)
			}
			p.at("2026-03-26T08:00:00Z")
			r := p.run("", "today")
			if r.code != 0 {
				t.Fatalf("today: %s", r.stderr)
			}
			if got := strings.Contains(r.stdout, "Core foundation"); got != tt.strength {
				t.Errorf("today on a Thursday offers strength = %v, want %v:\n%s", got, tt.strength, r.stdout)
			}
			r = p.run("", "schedule", "--ics")
			if r.code != 0 || !strings.Contains(r.stdout, tt.byday) {
				t.Errorf("schedule --ics: code %d, want %s in it:\n%s", r.code, tt.byday, r.stderr)
			}
			if strings.Contains(r.stderr, "other days") {
				t.Errorf("schedule warns of other days when they agree: %s", r.stderr)
			}
			// A --days for the calendar alone is named as a difference.
			r = p.run("", "schedule", "--ics", "--days", "sun,tue,thu")
			if r.code != 0 || !strings.Contains(strings.Join(strings.Fields(r.stderr), " "), "set BACKCARE_DAYS=tue,thu,sun") {
				t.Errorf("schedule --days with other days: code %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}

func TestScheduleICS(t *testing.T) {
	p := newPerson(t)
	if r := p.run(answers(), "check"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	out := filepath.Join(t.TempDir(), "plan.ics")
	r := p.run("", "schedule", "--ics", "-o", out, "--at", "07:30", "--weeks", "2")
	if r.code != 0 || !strings.Contains(r.stdout, "Wrote your practice plan for 2 weeks") {
		t.Fatalf("schedule: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("the file does not parse: %v", err)
	}
	ev := cal.Events()
	if len(ev) != 1 {
		t.Fatalf("%d events in phase 1, want the daily routine only", len(ev))
	}
	london, _ := time.LoadLocation("Europe/London")
	set, err := ev[0].RecurrenceSet(london)
	if err != nil {
		t.Fatal(err)
	}
	all := set.All()
	if len(all) != 14 {
		t.Errorf("%d occurrences, want 14 (two weeks from Friday 27 March)", len(all))
	}
	for _, o := range all {
		if l := o.In(london); l.Hour() != 7 || l.Minute() != 30 {
			t.Errorf("an occurrence at %s, want 07:30 London time", l.Format(time.RFC3339))
		}
	}
	if !strings.Contains(string(data), "BEGIN:VTIMEZONE\r\nTZID:Europe/London") || !strings.Contains(string(data), "BEGIN:VALARM") {
		t.Errorf("the file lacks its VTIMEZONE or reminders")
	}

	bad := []struct {
		args []string
		want string
	}{
		{[]string{"--at", "7.30"}, `--at "7.30" is not a time of day`},
		{[]string{"--days", "mon,mon,fri"}, "not a list of different weekdays"},
		{[]string{"--days", "mon,fri"}, "names 2 days"},
		{[]string{"--weeks", "0"}, "--weeks 0 is out of range"},
		{[]string{"--tz", "Mars/Olympus"}, `"Mars/Olympus" is not a time zone`},
		{[]string{"--remind", "soon"}, `--remind "soon"`},
	}
	for _, b := range bad {
		r := p.run("", append([]string{"schedule", "--ics"}, b.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, b.want) || r.stdout != "" {
			t.Errorf("schedule %v: code %d, stderr %q, stdout %d bytes; want 2, %q and nothing written", b.args, r.code, r.stderr, len(r.stdout), b.want)
		}
	}
}

// TestClinicPatientCannotClearThemselves checks that a clinic's patient
// is told their clinician records the clearance, and nothing is saved.
func TestClinicPatientCannotClearThemselves(t *testing.T) {
	p := newPerson(t)
	if r := p.run(answers(3), "check"); r.code != 0 || !strings.Contains(r.stdout, "Please get medical help today") {
		t.Fatalf("urgent check:\n%s%s", r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"clinic", "add", "Riverside Physio"}, {"account", "add", "dr.lee"}, {"clinic", "clinician", "add", "Riverside Physio", "dr.lee"}} {
		if r := p.run("", args...); r.code != 0 {
			t.Fatalf("%s: %s", strings.Join(args, " "), r.stderr)
		}
	}
	j := p.openJournal()
	ctx := context.Background()
	c, err := j.ClinicByName(ctx, "Riverside Physio")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: backcare.LocalUser, Role: backcare.InClinicPatient, JoinedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	before := p.archive()["screenings"]
	r := p.run("y\n", "check", "--cleared")
	if r.code == 0 || !strings.Contains(r.stderr, "as a patient of Riverside Physio, your clinician records") {
		t.Errorf("check --cleared as a clinic's patient: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := p.archive()["screenings"]; string(got) != string(before) {
		t.Errorf("the screenings changed: the patient cleared themselves")
	}
	if r := p.run("", "today"); !strings.Contains(r.stdout, "Sessions are paused") {
		t.Errorf("today after the refused clearance:\n%s", r.stdout)
	}
}
