package web

import (
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"time"

	"backcare"
	"backcare/programme"
)

// Catalog is what the web app reads from the catalog of poses and routines.
// *catalog.Catalog satisfies it.
type Catalog interface {
	Routines() []backcare.Routine
	Routine(id string) (backcare.Routine, error)
}

// Deps is everything the web app needs from the outside. Catalog and
// Journal are required; the others may be nil and the pages then leave out
// what they would show.
type Deps struct {
	Catalog Catalog
	Journal backcare.Journal
	// CatalogProblems are the problems of the catalog folder's files that
	// were skipped when the catalog loaded; the Routines page lists them.
	CatalogProblems []*backcare.Error

	// Figures shows each pose's figure (package figure, inlined as SVG).
	// The catalog must have been checked with figure.Check.
	Figures bool
	// Chart writes the printable pose chart of a routine as PDF. Nil hides
	// the "Download the pose chart" link. It is passed in because the web
	// app never imports another adapter.
	Chart func(w io.Writer, r backcare.Routine) error
	// Calendar writes the practice plan as an iCalendar file, with the code
	// of `backcare schedule --ics`. Nil hides the calendar download. Like
	// Chart, it is passed in because web never imports another adapter.
	Calendar func(w io.Writer, req CalendarRequest) error
	// Programme decides today's plan (package programme). Nil offers the
	// catalog's first routine, still behind the safety check.
	Programme *programme.Programme
	// Location is the person's time zone, for "today"; time.Local by
	// default.
	Location *time.Location

	// UserID is whose journal the app shows; backcare.LocalUser by default.
	UserID string
	// Now tells the time; time.Now by default.
	Now func() time.Time
	// Logger logs requests that fail inside; slog.Default() by default.
	Logger *slog.Logger
	// Version is shown in the footer and names the service worker's cache.
	Version string
}

// server holds the dependencies and what is built once at start.
type server struct {
	Deps
	pages  map[string]*template.Template
	static *staticFiles
	mux    *http.ServeMux
	cache  *pageCache // pages made from the journal (cache.go); nil keeps none
}

// NewServer returns the web app as an http.Handler. It parses the embedded
// templates and hashes the static files once, and panics if an embedded
// template is broken: that is a bug in the build, found by any test.
func NewServer(d Deps) http.Handler {
	s := newServer(d)
	return s.middleware(s.mux)
}

func newServer(d Deps) *server {
	if d.UserID == "" {
		d.UserID = backcare.LocalUser
	}
	if d.Location == nil {
		d.Location = time.Local
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Version == "" {
		d.Version = "dev"
	}
	s := &server{Deps: d, mux: http.NewServeMux(), cache: newPageCache(maxCacheBytes)}
	s.static = mustStatic()
	s.pages = mustParsePages(s.funcs())
	s.routes()
	return s
}
