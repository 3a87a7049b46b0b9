package web

import (
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"backcare"
	"backcare/programme"
)

// Catalog is what the web app reads from the catalog of poses and routines.
// *catalog.Catalog satisfies it.
type Catalog interface {
	Routines() []backcare.Routine
	Routine(id string) (backcare.Routine, error)
	// Pose and Poses are for a clinician's programme editor (variants).
	Pose(id string) (backcare.Pose, error)
	Poses() []backcare.Pose
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
	Chart func(w io.Writer, r backcare.Routine, h *backcare.Handout) error
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

	// Hosts are the host names, with their ports, that the server
	// answers (the Host header, or X-Forwarded-Host from a trusted proxy):
	// 127.0.0.1:PORT, localhost:PORT and [::1]:PORT on loopback, and the
	// names of the public URL and the addresses printed otherwise. Any
	// other host gets 421. Required: an empty list answers no one.
	Hosts []string
	// Secure says the app is reached over HTTPS (its own certificate, or a
	// trusted proxy that says so): cookies are Secure and __Host-, and
	// answers carry HSTS. Requests a trusted proxy marks as https count as
	// secure too.
	Secure bool
	// TrustedProxies are the addresses whose X-Forwarded-For, -Proto and
	// -Host headers are believed; from anyone else they are ignored.
	TrustedProxies []netip.Prefix
	// Loopback says the server listens on this computer only, for the
	// person who started it: the sign-in page tells a visitor to open the
	// link backcare printed.
	Loopback bool
	// PhoneURL is the base URL (scheme, host, port) a phone on the same
	// network can reach, for "Use on your phone"; empty when the server
	// listens on loopback only, and the page then says how to start it.
	PhoneURL string
	// SignUp lets anyone who reaches the server make an account; without
	// it accounts are made with `backcare account add`.
	SignUp bool
	// PasskeyRPID is the WebAuthn relying party id: the public host name,
	// or "localhost". Empty turns passkeys off (an IP address can't have
	// passkeys).
	PasskeyRPID string
	// PasskeyOrigins are the origins passkey ceremonies may come from
	// (https://name, or http://localhost:PORT).
	PasskeyOrigins []string
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
	memo   *memo      // clinic summaries made from the journal (memo.go); nil keeps none
	audits *auditLog  // staff's audit entries, written in groups (auditlog.go)
	// zoneSets are the page templates of other zones than the server's
	// (pagesIn).
	zoneSets *memo
	// webauthn is the passkeys' relying party; nil when passkeys can't
	// be used at this server's address.
	webauthn *webauthn.WebAuthn
}

// NewServer returns the web app as an http.Handler. It parses the embedded
// templates and hashes the static files once, and panics if an embedded
// template is broken: that is a bug in the build, found by any test.
func NewServer(d Deps) http.Handler {
	s := newServer(d)
	return s.middleware(s.mux)
}

func newServer(d Deps) *server {
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
	s := &server{Deps: d, mux: http.NewServeMux(), cache: newPageCache(maxCacheBytes), memo: newMemo(maxMemoEntries), zoneSets: newMemo(maxZoneSets)}
	s.audits = &auditLog{write: func(ctx context.Context, entries ...*backcare.AuditEntry) error {
		return s.Journal.AddAudit(ctx, entries...)
	}}
	var err error
	if s.webauthn, err = newWebAuthn(d); err != nil {
		// A wiring mistake, not the person's: the rest still works.
		s.Logger.Error("passkeys are off: their settings are wrong", "err", err)
	}
	s.static = mustStatic()
	s.pages = mustParsePages(s.funcs(d.Location))
	s.routes()
	return s
}
