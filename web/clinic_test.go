package web

import (
	"context"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"backcare"
	"backcare/journaltest"
	"backcare/postgres"
	"backcare/safety"
	"backcare/sqlite"
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
	j          *memJournal       // the journal, when it is a memJournal; else nil
	journal    backcare.Journal  // the journal, of whichever kind
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

// newClinicFixture is the clinic fixture on a memJournal.
func newClinicFixture(t *testing.T, opts ...func(*Deps)) *clinicFixture {
	t.Helper()
	return newClinicFixtureOn(t, nil, opts...)
}

// newClinicFixtureOn is the clinic fixture on the journal j (a memJournal
// if j is nil).
func newClinicFixtureOn(t *testing.T, j backcare.Journal, opts ...func(*Deps)) *clinicFixture {
	t.Helper()
	mem := newMemJournal()
	var d Deps
	newTestServerDeps(t, mem, &d)
	if j != nil {
		d.Journal, mem = j, nil
	} else {
		j = mem
	}
	// A chart that writes what it was given, to check a handout.
	d.Chart = func(w io.Writer, r backcare.Routine, h *backcare.Handout) error {
		_, err := io.WriteString(w, "%PDF-1.7\n"+r.Purpose+"\n")
		if h != nil {
			_, err = fmt.Fprintf(w, "%s: for %s, %s %s\n", h.Clinic, h.Patient, h.Often(), h.Note)
		}
		for _, e := range r.Entries {
			_, err = io.WriteString(w, e.Pose.ID+": "+e.Dose.String()+"\n")
		}
		return err
	}
	for _, o := range opts {
		o(&d)
	}
	ts := httptest.NewUnstartedServer(nil)
	d.Hosts = []string{ts.Listener.Addr().String()}
	ts.Config.Handler = NewServer(d)
	ts.Start()
	t.Cleanup(ts.Close)
	ctx := t.Context()
	f := &clinicFixture{base: ts.URL, j: mem, journal: j, ids: map[string]string{}}
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
	f.saveOwn(t)
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
		{pattern: "GET /admin/clinics/{id}/clinicians/{account}/remove", method: "GET", path: "/admin/clinics/" + f.b.ID + "/clinicians/" + f.ids["doc.b"] + "/remove"},
		{pattern: "POST /admin/clinics/{id}/clinicians/{account}/remove", method: "POST", path: "/admin/clinics/" + f.b.ID + "/clinicians/" + f.ids["doc.b"] + "/remove", ctype: form, body: "confirm=yes"},
		{pattern: "GET /admin/audit.csv", method: "GET", path: "/admin/audit.csv"},
		{pattern: "GET /clinic", method: "GET", path: "/clinic"},
		{pattern: "POST /clinic/{clinic}/invites", method: "POST", path: "/clinic/" + f.a.ID + "/invites"},
		{pattern: "GET /clinic/invites/{clinic}", method: "GET", path: "/clinic/invites/" + f.a.ID},
		{pattern: "POST /clinic/invites/{clinic}/{invite}/cancel", method: "POST", path: "/clinic/invites/" + f.a.ID + "/" + hex.EncodeToString(backcare.InviteHash(f.inviteCode)) + "/cancel"},
		{pattern: "GET /clinic/patients/{id}", method: "GET", path: "/clinic/patients/" + pat},
		{pattern: "GET /clinic/patients/{id}/programme", method: "GET", path: "/clinic/patients/" + pat + "/programme"},
		{pattern: "POST /clinic/patients/{id}/programme", method: "POST", path: "/clinic/patients/" + pat + "/programme", ctype: form,
			body: "routine=lower-back-relief&days=3&start=2026-03-01&pose-standing-psoas-lunge=1&hold-standing-psoas-lunge=30"},
		{pattern: "GET /clinic/patients/{id}/handout/{routine}", method: "GET", path: "/clinic/patients/" + pat + "/handout/lower-back-relief"},
		{pattern: "POST /clinic/patients/{id}/flags", method: "POST", path: "/clinic/patients/" + pat + "/flags", ctype: form, body: "kind=red_flag&ref=" + f.screenID + "&note=seen"},
		{pattern: "POST /clinic/patients/{id}/screenings/{sid}/clear", method: "POST", path: "/clinic/patients/" + pat + "/screenings/" + f.screenID + "/clear", ctype: form, body: "note=ok"},
		// The clinic's own poses and routines (clinicown.go): in this order,
		// Riverside's clinician adds a pose, changes it and deletes it.
		{pattern: "GET /clinic-library/{clinic}", method: "GET", path: "/clinic-library/" + f.a.ID},
		{pattern: "GET /clinic-library/{clinic}/new", method: "GET", path: "/clinic-library/" + f.a.ID + "/new?kind=routine"},
		{pattern: "POST /clinic-library/{clinic}", method: "POST", path: "/clinic-library/" + f.a.ID, ctype: form, body: ownPoseForm("sneaky-pose").Encode()},
		{pattern: "GET /clinic-library/{clinic}/{kind}/{id}", method: "GET", path: "/clinic-library/" + f.a.ID + "/pose/" + ownPose},
		{pattern: "POST /clinic-library/{clinic}/{kind}/{id}", method: "POST", path: "/clinic-library/" + f.a.ID + "/pose/sneaky-pose", ctype: form, body: "version=1&" + ownPoseForm("").Encode()},
		{pattern: "POST /clinic-library/{clinic}/{kind}/{id}/delete", method: "POST", path: "/clinic-library/" + f.a.ID + "/pose/sneaky-pose/delete", ctype: form, body: "version=2"},
	}
}

// clinicState is everything the clinic routes could write, to prove it
// unchanged.
func (f *clinicFixture) clinicState(t *testing.T) string {
	t.Helper()
	ctx, j := t.Context(), f.journal
	var out []string
	add := func(what string, v any, err error) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		out = append(out, fmt.Sprintf("%s=%v", what, v))
	}
	// Every record of a person's moves their revision: sessions,
	// screenings, check-ins, settings, clinic membership, programme,
	// clearance.
	for _, name := range []string{"admin", "doc.a", "doc.b", patName, "pat.a2", "loner"} {
		n, err := j.Revision(ctx, f.ids[name])
		add("revision "+name, n, err)
	}
	accts, err := j.AccountList(ctx)
	add("accounts", len(accts), err)
	clinics, err := j.ClinicList(ctx)
	add("clinics", len(clinics), err)
	for _, c := range []*backcare.Clinic{f.a, f.b} {
		ms, err := j.Members(ctx, c.ID)
		add("members "+c.Name, len(ms), err)
		acks, err := j.FlagAcks(ctx, c.ID, f.ids[patName])
		add("acks "+c.Name, len(acks), err)
	}
	tickets, err := j.Tickets(ctx, backcare.TicketInvite, testNow)
	add("invitations", len(tickets), err)
	log, err := j.Audit(ctx, backcare.AuditFilter{})
	add("audit", len(log), err)
	scr, err := j.Screenings(ctx, f.ids[patName], backcare.Filter{})
	add("cleared", scr[0].ClearedAt, err)
	a, err := j.Assignment(ctx, f.a.ID, f.ids[patName])
	add("days", a.DaysPerWeek, err)
	return strings.Join(out, ", ")
}

