package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rsc.io/qr"

	"backcare"
	"backcare/measure"
	"backcare/player"
	"backcare/programme"
	"backcare/safety"
)

// Clinic mode: the admin's clinics page, the clinician's dashboard,
// patient page and programme editor, and the patient's invitation and
// "Your clinic" page.
//
// Who may see what is decided by the functions of backcare's
// clinicaccess.go, asked here in one place per kind of record:
// staffClinic (a clinic the signed-in account is a clinician of) and
// patientInReach (a patient, by the id in the path, looked up within the
// signed-in clinician's clinics). Anything outside that reach is "not
// found", as if it did not exist. Every read or change of a patient's
// records by staff is written to the audit log before the answer goes
// out.

// errNoSuchPatient is the answer for a patient outside the clinician's
// reach, the same whether or not the id exists.
func errNoSuchPatient() error {
	return backcare.Errorf(backcare.ENOTFOUND, "there is no such patient in your clinics").
		WithHint("open your Patients page to see your patients")
}

// errStaffOnly is the answer to someone who is no clinician of any clinic.
func errStaffOnly() error {
	return backcare.Errorf(backcare.ENOTFOUND, "this page is for a clinic's clinicians").
		WithHint("an admin adds clinicians with `backcare clinic clinician add`")
}

// errAdminOnly is the answer to someone who is no admin.
func errAdminOnly() error {
	return backcare.Errorf(backcare.ENOTFOUND, "this page is for the server's admins")
}

// viewerAccount is the signed-in account (routes are wrapped in signedIn).
func viewerAccount(r *http.Request) *backcare.Account {
	if v := viewerFrom(r.Context()); v != nil {
		return v.account
	}
	return nil
}

// patientCtx is a patient the signed-in clinician may reach.
type patientCtx struct {
	Account *backcare.Account
	Clinic  *backcare.Clinic
	Member  *backcare.ClinicMember
}

// patientInReach finds the patient the path names within the signed-in
// clinician's clinics (reachPatient), with their account and the clinic.
func (s *server) patientInReach(r *http.Request) (*patientCtx, error) {
	ctx := r.Context()
	clinicID, m, err := s.reachPatient(r)
	if err != nil {
		return nil, err
	}
	return s.patientIn(ctx, clinicID, m)
}

// reachPatient finds which of the signed-in clinician's clinics the
// patient the path names belongs to, and their membership of it:
// backcare.MayReadPatient decides, from both people's memberships read
// at once.
func (s *server) reachPatient(r *http.Request) (clinicID string, m *backcare.ClinicMember, err error) {
	me, id := userID(r), r.PathValue("id")
	if !backcare.ValidID(id) && id != backcare.LocalUser {
		return "", nil, errNoSuchPatient()
	}
	both, err := s.Journal.Memberships(r.Context(), me, id)
	if err != nil {
		return "", nil, err
	}
	var staff, theirs []*backcare.ClinicMember
	for _, x := range both {
		if x.AccountID == me {
			staff = append(staff, x)
		}
		if x.AccountID == id {
			theirs = append(theirs, x)
		}
	}
	clinicID, ok := backcare.MayReadPatient(me, staff, theirs)
	if !ok {
		return "", nil, errNoSuchPatient()
	}
	return clinicID, backcare.PatientOf(theirs), nil
}

