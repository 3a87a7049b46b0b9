// Package web is backcare's local web app: server-rendered pages for today's
// plan, the routines, the guided player, the journal, the safety check, what
// to learn about the lower back, and the settings.
//
// It follows one shape throughout:
//
//   - NewServer takes everything it needs as Deps and returns an
//     http.Handler; every route is in routes.go.
//   - Middleware is func(http.Handler) http.Handler: security headers with a
//     strict Content-Security-Policy (no inline script or style), a body
//     limit, panic recovery, and net/http's CrossOriginProtection on every
//     request that is not GET or HEAD. GET never changes anything.
//   - Templates are embedded and parsed once when the server is made; each
//     page has its own typed data struct.
//   - Static files (plain ES modules, CSS, icons) are embedded and served
//     under content-hash URLs, cached for a year; the service worker and the
//     manifest keep fixed URLs.
//   - Errors become output in one place (errors.go): a page or JSON with a
//     status from the error's code and a message safe to show.
//
// The guided player runs in the browser but plays the timeline compiled here
// by player.Compile: the browser keeps time with absolute deadlines in a
// dedicated Worker and saves progress to the journal as it goes, so the
// server keeps no state in memory between requests and any number of
// replicas can serve the same journal.
package web