// TestClinicIsolation sends every clinic route that names Riverside or
// its patient pat.a as everyone who may not use it: a clinician of
// another clinic, a patient of the same clinic, a person in no clinic,
// the admin (for the clinicians' routes: an admin treats nobody), and a
// signed-out visitor. Each gets 404 or 403 (signed out: the sign-in page
// or 401), sees nothing of pat.a's, and writes nothing, not even to the
// audit log. Then Riverside's clinician uses every route.
//
// It runs on each kind of journal: in memory, SQLite and (when
// BACKCARE_TEST_POSTGRES names a database) PostgreSQL.
func TestClinicIsolation(t *testing.T) {
	kinds := []struct {
		name string
		open func(t *testing.T) backcare.Journal
	}{
		{"memory", func(*testing.T) backcare.Journal { return nil }},
		{"sqlite", func(t *testing.T) backcare.Journal {
			j, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "journal.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = j.Close() })
			return j
		}},
		{"postgres", func(t *testing.T) backcare.Journal {
			j, err := postgres.Open(t.Context(), journaltest.PostgresSchema(t, journaltest.PostgresDSN(t)))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = j.Close() })
			return j
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) { testClinicIsolation(t, newClinicFixtureOn(t, k.open(t))) })
	}
}

func testClinicIsolation(t *testing.T, f *clinicFixture) {
	before := f.clinicState(t)
	secret := regexp.MustCompile(regexp.QuoteMeta(patNote) + "|" + regexp.QuoteMeta(patName) + `\b|Gently\.|` + ownPoseName)
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
		logged := f.auditLen(t)
		code, hd, body := send(t, f.base, r, token("doc.a"), "")
		if code != http.StatusOK && code != http.StatusSeeOther {
			t.Errorf("%s as doc.a: status = %d, want 200 or 303: %.300s", r.pattern, code, body)
		}
		if code == http.StatusSeeOther && strings.Contains(hd.Get("Location"), "signin") {
			t.Errorf("%s as doc.a: sent to sign in", r.pattern)
		}
		// Invitations and the clinic's own poses and routines are not a
		// patient's records.
		if !strings.Contains(r.pattern, "invites") && !strings.Contains(r.pattern, "/clinic-library/") && f.auditLen(t) == logged {
			t.Errorf("%s as doc.a: nothing was logged", r.pattern)
		}
	}
	a, err := f.journal.Assignment(context.Background(), f.a.ID, f.ids[patName])
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

// auditLen is the length of the audit log.
func (f *clinicFixture) auditLen(t *testing.T) int {
	t.Helper()
	log, err := f.journal.Audit(t.Context(), backcare.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(log)
}

// get sends a GET as the named account and returns the status and body.
func (f *clinicFixture) get(t *testing.T, who, path string) (int, string) {
	t.Helper()
	code, _, body := send(t, f.base, route{method: "GET", path: path}, token(who), "")
	return code, body
}

// post sends a form as the named account and returns the status, the
// redirect and the body.
func (f *clinicFixture) post(t *testing.T, who, path string, form url.Values) (int, string, string) {
	t.Helper()
	code, hd, body := send(t, f.base, route{method: "POST", path: path, ctype: "application/x-www-form-urlencoded", body: form.Encode()}, token(who), "")
	return code, hd.Get("Location"), body
}

// TestJoinAndLeave follows a patient from an invitation to leaving.
func TestJoinAndLeave(t *testing.T) {
	f := newClinicFixture(t)
	code, body := f.get(t, "loner", "/join?code="+url.QueryEscape(strings.ToLower(f.inviteCode)))
	if code != http.StatusOK || !strings.Contains(body, "Riverside invites you") || !strings.Contains(body, "doc.a") {
		t.Fatalf("GET /join with the code = %d, want the invitation named:\n%.500s", code, body)
	}
	tests := []struct {
		name string
		who  string
		code string
		want int
		text string
	}{
		{"no code", "loner", "", http.StatusBadRequest, "the code from your handout"},
		{"a wrong code", "loner", "AAAA-BBBB-CCCC", http.StatusNotFound, "not a current invitation"},
		{"a clinician's account", "doc.b", f.inviteCode, http.StatusConflict, "can't join a clinic as a patient"},
		{"a patient of the clinic already", "pat.a2", f.inviteCode, http.StatusConflict, "joined this clinic already"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.clinicState(t)
			code, _, body := f.post(t, tt.who, "/join", url.Values{"code": {tt.code}})
			if code != tt.want || !strings.Contains(body, html.EscapeString(tt.text)) {
				t.Errorf("POST /join = %d, want %d with %q:\n%.400s", code, tt.want, tt.text, body)
			}
			if got := f.clinicState(t); got != before {
				t.Errorf("a refused join wrote something: %s, want %s", got, before)
			}
		})
	}
	code, loc, _ := f.post(t, "loner", "/join", url.Values{"code": {" " + strings.ToLower(f.inviteCode) + " "}})
	if code != http.StatusSeeOther || loc != "/my-clinic?saved=joined" {
		t.Fatalf("POST /join = %d to %q, want 303 to /my-clinic", code, loc)
	}
	if code, body := f.get(t, "loner", "/my-clinic"); code != 200 || !strings.Contains(body, "Riverside") || !strings.Contains(body, "Nobody at the clinic has looked yet") {
		t.Errorf("Your clinic after joining = %d:\n%.600s", code, body)
	}
	// The code works once.
	if code, _, body := f.post(t, "pat.a2", "/join", url.Values{"code": {f.inviteCode}}); code != http.StatusNotFound {
		t.Errorf("the code a second time = %d, want 404: %.300s", code, body)
	}
	// Riverside's clinician now sees loner, and loner sees who looked.
	if code, body := f.get(t, "doc.a", "/clinic/patients/"+f.ids["loner"]); code != 200 || !strings.Contains(body, "loner") {
		t.Errorf("doc.a's page of the new patient = %d", code)
	}
	if _, body := f.get(t, "loner", "/my-clinic"); !strings.Contains(body, "<strong>doc.a</strong> opened your records") {
		t.Errorf("Your clinic does not say doc.a looked:\n%.2000s", body)
	}
	// Leaving keeps the journal, and the clinic no longer reaches it.
	pain := 3
	if err := f.j.SaveSession(t.Context(), &backcare.Session{ID: backcare.NewID(), UserID: f.ids["loner"], RoutineID: "lower-back-relief",
		StartedAt: testNow.Add(-time.Hour), Status: backcare.Completed, PainBefore: &pain, Segments: []backcare.SegmentResult{}}); err != nil {
		t.Fatal(err)
	}
	if code, loc, _ := f.post(t, "loner", "/my-clinic/leave", nil); code != http.StatusSeeOther || loc != "/my-clinic?saved=left" {
		t.Errorf("leave = %d to %q", code, loc)
	}
	if code, _ := f.get(t, "doc.a", "/clinic/patients/"+f.ids["loner"]); code != http.StatusNotFound {
		t.Errorf("doc.a's page of a patient who left = %d, want 404", code)
	}
	if ss, _ := f.j.Sessions(t.Context(), f.ids["loner"], backcare.Filter{}); len(ss) != 1 {
		t.Errorf("sessions after leaving = %d, want the 1 kept", len(ss))
	}
	if code, _, _ := f.post(t, "loner", "/my-clinic/leave", nil); code != http.StatusNotFound {
		t.Errorf("leaving again = %d, want 404", code)
	}
}

