package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"backcare"
	"backcare/figure"
)

//go:embed templates
var templateFS embed.FS

// page is what every page's data carries: the layout reads it.
type page struct {
	Title   string // in <title> and the top heading
	Nav     string // which menu entry is current
	Desc    string // the meta description
	Version string
	Scripts []string // extra module scripts, by static name
	// Account is the signed-in account's name, empty when signed out:
	// the menu is shown only to someone signed in.
	Account string
	// Role is the signed-in account's role: clinicians get a Patients
	// entry in the menu, admins a Clinics entry.
	Role backcare.Role
	Made string // when the page was made (RFC 3339), to tell a copy's age offline
}

// newPage fills the common part of a page.
func (s *server) newPage(r *http.Request, title, nav string) page {
	return s.pageIn(r.Context(), title, nav)
}

// pageIn is newPage for code that has only the request's context.
func (s *server) pageIn(ctx context.Context, title, nav string) page {
	p := page{Title: title, Nav: nav, Version: s.Version, Made: s.Now().UTC().Format(time.RFC3339),
		Desc: "backcare: gentle, guided stretches for a sore lower back, with a journal of how you feel."}
	if v := viewerFrom(ctx); v != nil {
		p.Account, p.Role = v.account.Name, v.account.Role
	}
	return p
}

// mustParsePages parses layout.html with each page template, once.
func mustParsePages(funcs template.FuncMap) map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" || name == "parts" {
			continue
		}
		pages[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
	}
	return pages
}

// Pages in each person's own time zone.
//
// The templates' date, datetime and hourmin show a time in one zone: that
// of the person whose records the page shows (the signed-in person's own,
// or, on a clinician's patient page, the patient's). Template functions
// are fixed when the templates are parsed, so each zone other than the
// server's gets its own parse, made when first asked for and kept: at most
// maxZoneSets of them, the least recently used going first (a parse takes
// a few milliseconds).
const maxZoneSets = 16

// dayFormat is how pages show a day: "Thu 3 Dec".
const dayFormat = "Mon 2 Jan"

// pagesIn returns the page templates whose times are shown in loc.
func (s *server) pagesIn(loc *time.Location) map[string]*template.Template {
	if loc == nil || loc == s.Location || loc.String() == s.Location.String() {
		return s.pages
	}
	if kept, ok := s.zoneSets.get(loc.String(), ""); ok {
		return kept.(map[string]*template.Template)
	}
	pages := mustParsePages(s.funcs(loc))
	s.zoneSets.put(loc.String(), "", pages)
	return pages
}

// funcs are the helpers templates may call; their times are shown in loc.
func (s *server) funcs(loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"asset":       func(name string) string { return s.static.url(name) },
		"human":       backcare.HumanDuration,
		"flagName":    flagName,
		"join":        strings.Join,
		"flagsOf":     flagsOf,
		"statusWords": statusWords,
		"clock":       clock,
		"date":        func(t time.Time) string { return t.In(loc).Format(dayFormat) },
		"datetime": func(t time.Time) string {
			return t.In(loc).Format(dayFormat + ", 15:04")
		},
		"hourmin": func(t time.Time) string { return t.In(loc).Format("15:04") },
		"isodate": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"upto": func(n int) []int {
			out := make([]int, n+1)
			for i := range out {
				out[i] = i
			}
			return out
		},
		"deref": func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		},
		"side":       func(s backcare.Side) string { return string(s) },
		"figure":     s.figureHTML,
		"hasFigures": func() bool { return s.Figures },
		"sides": func(p backcare.Pose) []backcare.Side {
			if p.Sided {
				return []backcare.Side{backcare.Left, backcare.Right}
			}
			return []backcare.Side{backcare.NoSide}
		},
		"forSide":  backcare.ForSide,
		"inc":      func(n int) int { return n + 1 },
		"dec":      func(n int) int { return n - 1 },
		"sentence": sentence,
		"scaleField": func(kind, name, legend, low, high, selected, err string, required bool) scaleField {
			return scaleField{Kind: kind, Name: name, Legend: legend, Low: low, High: high, Selected: selected, Error: err, Required: required}
		},
	}
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	buf := getBuffer()
	defer putBuffer(buf)
	if !s.execute(buf, s.locOf(r.Context()), name, data) {
		http.Error(w, "Something went wrong inside backcare. Please try again.", http.StatusInternalServerError)
		return
	}
	writeHTML(w, code, buf.Bytes())
}

