package web

import (
	"errors"
	"net/http"
	"strings"

	"backcare"
)

// maxBody caps every request body. The largest honest one, a session with a
// result for each segment of a long routine and a note, is far smaller.
const maxBody = 64 << 10

// csp allows only the app's own files: no inline script, no inline style,
// nothing from elsewhere. Workers, the manifest and fetches stay same-origin.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self'; " +
	"base-uri 'none'; frame-ancestors 'none'"

// middleware wraps the mux in the app's middleware. The list runs from the
// innermost out, so a request meets them in the opposite order: security
// headers, panics caught, a trusted proxy's headers applied, the host
// checked (421), HSTS, the body capped, cross-site writes refused, and the
// sign-in resolved.
func (s *server) middleware(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusForbidden, backcare.Errorf(backcare.EINVALID,
			"this request came from another site, so backcare refused it").
			WithHint("open backcare itself and try again from there"))
	}))
	for _, m := range []func(http.Handler) http.Handler{
		s.authenticate, cop.Handler, s.limitBody, s.hsts, s.hostCheck, s.forwarded, s.recoverPanics, securityHeaders,
	} {
		h = m(h)
	}
	return h
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		for _, kv := range security {
			hd[kv.key] = kv.value
		}
		h.ServeHTTP(w, r)
	})
}

// security are the headers of securityHeaders, keys in canonical form and
// values made once: Header.Set would allocate each value anew for every
// answer. net/http copies the values when it writes the header, and
// nothing changes them in place.
var security = []struct {
	key   string
	value []string
}{
	{"Content-Security-Policy", []string{csp}},
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"Referrer-Policy", []string{"no-referrer"}},
	{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
	{"Permissions-Policy", []string{"camera=(), microphone=(), geolocation=()"}},
}

// hsts tells browsers that reached the app over HTTPS to use nothing
// else for a year.
func (s *server) hsts(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.secure(r) {
			w.Header().Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies larger than maxBody; handlers see a read error
// that errors.go turns into 413.
func (s *server) limitBody(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBody)
		if r.URL.Path == "/settings/import" {
			limit = maxImport + 1<<20 // the file and the form around it
		}
		if r.ContentLength > limit {
			s.fail(w, r, http.StatusRequestEntityTooLarge, errTooLarge())
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in a handler into a 500 page and a log line,
// so one bad request never takes the server down.
func (s *server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				s.Logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.fail(w, r, http.StatusInternalServerError, backcare.Errorf(backcare.EINTERNAL, "panic: %v", v))
			}
		}()
		h.ServeHTTP(w, r)
	})
}

func errTooLarge() error {
	return backcare.Errorf(backcare.EINVALID, "that request is too large (more than %d KB)", maxBody>>10).
		WithHint("shorten the note and try again")
}

// wantsJSON reports whether the error for r should be JSON: API routes and
// clients that ask for it.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json")
}