// TestJoinAClinicWithNoClinician checks that an invitation made before a
// clinic's last clinician left takes no patient in: no one would see
// their flags. The invitation stays, for when the clinic has staff again.
func TestJoinAClinicWithNoClinician(t *testing.T) {
	f := newClinicFixture(t)
	code := backcare.NewInviteCode()
	if err := f.journal.AddTicket(t.Context(), &backcare.Ticket{Hash: backcare.InviteHash(code), Kind: backcare.TicketInvite,
		Data: backcare.Invite{ClinicID: f.b.ID, ClinicianID: f.ids["doc.b"]}.Data(), CreatedAt: testNow, ExpiresAt: testNow.Add(backcare.InviteLife)}); err != nil {
		t.Fatal(err)
	}
	if err := f.journal.RemoveMember(t.Context(), f.b.ID, f.ids["doc.b"]); err != nil {
		t.Fatal(err) // Hillside has no patients, so its last clinician may go
	}
	before := f.clinicState(t)
	status, _, body := f.post(t, "loner", "/join", url.Values{"code": {code}})
	if want := "no clinician at the moment"; status != http.StatusConflict || !strings.Contains(body, want) {
		t.Errorf("POST /join to a clinic with no clinician = %d, want 409 with %q:\n%.400s", status, want, body)
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("the refused join wrote something: %s, want %s", got, before)
	}
	if _, err := f.journal.PeekTicket(t.Context(), backcare.TicketInvite, backcare.InviteHash(code), testNow); err != nil {
		t.Errorf("the invitation after the refused join: %v, want it kept", err)
	}
}

// TestAssignedProgramme checks that a patient's Today and both the player
// page and the timeline play the clinician's doses.
func TestAssignedProgramme(t *testing.T) {
	f := newClinicFixture(t)
	f.j.openGateFor(f.ids[patName])
	form := url.Values{"routine": {"lower-back-relief"}, "days": {"4"}, "start": {"2026-01-01"}, "note": {"Ease in, please."},
		"pose-standing-psoas-lunge": {"1"}, "hold-standing-psoas-lunge": {"30"}, "side-standing-psoas-lunge": {""},
		"pose-zombie-crawl": {"1"}, "exclude-zombie-crawl": {"1"}}
	if code, loc, body := f.post(t, "doc.a", "/clinic/patients/"+f.ids[patName]+"/programme", form); code != http.StatusSeeOther {
		t.Fatalf("save = %d %q: %.500s", code, loc, body)
	}
	code, body := f.get(t, patName, "/")
	if code != 200 || !strings.Contains(body, "from your clinician") || !strings.Contains(body, "Ease in, please.") || !strings.Contains(body, "hold 30 seconds") {
		t.Errorf("Today = %d, want the programme from the clinician:\n%.3000s", code, body)
	}
	code, _, body = send(t, f.base, route{method: "GET", path: "/api/routines/lower-back-relief/timeline"}, token(patName), "")
	if code != 200 || !strings.Contains(body, `"dose":"hold 30 seconds"`) || strings.Contains(body, "zombie-crawl") {
		t.Errorf("timeline = %d, want the 30 s lunge and no crawl:\n%.1000s", code, body)
	}
	// Another person's timeline keeps the catalog's doses.
	_, _, body = send(t, f.base, route{method: "GET", path: "/api/routines/lower-back-relief/timeline"}, token("loner"), "")
	if strings.Contains(body, `"dose":"hold 30 seconds"`) || !strings.Contains(body, "zombie-crawl") {
		t.Errorf("loner's timeline has pat.a's doses:\n%.600s", body)
	}
}

// TestProgrammeEditorErrors checks that bad input in the editor is named
// at its field, in plain words, and saves nothing.
func TestProgrammeEditorErrors(t *testing.T) {
	f := newClinicFixture(t)
	base := func() url.Values {
		return url.Values{"routine": {"lower-back-relief"}, "days": {"3"}, "start": {"2026-03-01"}, "pose-standing-psoas-lunge": {"1"}, "pose-zombie-crawl": {"1"},
			"pose-countertop-hip-hinge": {"1"}}
	}
	tests := []struct {
		name  string
		set   map[string]string
		field string
		text  string
	}{
		{"no routine", map[string]string{"routine": ""}, "routines-error", "Choose at least one routine"},
		{"an unknown routine", map[string]string{"routine": "nope"}, "routines-error", "There is no routine"},
		{"8 days a week", map[string]string{"days": "8"}, "days-error", "from 1 to 7"},
		{"no start", map[string]string{"start": "soon"}, "start-error", "as a date"},
		{"a hold of -5", map[string]string{"hold-standing-psoas-lunge": "-5"}, "hold-standing-psoas-lunge-error", "as a number of seconds"},
		{"a hold in words", map[string]string{"hold-standing-psoas-lunge": "half a minute"}, "hold-standing-psoas-lunge-error", "as a number of seconds"},
		{"sets without reps", map[string]string{"sets-zombie-crawl": "2"}, "sets-zombie-crawl-error", "both the sets and the reps"},
		{"a variant that is not one", map[string]string{"swap-zombie-crawl": "standing-psoas-lunge"}, "", "one of the pose's own variants"},
		{"a side that is none", map[string]string{"side-standing-psoas-lunge": "middle"}, "", "Choose both sides"},
		{"every pose left out", map[string]string{"exclude-standing-psoas-lunge": "1", "exclude-zombie-crawl": "1", "exclude-countertop-hip-hinge": "1"}, "routines-error", "left out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.clinicState(t)
			form := base()
			for k, v := range tt.set {
				form.Set(k, v)
			}
			code, _, body := f.post(t, "doc.a", "/clinic/patients/"+f.ids[patName]+"/programme", form)
			if code != http.StatusBadRequest || !strings.Contains(body, html.EscapeString(tt.text)) || (tt.field != "" && !strings.Contains(body, `id="`+tt.field+`"`)) {
				t.Errorf("save = %d, want 400 with %q at %s:\n%.300s", code, tt.text, tt.field, body)
			}
			if got := f.clinicState(t); got != before {
				t.Errorf("a refused programme wrote something: %s, want %s", got, before)
			}
		})
	}
}

