package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"backcare"
	"backcare/safety"
)

// The clinic fixture's accounts, each signed in on a browser with the
// token "token-" + name.
const (
	patNote = "private: my left knee clicks"
	patName = "pat.a"
)

// clinicFixture is two clinics: Riverside (clinician doc.a, patients
// pat.a and pat.a2) and Hillside (clinician doc.b); an admin; a person in
// no clinic. pat.a has a session with a note, a "see a doctor" screening
// and a programme.
type clinicFixture struct {
	base       string
	j          *memJournal
	ids        map[string]string // name -> account id
	a, b       *backcare.Clinic
	screenID   string
	inviteCode string // a current invitation to Riverside, by doc.a
}

func token(name string) string { return "token-" + name }

// doctorAnswers returns answers whose verdict is "see a doctor".
func doctorAnswers(t *testing.T) map[string]bool {
	t.Helper()
	for _, q := range safety.Questions() {
		a := noFlags()
		a[q.ID] = true
		if r, err := safety.Evaluate(a); err == nil && r.Verdict == backcare.Doctor {
			return a
		}
	}
	t.Fatal("no single answer gives a \"see a doctor\" verdict")
	return nil
}

func newClinicFixture(t *testing.T) *clinicFixture {
	t.Helper()
	ts, j := newTestServer(t)
	ctx := t.Context()
	f := &clinicFixture{base: ts.URL, j: j, ids: map[string]string{}}
	for _, acct := range []struct {
		name string
		role backcare.Role
	}{{"admin", backcare.RoleAdmin}, {"doc.a", backcare.RoleClinician}, {"doc.b", backcare.RoleClinician},
		{patName, backcare.RolePerson}, {"pat.a2", backcare.RolePerson}, {"loner", backcare.RolePerson}} {
		a := &backcare.Account{ID: backcare.NewID(), Name: acct.name, Role: acct.role, CreatedAt: testNow.AddDate(0, -2, 0)}
		if err := j.AddAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := j.AddSignIn(ctx, &backcare.SignIn{ID: "browser-" + acct.name, AccountID: a.ID, TokenHash: backcare.TokenHash(token(acct.name)),
			CreatedAt: testNow.AddDate(0, 0, -1), LastSeenAt: testNow.Add(-time.Minute), ExpiresAt: testNow.AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		f.ids[acct.name] = a.ID
	}
	f.a, f.b = &backcare.Clinic{Name: "Riverside", CreatedAt: testNow}, &backcare.Clinic{Name: "Hillside", CreatedAt: testNow}
	for _, c := range []*backcare.Clinic{f.a, f.b} {
		if err := j.AddClinic(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []backcare.ClinicMember{
		{ClinicID: f.a.ID, AccountID: f.ids["doc.a"], Role: backcare.InClinicClinician},
		{ClinicID: f.b.ID, AccountID: f.ids["doc.b"], Role: backcare.InClinicClinician},
		{ClinicID: f.a.ID, AccountID: f.ids[patName], Role: backcare.InClinicPatient, InvitedBy: f.ids["doc.a"]},
		{ClinicID: f.a.ID, AccountID: f.ids["pat.a2"], Role: backcare.InClinicPatient, InvitedBy: f.ids["doc.a"]},
	} {
		m.JoinedAt = testNow.AddDate(0, 0, -20)
		if err := j.AddMember(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	pain := 4
	if err := j.SaveSession(ctx, &backcare.Session{ID: backcare.NewID(), UserID: f.ids[patName], RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: testNow.Add(-26 * time.Hour), EndedAt: testNow.Add(-26*time.Hour + 5*time.Minute), Status: backcare.StoppedForPain, PainBefore: &pain,
		Note: patNote, Segments: []backcare.SegmentResult{}}); err != nil {
		t.Fatal(err)
	}
	scr := &backcare.Screening{ID: backcare.NewID(), UserID: f.ids[patName], At: testNow.Add(-2 * time.Hour), Reason: "flare", Answers: doctorAnswers(t), Verdict: backcare.Doctor}
	if err := j.SaveScreening(ctx, scr); err != nil {
		t.Fatal(err)
	}
	f.screenID = scr.ID
	if err := j.SaveAssignment(ctx, &backcare.Assignment{ClinicID: f.a.ID, PatientID: f.ids[patName], ClinicianID: f.ids["doc.a"],
		Routines: []string{"lower-back-relief"}, DaysPerWeek: 5, Start: testNow.AddDate(0, 0, -7), Note: "Gently.", UpdatedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	f.inviteCode = backcare.NewInviteCode()
	if err := j.AddTicket(ctx, &backcare.Ticket{Hash: backcare.InviteHash(f.inviteCode), Kind: backcare.TicketInvite,
		Data: backcare.Invite{ClinicID: f.a.ID, ClinicianID: f.ids["doc.a"]}.Data(), CreatedAt: testNow, ExpiresAt: testNow.Add(backcare.InviteLife)}); err != nil {
		t.Fatal(err)
	}
	return f
}

// clinicRoutes are the clinic routes that name a clinic or a patient,
// naming Riverside and pat.a: those that only a clinician of Riverside
// (or, for admin routes, an admin) may use.
func (f *clinicFixture) clinicRoutes() []route {
	form := "application/x-www-form-urlencoded"
	pat := f.ids[patName]
	return []route{
		{pattern: "GET /admin/clinics", method: "GET", path: "/admin/clinics"},
		{pattern: "POST /admin/clinics", method: "POST", path: "/admin/clinics", ctype: form, body: "name=Sneaky+Clinic"},
		{pattern: "POST /admin/clinics/{id}/clinicians", method: "POST", path: "/admin/clinics/" + f.a.ID + "/clinicians", ctype: form, body: "name=intruder"},
		{pattern: "GET /admin/audit.csv", method: "GET", path: "/admin/audit.csv"},
		{pattern: "GET /clinic", method: "GET", path: "/clinic"},
		{pattern: "POST /clinic/{clinic}/invites", method: "POST", path: "/clinic/" + f.a.ID + "/invites"},
		{pattern: "GET /clinic/patients/{id}", method: "GET", path: "/clinic/patients/" + pat},
		{pattern: "GET /clinic/patients/{id}/programme", method: "GET", path: "/clinic/patients/" + pat + "/programme"},
		{pattern: "POST /clinic/patients/{id}/programme", method: "POST", path: "/clinic/patients/" + pat + "/programme", ctype: form,
			body: "routine=lower-back-relief&days=3&start=2026-03-01&pose-standing-psoas-lunge=1&hold-standing-psoas-lunge=30"},
		{pattern: "POST /clinic/patients/{id}/flags", method: "POST", path: "/clinic/patients/" + pat + "/flags", ctype: form, body: "kind=red_flag&ref=" + f.screenID + "&note=seen"},
		{pattern: "POST /clinic/patients/{id}/screenings/{sid}/clear", method: "POST", path: "/clinic/patients/" + pat + "/screenings/" + f.screenID + "/clear", ctype: form, body: "note=ok"},
	}
}

// clinicState is everything the clinic routes could write, to prove it
// unchanged.
func (f *clinicFixture) clinicState(t *testing.T) string {
	t.Helper()
	j := f.j
	j.memAccounts.mu.Lock()
	accounts, tickets := len(j.memAccounts.accounts), len(j.memAccounts.tickets)
	j.memAccounts.mu.Unlock()
	scr, _ := j.Screenings(t.Context(), f.ids[patName], backcare.Filter{})
	a, _ := j.Assignment(t.Context(), f.a.ID, f.ids[patName])
	return strings.Join([]string{itoa(j.writeCount()), itoa(j.clinicWrites()), itoa(j.auditLen()), itoa(accounts), itoa(tickets),
		scr[0].ClearedAt.String(), itoa(a.DaysPerWeek)}, " ")
}

// TestClinicIsolation sends every clinic route that names Riverside or
// its patient pat.a as everyone who may not use it: a clinician of
// another clinic, a patient of the same clinic, a person in no clinic,
// the admin (for the clinicians' routes: an admin treats nobody), and a
// signed-out visitor. Each gets 404 or 403 (signed out: the sign-in page
// or 401), sees nothing of pat.a's, and writes nothing, not even to the
// audit log. Then Riverside's clinician uses every route.
func TestClinicIsolation(t *testing.T) {
	f := newClinicFixture(t)
	before := f.clinicState(t)
	secret := regexp.MustCompile(regexp.QuoteMeta(patNote) + "|" + regexp.QuoteMeta(patName) + "|Gently\\.")
	for _, who := range []string{"doc.b", "pat.a2", "loner", "admin", ""} {
		name := who
		if name == "" {
			name = "signed out"
		}
		t.Run(name, func(t *testing.T) {
			tok := ""
			if who != "" {
				tok = token(who)
			}
			for _, r := range f.clinicRoutes() {
				admin := strings.HasPrefix(r.path, "/admin/")
				if who == "admin" && admin {
					continue // the admin's own
				}
				code, hd, body := send(t, f.base, r, tok, "")
				switch {
				case who == "doc.b" && r.pattern == "GET /clinic":
					if code != http.StatusOK { // Hillside's own dashboard, without pat.a
						t.Errorf("%s: status = %d, want 200 (doc.b's own patients)", r.pattern, code)
					}
				case who == "" && r.method == "GET":
					if code != http.StatusSeeOther || !strings.HasPrefix(hd.Get("Location"), "/signin?next=") {
						t.Errorf("%s: status = %d, want 303 to the sign-in page", r.pattern, code)
					}
				case who == "":
					if code != http.StatusUnauthorized {
						t.Errorf("%s: status = %d, want 401", r.pattern, code)
					}
				case code != http.StatusNotFound && code != http.StatusForbidden:
					t.Errorf("%s: status = %d, want 404 or 403", r.pattern, code)
				}
				if secret.MatchString(body) {
					t.Errorf("%s: the answer shows pat.a's records", r.pattern)
				}
			}
			if got := f.clinicState(t); got != before {
				t.Errorf("something was written: state %s, want %s", got, before)
			}
		})
	}

	// An id that exists but is no patient (a clinician's), one that is a
	// patient of another clinic, and one that does not exist: all 404 for
	// Riverside's clinician, and nothing logged.
	for _, id := range []string{f.ids["doc.b"], f.ids["loner"], "no-such-id", "../" + f.ids[patName]} {
		code, _, _ := send(t, f.base, route{method: "GET", path: "/clinic/patients/" + url.PathEscape(id)}, token("doc.a"), "")
		if code != http.StatusNotFound {
			t.Errorf("GET /clinic/patients/%s as doc.a: status = %d, want 404", id, code)
		}
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("looking for patients outside the clinic wrote something: state %s, want %s", got, before)
	}

	// Riverside's clinician may use them all (admin routes aside), and
	// every use is logged.
	for _, r := range f.clinicRoutes() {
		if strings.HasPrefix(r.path, "/admin/") {
			continue
		}
		logged := f.j.auditLen()
		code, hd, body := send(t, f.base, r, token("doc.a"), "")
		if code != http.StatusOK && code != http.StatusSeeOther {
			t.Errorf("%s as doc.a: status = %d, want 200 or 303: %.300s", r.pattern, code, body)
		}
		if code == http.StatusSeeOther && strings.Contains(hd.Get("Location"), "signin") {
			t.Errorf("%s as doc.a: sent to sign in", r.pattern)
		}
		if r.pattern != "POST /clinic/{clinic}/invites" && f.j.auditLen() == logged {
			t.Errorf("%s as doc.a: nothing was logged", r.pattern)
		}
	}
	a, err := f.j.Assignment(context.Background(), f.a.ID, f.ids[patName])
	if err != nil || a.DaysPerWeek != 3 || a.Doses["standing-psoas-lunge"].Hold != 30*time.Second {
		t.Errorf("assignment after doc.a saved it = %+v, %v; want 3 days and a 30 s lunge", a, err)
	}
	// The admin's routes work for the admin.
	for _, r := range f.clinicRoutes() {
		if !strings.HasPrefix(r.path, "/admin/") {
			continue
		}
		if code, _, body := send(t, f.base, r, token("admin"), ""); code != http.StatusOK && code != http.StatusSeeOther {
			t.Errorf("%s as admin: status = %d, want 200 or 303: %.300s", r.pattern, code, body)
		}
	}
}

func itoa(n int) string { return fmt.Sprint(n) }