// execute runs a page's template into buf, its times shown in loc, and
// logs a failure.
func (s *server) execute(buf *bytes.Buffer, loc *time.Location, name string, data any) bool {
	t, ok := s.pagesIn(loc)[name]
	if !ok {
		panic("web: no page template " + name)
	}
	if err := t.ExecuteTemplate(buf, "layout.html", data); err != nil {
		s.Logger.Error("render", "page", name, "err", err)
		return false
	}
	return true
}

// fragment runs one template defined in a page's file into HTML, its
// times shown in loc, for a part of the page that is made once and kept.
func (s *server) fragment(loc *time.Location, page, name string, data any) (template.HTML, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := s.pagesIn(loc)[page].ExecuteTemplate(buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil //nolint:gosec // html/template escaped it
}

// writeHTML sends a rendered page. Its length is known, so it goes out
// with a Content-Length rather than in chunks: fewer bytes and, for a page
// of more than a few kilobytes, one write to the connection fewer.
func writeHTML(w http.ResponseWriter, code int, body []byte) {
	h := w.Header()
	h["Content-Type"] = htmlType
	h["Cache-Control"] = noCache
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// Header values set on every page, made once: every answer would
// otherwise allocate them anew.
var (
	htmlType = []string{"text/html; charset=utf-8"}
	noCache  = []string{"no-cache"}
)

// buffers are reused for rendering: a page is tens of kilobytes, and
// growing a new buffer to that size for every request is needless work.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // an odd huge page: let it go
	}
	b.Reset()
	buffers.Put(b)
}

// figureHTML inlines the SVG figure of a pose, drawn for one side, with
// ids unique on the page (prefix names where it is shown). A pose whose
// figure cannot be drawn is shown without one and logged.
func (s *server) figureHTML(p backcare.Pose, side backcare.Side, prefix string) template.HTML {
	if !s.Figures {
		return ""
	}
	if p.Figure.IsZero() {
		// A pose without a picture (a clinic's own may have none) says
		// so, rather than show a person standing that its steps do not
		// describe.
		return noFigure(p.Name)
	}
	frames, err := figure.DrawFrames(p.Figure, side)
	if err != nil {
		s.Logger.Error("figure", "pose", p.ID, "err", err)
		return ""
	}
	desc := p.Summary
	if side != backcare.NoSide {
		desc = "The " + string(side) + " side. " + desc
	}
	var b bytes.Buffer
	id := prefix + "-" + p.ID
	if side != backcare.NoSide {
		id += "-" + string(side)
	}
	if len(frames) > 1 {
		desc += " The picture moves between the start and the end of the movement."
	}
	// A pose that moves has two frames; app.css shows them in turn.
	if err := figure.SVGFrames(&b, frames, figure.SVGOptions{Title: p.Name, Desc: desc, ID: id}); err != nil {
		s.Logger.Error("figure", "pose", p.ID, "err", err)
		return ""
	}
	// The figure has no style attribute (the strict CSP would block it);
	// app.css colours its classes for light and dark.
	return template.HTML(b.String()) //nolint:gosec // our renderer, our catalog, text escaped by figure.SVG
}

// noFigure stands in for the picture of a pose that has none: a plain
// box that says so, named for the pose ("" for no name).
func noFigure(name string) template.HTML {
	what := "this pose"
	if name != "" {
		what = template.HTMLEscapeString(name)
	}
	// A thumbnail keeps to "No picture" (app.css).
	return template.HTML(`<div class="no-figure"><p>No picture<span class="no-figure-more"> of ` + what + `.<br>Its steps say how.</span></p></div>`) //nolint:gosec // the name is escaped
}

// clock writes a duration as m:ss.
func clock(d time.Duration) string {
	sec := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// scaleField is a 0-10 answer as eleven large radio buttons. Kind is "pain"
// or "stretch": the two scales look different on purpose, so they are
// never mistaken for each other.
type scaleField struct {
	Kind, Name, Legend, Low, High string
	Selected, Error               string
	Required                      bool
}

// sentence starts s with a capital letter and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}