// TestFlagsAndClearance acknowledges a flag and records a clearance: the
// dashboard stops showing them, and the patient sees that the clinic was
// told.
func TestFlagsAndClearance(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids[patName]
	_, body := f.get(t, "doc.a", "/clinic")
	for _, want := range []string{"Stopped for pain", "Red flag", `see a doctor`, "2 flagged"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	// Before the clearance, the patient sees that the clinic knows, and
	// is not offered to clear themselves.
	if _, body := f.get(t, patName, "/my-clinic"); !strings.Contains(body, "Your clinic has been told") || !strings.Contains(body, "“see a doctor”") {
		t.Errorf("Your clinic doesn't say the clinic has been told of the verdict:\n%.1500s", body)
	}
	if _, body := f.get(t, patName, "/"); !strings.Contains(body, "Riverside has been told") || strings.Contains(body, "once you record") {
		t.Errorf("Today doesn't tell a clinic's patient that the clinic knows:\n%.1500s", body)
	}
	if _, body := f.get(t, patName, "/safety"); !strings.Contains(body, "Riverside sees your answers") || strings.Contains(body, "Has a clinician checked your back?") {
		t.Errorf("the safety page of a clinic's patient offers their own clearance, or doesn't say the clinic knows")
	}
	ss, _ := f.j.Sessions(t.Context(), pat, backcare.Filter{})
	if code, _, body := f.post(t, "doc.a", "/clinic/patients/"+pat+"/flags", url.Values{"kind": {"stopped_for_pain"}, "ref": {"not-a-session"}}); code != http.StatusNotFound {
		t.Errorf("acknowledging a flag that isn't = %d: %.200s", code, body)
	}
	if code, loc, _ := f.post(t, "doc.a", "/clinic/patients/"+pat+"/flags", url.Values{"kind": {"stopped_for_pain"}, "ref": {ss[0].ID}, "note": {"Called her: knee, not back."}}); code != http.StatusSeeOther || loc != "/clinic?saved=ack" {
		t.Errorf("acknowledge = %d to %q", code, loc)
	}
	if code, _, _ := f.post(t, "doc.a", "/clinic/patients/"+pat+"/screenings/"+f.screenID+"/clear", url.Values{"note": {"Seen by GP"}}); code != http.StatusSeeOther {
		t.Errorf("clear = %d", code)
	}
	if code, _, body := f.post(t, "doc.a", "/clinic/patients/"+pat+"/screenings/"+f.screenID+"/clear", nil); code != http.StatusConflict {
		t.Errorf("clear twice = %d, want 409: %.200s", code, body)
	}
	_, body = f.get(t, "doc.a", "/clinic")
	if strings.Contains(body, "Stopped for pain") || strings.Contains(body, "Red flag") {
		t.Errorf("the dashboard still shows the flags:\n%.2000s", body)
	}
	_, body = f.get(t, patName, "/my-clinic")
	if !strings.Contains(body, "Your clinic has been told") || !strings.Contains(body, "doc.a recorded") {
		t.Errorf("the patient is not told:\n%.2000s", body)
	}
	scr, _ := f.j.Screenings(t.Context(), pat, backcare.Filter{})
	if scr[0].ClearedAt.IsZero() {
		t.Errorf("the screening's ClearedAt is not set: the gate stays shut")
	}
}

// TestClearanceByTheRedFlag finds the clearance form inside the red flag
// on the patient page, where the clinician reads it, with a link to it
// from the screening below; once the flag is acknowledged (seen, not yet
// cleared), the form is at the screening instead. Either way there is
// one form, and recording it clears the screening.
func TestClearanceByTheRedFlag(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids[patName]
	page := "/clinic/patients/" + pat
	form := `<form method="post" action="` + page + `/screenings/` + f.screenID + `/clear"`
	_, body := f.get(t, "doc.a", page)
	flag := regexp.MustCompile(`(?s)<li class="flag flag-red_flag" id="red-flag">.*?</li>`).FindString(body)
	if !strings.Contains(flag, form) || !strings.Contains(flag, "Record that they may exercise") {
		t.Errorf("the red flag holds no clearance form:\n%s", flag)
	}
	if n := strings.Count(body, form); n != 1 {
		t.Errorf("the page has %d clearance forms for the screening, want 1", n)
	}
	if !strings.Contains(body, `<a href="#clear-`+f.screenID+`">Record the clearance by the red flag, above</a>`) {
		t.Errorf("the screening does not link to the clearance at the red flag")
	}
	if _, body := f.get(t, "doc.a", "/clinic"); !strings.Contains(body, `href="`+page+`#red-flag"`) {
		t.Errorf("the dashboard's red flag does not lead to the clearance on the patient page")
	}
	if code, _, _ := f.post(t, "doc.a", page+"/flags", url.Values{"kind": {"red_flag"}, "ref": {f.screenID}, "note": {"Asked her to see her GP."}}); code != http.StatusSeeOther {
		t.Fatalf("acknowledge = %d", code)
	}
	_, body = f.get(t, "doc.a", page)
	if strings.Contains(body, `id="red-flag"`) || strings.Count(body, form) != 1 {
		t.Errorf("after the acknowledgement: a red flag shown, or not one clearance form at the screening (%d)", strings.Count(body, form))
	}
	if code, loc, _ := f.post(t, "doc.a", page+"/screenings/"+f.screenID+"/clear", url.Values{"note": {"Seen by GP"}}); code != http.StatusSeeOther || loc != page+"?saved=cleared" {
		t.Errorf("clear = %d to %q", code, loc)
	}
	if _, body = f.get(t, "doc.a", page); strings.Contains(body, form) {
		t.Errorf("a cleared screening still offers its clearance")
	}
}

// todayLabel is the weekday the Today page's week strip marks as today.
var todayLabel = regexp.MustCompile(`class="[^"]*today"[^>]*>\s*<span class="wd">(\w+)</span>`)

// TestPersonZone checks that a person's "today" is in their own zone: the
// server runs in UTC, where it is Friday evening; in Auckland it is
// already Saturday morning. Bad zones are refused at the field.
func TestPersonZone(t *testing.T) {
	f := newClinicFixture(t)
	f.j.openGateFor(f.ids["loner"])
	weekday := func() string {
		t.Helper()
		_, body := f.get(t, "loner", "/")
		m := todayLabel.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("Today has no week strip marked today:\n%.2000s", body)
		}
		return m[1]
	}
	if got := weekday(); got != "Fri" {
		t.Errorf("today in the server's zone = %s, want Fri", got)
	}
	for _, tt := range []struct{ name, zone, text string }{
		{"not a zone", "Atlantis/Capital", "is not a time zone"},
		{"the machine's own", "Local", "is not a time zone"},
		{"a path", "../../etc/passwd", "is not a time zone"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := f.post(t, "loner", "/account/zone", url.Values{"zone": {tt.zone}})
			if code != http.StatusBadRequest || !strings.Contains(body, `id="zone-error"`) || !strings.Contains(body, tt.text) {
				t.Errorf("zone %q = %d, want 400 with the error at the field: %.300s", tt.zone, code, body)
			}
		})
	}
	if code, loc, _ := f.post(t, "loner", "/account/zone", url.Values{"zone": {"Pacific/Auckland"}}); code != http.StatusSeeOther || loc != "/account?saved=zone" {
		t.Fatalf("save the zone = %d to %q", code, loc)
	}
	if a, _ := f.j.Account(t.Context(), f.ids["loner"]); a.Zone != "Pacific/Auckland" {
		t.Errorf("Zone = %q, want Pacific/Auckland", a.Zone)
	}
	if got := weekday(); got != "Sat" {
		t.Errorf("today in Pacific/Auckland = %s, want Sat", got)
	}
}

// TestHandout checks that the handout and the patient's own chart print
// the clinician's doses with the clinic's name.
func TestHandout(t *testing.T) {
	f := newClinicFixture(t)
	form := url.Values{"routine": {"lower-back-relief"}, "days": {"4"}, "start": {"2026-01-01"}, "note": {"Ease in."},
		"pose-standing-psoas-lunge": {"1"}, "hold-standing-psoas-lunge": {"30"}}
	if code, _, body := f.post(t, "doc.a", "/clinic/patients/"+f.ids[patName]+"/programme", form); code != http.StatusSeeOther {
		t.Fatalf("save = %d: %.300s", code, body)
	}
	for _, tt := range []struct{ name, who, path string }{
		{"the clinician's handout", "doc.a", "/clinic/patients/" + f.ids[patName] + "/handout/lower-back-relief"},
		{"the patient's own chart", patName, "/routines/lower-back-relief/chart.pdf"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := f.get(t, tt.who, tt.path)
			for _, want := range []string{"%PDF", "Riverside: for pat.a, 4 days a week: tick a box each day you do it. Ease in.", "standing-psoas-lunge: hold 30 seconds"} {
				if code != 200 || !strings.Contains(body, want) {
					t.Errorf("%s = %d, lacks %q:\n%s", tt.path, code, want, body)
				}
			}
		})
	}
	if code, _ := f.get(t, "doc.a", "/clinic/patients/"+f.ids[patName]+"/handout/core-foundation"); code != http.StatusNotFound {
		t.Errorf("a handout of a routine not assigned = %d, want 404", code)
	}
	if _, body := f.get(t, "loner", "/routines/lower-back-relief/chart.pdf"); strings.Contains(body, "Riverside") || strings.Contains(body, "hold 30 seconds") {
		t.Errorf("another person's chart has pat.a's doses:\n%s", body)
	}
}

