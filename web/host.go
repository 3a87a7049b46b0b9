package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// The host check.
//
// A web page anywhere can make a browser send requests to 127.0.0.1 or to
// a LAN address, and DNS rebinding lets it read the answers: its own name
// resolves, a moment later, to this server. What gives it away is the Host
// header, which still names the attacker's site. So the server answers only
// the names it serves (Deps.Hosts) and turns every other Host away with 421
// Misdirected Request, on every route, before anything else runs. That also
// makes net/http's CrossOriginProtection sound: it compares Origin with
// Host, and Host is now one of ours.

// proxied holds what a trusted reverse proxy said about a request.
type proxied struct {
	client string // the client's address
	https  bool   // the client spoke HTTPS to the proxy
}

// fromTrustedProxy reports whether the request's peer is one of the
// trusted proxies.
func (s *server) fromTrustedProxy(r *http.Request) bool {
	if len(s.TrustedProxies) == 0 {
		return false
	}
	addr, ok := peerAddr(r)
	if !ok {
		return false
	}
	for _, p := range s.TrustedProxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// peerAddr is the address of the connection's other end.
func peerAddr(r *http.Request) (netip.Addr, bool) {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, false
	}
	return ap.Addr().Unmap(), true
}

// forwarded applies what a trusted proxy says: the Host the client asked
// for (X-Forwarded-Host) and the scheme, so that the host check and the
// cross-origin check see the client's view. From anyone else those headers
// are ignored.
func (s *server) forwarded(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.fromTrustedProxy(r) {
			h.ServeHTTP(w, r)
			return
		}
		if fh := lastValue(r.Header.Get("X-Forwarded-Host")); fh != "" {
			r.Host = fh
		}
		p := proxied{https: strings.EqualFold(lastValue(r.Header.Get("X-Forwarded-Proto")), "https")}
		p.client = s.forwardedFor(r)
		h.ServeHTTP(w, r.WithContext(withProxied(r.Context(), p)))
	})
}

// lastValue is the last of a comma-separated header's values: the one the
// nearest proxy added.
func lastValue(v string) string {
	if i := strings.LastIndexByte(v, ','); i >= 0 {
		v = v[i+1:]
	}
	return strings.TrimSpace(v)
}

// forwardedFor is the client's address from X-Forwarded-For: the last hop
// that is not itself a trusted proxy (a client may put anything first).
func (s *server) forwardedFor(r *http.Request) string {
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		a = a.Unmap()
		trusted := false
		for _, p := range s.TrustedProxies {
			trusted = trusted || p.Contains(a)
		}
		if !trusted {
			return a.String()
		}
	}
	return ""
}

// clientAddr is the address failed sign-ins are counted by: what a trusted
// proxy says, or the peer's address.
func (s *server) clientAddr(r *http.Request) string {
	if p, ok := proxiedFrom(r.Context()); ok && p.client != "" {
		return p.client
	}
	if a, ok := peerAddr(r); ok {
		return a.String()
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}

// secure reports whether the browser reached the app over HTTPS.
func (s *server) secure(r *http.Request) bool {
	if s.Secure || r.TLS != nil {
		return true
	}
	p, ok := proxiedFrom(r.Context())
	return ok && p.https
}

// hostCheck answers 421 to a request for any host but the server's own.
func (s *server) hostCheck(h http.Handler) http.Handler {
	allowed := make(map[string]bool, len(s.Hosts))
	for _, name := range s.Hosts {
		allowed[strings.ToLower(name)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[strings.ToLower(r.Host)] {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusMisdirectedRequest)
			_, _ = w.Write([]byte(misdirected))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// misdirected is the whole 421 page: plain, with nothing from the journal
// and nothing that needs another request.
const misdirected = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wrong address · backcare</title></head>
<body><h1>This address isn't backcare's</h1>
<p>backcare answers only at the addresses it printed when it started. Open one of those instead.</p>
<p>If you followed a link from another web site, that site may be trying to read your journal: close it.</p>
</body></html>
`
