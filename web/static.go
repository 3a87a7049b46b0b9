package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles are the embedded files, each under a URL that carries a hash
// of its content, so browsers may cache them for a year and still get a new
// version the moment it changes.
type staticFiles struct {
	byName map[string]string // "app.css" -> "/static/app.1a2b3c4d5e.css"
	byURL  map[string]staticFile
}

type staticFile struct {
	data  []byte
	ctype string
	etag  string
}

func mustStatic() *staticFiles {
	st := &staticFiles{byName: map[string]string{}, byURL: map[string]staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:5])
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hash + ext
		ctype := mime.TypeByExtension(ext)
		switch ext {
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		case ".svg":
			ctype = "image/svg+xml"
		case ".css":
			ctype = "text/css; charset=utf-8"
		}
		st.byName[name] = "/static/" + hashed
		st.byURL[hashed] = staticFile{data: data, ctype: ctype, etag: `"` + hash + `"`}
		return nil
	})
	if err != nil {
		panic("web: static files: " + err.Error())
	}
	return st
}

// url returns the hashed URL of an embedded file; it panics on a name that
// does not exist, which the page tests catch.
func (st *staticFiles) url(name string) string {
	u, ok := st.byName[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return u
}

// urls lists every hashed URL, sorted, for the service worker to cache.
func (st *staticFiles) urls() []string {
	out := make([]string, 0, len(st.byName))
	for _, u := range st.byName {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

func (s *server) staticFile(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static.byURL[r.PathValue("name")]
	if !ok {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", staticTime, bytes.NewReader(f.data))
}

// serviceWorker serves sw.js at the root (a worker's scope is its folder),
// with the list of files to keep offline and a cache name that changes with
// every build.
func (s *server) serviceWorker(w http.ResponseWriter, r *http.Request) {
	src, err := staticFS.ReadFile("static/sw.js")
	if err != nil {
		s.fail(w, r, 0, err)
		return
	}
	files, _ := json.Marshal(s.static.urls())
	pages := []string{"/", "/routines", "/journal", "/learn", "/safety", "/settings", "/peg", "/manifest.webmanifest"}
	for _, r := range s.Catalog.Routines() {
		pages = append(pages, "/routines/"+r.ID, "/play/"+r.ID, "/api/routines/"+r.ID+"/timeline")
	}
	// The gentler session offered at a high pain (player.js).
	pages = append(pages, "/api/routines/"+gentleRoutine+"/timeline?gentle=1")
	pagesJSON, _ := json.Marshal(pages)
	version, _ := json.Marshal("backcare-" + s.Version + "-" + s.static.etagAll())
	src = bytes.Replace(src, []byte("/*FILES*/[]"), files, 1)
	src = bytes.Replace(src, []byte(`/*VERSION*/""`), version, 1)
	src = bytes.Replace(src, []byte("/*PAGES*/[]"), pagesJSON, 1)
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	_, _ = w.Write(src)
}

// etagAll is a short hash over every static file.
func (st *staticFiles) etagAll() string {
	sum := sha256.New()
	for _, u := range st.urls() {
		sum.Write([]byte(u))
	}
	return hex.EncodeToString(sum.Sum(nil)[:4])
}

func (s *server) manifest(w http.ResponseWriter, r *http.Request) {
	m := map[string]any{
		"name":             "backcare: gentle care for your lower back",
		"short_name":       "backcare",
		"description":      "Guided stretches for a sore lower back, with a pain journal.",
		"start_url":        "/",
		"scope":            "/",
		"display":          "standalone",
		"background_color": "#f6f3ee",
		"theme_color":      "#2f5d62",
		"icons": []map[string]string{
			{"src": s.static.url("icon-192.png"), "sizes": "192x192", "type": "image/png"},
			{"src": s.static.url("icon-512.png"), "sizes": "512x512", "type": "image/png"},
			{"src": s.static.url("icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
			{"src": s.static.url("icon.svg"), "sizes": "any", "type": "image/svg+xml"},
		},
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "no-cache")
	_ = json.NewEncoder(w).Encode(m)
}

// favicon serves the icon at the URL browsers ask for by themselves.
func (s *server) favicon(w http.ResponseWriter, r *http.Request) {
	f := s.static.byURL[strings.TrimPrefix(s.static.url("favicon.ico"), "/static/")]
	w.Header().Set("Content-Type", "image/x-icon")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(f.data)
}

// staticTime is the zero time: embedded files have no modification time,
// and ServeContent then relies on the ETag alone.
var staticTime time.Time

func (s *server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("User-agent: *\nAllow: /\n"))
}