// TestPatientCannotClearThemselves checks that a clinic's patient's own
// "a clinician cleared me" is refused in plain words: the clinician
// records it.
func TestPatientCannotClearThemselves(t *testing.T) {
	f := newClinicFixture(t)
	before := f.clinicState(t)
	code, _, body := f.post(t, patName, "/safety/cleared", url.Values{"confirm": {"yes"}, "by": {"Dr Who"}})
	if code != http.StatusConflict || !strings.Contains(body, "your clinician records that you may exercise again") {
		t.Errorf("a patient clearing themselves = %d: %.400s", code, body)
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("the refused clearance wrote something: %s, want %s", got, before)
	}
}

// TestDashboardKept checks the dashboard's memo (memo.go): the patients'
// summaries are used again while nothing they are made of changes, every
// look is still audited, and the next page after a change shows it: a
// session saved by another replica, time moving on, a patient leaving.
func TestDashboardKept(t *testing.T) {
	var later atomic.Int64 // how far the server's clock has moved on
	f := newClinicFixture(t, func(d *Deps) {
		d.Now = func() time.Time { return testNow.Add(time.Duration(later.Load())) }
	})
	pat2 := f.ids["pat.a2"]
	look := func(step string, wantRead bool, want ...string) {
		t.Helper()
		reads, audits := f.j.clinicReads.Load(), f.j.auditLen()
		code, body := f.get(t, "doc.a", "/clinic")
		if code != http.StatusOK {
			t.Fatalf("%s: dashboard = %d", step, code)
		}
		if read := f.j.clinicReads.Load() > reads; read != wantRead {
			t.Errorf("%s: read the patients' records = %v, want %v", step, read, wantRead)
		}
		if got := f.j.auditLen() - audits; got != 1 {
			t.Errorf("%s: the look wrote %d audit entries, want 1", step, got)
		}
		// The one entry names every patient the dashboard shows.
		ms, err := f.j.Members(t.Context(), f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var shown []string
		for _, m := range ms {
			if m.Role == backcare.InClinicPatient {
				shown = append(shown, m.AccountID)
			}
		}
		slices.Sort(shown)
		if log, err := f.j.Audit(t.Context(), backcare.AuditFilter{Filter: backcare.Filter{Limit: 1}}); err != nil || len(log) != 1 ||
			log[0].What != "dashboard" || log[0].StaffID != f.ids["doc.a"] || !slices.Equal(log[0].Patients, shown) {
			t.Errorf("%s: newest audit entry = %+v, %v; want the dashboard read by doc.a naming %q", step, log, err, shown)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the dashboard lacks %q", step, w)
			}
		}
	}
	look("first look", true, "2 patients", "2 flagged")
	look("nothing changed", false, "2 patients", "2 flagged")
	// Another replica saves pat.a2's session: their "no practice" flag goes.
	if err := f.j.SaveSession(t.Context(), &backcare.Session{ID: backcare.NewID(), UserID: pat2, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: testNow.Add(-time.Hour), EndedAt: testNow.Add(-time.Hour + 6*time.Minute), Status: backcare.Completed, Segments: []backcare.SegmentResult{}}); err != nil {
		t.Fatal(err)
	}
	look("a session saved elsewhere", true, "1 flagged")
	look("nothing changed since", false, "1 flagged")
	later.Store(int64(30 * time.Second))
	look("later in the same minute", false, "1 flagged")
	later.Store(int64(8 * 24 * time.Hour))
	look("eight days on", true, "2 flagged")
	if err := f.j.RemoveMember(t.Context(), f.a.ID, pat2); err != nil {
		t.Fatal(err)
	}
	look("a patient left", true, `"small">1 patient `)
}

// TestPatientPageKept checks that the patient page, kept in the memo,
// shows at the next look what changed: a session saved elsewhere, an
// acknowledgement, the patient's new time zone.
func TestPatientPageKept(t *testing.T) {
	f := newClinicFixture(t, func(d *Deps) { d.Now = func() time.Time { return testNow } })
	pat := f.ids[patName]
	path := "/clinic/patients/" + pat
	page := func(step string, want string) {
		t.Helper()
		code, body := f.get(t, "doc.a", path)
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s: patient page = %d, want %q in it:\n%.1500s", step, code, want, body)
		}
	}
	page("first look", patNote)
	if err := f.j.SaveSession(t.Context(), &backcare.Session{ID: backcare.NewID(), UserID: pat, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: testNow.Add(-time.Hour), EndedAt: testNow.Add(-time.Hour + 6*time.Minute), Status: backcare.Completed, Note: "saved on the other replica",
		Segments: []backcare.SegmentResult{}}); err != nil {
		t.Fatal(err)
	}
	page("a session saved elsewhere", "saved on the other replica")
	ss, _ := f.j.Sessions(t.Context(), pat, backcare.Filter{})
	var stopped string
	for _, x := range ss {
		if x.Status == backcare.StoppedForPain {
			stopped = x.ID
		}
	}
	if code, _, _ := f.post(t, "doc.a", path+"/flags", url.Values{"kind": {"stopped_for_pain"}, "ref": {stopped}, "note": {"Rang her back on Tuesday."}}); code != http.StatusSeeOther {
		t.Fatalf("acknowledge = %d", code)
	}
	page("an acknowledgement", "Rang her back on Tuesday.")
	if _, err := f.j.UpdateAccount(t.Context(), pat, func(a *backcare.Account) error { a.Zone = "Pacific/Auckland"; return nil }); err != nil {
		t.Fatal(err)
	}
	page("a new time zone", "Pacific/Auckland")
	if _, err := f.j.UpdateAccount(t.Context(), pat, func(a *backcare.Account) error { a.Name = "pat.renamed"; return nil }); err != nil {
		t.Fatal(err)
	}
	page("a new name", "<title>pat.renamed")
}

// readCounter counts the journal reads a request makes that every
// clinic page would: the sign-in, accounts, clinics, memberships and the
// clinic's version.
type readCounter struct {
	backcare.Journal
	mu    sync.Mutex
	reads map[string]int
}

func (c *readCounter) count(what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads[what]++
}

func (c *readCounter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.reads
	c.reads = map[string]int{}
	return r
}

func (c *readCounter) SignInByToken(ctx context.Context, hash []byte) (*backcare.SignIn, *backcare.Account, error) {
	c.count("SignInByToken")
	return c.Journal.SignInByToken(ctx, hash)
}

func (c *readCounter) Account(ctx context.Context, id string) (*backcare.Account, error) {
	c.count("Account")
	return c.Journal.Account(ctx, id)
}

func (c *readCounter) Clinic(ctx context.Context, id string) (*backcare.Clinic, error) {
	c.count("Clinic")
	return c.Journal.Clinic(ctx, id)
}

func (c *readCounter) Memberships(ctx context.Context, ids ...string) ([]*backcare.ClinicMember, error) {
	c.count("Memberships")
	return c.Journal.Memberships(ctx, ids...)
}

func (c *readCounter) ClinicVersion(ctx context.Context, clinicID string) (string, error) {
	c.count("ClinicVersion")
	return c.Journal.ClinicVersion(ctx, clinicID)
}

