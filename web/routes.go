package web

import "net/http"

// routes registers every route of the app; this is the one place to read
// what the server answers. GET handlers never change anything.
//
// Every route that reads or writes a journal is wrapped in signedIn: a
// request without a sign-in never reaches it. The handlers read whose
// journal it is from the request's context (userID), so an id in a path
// is always looked up within the signed-in account's own records, and
// another account's id is not found.
func (s *server) routes() {
	m := s.mux
	private := func(pattern string, h http.HandlerFunc) { m.Handle(pattern, s.signedIn(h)) }

	// Pages.
	private("GET /{$}", s.today)
	private("GET /routines", s.routinesPage)
	private("GET /routines/{id}", s.routinePage)
	private("GET /routines/{id}/chart.pdf", s.chart)
	private("GET /play/{id}", s.playerPage)
	private("GET /journal", s.journalPage)
	private("GET /learn", s.learnPage)
	private("GET /safety", s.safetyPage)
	private("POST /safety", s.safetySubmit)
	private("POST /safety/cleared", s.safetyClear)
	private("GET /peg", s.pegPage)
	private("POST /peg", s.pegSubmit)
	private("GET /calendar.ics", s.calendarFile)
	private("GET /settings", s.settingsPage)
	private("POST /settings", s.settingsSubmit)
	private("GET /sessions/{id}/finish", s.finishPage)
	private("POST /sessions/{id}/finish", s.finishSubmit)
	private("GET /sessions/unfinished", s.unfinishedList)
	private("POST /sessions/unfinished", s.unfinishedSubmit)
	private("GET /sessions/{id}/edit", s.editForm)
	private("POST /sessions/{id}/edit", s.editSubmit)
	private("POST /sessions/{id}/delete", s.deleteSession)

	// Your data (data.go).
	private("GET /export/journal.json", s.exportJSON)
	private("GET /export/journal.csv", s.exportCSV)
	private("POST /settings/import", s.importSubmit)
	private("POST /settings/delete", s.deleteEverything)

	// The player's JSON API.
	private("GET /api/routines/{id}/timeline", s.apiTimeline)
	private("POST /api/sessions", s.apiStartSession)
	private("GET /api/sessions/{id}", s.apiSession)
	private("PUT /api/sessions/{id}", s.apiSaveSession)

	// Signing in (account.go, passkey.go): open to everyone who reaches
	// the server.
	m.HandleFunc("GET /signin", s.signInForm)
	m.HandleFunc("POST /signin", s.signInSubmit)
	m.HandleFunc("GET /signup", s.signUpForm)
	m.HandleFunc("POST /signup", s.signUpSubmit)
	m.HandleFunc("GET /signin/recover", s.recoverForm)
	m.HandleFunc("POST /signin/recover", s.recoverSubmit)
	m.HandleFunc("GET "+signInLinkPath, s.linkForm)
	m.HandleFunc("POST "+signInLinkPath, s.linkSubmit)
	m.HandleFunc("POST /api/passkeys/signin/options", s.passkeySignInOptions)
	m.HandleFunc("POST /api/passkeys/signin", s.passkeySignIn)
	m.HandleFunc("POST /api/passkeys/signup/options", s.passkeySignUpOptions)
	m.HandleFunc("POST /api/passkeys/signup", s.passkeySignUp)

	// The account: its devices, passkeys and password; the phone.
	private("POST /signout", s.signOut)
	private("GET /account", s.accountForm)
	private("POST /account/password", s.passwordSubmit)
	private("POST /account/zone", s.zoneSubmit)
	private("POST /account/recovery", s.recoverySubmit)
	private("POST /account/passkeys/{id}/remove", s.passkeyRemove)
	private("POST /account/signins/{id}/end", s.signInEnd)
	private("POST /account/signins/end-all", s.signInEndAll)
	private("POST /api/passkeys/add/options", s.passkeyAddOptions)
	private("POST /api/passkeys/add", s.passkeyAdd)
	private("GET /pair", s.pairForm)
	private("POST /pair", s.pairSubmit)

	// Clinic mode (clinic.go). Who may see what is decided there, by
	// backcare's access functions: a patient's id is looked up within the
	// signed-in clinician's clinics, and anything outside them is 404.
	private("GET /admin/clinics", s.clinicsForm)
	private("POST /admin/clinics", s.clinicAdd)
	private("POST /admin/clinics/{id}/clinicians", s.clinicianAdd)
	private("GET /admin/clinics/{id}/clinicians/{account}/remove", s.clinicianRemoveForm)
	private("POST /admin/clinics/{id}/clinicians/{account}/remove", s.clinicianRemove)
	private("GET /admin/audit.csv", s.auditFile)
	private("GET /clinic", s.dashboard)
	private("POST /clinic/{clinic}/invites", s.inviteMake)
	private("GET /clinic/invites/{clinic}", s.invitesList)
	private("POST /clinic/invites/{clinic}/{invite}/cancel", s.inviteCancel)
	private("GET /clinic/patients/{id}", s.patientView)
	private("GET /clinic/patients/{id}/programme", s.programmeForm)
	private("POST /clinic/patients/{id}/programme", s.programmeSave)
	private("GET /clinic/patients/{id}/handout/{routine}", s.handout)
	private("POST /clinic/patients/{id}/flags", s.flagAck)
	private("POST /clinic/patients/{id}/screenings/{sid}/clear", s.clearanceAdd)
	// The clinic's own poses and routines (clinicown.go): its clinicians'.
	private("GET /clinic-library/{clinic}", s.libraryList)
	private("GET /clinic-library/{clinic}/new", s.libraryNew)
	private("POST /clinic-library/{clinic}", s.libraryCreate)
	private("GET /clinic-library/{clinic}/{kind}/{id}", s.libraryEdit)
	private("POST /clinic-library/{clinic}/{kind}/{id}", s.librarySave)
	private("POST /clinic-library/{clinic}/{kind}/{id}/delete", s.libraryDelete)
	private("GET /join", s.joinForm)
	private("POST /join", s.joinSubmit)
	private("GET /my-clinic", s.myClinic)
	private("POST /my-clinic/leave", s.leaveClinic)

	// Files with fixed URLs, then the content-hashed ones.
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /sw.js", s.serviceWorker)
	m.HandleFunc("GET /manifest.webmanifest", s.manifest)
	m.HandleFunc("GET /favicon.ico", s.favicon)
	m.HandleFunc("GET /robots.txt", s.robots)
	m.HandleFunc("GET /static/{name}", s.staticFile)

	// Anything else is a page that does not exist.
	m.HandleFunc("/", s.notFound)
}

// healthz says the server is up and its journal answers. It reads no
// one's records.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Journal.Revision(r.Context(), ""); err != nil {
		s.Logger.Error("healthz: journal", "err", err)
		http.Error(w, "journal unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}