// patientIn reads the account and clinic of a patient reachPatient found.
func (s *server) patientIn(ctx context.Context, clinicID string, m *backcare.ClinicMember) (*patientCtx, error) {
	acct, err := s.Journal.Account(ctx, m.AccountID)
	if err != nil {
		return nil, errNoSuchPatient()
	}
	c, err := s.Journal.Clinic(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	return &patientCtx{Account: acct, Clinic: c, Member: m}, nil
}

// audit logs what a member of staff read or changed of patients' records.
func (s *server) audit(r *http.Request, clinicID string, action backcare.AuditAction, what string, patients ...string) error {
	if len(patients) == 0 {
		return nil
	}
	return s.audits.add(r.Context(), s.auditEntry(r, clinicID, action, what, patients))
}

// auditBegin starts logging a read, as audit does, while the page is made;
// its wait must return nil before anything of the page is sent.
func (s *server) auditBegin(r *http.Request, clinicID string, action backcare.AuditAction, what string, patients ...string) (wait func() error) {
	if len(patients) == 0 {
		return func() error { return nil }
	}
	return s.audits.begin(r.Context(), s.auditEntry(r, clinicID, action, what, patients))
}

func (s *server) auditEntry(r *http.Request, clinicID string, action backcare.AuditAction, what string, patients []string) *backcare.AuditEntry {
	return &backcare.AuditEntry{At: s.Now(), StaffID: userID(r), Patients: patients, ClinicID: clinicID, Action: action, What: what}
}

// zoneOf is an account's time zone: its own (Account.Zone) when it has
// one that this computer knows, else the server's.
func (s *server) zoneOf(a *backcare.Account) *time.Location {
	if a != nil && a.Zone != "" {
		if loc, err := time.LoadLocation(a.Zone); err == nil {
			return loc
		}
	}
	return s.Location
}

// ---- The admin's pages ----

// clinicsPage is the admin's list of clinics.
type clinicsPage struct {
	page
	Clinics  []clinicRow
	Errors   fieldErrors
	Name     string // the clinic name typed, after an error
	Saved    string
	Recovery *newClinician // a clinician's account just made
}

type clinicRow struct {
	*backcare.Clinic
	Clinicians []clinicianRow
	Patients   int
	Error      string // about adding a clinician to this clinic
}

type clinicianRow struct{ ID, Name string }

// newClinician is an account made for a clinician, shown once.
type newClinician struct {
	Name, Clinic, Code string
}

func (s *server) newClinicsPage(r *http.Request) (*clinicsPage, error) {
	ctx := r.Context()
	d := &clinicsPage{page: s.newPage(r, "Clinics", "clinics"), Errors: fieldErrors{}}
	all, err := s.Journal.ClinicList(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range all {
		ms, err := s.Journal.Members(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		row := clinicRow{Clinic: c}
		for _, m := range ms {
			if m.Role == backcare.InClinicPatient {
				row.Patients++
				continue
			}
			name := m.AccountID
			if a, err := s.Journal.Account(ctx, m.AccountID); err == nil {
				name = a.Name
			}
			row.Clinicians = append(row.Clinicians, clinicianRow{ID: m.AccountID, Name: name})
		}
		d.Clinics = append(d.Clinics, row)
	}
	return d, nil
}

// adminOnly fails the request unless an admin signed in.
func (s *server) adminOnly(w http.ResponseWriter, r *http.Request) bool {
	if !backcare.MayManageClinics(viewerAccount(r)) {
		s.fail(w, r, 0, errAdminOnly())
		return false
	}
	return true
}

func (s *server) clinicsForm(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	d, err := s.newClinicsPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Saved = savedMessage(r.URL.Query().Get("saved"))
	s.render(w, r, http.StatusOK, "clinics", d)
}

// savedMessage is the notice after a redirect, from a fixed set.
func savedMessage(key string) string {
	return map[string]string{
		"clinic":            "The clinic is made. Add its clinicians below.",
		"clinician":         "The clinician is added. They invite patients from their Patients page.",
		"clinician-removed": "The clinician is taken out of the clinic: they no longer see its patients. Their account stays.",
		"ack":               "Acknowledged.",
		"programme":         "The programme is saved. Your patient sees it on their Today page.",
		"cleared":           "The clearance is recorded. Your patient sees that the clinic has been told.",
		"joined":            "You have joined the clinic.",
		"left":              "You have left the clinic. Your journal stays yours.",
	}[key]
}

func (s *server) clinicAdd(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	c := &backcare.Clinic{Name: r.PostFormValue("name"), CreatedAt: s.Now()}
	err := s.Journal.AddClinic(r.Context(), c)
	if code := backcare.ErrorCode(err); code == backcare.EINVALID || code == backcare.ECONFLICT {
		d, err2 := s.newClinicsPage(r)
		if err2 != nil {
			s.fail(w, r, 0, err2)
			return
		}
		d.Errors["name"], d.Name = errorSentences(err), r.PostFormValue("name")
		s.render(w, r, http.StatusBadRequest, "clinics", d)
		return
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/admin/clinics?saved=clinic", http.StatusSeeOther)
}

// clinicianAdd makes an account a clinician of the clinic; a name that
// has no account yet gets a clinician's account, whose recovery code is
// shown once.
func (s *server) clinicianAdd(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	ctx := r.Context()
	c, err := s.Journal.Clinic(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	rerender := func(err error) {
		d, err2 := s.newClinicsPage(r)
		if err2 != nil {
			s.fail(w, r, 0, err2)
			return
		}
		for i := range d.Clinics {
			if d.Clinics[i].ID == c.ID {
				d.Clinics[i].Error = errorSentences(err)
			}
		}
		s.render(w, r, status(err), "clinics", d)
	}
	name := backcare.NormalizeAccountName(r.PostFormValue("name"))
	if err := backcare.ValidateAccountName(name); err != nil {
		rerender(err)
		return
	}
	var made *newClinician
	acct, err := s.Journal.AccountByName(ctx, name)
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		code := backcare.NewRecoveryCode()
		acct = &backcare.Account{ID: backcare.NewID(), Name: name, Role: backcare.RoleClinician, CreatedAt: s.Now(), RecoveryHash: backcare.RecoveryHash(code)}
		if err = s.Journal.AddAccount(ctx, acct); err == nil {
			made = &newClinician{Name: name, Clinic: c.Name, Code: code}
		}
	}
	if err != nil {
		rerender(err)
		return
	}
	ms, err := s.Journal.Memberships(ctx, acct.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if backcare.PatientOf(ms) != nil {
		rerender(backcare.Errorf(backcare.ECONFLICT, "%s is a patient of a clinic, so can't be a clinician", name).
			WithHint("a clinician needs an account of their own"))
		return
	}
	if acct.Role == backcare.RolePerson {
		if _, err := s.Journal.UpdateAccount(ctx, acct.ID, func(a *backcare.Account) error {
			a.Role = backcare.RoleClinician
			return nil
		}); err != nil {
			s.fail(w, r, 0, err)
			return
		}
	}
	err = s.Journal.AddMember(ctx, &backcare.ClinicMember{ClinicID: c.ID, AccountID: acct.ID, Role: backcare.InClinicClinician, JoinedAt: s.Now()})
	if backcare.ErrorCode(err) == backcare.ECONFLICT {
		rerender(backcare.Errorf(backcare.ECONFLICT, "%s is a clinician of %s already", name, c.Name))
		return
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if made == nil {
		http.Redirect(w, r, "/admin/clinics?saved=clinician", http.StatusSeeOther)
		return
	}
	d, err := s.newClinicsPage(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Recovery = made
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "clinics", d)
}

// removePage asks the admin to confirm taking a clinician out of a
// clinic, saying what it means.
type removePage struct {
	page
	Clinic            *backcare.Clinic
	ClinicianID, Name string
	Patients          int  // the clinic's patients
	Last              bool // the clinic's only clinician
	Action            string
}

// Stranded says whether taking the clinician out would leave the clinic's
// patients with no clinician: no one would see their red flags. The admin
// adds another clinician first.
func (d *removePage) Stranded() bool { return d.Last && d.Patients > 0 }

// clinicianInClinic finds the clinician the path names in the clinic it
// names: a 404 for anyone who is not one of its clinicians.
func (s *server) clinicianInClinic(r *http.Request) (*removePage, error) {
	ctx := r.Context()
	c, err := s.Journal.Clinic(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	id := r.PathValue("account")
	ms, err := s.Journal.Memberships(ctx, id)
	if err != nil {
		return nil, err
	}
	if backcare.ClinicianOf(ms, c.ID) == nil {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "that account is not a clinician of %s", c.Name).
			WithHint("the Clinics page lists each clinic's clinicians")
	}
	d := &removePage{Clinic: c, ClinicianID: id, Name: id, Last: true,
		Action: "/admin/clinics/" + c.ID + "/clinicians/" + id + "/remove"}
	if a, err := s.Journal.Account(ctx, id); err == nil {
		d.Name = a.Name
	}
	members, err := s.Journal.Members(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		switch {
		case m.Role == backcare.InClinicPatient:
			d.Patients++
		case m.AccountID != id:
			d.Last = false
		}
	}
	return d, nil
}

// clinicianRemoveForm asks before a clinician is taken out of a clinic.
func (s *server) clinicianRemoveForm(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	d, err := s.clinicianInClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.page = s.newPage(r, "Take "+d.Name+" out of "+d.Clinic.Name+"?", "clinics")
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "clinicremove", d)
}

// clinicianRemove takes a clinician out of a clinic: they no longer see
// its patients. Their account stays, and so do the patients and their
// programmes. Only the confirmation page's button (confirm=yes) does it;
// anything else is sent to that page to ask first.
func (s *server) clinicianRemove(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	ctx := r.Context()
	if err := readForm(r); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d, err := s.clinicianInClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if r.PostForm.Get("confirm") != "yes" {
		http.Redirect(w, r, d.Action, http.StatusSeeOther)
		return
	}
	if d.Stranded() {
		s.fail(w, r, http.StatusConflict, backcare.Errorf(backcare.ECONFLICT,
			"%s is %s's only clinician, so taking them out would leave its patients with no one to see their flags", d.Name, d.Clinic.Name).
			WithHint("add another clinician to the clinic first, on the Clinics page"))
		return
	}
	if err := s.Journal.RemoveMember(ctx, d.Clinic.ID, d.ClinicianID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/admin/clinics?saved=clinician-removed", http.StatusSeeOther)
}

// auditFile is the audit log as CSV, for the admin.
func (s *server) auditFile(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	ctx := r.Context()
	entries, err := s.Journal.Audit(ctx, backcare.AuditFilter{})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	names := map[string]string{}
	accts, err := s.Journal.AccountList(ctx)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	for _, a := range accts {
		names[a.ID] = a.Name
	}
	clinics, err := s.Journal.ClinicList(ctx)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	for _, c := range clinics {
		names[c.ID] = c.Name
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="backcare-audit-`+s.Now().UTC().Format("2006-01-02")+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_ = backcare.WriteAuditCSV(w, entries, func(id string) string { return names[id] })
}

// ---- The clinician's pages ----

// staffClinics returns the clinics the signed-in account is a clinician
// of, or errStaffOnly.
func (s *server) staffClinics(r *http.Request) ([]*backcare.ClinicMember, error) {
	ms, err := s.Journal.Memberships(r.Context(), userID(r))
	if err != nil {
		return nil, err
	}
	var out []*backcare.ClinicMember
	for _, m := range ms {
		if backcare.ClinicianOf(ms, m.ClinicID) == m {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, errStaffOnly()
	}
	return out, nil
}

// staffClinic is the clinic the path names, if the signed-in account is
// one of its clinicians; anyone else is told there is no such clinic.
func (s *server) staffClinic(r *http.Request) (*backcare.Clinic, error) {
	clinics, err := s.staffClinics(r)
	if err != nil {
		return nil, err
	}
	id := r.PathValue("clinic")
	if backcare.ClinicianOf(clinics, id) == nil {
		return nil, backcare.Errorf(backcare.ENOTFOUND, "there is no such clinic among yours").
			WithHint("open your Patients page to see your clinics")
	}
	return s.Journal.Clinic(r.Context(), id)
}

// dashboardPage is the clinician's Patients page.
type dashboardPage struct {
	page
	Clinics []dashboardClinic
	Saved   string
}

type dashboardClinic struct {
	*backcare.Clinic
	Rows    *clinicRows // its patients, made by clinicSummary
	Invites int         // its invitations not yet used
}

// patientRow is one patient on the dashboard.
type patientRow struct {
	ID, Name  string
	Assigned  bool
	Adherence programme.Adherence
	Last      *backcare.SessionSummary
	LastDay   string // the day of Last, in the patient's zone
	Pain      []int  // pain before the last sessions, oldest first
	PainTrend string
	// Session is the change a session makes to pain over the last
	// sessionWeeks: the average before and after, of the sessions with
	// both answers; nil without one.
	Session     *sessionPain
	PEG         string // the latest PEG score, "" if none
	PEGTrend    string
	Flags       []programme.Flag
	FlagGroups  []flagGroup // Flags by kind, for the dashboard
	AdherenceOK bool
}

// sessionWeeks is how many weeks back the dashboard averages pain before
// and after a session.
const sessionWeeks = 4

// sessionPain is the average pain before and after a session, over the
// sessions of the last sessionWeeks that have both answers.
type sessionPain struct {
	Before, After string // one decimal: "4.5"
	N             int    // how many sessions
	Weeks         int    // over how many weeks: sessionWeeks
	// Rise is when pain after is a point or more above pain before, on
	// average: sessions that hurt, for the clinician to look at.
	Rise bool
}

// averageSessionPain is pain before and after a session, averaged over
// the sessions since since with both answers; nil when there are none.
func averageSessionPain(hist []backcare.SessionSummary, since time.Time) *sessionPain {
	var before, after, n int
	for _, x := range hist {
		if x.PainBefore == nil || x.PainAfter == nil || x.StartedAt.Before(since) {
			continue
		}
		before, after, n = before+*x.PainBefore, after+*x.PainAfter, n+1
	}
	if n == 0 {
		return nil
	}
	avg := func(sum int) string { return measure.FormatScore(float64(sum) / float64(n)) }
	return &sessionPain{Before: avg(before), After: avg(after), N: n, Weeks: sessionWeeks, Rise: after-before >= n}
}

// flagGroup is a patient's flags of one kind: the dashboard shows the
// latest and how many, and acknowledges them together.
type flagGroup struct {
	Kind   backcare.FlagKind
	Title  string // "Flare", "No practice for 9 days"
	Latest programme.Flag
	When   string // the day of Latest, in the patient's zone; "" where its words say it
	All    []flagLine
	Refs   []string
}

// flagsView is what the flag-groups template shows of a patient's flags.
type flagsView struct {
	ID, Name, From string
	Groups         []flagGroup
}

// flagsOf is the flag-groups template's data: from is "patient" on the
// patient page, where an acknowledgement comes back.
func flagsOf(r patientRow, from string) flagsView {
	return flagsView{ID: r.ID, Name: r.Name, From: from, Groups: r.FlagGroups}
}

// flagLine is one flag of a group, in words.
type flagLine struct {
	Why, When string
}

// flagRank orders flags by how soon a clinician should look: a red-flag
// verdict first, then a stop for pain, a flare, no practice.
func flagRank(k backcare.FlagKind) int {
	switch k {
	case backcare.FlagRedFlag:
		return 0
	case backcare.FlagStoppedForPain:
		return 1
	case backcare.FlagFlare:
		return 2
	}
	return 3
}

// groupFlags groups flags (newest first) by kind, the most urgent kind
// first, as of now (whose zone is the patient's).
// dashboardFlagLines is how many of a group's flags the dashboard lists,
// the newest; the patient page lists them all.
const dashboardFlagLines = 3

// Lines is what the group lists where it is shown from ("patient": the
// patient page; "": the dashboard).
func (g flagGroup) Lines(from string) []flagLine {
	if from == "patient" {
		return g.All
	}
	return g.All[:min(len(g.All), dashboardFlagLines)]
}

// More is how many of the group's flags Lines leaves out.
func (g flagGroup) More(from string) int { return len(g.All) - len(g.Lines(from)) }

func groupFlags(flags []programme.Flag, now time.Time) []flagGroup {
	var out []flagGroup
	for _, f := range flags {
		i := slices.IndexFunc(out, func(g flagGroup) bool { return g.Kind == f.Kind })
		when := f.At.In(now.Location()).Format(dayFormat)
		if i < 0 {
			g := flagGroup{Kind: f.Kind, Title: flagName(f.Kind), Latest: f, When: when}
			if f.Kind == backcare.FlagNoPractice {
				g.Title = "No practice for " + strconv.Itoa(int(now.Sub(f.At).Hours()/24)) + " days"
				g.When = "" // its words name the day
			}
			out = append(out, g)
			i = len(out) - 1
		}
		out[i].All = append(out[i].All, flagLine{Why: f.Why, When: when})
		out[i].Refs = append(out[i].Refs, f.Ref)
	}
	slices.SortStableFunc(out, func(a, b flagGroup) int { return flagRank(a.Kind) - flagRank(b.Kind) })
	return out
}

// urgency is how soon a patient's row asks to be looked at: the rank of
// their most urgent flag, or 4 without one.
func (r patientRow) urgency() int {
	if len(r.FlagGroups) == 0 {
		return 4
	}
	return flagRank(r.FlagGroups[0].Kind)
}

// dashboardSince is how far back the dashboard reads sessions: the flags'
// window and this week, whatever the patient's zone.
func dashboardSince(now time.Time) time.Time { return now.Add(-programme.FlagWindow - 8*24*time.Hour) }

// patientSummary reads one patient's records and works out their row.
func (s *server) patientSummary(ctx context.Context, clinicID string, m *backcare.ClinicMember, acct *backcare.Account, now time.Time) (patientRow, error) {
	p := &backcare.PatientRecords{Member: *m, Account: *acct}
	var err error
	if p.Sessions, err = s.Journal.History(ctx, acct.ID, backcare.Filter{Since: dashboardSince(now)}); err != nil {
		return patientRow{}, err
	}
	if p.Screenings, err = s.Journal.Screenings(ctx, acct.ID, backcare.Filter{Limit: backcare.DashboardScreenings}); err != nil {
		return patientRow{}, err
	}
	if p.PEGs, err = s.Journal.PEGs(ctx, acct.ID, backcare.Filter{Limit: backcare.DashboardPEGs}); err != nil {
		return patientRow{}, err
	}
	if p.Acks, err = s.Journal.FlagAcks(ctx, clinicID, acct.ID); err != nil {
		return patientRow{}, err
	}
	p.Assignment, err = s.Journal.Assignment(ctx, clinicID, acct.ID)
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		p.Assignment, err = nil, nil
	}
	if err != nil {
		return patientRow{}, err
	}
	return s.summarise(p, now), nil
}

// summarise works out a patient's dashboard row from their records, in
// their own zone.
func (s *server) summarise(p *backcare.PatientRecords, now time.Time) patientRow {
	row := patientRow{ID: p.Account.ID, Name: p.Account.Name}
	now = now.In(s.zoneOf(&p.Account))
	hist := p.Sessions
	days, since := 7, p.Member.JoinedAt
	if a := p.Assignment; a != nil {
		row.Assigned, days = true, a.DaysPerWeek
		if a.Start.After(since) {
			since = a.Start
		}
	}
	row.Adherence = programme.WeekAdherence(hist, days, now)
	// Behind is when this week's plan can no longer be met, counting the
	// days left of the week, today's among them; without a programme
	// there is no plan to fall behind.
	left := 7 - (int(now.Weekday())+6)%7
	row.AdherenceOK = row.Adherence.Days+left >= row.Adherence.Plan || !row.Assigned
	for i := range hist {
		if hist[i].Status == backcare.Completed || hist[i].Status == backcare.StoppedForPain {
			row.Last, row.LastDay = &hist[i], hist[i].StartedAt.In(now.Location()).Format(dayFormat)
			break
		}
	}
	var old []*backcare.Session
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].PainBefore != nil {
			row.Pain = append(row.Pain, *hist[i].PainBefore)
			old = append(old, hist[i].Session())
		}
	}
	row.Pain = lastN(row.Pain, 6)
	if t := measure.TrendOf(measure.PainPoints(old), 0); t.N >= 2 {
		row.PainTrend = sinceWords(t, now.Location())
	}
	row.Session = averageSessionPain(hist, now.AddDate(0, 0, -7*sessionWeeks))
	if pts := measure.PEGPoints(p.PEGs); len(pts) > 0 {
		t := measure.TrendOf(pts, measure.PEGGap)
		row.PEG = measure.FormatScore(t.Latest.Value)
		if t.N >= 2 {
			row.PEGTrend = sinceWords(t, now.Location())
		}
	}
	row.Flags = programme.Unacknowledged(programme.Flags(hist, p.Screenings, since, now), p.Acks)
	row.FlagGroups = groupFlags(row.Flags, now)
	return row
}

// sinceWords is a trend's change since its first score, saying from when:
// "down 2 points since Mon 26 Oct: a real improvement". The dashboard shows
// only the latest scores; the change counts from the first in its weeks.
func sinceWords(t measure.Trend, loc *time.Location) string {
	w, day := t.SinceFirst.Words(), " since "+t.First.At.In(loc).Format(dayFormat)
	if before, after, ok := strings.Cut(w, ":"); ok {
		return before + day + ":" + after
	}
	return w + day
}

// clinicRows is a clinic's part of the dashboard, the same for each of its
// clinicians.
type clinicRows struct {
	Patients []patientRow // flagged patients first, then by name
	Flagged  int
	// HTML is each of Patients as the patient-row template makes it. Rows
	// are kept one by one, not as one list: the page's template prints
	// each through fmt, whose buffer is reused up to 64 KB, and a whole
	// clinic's list (half a megabyte for 200 patients) would be a new
	// buffer, and garbage, at every request.
	HTML   []template.HTML
	read   []string         // the patients whose records it shows
	clinic *backcare.Clinic // whose patients they are (a clinic's name never changes)
}

// clinicSummary works out the dashboard rows of the clinic's patients as
// of the end of this minute, or takes them from the memo when nothing they
// are made of has changed since (memo.go).
func (s *server) clinicSummary(ctx context.Context, clinicID string) (*clinicRows, error) {
	// The version first: what is read after it is at least as new, so
	// rows are never kept under a version newer than what they show.
	v, err := s.Journal.ClinicVersion(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	at := pageTime(s.Now())
	key, version := "dashboard "+clinicID, v+" "+strconv.FormatInt(at.UnixMilli(), 10)
	rows, err := s.memo.getOrMake(key, version, func() (any, error) {
		return s.makeClinicRows(context.WithoutCancel(ctx), clinicID, at)
	})
	if err != nil {
		return nil, err
	}
	return rows.(*clinicRows), nil
}

// makeClinicRows works out the dashboard rows of the clinic's patients as
// of at.
func (s *server) makeClinicRows(ctx context.Context, clinicID string, at time.Time) (*clinicRows, error) {
	c, err := s.Journal.Clinic(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	// One read for the clinic's patients, whatever their number.
	pats, err := s.Journal.ClinicPatients(ctx, clinicID, dashboardSince(at))
	if err != nil {
		return nil, err
	}
	rows := &clinicRows{read: make([]string, 0, len(pats)), clinic: c}
	for _, p := range pats {
		row := s.summarise(p, at)
		if len(row.Flags) > 0 {
			rows.Flagged++
		}
		rows.Patients = append(rows.Patients, row)
		rows.read = append(rows.read, p.Account.ID)
	}
	// The most urgent first (a red-flag verdict, a stop for pain, a
	// flare, no practice, nothing), then by name.
	slices.SortStableFunc(rows.Patients, func(a, b patientRow) int {
		if d := a.urgency() - b.urgency(); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	rows.HTML = make([]template.HTML, len(rows.Patients))
	for i, p := range rows.Patients {
		if rows.HTML[i], err = s.fragment(s.Location, "dashboard", "patient-row", p); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

func (s *server) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	clinics, err := s.staffClinics(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &dashboardPage{page: s.newPage(r, "Patients", "patients"), Saved: savedMessage(r.URL.Query().Get("saved"))}
	for _, cm := range clinics {
		sum, err := s.clinicSummary(ctx, cm.ClinicID)
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		c := sum.clinic
		logged := s.auditBegin(r, c.ID, backcare.AuditRead, "dashboard", sum.read...)
		invites, err := s.clinicInvites(ctx, c.ID)
		if lerr := logged(); lerr != nil {
			err = lerr
		}
		if err != nil {
			s.fail(w, r, 0, err)
			return
		}
		d.Clinics = append(d.Clinics, dashboardClinic{Clinic: c, Rows: sum, Invites: len(invites)})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "dashboard", d)
}

// invitePage shows a new invitation: the code, the link and its QR code.
type invitePage struct {
	page
	ClinicID string
	Clinic   string
	For      string // whom it is for, if the clinician said
	Code     string
	Link     string
	Join     string // the Join page, where the code is typed
	QR       template.URL
	Expires  time.Time
}

// origin is the scheme and host the browser reached this server at (the
// host check lets only the server's own names through).
func (s *server) origin(r *http.Request) string {
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// inviteMake makes a one-time invitation to the clinic, for a patient.
func (s *server) inviteMake(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.staffClinic(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	who, err := inviteFor(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	now := s.Now()
	code := backcare.NewInviteCode()
	t := &backcare.Ticket{Hash: backcare.InviteHash(code), Kind: backcare.TicketInvite,
		Data: backcare.Invite{ClinicID: c.ID, ClinicianID: userID(r), For: who}.Data(), CreatedAt: now, ExpiresAt: now.Add(backcare.InviteLife)}
	if err := s.Journal.AddTicket(ctx, t); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	link := s.origin(r) + "/join?code=" + url.QueryEscape(code)
	img, err := qr.Encode(link, qr.M)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	img.Scale = 8
	d := &invitePage{page: s.newPage(r, "Invite a patient", "patients"), ClinicID: c.ID, Clinic: c.Name, For: who, Code: code, Link: link, Join: s.origin(r) + "/join", Expires: t.ExpiresAt,
		QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(img.PNG()))} //nolint:gosec // our own PNG, not input
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "invite", d)
}

// patientPage is what a clinician sees of one patient.
type patientPage struct {
	page
	Clinic  string
	Zone    string
	Saved   string
	Records template.HTML // the patient-records template of patientRecords
}

// patientRecords is what the patient page shows of the patient's records,
// the same for every clinician of the clinic.
type patientRecords struct {
	patient    *patientCtx // whose they are, read with them
	PatientID  string
	Patient    patientRow
	html       template.HTML // the patient-records template of the rest
	Sessions   []sessionRow
	Pain       template.HTML
	PEG        template.HTML
	PEGTrend   pegSeries
	Screenings []screeningRow
	Assignment *assignmentView
	Suggestion []string // what the automatic progression would do, for the clinician
	Acks       []*backcare.FlagAck
}

type screeningRow struct {
	*backcare.Screening
	Verdict   string
	Clearable bool
	// AtFlag is a clearable screening shown as a red flag at the top of
	// the page: its clearance is recorded there, beside the flag.
	AtFlag    bool
	Clearance *backcare.Clearance
	By        string
	Yes       []string // the questions answered yes, in the patient's words
}

// yesAnswers are the safety questions a screening answered yes, as the
// patient read them, in the order they are asked.
func yesAnswers(x *backcare.Screening) []string {
	var out []string
	for _, q := range safety.Questions() {
		if x.Answers[q.ID] {
			out = append(out, q.Text)
		}
	}
	return out
}

// assignmentView is an assigned programme in words.
type assignmentView struct {
	*backcare.Assignment
	Clinic    string
	Clinician string
	Routines  []assignedRoutine
	Start     string
	Started   bool
}

type assignedRoutine struct {
	ID, Name, Total string
	Poses           []assignedPose
	Done            bool // played today
}

type assignedPose struct {
	Name, Dose string
	Changed    bool
}

// viewAssignment describes an assignment: its routines as the patient
// plays them.
func (s *server) viewAssignment(ctx context.Context, a *backcare.Assignment, loc *time.Location, now time.Time) *assignmentView {
	v := &assignmentView{Assignment: a, Start: a.Start.Format("Monday 2 January 2006")}
	y, m, d := now.In(loc).Date()
	v.Started = !time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(a.Start)
	if c, err := s.Journal.Clinic(ctx, a.ClinicID); err == nil {
		v.Clinic = c.Name
	}
	if doc, err := s.Journal.Account(ctx, a.ClinicianID); err == nil {
		v.Clinician = doc.Name
	}
	cat, err := s.catalogOf(ctx, a.ClinicID) // with the clinic's own routines
	if err != nil {
		cat = s.Catalog
	}
	for _, id := range a.Routines {
		base, err := cat.Routine(id)
		if err != nil {
			v.Routines = append(v.Routines, assignedRoutine{ID: id, Name: id + " (no longer in the catalog)"})
			continue
		}
		rt, err := a.Apply(base, cat.Pose)
		if err != nil {
			v.Routines = append(v.Routines, assignedRoutine{ID: id, Name: base.Name + " (" + backcare.ErrorMessage(err) + ")"})
			continue
		}
		ar := assignedRoutine{ID: id, Name: rt.Name}
		if tl, err := player.Compile(rt, player.Options{}); err == nil {
			ar.Total = backcare.HumanDuration(max(time.Minute, tl.Total.Round(time.Minute)))
		}
		for _, e := range rt.Entries {
			p := assignedPose{Name: e.Pose.Name, Dose: entryWords(e)}
			orig := slices.IndexFunc(base.Entries, func(b backcare.Entry) bool { return b.Pose.ID == e.Pose.ID })
			p.Changed = orig < 0 || base.Entries[orig].Dose.String() != e.Dose.String() || base.Entries[orig].Side != e.Side
			ar.Poses = append(ar.Poses, p)
		}
		v.Routines = append(v.Routines, ar)
	}
	return v
}

// flagName names a kind of flag for the clinician.
func flagName(k backcare.FlagKind) string {
	switch k {
	case backcare.FlagStoppedForPain:
		return "Stopped for pain"
	case backcare.FlagFlare:
		return "Flare"
	case backcare.FlagRedFlag:
		return "Red flag"
	case backcare.FlagNoPractice:
		return "No practice for 7 days"
	}
	return string(k)
}

func verdictWords(v backcare.Verdict) string {
	switch v {
	case backcare.Urgent:
		return "get help today"
	case backcare.Doctor:
		return "see a doctor"
	}
	return "go ahead gently"
}

func (s *server) patientView(w http.ResponseWriter, r *http.Request) {
	clinicID, m, err := s.reachPatient(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	// The look is logged while the page is made; nothing of it is sent
	// before the entry is in the journal.
	logged := s.auditBegin(r, clinicID, backcare.AuditRead, "patient page", m.AccountID)
	recs, err := s.recordsOf(r.Context(), clinicID, m)
	if lerr := logged(); lerr != nil {
		err = lerr
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d := &patientPage{page: s.newPage(r, recs.patient.Account.Name, "patients"), Clinic: recs.patient.Clinic.Name,
		Zone: s.zoneOf(recs.patient.Account).String(), Saved: savedMessage(r.URL.Query().Get("saved")), Records: recs.html}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "patient", d)
}

// recordsOf works out what the patient page shows of the patient's
// records as of the end of this minute, or takes it from the memo when
// nothing it is made of has changed since (memo.go). The clinic's version
// (Journal.ClinicVersion, one row on PostgreSQL) moves with all of it:
// the patient's revision (their records, programme and clearances), name
// and time zone, and the clinic's acknowledgements; it moves with the
// clinic's other patients' too, which only means the page is made again.
// A clinic's name never changes.
func (s *server) recordsOf(ctx context.Context, clinicID string, m *backcare.ClinicMember) (*patientRecords, error) {
	// The version first: what is read after it is at least as new.
	v, err := s.Journal.ClinicVersion(ctx, clinicID)
	if err != nil {
		return nil, err
	}
	at := pageTime(s.Now())
	version := v + " " + strconv.FormatInt(at.UnixMilli(), 10)
	key := "patient " + clinicID + " " + m.AccountID
	d, err := s.memo.getOrMake(key, version, func() (any, error) {
		return s.makeRecords(context.WithoutCancel(ctx), clinicID, m, at)
	})
	if err != nil {
		return nil, err
	}
	return d.(*patientRecords), nil
}

// makeRecords works out what the patient page shows of the patient's
// records as of at.
func (s *server) makeRecords(ctx context.Context, clinicID string, m *backcare.ClinicMember, at time.Time) (*patientRecords, error) {
	p, err := s.patientIn(ctx, clinicID, m)
	if err != nil {
		return nil, err
	}
	acks, err := s.Journal.FlagAcks(ctx, p.Clinic.ID, p.Account.ID)
	if err != nil {
		return nil, err
	}
	loc := s.zoneOf(p.Account)
	row, err := s.patientSummary(ctx, p.Clinic.ID, p.Member, p.Account, at)
	if err != nil {
		return nil, err
	}
	d := &patientRecords{patient: p, PatientID: p.Account.ID, Patient: row, Acks: acks[:min(len(acks), 10)]} // newest first
	hist, err := s.Journal.History(ctx, p.Account.ID, backcare.Filter{Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, x := range hist[:min(len(hist), 30)] {
		d.Sessions = append(d.Sessions, newRow(x))
	}
	old := slices.Clone(hist)
	slices.Reverse(old)
	pegs, err := s.Journal.PEGs(ctx, p.Account.ID, backcare.Filter{Limit: patientPEGs})
	if err != nil {
		return nil, err
	}
	points := measure.PEGPoints(pegs)
	// The charts share one time axis: the last twelve weeks, or fewer for
	// a patient whose records begin later (never under newSpan's four).
	var first time.Time
	if len(old) > 0 {
		first = old[0].StartedAt
	}
	if len(points) > 0 && (first.IsZero() || points[0].At.Before(first)) {
		first = points[0].At
	}
	sp := newSpan(at.In(loc), loc, 12, first)
	d.Pain = painChart(old, sp)
	d.PEG, d.PEGTrend = pegChart(points, sp), pegTrend(points)
	scr, err := s.Journal.Screenings(ctx, p.Account.ID, backcare.Filter{Limit: 20})
	if err != nil {
		return nil, err
	}
	cls, err := s.Journal.Clearances(ctx, p.Account.ID)
	if err != nil {
		return nil, err
	}
	for _, x := range scr {
		sr := screeningRow{Screening: x, Verdict: verdictWords(x.Verdict), Yes: yesAnswers(x),
			Clearable: (x.Verdict == backcare.Doctor || x.Verdict == backcare.Urgent) && x.ClearedAt.IsZero()}
		sr.AtFlag = sr.Clearable && slices.ContainsFunc(row.FlagGroups, func(g flagGroup) bool {
			return g.Kind == backcare.FlagRedFlag && slices.Contains(g.Refs, x.ID)
		})
		for _, c := range cls {
			if c.ScreeningID == x.ID {
				sr.Clearance = c
				if doc, err := s.Journal.Account(ctx, c.By); err == nil {
					sr.By = doc.Name
				}
			}
		}
		d.Screenings = append(d.Screenings, sr)
	}
	a, err := s.Journal.Assignment(ctx, p.Clinic.ID, p.Account.ID)
	switch {
	case err == nil:
		d.Assignment = s.viewAssignment(ctx, a, loc, at)
	case backcare.ErrorCode(err) != backcare.ENOTFOUND:
		return nil, err
	}
	if s.Programme != nil {
		// For an assigned programme the automatic progression only
		// suggests, here, to the clinician.
		h, err := s.historyOf(ctx, p.Account.ID, at)
		if err != nil {
			return nil, err
		}
		plan := s.Programme.Today(h, at.In(loc), loc)
		if plan.Phase.Name != "" {
			d.Suggestion = append(d.Suggestion, "Phase "+strconv.Itoa(plan.Phase.Number)+", "+plan.Phase.Name+".")
		}
		d.Suggestion = append(d.Suggestion, plan.Why...)
	}
	if d.html, err = s.fragment(loc, "patient", "patient-records", d); err != nil {
		return nil, err
	}
	return d, nil
}

// historyOf reads what the programme and the safety rules need from
// userID's journal as of at: the signed-in person's (historyAt), or a
// patient's for their clinician.
func (s *server) historyOf(ctx context.Context, userID string, at time.Time) (programme.History, error) {
	since := at.AddDate(0, 0, -historyDays)
	var h programme.History
	var err error
	if h.Sessions, err = s.Journal.Sessions(ctx, userID, backcare.Filter{Since: since}); err != nil {
		return h, err
	}
	if h.PEGs, err = s.Journal.PEGs(ctx, userID, backcare.Filter{Since: since}); err != nil {
		return h, err
	}
	if h.Screenings, err = s.Journal.Screenings(ctx, userID, backcare.Filter{}); err != nil {
		return h, err
	}
	h.PhaseChanges, err = s.Journal.PhaseChanges(ctx, userID, backcare.Filter{})
	return h, err
}

// flagAck records the clinician's acknowledgement of one of the patient's
// current flags.
func (s *server) flagAck(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.patientInReach(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	row, err := s.patientSummary(ctx, p.Clinic.ID, p.Member, p.Account, s.Now())
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	// One flag, or several of one kind (the dashboard acknowledges a
	// patient's flares together). Those acknowledged meanwhile, by another
	// clinician, are left; none still current is a 404.
	// The page sends them as one field, "refs", separated by spaces.
	kind := backcare.FlagKind(r.PostFormValue("kind"))
	refs := r.PostForm["ref"]
	for _, list := range r.PostForm["refs"] {
		refs = append(refs, strings.Fields(list)...)
	}
	var acks []*backcare.FlagAck
	for _, ref := range refs {
		current := slices.ContainsFunc(row.Flags, func(f programme.Flag) bool { return f.Kind == kind && f.Ref == ref })
		if !current || slices.ContainsFunc(acks, func(a *backcare.FlagAck) bool { return a.Ref == ref }) {
			continue
		}
		f := &backcare.FlagAck{ID: backcare.NewID(), ClinicID: p.Clinic.ID, PatientID: p.Account.ID, Kind: kind, Ref: ref, Note: r.PostFormValue("note"), By: userID(r), At: s.Now()}
		if err := f.Validate(); err != nil {
			s.fail(w, r, 0, err)
			return
		}
		acks = append(acks, f)
	}
	if len(acks) == 0 {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "there is no such flag to acknowledge").
			WithHint("it may have been acknowledged already; reload the page"))
		return
	}
	what := "acknowledged a flag (" + string(kind) + ")"
	if len(acks) > 1 {
		what = "acknowledged " + strconv.Itoa(len(acks)) + " flags (" + string(kind) + ")"
	}
	if err := s.audit(r, p.Clinic.ID, backcare.AuditChange, what, p.Account.ID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	for _, f := range acks {
		if err := s.Journal.AddFlagAck(ctx, f); err != nil {
			s.fail(w, r, 0, err)
			return
		}
	}
	back := "/clinic?saved=ack"
	if r.PostFormValue("from") == "patient" {
		back = "/clinic/patients/" + p.Account.ID + "?saved=ack"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// clearanceAdd records the clinician's clearance after a red-flag
// verdict: the screening's ClearedAt, which opens the safety gate, and who
// cleared it.
func (s *server) clearanceAdd(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.patientInReach(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	scr, err := s.Journal.Screenings(ctx, p.Account.ID, backcare.Filter{})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	i := slices.IndexFunc(scr, func(x *backcare.Screening) bool { return x.ID == r.PathValue("sid") })
	if i < 0 {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "there is no such screening of this patient"))
		return
	}
	x, now := scr[i], s.Now()
	if err := safety.Clear(x, now); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	c := &backcare.Clearance{ScreeningID: x.ID, ClinicID: p.Clinic.ID, PatientID: p.Account.ID, By: userID(r), At: now, Note: r.PostFormValue("note")}
	if err := c.Validate(); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.audit(r, p.Clinic.ID, backcare.AuditChange, "recorded a clearance", p.Account.ID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.Journal.AddClearance(ctx, c); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.Journal.SaveScreening(ctx, x); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/clinic/patients/"+p.Account.ID+"?saved=cleared", http.StatusSeeOther)
}

// programmePage is the programme editor.
type programmePage struct {
	page
	PatientID, Patient, Clinic string
	ClinicID                   string // for the link to the clinic's own routines
	Routines                   []editorRoutine
	Days                       string
	Start                      string
	Note                       string
	Errors                     fieldErrors
	TimeHint                   string // how a hold is typed, as in the clinic library's editor
}

// HasErrorIn reports whether a problem of the form is at one of the
// poses whose fields are under the routine: its poses are then shown
// open, those of routines not chosen stay shut.
func (d *programmePage) HasErrorIn(r editorRoutine) bool {
	for field := range d.Errors {
		for _, p := range r.Poses {
			if p.Here && strings.HasSuffix(field, "-"+p.ID) {
				return true
			}
		}
	}
	return false
}

type editorRoutine struct {
	ID, Name, Purpose string
	Chosen            bool
	Poses             []editorPose
}

type editorPose struct {
	ID, Name, Dose string
	Sided          bool
	Timed          bool
	Hold           string
	Sets, Reps     string
	Own            ownDose     // the routine's dose, as the fields' placeholders
	Sides          []ownOption // for a sided pose: both, left or right, the routine's marked
	Excluded       bool
	Swap           string
	Variants       []variant
	// Here is true where the pose's fields are: a pose in more than one
	// routine has one dose, set under the first chosen routine with it
	// (the first routine with it, if none is chosen); the others name
	// that routine, its Owner. programme.js moves the fields when the
	// routines chosen change.
	Here  bool
	Owner string
}

type variant struct{ ID, Label string }

// entryWords is a routine entry's dose in words, with its sides.
func entryWords(e backcare.Entry) string {
	switch {
	case e.Pose.Sided && e.Side != backcare.NoSide:
		return e.Dose.String() + ", " + string(e.Side) + " side only"
	case e.Pose.Sided:
		return e.Dose.String() + " each side"
	}
	return e.Dose.String()
}

// routineDose is a routine entry's dose as the programme editor's
// placeholders: an empty field keeps it.
func routineDose(e backcare.Entry) ownDose {
	d := ownDose{Hold: noValue, Sets: noValue, Reps: noValue}
	if e.Dose.Hold > 0 {
		d.Hold = strconv.Itoa(int(e.Dose.Hold / time.Second))
	}
	if n := len(e.Dose.Reps); n > 0 && !slices.ContainsFunc(e.Dose.Reps, func(r int) bool { return r != e.Dose.Reps[0] }) {
		d.Sets, d.Reps = strconv.Itoa(n), strconv.Itoa(e.Dose.Reps[0])
	} else if n > 0 {
		d.Sets, d.Reps = strconv.Itoa(n), "varies"
	}
	return d
}

// routineSides are, for each pose, the sides the catalog's routines play
// it on, each once (BothSides for both): one, unless two routines
// disagree.
func routineSides(cat Catalog) map[string][]backcare.Side {
	out := map[string][]backcare.Side{}
	for _, rt := range routinesIn(cat) {
		for _, e := range rt.Entries {
			side := e.Side
			if side == backcare.NoSide {
				side = backcare.BothSides
			}
			if !slices.Contains(out[e.Pose.ID], side) {
				out[e.Pose.ID] = append(out[e.Pose.ID], side)
			}
		}
	}
	return out
}

// sideChoices are a sided pose's choices in the programme editor: both
// sides, the left or the right, the routine's own chosen unless the
// clinician chose another (the dose above says which is the routine's).
// Where the pose's routines play it on different sides, the first choice
// keeps each routine's.
func sideChoices(routine []backcare.Side, change backcare.Side) []ownOption {
	out := []ownOption{{Value: string(backcare.BothSides), Label: "Both sides"}, {Value: "left", Label: "Left only"}, {Value: "right", Label: "Right only"}}
	chosen := change
	if len(routine) == 1 {
		if chosen == backcare.NoSide {
			chosen = routine[0]
		}
	} else {
		out = append([]ownOption{{Value: "", Label: "Each routine's"}}, out...)
	}
	for i := range out {
		out[i].Selected = out[i].Value == string(chosen)
	}
	return out
}

// editorData fills the editor from an assignment (or the form sent).
func (s *server) editorData(r *http.Request, cat Catalog, p *patientCtx, a *backcare.Assignment, form url.Values) *programmePage {
	d := &programmePage{page: s.newPage(r, "Programme for "+p.Account.Name, "patients"), PatientID: p.Account.ID,
		Patient: p.Account.Name, Clinic: p.Clinic.Name, ClinicID: p.Clinic.ID, Errors: fieldErrors{}}
	d.Scripts = []string{"programme.js", "savebar.js"}
	d.TimeHint = timeHint
	sides, routines := routineSides(cat), routinesIn(cat) // the catalog's and the clinic's own
	owner := map[string]string{}                          // pose id -> the routine its fields are under
	for _, chosen := range []bool{true, false} {
		for _, rt := range routines {
			if chosen && !slices.Contains(a.Routines, rt.ID) {
				continue
			}
			for _, e := range rt.Entries {
				if owner[e.Pose.ID] == "" {
					owner[e.Pose.ID] = rt.ID
				}
			}
		}
	}
	names := map[string]string{}
	for _, rt := range routines {
		names[rt.ID] = rt.Name
	}
	seen := map[string]bool{}
	for _, rt := range routines {
		er := editorRoutine{ID: rt.ID, Name: rt.Name, Purpose: rt.Purpose, Chosen: slices.Contains(a.Routines, rt.ID)}
		for _, e := range rt.Entries {
			ep := editorPose{ID: e.Pose.ID, Name: e.Pose.Name, Dose: entryWords(e), Sided: e.Pose.Sided, Timed: e.Dose.Timed(),
				Here: owner[e.Pose.ID] == rt.ID && !seen[e.Pose.ID], Owner: names[owner[e.Pose.ID]], Own: routineDose(e)}
			if ep.Here {
				seen[e.Pose.ID] = true
			}
			if ep.Here {
				ch := a.Doses[e.Pose.ID]
				if e.Pose.Sided {
					ep.Sides = sideChoices(sides[e.Pose.ID], ch.Side)
				}
				if ch.Hold > 0 {
					ep.Hold = strconv.Itoa(int(ch.Hold / time.Second))
				}
				if ch.Sets > 0 {
					ep.Sets, ep.Reps = strconv.Itoa(ch.Sets), strconv.Itoa(ch.Reps)
				}
				ep.Excluded, ep.Swap = a.Excludes(e.Pose.ID), a.Swaps[e.Pose.ID]
				if form != nil { // show what was typed, not what was understood
					ep.Hold, ep.Sets, ep.Reps = form.Get("hold-"+e.Pose.ID), form.Get("sets-"+e.Pose.ID), form.Get("reps-"+e.Pose.ID)
				}
				for _, id := range e.Pose.Easier {
					if v, err := cat.Pose(id); err == nil {
						ep.Variants = append(ep.Variants, variant{id, "Easier: " + v.Name})
					}
				}
				for _, id := range e.Pose.Harder {
					if v, err := cat.Pose(id); err == nil {
						ep.Variants = append(ep.Variants, variant{id, "Harder: " + v.Name})
					}
				}
			}
			er.Poses = append(er.Poses, ep)
		}
		d.Routines = append(d.Routines, er)
	}
	d.Days, d.Note = strconv.Itoa(a.DaysPerWeek), a.Note
	if !a.Start.IsZero() {
		d.Start = a.Start.Format("2006-01-02")
	}
	if form != nil {
		d.Days, d.Start, d.Note = form.Get("days"), form.Get("start"), form.Get("note")
	}
	return d
}

func (s *server) programmeForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.patientInReach(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.audit(r, p.Clinic.ID, backcare.AuditRead, "programme", p.Account.ID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	a, err := s.Journal.Assignment(ctx, p.Clinic.ID, p.Account.ID)
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		y, m, dd := s.Now().In(s.zoneOf(p.Account)).Date()
		a, err = &backcare.Assignment{DaysPerWeek: 5, Start: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)}, nil
	}
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	cat, err := s.catalogOf(ctx, p.Clinic.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "programme", s.editorData(r, cat, p, a, nil))
}

// parseProgramme reads the editor's form into an assignment, with a
// sentence for each field that is wrong.
func (s *server) parseProgramme(cat Catalog, form url.Values, a *backcare.Assignment) fieldErrors {
	errs := fieldErrors{}
	a.Routines = nil
	for _, id := range form["routine"] {
		if id == "" {
			continue
		}
		if _, err := cat.Routine(id); err != nil {
			errs["routines"] = "There is no routine " + strconv.Quote(id) + " in the catalog."
			continue
		}
		if !slices.Contains(a.Routines, id) {
			a.Routines = append(a.Routines, id)
		}
	}
	if len(a.Routines) == 0 && errs["routines"] == "" {
		errs["routines"] = "Choose at least one routine."
	}
	days, err := strconv.Atoi(strings.TrimSpace(form.Get("days")))
	if err != nil || days < 1 || days > 7 {
		errs["days"] = "Days a week is a whole number from 1 to 7."
	}
	a.DaysPerWeek = days
	start, err := time.Parse("2006-01-02", strings.TrimSpace(form.Get("start")))
	if err != nil {
		errs["start"] = "Give the first day as a date, for example 2026-03-02."
	}
	a.Start = start
	a.Note = form.Get("note")
	if n := len([]rune(strings.TrimSpace(a.Note))); n > backcare.MaxAssignmentNote {
		errs["note"] = "The note is " + strconv.Itoa(n) + " characters long; please keep it under " + strconv.Itoa(backcare.MaxAssignmentNote) + "."
	}
	a.Doses, a.Swaps, a.Excluded = map[string]backcare.DoseChange{}, map[string]string{}, nil
	number := func(field string, lo, hi int, what string) int {
		v := strings.TrimSpace(form.Get(field))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			errs[field] = what + " is a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi) + "; " + strconv.Quote(v) + " is not."
			return 0
		}
		return n
	}
	hold := func(field string) time.Duration {
		v := strings.TrimSpace(form.Get(field))
		if v == "" {
			return 0
		}
		d, msg := timeField(v, "A hold")
		d = d.Round(time.Second)
		switch {
		case msg != "":
			errs[field] = msg
		case d < time.Second:
			errs[field] = "A hold must be at least 1 second. You wrote " + shorten(v) + "."
		case d > backcare.MaxAssignedHold:
			errs[field] = "A hold can be at most " + backcare.HumanDuration(backcare.MaxAssignedHold) + " (" + clock(backcare.MaxAssignedHold) + "). You wrote " + shorten(v) + "."
		default:
			return d
		}
		return 0
	}
	sides := routineSides(cat)
	for _, p := range cat.Poses() {
		id := p.ID
		if form.Get("pose-"+id) == "" { // not in the form
			continue
		}
		ch := backcare.DoseChange{
			Hold: hold("hold-" + id),
			Sets: number("sets-"+id, 1, backcare.MaxAssignedSets, "Sets"),
			Reps: number("reps-"+id, 1, backcare.MaxAssignedReps, "Reps"),
		}
		if (ch.Sets > 0) != (ch.Reps > 0) && errs["sets-"+id] == "" && errs["reps-"+id] == "" {
			errs["sets-"+id] = "Give both the sets and the reps, or leave both empty."
		}
		switch side := backcare.Side(form.Get("side-" + id)); side {
		case backcare.NoSide: // as each routine has it
		case backcare.BothSides, backcare.Left, backcare.Right:
			// What every routine does already is no change.
			if all := sides[id]; len(all) != 1 || all[0] != side {
				ch.Side = side
			}
		default:
			errs["side-"+id] = "Choose both sides, the left or the right."
		}
		a.Doses[id] = ch
		if form.Get("exclude-"+id) != "" {
			a.Excluded = append(a.Excluded, id)
		}
		if v := form.Get("swap-" + id); v != "" {
			if !slices.Contains(p.Easier, v) && !slices.Contains(p.Harder, v) {
				errs["swap-"+id] = "Choose one of the pose's own variants."
			} else {
				a.Swaps[id] = v
			}
		}
	}
	if len(errs) == 0 {
		for _, id := range a.Routines {
			rt, _ := cat.Routine(id)
			if _, err := a.Apply(rt, cat.Pose); err != nil {
				errs["routines"] = errorSentences(err)
			}
		}
	}
	return errs
}

func (s *server) programmeSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.patientInReach(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, 0, badForm())
		return
	}
	cat, err := s.catalogOf(ctx, p.Clinic.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	a := &backcare.Assignment{ClinicID: p.Clinic.ID, PatientID: p.Account.ID, ClinicianID: userID(r), UpdatedAt: s.Now()}
	if errs := s.parseProgramme(cat, r.PostForm, a); len(errs) > 0 {
		d := s.editorData(r, cat, p, a, r.PostForm)
		d.Errors = errs
		s.render(w, r, http.StatusBadRequest, "programme", d)
		return
	}
	if err := s.audit(r, p.Clinic.ID, backcare.AuditChange, "programme", p.Account.ID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := s.Journal.SaveAssignment(ctx, a); err != nil {
		if backcare.ErrorCode(err) == backcare.EINVALID {
			d := s.editorData(r, cat, p, a, r.PostForm)
			d.Errors["routines"] = errorSentences(err)
			s.render(w, r, http.StatusBadRequest, "programme", d)
			return
		}
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/clinic/patients/"+p.Account.ID+"?saved=programme", http.StatusSeeOther)
}

// ---- The patient's pages ----

// joinPage accepts an invitation.
type joinPage struct {
	page
	Code      string
	Clinic    string // the invitation's clinic, once the code is known
	Clinician string
	Expires   time.Time // when the invitation stops working
	Error     string
}

// invitation finds the invitation a typed code names, without taking it.
func (s *server) invitation(ctx context.Context, code string) (*backcare.Ticket, backcare.Invite, error) {
	if strings.TrimSpace(code) == "" {
		return nil, backcare.Invite{}, backcare.Errorf(backcare.EINVALID, "type the code from your handout")
	}
	t, err := s.Journal.PeekTicket(ctx, backcare.TicketInvite, backcare.InviteHash(code), s.Now())
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, backcare.Invite{}, backcare.Errorf(backcare.ENOTFOUND, "that code is not a current invitation").
			WithHint("check the code on your handout; it works once and for a week, so ask your clinician for a new one if it has run out")
	}
	if err != nil {
		return nil, backcare.Invite{}, err
	}
	inv, err := backcare.ParseInvite(t)
	return t, inv, err
}

func (s *server) joinForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := &joinPage{page: s.newPage(r, "Join your clinic", "account"), Code: r.URL.Query().Get("code")}
	if d.Code != "" {
		t, inv, err := s.invitation(ctx, d.Code)
		if err != nil && backcare.ErrorCode(err) == backcare.EINTERNAL {
			s.fail(w, r, 0, err)
			return
		}
		if err != nil {
			d.Error = errorSentences(err)
		} else {
			d.Expires = t.ExpiresAt
			if c, err := s.Journal.Clinic(ctx, inv.ClinicID); err == nil {
				d.Clinic = c.Name
			}
			if doc, err := s.Journal.Account(ctx, inv.ClinicianID); err == nil {
				d.Clinician = doc.Name
			}
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "join", d)
}

func (s *server) joinSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := r.PostFormValue("code")
	d := &joinPage{page: s.newPage(r, "Join your clinic", "account"), Code: code}
	fail := func(err error) {
		if backcare.ErrorCode(err) == backcare.EINTERNAL {
			s.fail(w, r, 0, err)
			return
		}
		d.Error = errorSentences(err)
		s.render(w, r, status(err), "join", d)
	}
	if err := s.throttled(r, "invite:"+userID(r)); err != nil {
		fail(err)
		return
	}
	_, inv, err := s.invitation(ctx, code)
	if err != nil {
		_ = s.failed(r, "invite:"+userID(r))
		fail(err)
		return
	}
	ms, err := s.Journal.Memberships(ctx, userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if err := backcare.MayJoinAsPatient(viewerAccount(r), ms, inv.ClinicID); err != nil {
		fail(err)
		return
	}
	// Asked before the invitation is used up; AddMember asks again, in
	// its write, for a clinician leaving in between.
	staff, err := s.Journal.Members(ctx, inv.ClinicID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if !slices.ContainsFunc(staff, func(m *backcare.ClinicMember) bool { return m.Role == backcare.InClinicClinician }) {
		fail(backcare.NoClinician())
		return
	}
	if _, err := s.Journal.TakeTicket(ctx, backcare.TicketInvite, backcare.InviteHash(code), s.Now()); err != nil {
		fail(backcare.Errorf(backcare.ENOTFOUND, "that invitation was used a moment ago").WithHint("ask your clinician for a new one"))
		return
	}
	if err := s.Journal.AddMember(ctx, &backcare.ClinicMember{ClinicID: inv.ClinicID, AccountID: userID(r),
		Role: backcare.InClinicPatient, JoinedAt: s.Now(), InvitedBy: inv.ClinicianID}); err != nil {
		fail(err)
		return
	}
	http.Redirect(w, r, "/my-clinic?saved=joined", http.StatusSeeOther)
}

// myClinicPage is the patient's view of their clinic: who, what was
// assigned, who looked at their records, and leaving.
type myClinicPage struct {
	page
	Clinic     string
	Clinicians []string
	JoinedAt   time.Time
	Assignment *assignmentView
	Clearances []clearanceRow
	Looked     []lookRow
	Saved      string
	// Waiting is the safety verdict that waits for the clinic's clearance,
	// with its words; nil if none does.
	Waiting     *backcare.Screening
	WaitingWhat string
}

type clearanceRow struct {
	*backcare.Clearance
	By string
}

type lookRow struct {
	At       time.Time
	Who, Did string
	Times    int
}

// auditWords says to the patient what a member of staff did.
func auditWords(action backcare.AuditAction, what string) string {
	switch {
	case action == backcare.AuditRead && what == "dashboard":
		return "saw your week on the clinic's dashboard"
	case action == backcare.AuditRead && what == "patient page":
		return "opened your records"
	case action == backcare.AuditRead && what == "programme":
		return "opened your programme"
	case action == backcare.AuditRead && what == "handout":
		return "printed your programme's handout"
	case action == backcare.AuditChange && what == "programme":
		return "changed your programme"
	case action == backcare.AuditChange && what == "recorded a clearance":
		return "recorded that you may exercise again"
	case action == backcare.AuditChange && strings.HasPrefix(what, "acknowledged a flag ("):
		kind := strings.TrimSuffix(strings.TrimPrefix(what, "acknowledged a flag ("), ")")
		return "acknowledged a flag: " + strings.ToLower(flagName(backcare.FlagKind(kind)))
	case action == backcare.AuditChange:
		return "changed " + what
	}
	return "read " + what
}

func (s *server) myClinic(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := &myClinicPage{page: s.newPage(r, "Your clinic", "account"), Saved: savedMessage(r.URL.Query().Get("saved"))}
	ms, err := s.Journal.Memberships(ctx, userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	m := backcare.PatientOf(ms)
	if m == nil {
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusOK, "myclinic", d)
		return
	}
	c, err := s.Journal.Clinic(ctx, m.ClinicID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	d.Clinic, d.JoinedAt = c.Name, m.JoinedAt
	members, err := s.Journal.Members(ctx, c.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	names := map[string]string{}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		n := "a member of staff who has left"
		if a, err := s.Journal.Account(ctx, id); err == nil {
			n = a.Name
		}
		names[id] = n
		return n
	}
	for _, x := range members {
		if x.Role == backcare.InClinicClinician {
			d.Clinicians = append(d.Clinicians, name(x.AccountID))
		}
	}
	a, err := s.Journal.Assignment(ctx, c.ID, userID(r))
	switch {
	case err == nil:
		d.Assignment = s.viewAssignment(ctx, a, s.zoneOf(viewerAccount(r)), s.Now())
	case backcare.ErrorCode(err) != backcare.ENOTFOUND:
		s.fail(w, r, 0, err)
		return
	}
	cls, err := s.Journal.Clearances(ctx, userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	for _, x := range cls {
		d.Clearances = append(d.Clearances, clearanceRow{Clearance: x, By: name(x.By)})
	}
	h, err := s.history(ctx)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	if b := s.gate(ctx, h).Blocking; b != nil && b.ClearedAt.IsZero() {
		d.Waiting, d.WaitingWhat = b, verdictWords(b.Verdict)
	}
	log, err := s.Journal.Audit(ctx, backcare.AuditFilter{PatientID: userID(r), Filter: backcare.Filter{Limit: 200}})
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	// One line per person, what and day: a dashboard opened ten times on
	// a morning is one line, at the latest time.
	seen := map[string]int{}
	for _, e := range log {
		key := e.StaffID + "|" + string(e.Action) + "|" + e.What + "|" + e.At.In(s.zoneOf(viewerAccount(r))).Format("2006-01-02")
		if i, ok := seen[key]; ok {
			d.Looked[i].Times++
			continue
		}
		seen[key] = len(d.Looked)
		d.Looked = append(d.Looked, lookRow{At: e.At, Who: name(e.StaffID), Did: auditWords(e.Action, e.What), Times: 1})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "myclinic", d)
}

// leaveClinic takes the signed-in patient out of their clinic. Their
// journal stays theirs; the clinic's programme for them goes.
func (s *server) leaveClinic(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ms, err := s.Journal.Memberships(ctx, userID(r))
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	m := backcare.PatientOf(ms)
	if m == nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "you are not in a clinic"))
		return
	}
	if err := s.Journal.RemoveMember(ctx, m.ClinicID, userID(r)); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	http.Redirect(w, r, "/my-clinic?saved=left", http.StatusSeeOther)
}

// assigned returns the signed-in patient's programme, or nil.
func (s *server) assigned(ctx context.Context) (*backcare.Assignment, error) {
	ms, err := s.Journal.Memberships(ctx, userOf(ctx))
	if err != nil {
		return nil, err
	}
	m := backcare.PatientOf(ms)
	if m == nil {
		return nil, nil
	}
	a, err := s.Journal.Assignment(ctx, m.ClinicID, userOf(ctx))
	if backcare.ErrorCode(err) == backcare.ENOTFOUND {
		return nil, nil
	}
	return a, err
}

// routineFor is the routine with the id as the signed-in person plays it:
// the catalog's, with their clinician's doses applied when their assigned
// programme includes it (assigned is true then). Both the player page and
// the timeline ask here, so they show and play the same doses.
func (s *server) routineFor(ctx context.Context, id string) (rt backcare.Routine, assigned bool, err error) {
	rt, cat, err := s.routineOf(ctx, id) // a clinic's patient plays its own routines too
	if err != nil {
		return rt, false, err
	}
	a, err := s.assigned(ctx)
	if err != nil || a == nil || !slices.Contains(a.Routines, id) {
		return rt, false, err
	}
	out, err := a.Apply(rt, cat.Pose)
	if err != nil {
		return rt, false, err
	}
	return out, true, nil
}

// todayAssigned is the assigned programme on the patient's Today page.
type todayAssigned struct {
	*assignmentView
	Items []programme.Item
	Week  programme.Adherence
}

// Programme is the assignment in words, for the "assignment" template.
func (t *todayAssigned) Programme() *assignmentView { return t.assignmentView }

// assignedToday is the signed-in patient's assigned programme as of now,
// with its routines as today's plan, or nil without one.
func (s *server) assignedToday(ctx context.Context, h programme.History, now time.Time) (*todayAssigned, error) {
	a, err := s.assigned(ctx)
	if err != nil || a == nil {
		return nil, err
	}
	d := &todayAssigned{assignmentView: s.viewAssignment(ctx, a, now.Location(), now)}
	var sums []backcare.SessionSummary
	done := map[string]bool{}
	for _, x := range h.Sessions {
		sums = append(sums, x.Summary())
		if x.Status == backcare.Completed && day(x.StartedAt.In(now.Location())).Equal(day(now)) {
			done[x.RoutineID] = true
		}
	}
	d.Week = programme.WeekAdherence(sums, a.DaysPerWeek, now)
	if !d.Started {
		return d, nil
	}
	for _, r := range d.Routines {
		// No "why" of its own: the page says once that it is from the clinician.
		d.Items = append(d.Items, programme.Item{RoutineID: r.ID, Name: r.Name, Done: done[r.ID]})
	}
	return d, nil
}

// handoutOf is what the patient's handout says beside the poses: the
// clinic, the patient, how often and the clinician's note; nil when they
// are in no clinic.
func (s *server) handoutOf(ctx context.Context, patientID string) (*backcare.Handout, error) {
	ms, err := s.Journal.Memberships(ctx, patientID)
	if err != nil {
		return nil, err
	}
	m := backcare.PatientOf(ms)
	if m == nil {
		return nil, nil
	}
	c, err := s.Journal.Clinic(ctx, m.ClinicID)
	if err != nil {
		return nil, err
	}
	a, err := s.Journal.Assignment(ctx, m.ClinicID, patientID)
	if err != nil {
		return nil, err
	}
	p, err := s.Journal.Account(ctx, patientID)
	if err != nil {
		return nil, err
	}
	return &backcare.Handout{Clinic: c.Name, Patient: p.Name, DaysPerWeek: a.DaysPerWeek, Note: a.Note}, nil
}

// handout is the PDF pose chart of one routine of a patient's programme,
// with their doses and the clinic's name, for the clinician to print.
func (s *server) handout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.patientInReach(r)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	a, err := s.Journal.Assignment(ctx, p.Clinic.ID, p.Account.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	id := r.PathValue("routine")
	if !slices.Contains(a.Routines, id) {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "that routine is not in this patient's programme"))
		return
	}
	cat, err := s.catalogOf(ctx, p.Clinic.ID)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	base, err := cat.Routine(id)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	rt, err := a.Apply(base, cat.Pose)
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	// The patient, the clinic and the programme are in hand already.
	h := &backcare.Handout{Clinic: p.Clinic.Name, Patient: p.Account.Name, DaysPerWeek: a.DaysPerWeek, Note: a.Note}
	if s.Chart == nil {
		s.fail(w, r, 0, backcare.Errorf(backcare.ENOTFOUND, "pose charts are not part of this build"))
		return
	}
	if err := s.audit(r, p.Clinic.ID, backcare.AuditRead, "handout", p.Account.ID); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	var buf bytes.Buffer
	if err := s.Chart(&buf, rt, h); err != nil {
		s.fail(w, r, 0, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rt.ID+`-`+p.Account.Name+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// clinicClears refuses a clinic patient's own statement that they were
// cleared: in a clinic their clinician records the clearance (who, when),
// and the patient sees that the clinic has been told.
func (s *server) clinicClears(ctx context.Context) error {
	c, err := s.patientClinic(ctx)
	if err != nil || c == nil {
		return err
	}
	name := c.Name
	return backcare.Errorf(backcare.ECONFLICT, "as a patient of %s, your clinician records that you may exercise again", name).
		WithHint("tell your clinician what the doctor said; once they record it, sessions open again and Your clinic shows it")
}

// patientClinic returns the clinic the signed-in person is a patient of,
// or nil: whose clinician records their clearance (MayClearThemselves).
// notesSeenBy is the name of the clinic whose clinicians read the signed-in
// person's journal, notes and all; "" when they are no clinic's patient.
func (s *server) notesSeenBy(ctx context.Context) (string, error) {
	c, err := s.patientClinic(ctx)
	if err != nil || c == nil {
		return "", err
	}
	return c.Name, nil
}

func (s *server) patientClinic(ctx context.Context) (*backcare.Clinic, error) {
	ms, err := s.Journal.Memberships(ctx, userOf(ctx))
	if err != nil || backcare.MayClearThemselves(ms) {
		return nil, err
	}
	return s.Journal.Clinic(ctx, backcare.PatientOf(ms).ClinicID)
}

// patientPEGs is how many weekly check-ins the patient page reads: half a
// year of them.
const patientPEGs = 26

// lastN keeps the last n elements.
func lastN[T any](xs []T, n int) []T {
	if len(xs) > n {
		return xs[len(xs)-n:]
	}
	return xs
}