// TestKeptPageReads checks what the patient page and the dashboard read
// when nothing they show has changed: the sign-in with its account, the
// memberships (both people's at once) and the clinic's version, one read
// each (on PostgreSQL each is a round trip, and the pages are read often);
// no account or clinic again.
func TestKeptPageReads(t *testing.T) {
	c := &readCounter{Journal: newMemJournal(), reads: map[string]int{}}
	f := newClinicFixtureOn(t, c, func(d *Deps) { d.Now = func() time.Time { return testNow } })
	for _, path := range []string{"/clinic/patients/" + f.ids[patName], "/clinic"} {
		if code, _ := f.get(t, "doc.a", path); code != http.StatusOK {
			t.Fatalf("%s: first look = %d", path, code)
		}
		c.take()
		if code, _ := f.get(t, "doc.a", path); code != http.StatusOK {
			t.Fatalf("%s: second look = %d", path, code)
		}
		got := c.take()
		want := map[string]int{"SignInByToken": 1, "Memberships": 1, "ClinicVersion": 1}
		if !maps.Equal(got, want) {
			t.Errorf("%s kept reads %v, want %v", path, got, want)
		}
	}
}

// TestAcknowledgeTogether checks that the dashboard shows a patient's
// flags of one kind once, with how many, and acknowledges them together;
// refs that are not current flags are not acknowledged.
func TestAcknowledgeTogether(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids["pat.a2"]
	before, after := 2, 5
	var refs []string
	for d := 1; d <= 3; d++ {
		s := &backcare.Session{ID: backcare.NewID(), UserID: pat, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
			StartedAt: testNow.AddDate(0, 0, -d), EndedAt: testNow.AddDate(0, 0, -d).Add(6 * time.Minute), Status: backcare.Completed,
			PainBefore: &before, PainAfter: &after, Segments: []backcare.SegmentResult{}}
		if err := f.j.SaveSession(t.Context(), s); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, s.ID)
	}
	_, body := f.get(t, "doc.a", "/clinic")
	for _, want := range []string{"(3 times)", "Acknowledge all 3"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	// The form sends the group's refs as one field.
	m := regexp.MustCompile(`name="kind" value="flare"><input type="hidden" name="refs" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil || len(strings.Fields(m[1])) != 3 {
		t.Fatalf("the flares' form has refs %q, want the 3 flares in one field", m)
	}
	path := "/clinic/patients/" + pat + "/flags"
	if code, _, body := f.post(t, "doc.a", path, url.Values{"kind": {"flare"}, "ref": {"made-up", f.screenID}}); code != http.StatusNotFound {
		t.Errorf("acknowledging flags that aren't = %d, want 404: %.300s", code, body)
	}
	if code, loc, _ := f.post(t, "doc.a", path, url.Values{"kind": {"flare"}, "refs": {m[1] + " made-up " + refs[0]}, "note": {"Eased the dose."}}); code != http.StatusSeeOther || loc != "/clinic?saved=ack" {
		t.Errorf("acknowledge all = %d to %q", code, loc)
	}
	acks, _ := f.j.FlagAcks(t.Context(), f.a.ID, pat)
	if len(acks) != 3 {
		t.Errorf("acknowledgements = %d, want 3 (one per flare, none for the made-up ref or the repeat)", len(acks))
	}
	if _, body := f.get(t, "doc.a", "/clinic"); strings.Contains(body, "(3 times)") || strings.Contains(body, "flag-flare") {
		t.Errorf("the flares are still on the dashboard")
	}
	if code, _, _ := f.post(t, "doc.a", path, url.Values{"kind": {"flare"}, "ref": refs}); code != http.StatusNotFound {
		t.Errorf("acknowledging them again = %d, want 404", code)
	}
}

// TestTimesInTheirZone checks that pages show times in the zone of the
// person whose records they are: the server runs in UTC; pat.a lives in
// Auckland, where a session at 18:30 UTC on Friday is at 07:30 on
// Saturday. Their own journal, their clinician's dashboard and patient
// page all say Saturday morning.
func TestTimesInTheirZone(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids[patName]
	if _, err := f.j.UpdateAccount(t.Context(), pat, func(a *backcare.Account) error { a.Zone = "Pacific/Auckland"; return nil }); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 19, 18, 30, 0, 0, time.UTC) // Fri 20 Nov, 07:30 in Auckland
	if err := f.j.SaveSession(t.Context(), &backcare.Session{ID: backcare.NewID(), UserID: pat, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
		StartedAt: at, EndedAt: at.Add(6 * time.Minute), Status: backcare.Completed, Segments: []backcare.SegmentResult{}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ who, path, want, notWant string }{
		{patName, "/journal", "Fri 20 Nov, 07:30", "Thu 19 Nov, 18:30"},
		{"doc.a", "/clinic/patients/" + pat, "Fri 20 Nov, 07:30", "Thu 19 Nov, 18:30"},
		{"doc.a", "/clinic", "Fri 20 Nov, Lower back relief", "Thu 19 Nov, Lower back relief"},
	} {
		code, body := f.get(t, tt.who, tt.path)
		if code != http.StatusOK || !strings.Contains(body, tt.want) || strings.Contains(body, tt.notWant) {
			t.Errorf("%s as %s = %d: want %q and not %q in it", tt.path, tt.who, code, tt.want, tt.notWant)
		}
	}
}

// TestInvitations follows invitations not yet used: named for whom they
// are, counted on the dashboard, listed, and cancelled so that the code no
// longer works.
func TestInvitations(t *testing.T) {
	f := newClinicFixture(t)
	code, _, body := f.post(t, "doc.a", "/clinic/"+f.a.ID+"/invites", url.Values{"for": {"  Maria   López "}})
	if code != http.StatusOK || !strings.Contains(body, "for Maria López") {
		t.Fatalf("make an invitation = %d:\n%.600s", code, body)
	}
	m := regexp.MustCompile(`id="invite-code">([A-Z0-9-]+)<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the invitation page shows no code:\n%.1500s", body)
	}
	maria := m[1]
	before := f.clinicState(t)
	if code, _, body := f.post(t, "doc.a", "/clinic/"+f.a.ID+"/invites", url.Values{"for": {strings.Repeat("a", 81)}}); code != http.StatusBadRequest || !strings.Contains(body, "more than 80") {
		t.Errorf("an invitation for a name too long = %d, want 400 saying so: %.300s", code, body)
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("a refused invitation wrote something")
	}
	if _, body := f.get(t, "doc.a", "/clinic"); !strings.Contains(body, "2 invitations not yet used") {
		t.Errorf("the dashboard doesn't count the 2 invitations")
	}
	list := "/clinic/invites/" + f.a.ID
	_, body = f.get(t, "doc.a", list)
	for _, want := range []string{"For Maria López", "No name given", "Made by doc.a"} {
		if !strings.Contains(body, want) {
			t.Errorf("the list lacks %q:\n%.1500s", want, body)
		}
	}
	if strings.Contains(body, maria) || strings.Contains(body, f.inviteCode) {
		t.Errorf("the list shows a code: only the handout may")
	}
	cancel := list + "/" + hex.EncodeToString(backcare.InviteHash(maria)) + "/cancel"
	if code, loc, _ := f.post(t, "doc.a", cancel, nil); code != http.StatusSeeOther || loc != list+"?saved=cancelled" {
		t.Fatalf("cancel = %d to %q", code, loc)
	}
	if _, body := f.get(t, "doc.a", list+"?saved=cancelled"); strings.Contains(body, "Maria") || !strings.Contains(body, "is cancelled") {
		t.Errorf("after cancelling, the list = %.1500s", body)
	}
	if code, _, body := f.post(t, "loner", "/join", url.Values{"code": {maria}}); code != http.StatusNotFound {
		t.Errorf("joining with a cancelled code = %d, want 404: %.300s", code, body)
	}
	for _, path := range []string{cancel, list + "/not-hex/cancel", list + "/00/cancel", "/clinic/invites/" + f.b.ID + "/" + hex.EncodeToString(backcare.InviteHash(f.inviteCode)) + "/cancel"} {
		if code, _, body := f.post(t, "doc.a", path, nil); code != http.StatusNotFound {
			t.Errorf("POST %s = %d, want 404: %.300s", path, code, body)
		}
	}
	// Riverside's own invitation still works: cancelling another's left it.
	if code, _, _ := f.post(t, "loner", "/join", url.Values{"code": {f.inviteCode}}); code != http.StatusSeeOther {
		t.Errorf("joining with the invitation left = %d, want 303", code)
	}
}

