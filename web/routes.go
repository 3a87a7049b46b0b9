package web

import "net/http"

// routes registers every route of the app; this is the one place to read
// what the server answers. GET handlers never change anything.
func (s *server) routes() {
	m := s.mux
	// Pages.
	m.HandleFunc("GET /{$}", s.today)
	m.HandleFunc("GET /routines", s.routinesPage)
	m.HandleFunc("GET /routines/{id}", s.routinePage)
	m.HandleFunc("GET /routines/{id}/chart.pdf", s.chart)
	m.HandleFunc("GET /play/{id}", s.playerPage)
	m.HandleFunc("GET /journal", s.journalPage)
	m.HandleFunc("GET /learn", s.learnPage)
	m.HandleFunc("GET /safety", s.safetyPage)
	m.HandleFunc("POST /safety", s.safetySubmit)
	m.HandleFunc("POST /safety/cleared", s.safetyClear)
	m.HandleFunc("GET /peg", s.pegPage)
	m.HandleFunc("POST /peg", s.pegSubmit)
	m.HandleFunc("GET /calendar.ics", s.calendarFile)
	m.HandleFunc("GET /settings", s.settingsPage)
	m.HandleFunc("POST /settings", s.settingsSubmit)
	m.HandleFunc("GET /sessions/{id}/finish", s.finishPage)
	m.HandleFunc("POST /sessions/{id}/finish", s.finishSubmit)
	m.HandleFunc("GET /sessions/unfinished", s.unfinishedList)
	m.HandleFunc("POST /sessions/unfinished", s.unfinishedSubmit)
	m.HandleFunc("GET /sessions/{id}/edit", s.editForm)
	m.HandleFunc("POST /sessions/{id}/edit", s.editSubmit)
	m.HandleFunc("POST /sessions/{id}/delete", s.deleteSession)

	// Your data (data.go).
	m.HandleFunc("GET /export/journal.json", s.exportJSON)
	m.HandleFunc("GET /export/journal.csv", s.exportCSV)
	m.HandleFunc("POST /settings/import", s.importSubmit)
	m.HandleFunc("POST /settings/delete", s.deleteEverything)

	// The player's JSON API.
	m.HandleFunc("GET /api/routines/{id}/timeline", s.apiTimeline)
	m.HandleFunc("POST /api/sessions", s.apiStartSession)
	m.HandleFunc("GET /api/sessions/{id}", s.apiSession)
	m.HandleFunc("PUT /api/sessions/{id}", s.apiSaveSession)

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

// healthz says the server is up and its journal answers.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Journal.Settings(r.Context(), s.UserID); err != nil {
		s.Logger.Error("healthz: journal", "err", err)
		http.Error(w, "journal unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}