// TestClinicianTakenOut checks that the admin takes a clinician out of a
// clinic: they no longer reach its patients, who stay with their
// programmes; taking them out twice, or someone who is none, is 404.
func TestClinicianTakenOut(t *testing.T) {
	f := newClinicFixture(t)
	path := "/admin/clinics/" + f.a.ID + "/clinicians/" + f.ids["doc.a"] + "/remove"
	// The Clinics page links to a page that asks first; it takes no one
	// out with one press.
	_, body := f.get(t, "admin", "/admin/clinics")
	if !strings.Contains(body, `href="`+path+`"`) {
		t.Fatalf("the Clinics page offers no way to take doc.a out:\n%.2000s", body)
	}
	if strings.Contains(body, `action="`+path+`"`) {
		t.Errorf("the Clinics page takes doc.a out without asking first")
	}
	// Riverside's only clinician is not taken out while it has patients:
	// no one would see their red flags.
	code, body := f.get(t, "admin", path)
	if code != http.StatusOK || !strings.Contains(body, "only clinician") || !strings.Contains(body, "Add another clinician to Riverside first") || strings.Contains(body, `action="`+path+`"`) {
		t.Errorf("the confirmation page for the only clinician = %d, want it to say to add another first, with no button to take doc.a out:\n%s", code, body)
	}
	if code, _, body := f.post(t, "admin", path, url.Values{"confirm": {"yes"}}); code != http.StatusConflict || !strings.Contains(body, "another clinician to the clinic first") {
		t.Errorf("take out the only clinician = %d, want 409 saying to add another first:\n%.1500s", code, body)
	}
	if code, _ := f.get(t, "doc.a", "/clinic/patients/"+f.ids[patName]); code != http.StatusOK {
		t.Fatalf("doc.a, the only clinician, lost pat.a: %d", code)
	}
	if err := f.journal.AddMember(t.Context(), &backcare.ClinicMember{ClinicID: f.a.ID, AccountID: f.ids["doc.b"], Role: backcare.InClinicClinician, JoinedAt: testNow}); err != nil {
		t.Fatal(err)
	}
	code, body = f.get(t, "admin", path)
	for _, want := range []string{"Take doc.a out of Riverside?", "no longer sees Riverside's 2 patients", "account stays",
		`<form method="post" action="` + path + `"`, `name="confirm" value="yes"`, `href="/admin/clinics"`} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("the confirmation page = %d, want it to say %q:\n%s", code, want, body)
		}
	}
	// A press without the confirmation (an old page, a stray form) asks.
	if code, loc, _ := f.post(t, "admin", path, nil); code != http.StatusSeeOther || loc != path {
		t.Errorf("take doc.a out unconfirmed = %d to %q, want 303 to the confirmation page", code, loc)
	}
	if code, _ := f.get(t, "doc.a", "/clinic/patients/"+f.ids[patName]); code != http.StatusOK {
		t.Fatalf("doc.a lost pat.a without confirming: %d", code)
	}
	if code, loc, _ := f.post(t, "admin", path, url.Values{"confirm": {"yes"}}); code != http.StatusSeeOther || loc != "/admin/clinics?saved=clinician-removed" {
		t.Fatalf("take doc.a out = %d to %q", code, loc)
	}
	if code, _ := f.get(t, "doc.a", "/clinic/patients/"+f.ids[patName]); code != http.StatusNotFound && code != http.StatusForbidden {
		t.Errorf("doc.a still reaches pat.a: %d", code)
	}
	if a, err := f.journal.Assignment(t.Context(), f.a.ID, f.ids[patName]); err != nil || a.DaysPerWeek != 5 {
		t.Errorf("pat.a's programme after doc.a left = %+v, %v", a, err)
	}
	for _, p := range []string{path, "/admin/clinics/" + f.a.ID + "/clinicians/" + f.ids[patName] + "/remove", "/admin/clinics/" + f.a.ID + "/clinicians/no-one/remove"} {
		if code, _, _ := f.post(t, "admin", p, url.Values{"confirm": {"yes"}}); code != http.StatusNotFound {
			t.Errorf("POST %s = %d, want 404", p, code)
		}
		if code, _ := f.get(t, "admin", p); code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
}

// TestBehind checks that a patient is shown behind only when this week's
// plan can no longer be met in the days left of it.
func TestBehind(t *testing.T) {
	s := &server{Deps: Deps{Location: time.UTC}}
	monday := time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		now       time.Time
		practised int // days, from Monday on
		plan      int
		want      bool
	}{
		{"Monday, nothing yet, 5 days planned", monday, 0, 5, true},
		{"Friday, 3 of 4", monday.AddDate(0, 0, 4), 3, 4, true},
		{"Friday, 1 of 5", monday.AddDate(0, 0, 4), 1, 5, false},
		{"Sunday, 4 of 5", monday.AddDate(0, 0, 6), 4, 5, true},
		{"Sunday, 3 of 5", monday.AddDate(0, 0, 6), 3, 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &backcare.PatientRecords{Member: backcare.ClinicMember{JoinedAt: monday.AddDate(0, -1, 0)},
				Account:    backcare.Account{ID: "p", Name: "p"},
				Assignment: &backcare.Assignment{DaysPerWeek: tt.plan, Start: monday.AddDate(0, -1, 0)}}
			for d := tt.practised - 1; d >= 0; d-- {
				at := monday.AddDate(0, 0, d).Add(-4 * time.Hour)
				p.Sessions = append(p.Sessions, backcare.SessionSummary{ID: fmt.Sprint(d), StartedAt: at, Status: backcare.Completed})
			}
			if got := s.summarise(p, tt.now).AdherenceOK; got != tt.want {
				t.Errorf("on track = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestClinicCrossSite sends every clinic POST as the clinician or admin
// who may use it, but from another site: each is refused and nothing is
// written.
func TestClinicCrossSite(t *testing.T) {
	f := newClinicFixture(t)
	before := f.clinicState(t)
	for _, r := range f.clinicRoutes() {
		if r.method != "POST" {
			continue
		}
		who := "doc.a"
		if strings.HasPrefix(r.path, "/admin/") {
			who = "admin"
		}
		req, err := http.NewRequest(r.method, f.base+r.path, strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		if r.ctype != "" {
			req.Header.Set("Content-Type", r.ctype)
		}
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
		req.AddCookie(&http.Cookie{Name: cookiePlain, Value: token(who)})
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s from another site as %s: status %d, want 403", r.pattern, who, res.StatusCode)
		}
	}
	if got := f.clinicState(t); got != before {
		t.Errorf("a cross-site POST wrote something: %s, want %s", got, before)
	}
}

// TestInvitationCancelRace cancels one invitation from two requests at
// once, while a patient tries to join with it: exactly one of the three
// takes it.
func TestInvitationCancelRace(t *testing.T) {
	for range 5 {
		f := newClinicFixture(t)
		path := "/clinic/invites/" + f.a.ID + "/" + hex.EncodeToString(backcare.InviteHash(f.inviteCode)) + "/cancel"
		codes := make(chan int, 3)
		var wg sync.WaitGroup
		for i := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i == 2 {
					code, _, _ := f.post(t, "loner", "/join", url.Values{"code": {f.inviteCode}})
					codes <- code
					return
				}
				code, _, _ := f.post(t, "doc.a", path, nil)
				codes <- code
			}()
		}
		wg.Wait()
		close(codes)
		won := 0
		for c := range codes {
			switch c {
			case http.StatusSeeOther:
				won++
			case http.StatusNotFound:
			default:
				t.Errorf("status %d, want 303 or 404", c)
			}
		}
		if won != 1 {
			t.Errorf("%d requests took the invitation, want exactly 1", won)
		}
	}
}

// TestDashboardListsNewestFlags checks that the dashboard lists a group's
// newest flares and links to the rest, while the patient page lists them
// all, and acknowledging all still takes every one.
func TestDashboardListsNewestFlags(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids["pat.a2"]
	before, after := 2, 5
	for d := 1; d <= 5; d++ {
		s := &backcare.Session{ID: backcare.NewID(), UserID: pat, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
			StartedAt: testNow.AddDate(0, 0, -d), EndedAt: testNow.AddDate(0, 0, -d).Add(6 * time.Minute), Status: backcare.Completed,
			PainBefore: &before, PainAfter: &after, Segments: []backcare.SegmentResult{}}
		if err := f.j.SaveSession(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	lines := regexp.MustCompile(`<li>[^<]*: pain went from 2 to 5`)
	_, dash := f.get(t, "doc.a", "/clinic")
	if n := len(lines.FindAllString(dash, -1)); n != dashboardFlagLines || !strings.Contains(dash, "2 more on their page") || !strings.Contains(dash, "Acknowledge all 5") {
		t.Errorf("dashboard lists %d flares (want %d), links the 2 more = %v, acknowledges all 5 = %v", n, dashboardFlagLines,
			strings.Contains(dash, "2 more on their page"), strings.Contains(dash, "Acknowledge all 5"))
	}
	_, page := f.get(t, "doc.a", "/clinic/patients/"+pat)
	if n := len(lines.FindAllString(page, -1)); n != 5 || strings.Contains(page, "more on their page") {
		t.Errorf("patient page lists %d flares, want all 5", n)
	}
}

// TestDashboardTrendSince checks that a pain trend says from when it
// counts: the dashboard shows the latest six scores, the change counts
// from the first in its weeks, and the two must not seem to disagree.
func TestDashboardTrendSince(t *testing.T) {
	f := newClinicFixture(t)
	pat := f.ids["pat.a2"]
	for d, pain := range []int{6, 5, 4, 3, 3, 3, 3, 3} { // oldest first
		at := testNow.AddDate(0, 0, -20+2*d)
		p := pain
		s := &backcare.Session{ID: backcare.NewID(), UserID: pat, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
			StartedAt: at, EndedAt: at.Add(6 * time.Minute), Status: backcare.Completed, PainBefore: &p, PainAfter: &p, Segments: []backcare.SegmentResult{}}
		if err := f.j.SaveSession(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	_, body := f.get(t, "doc.a", "/clinic")
	first := testNow.AddDate(0, 0, -20).Format(dayFormat)
	if want := "4 → 3 → 3 → 3 → 3 → 3 <span class=\"small\">(down 3 points since " + first + ": a real improvement)"; !strings.Contains(body, want) {
		t.Errorf("dashboard lacks %q", want)
	}
}

// TestNotesSeenByClinic checks that where a clinic's patient writes a
// note, they are told their clinician reads it, and someone in no clinic
// is not.
func TestNotesSeenByClinic(t *testing.T) {
	f := newClinicFixture(t)
	for _, tt := range []struct {
		who  string
		seen bool
	}{{"pat.a", true}, {"loner", false}} {
		_, body := f.get(t, tt.who, "/play/lower-back-relief")
		if got := strings.Contains(body, "Your clinician at Riverside can read your journal, this note too."); got != tt.seen {
			t.Errorf("%s: the player's note says the clinic reads it = %v, want %v", tt.who, got, tt.seen)
		}
		if got := strings.Contains(body, "A note for yourself"); got == tt.seen {
			t.Errorf("%s: the note is called one for yourself = %v, want %v", tt.who, got, !tt.seen)
		}
	}
}

// TestRedFlagAnswers checks that the patient page says which safety
// questions a screening answered yes, in the words the patient read.
func TestRedFlagAnswers(t *testing.T) {
	f := newClinicFixture(t)
	var yes string
	for _, q := range safety.Questions() {
		if doctorAnswers(t)[q.ID] {
			yes = q.Text
		}
	}
	_, body := f.get(t, "doc.a", "/clinic/patients/"+f.ids["pat.a"])
	if !strings.Contains(body, "They answered yes to:") || !strings.Contains(body, html.EscapeString(yes)) {
		t.Errorf("the patient page lacks the answer that raised the red flag, %q", yes)
	}
}

// TestDashboardSessionPain checks that the dashboard shows, beside the
// pain before sessions, what a session does to it: the average before
// and after over the last four weeks, of the sessions with both answers.
func TestDashboardSessionPain(t *testing.T) {
	pain := func(n int) *int { return &n }
	tests := []struct {
		name     string
		sessions []struct {
			days          int
			before, after *int
		}
		want string
	}{
		{"two sessions in the weeks, one before them, one without an after", []struct {
			days          int
			before, after *int
		}{{2, pain(5), pain(3)}, {3, pain(7), nil}, {5, pain(4), pain(2)}, {30, pain(9), pain(9)}},
			`<span class="session-pain">4.5 → 2.5</span> <span class="small">(average of 2 sessions, last 4 weeks)</span>`},
		{"one session, pain rising", []struct {
			days          int
			before, after *int
		}{{1, pain(3), pain(6)}},
			`<span class="session-pain rise">3.0 → 6.0</span> <span class="small">(average of 1 session, last 4 weeks)</span>`},
		{"none with both answers", []struct {
			days          int
			before, after *int
		}{{1, pain(3), nil}, {2, nil, pain(2)}},
			`<dt>Before → after</dt><dd>not recorded lately</dd>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newClinicFixture(t)
			pat := f.ids["pat.a2"]
			for _, x := range tt.sessions {
				at := testNow.AddDate(0, 0, -x.days)
				s := &backcare.Session{ID: backcare.NewID(), UserID: pat, RoutineID: "lower-back-relief", RoutineName: "Lower back relief",
					StartedAt: at, EndedAt: at.Add(6 * time.Minute), Status: backcare.Completed, PainBefore: x.before, PainAfter: x.after, Segments: []backcare.SegmentResult{}}
				if err := f.j.SaveSession(t.Context(), s); err != nil {
					t.Fatal(err)
				}
			}
			_, body := f.get(t, "doc.a", "/clinic")
			row := body[strings.Index(body, `id="p-`+pat+`"`):]
			row = row[:strings.Index(row, "</li>")]
			if !strings.Contains(row, tt.want) {
				t.Errorf("the patient's row lacks %q:\n%s", tt.want, row)
			}
		})
	}
}
