package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// aNote is a note from the sample journal: a page that shows it has
// shown the journal.
const aNote = "Moved a sofa yesterday"

// withSample is a person whose local journal holds the sample.
func withSample(t *testing.T) *person {
	t.Helper()
	p := newPerson(t)
	if r := p.run("", "journal", "import", samplePath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	return p
}

// private are requests that read or write the journal: none may be
// answered without a sign-in.
var private = []struct{ method, path string }{
	{"GET", "/"},
	{"GET", "/journal"},
	{"GET", "/settings"},
	{"GET", "/calendar.ics"},
	{"GET", "/routines/lower-back-relief/chart.pdf"},
	{"GET", "/api/sessions/0123456789abcdef"},
	{"GET", "/api/routines/lower-back-relief/timeline"},
	{"POST", "/api/sessions"},
	{"POST", "/settings"},
	{"POST", "/safety"},
}

// checkClosed sends every private request without a sign-in and checks
// that each is turned to the sign-in page (pages) or refused (the API and
// forms), and that none shows the journal.
func checkClosed(t *testing.T, s *running) {
	t.Helper()
	c := s.client(t)
	for _, r := range private {
		req, err := http.NewRequest(r.method, s.base+strings.TrimPrefix(r.path, "/"), strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		if r.method == "POST" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, body := do(t, c, req)
		switch {
		case strings.Contains(body, aNote):
			t.Errorf("%s %s without a sign-in shows the journal", r.method, r.path)
		case r.method == "GET" && !strings.HasPrefix(r.path, "/api/"):
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
				t.Errorf("%s %s without a sign-in = %d to %q, want 303 to the sign-in page", r.method, r.path, res.StatusCode, res.Header.Get("Location"))
			}
		default:
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s %s without a sign-in = %d, want 401", r.method, r.path, res.StatusCode)
			}
		}
	}
}

// TestServeSignInLink: on loopback, the first URL serve prints is a
// one-time link that signs one browser in; a browser without it gets the
// sign-in page, which says where the link is, and never the journal.
func TestServeSignInLink(t *testing.T) {
	p := withSample(t)
	s := startServer(t, p.env)
	out := s.stdout.String()
	if got := firstURL.FindString(out); got != s.link {
		t.Errorf("the first URL printed is %q, want the sign-in link %q", got, s.link)
	}
	u, err := url.Parse(s.link)
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != "localhost:"+s.port || u.Path != "/signin/link" || len(u.Query().Get("token")) < 43 {
		t.Errorf("the link is %q, want http://localhost:PORT/signin/link?token= and a 256-bit token", s.link)
	}
	if strings.Contains(out, "[::]") || s.stderr.String() != "" {
		t.Errorf("on loopback: stdout %q, stderr %q; want no [::] and no warning", out, s.stderr.String())
	}

	checkClosed(t, s)
	anon := s.client(t)
	res, body := get(t, anon, s.base+"signin")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "printed a link") || strings.Contains(body, aNote) {
		t.Errorf("GET /signin = %d; want the sign-in page saying where the link is:\n%s", res.StatusCode, body)
	}

	c, cookie := s.signIn(t)
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
		t.Errorf("sign-in cookie %+v: want HttpOnly, SameSite=Lax, Path=/", cookie)
	}
	res, body = get(t, c, s.base+"export/journal.json") // everything of the journal, notes too
	if res.StatusCode != http.StatusOK || !strings.Contains(body, aNote) {
		t.Errorf("GET /export/journal.json signed in = %d, want the journal with its notes", res.StatusCode)
	}
	checkOnlyHashed(t, p.env["BACKCARE_DATABASE"], cookie.Value, u.Query().Get("token"))

	// The link works once.
	again := s.client(t)
	res, _ = post(t, again, s.base+"signin/link", url.Values{"token": {u.Query().Get("token")}})
	if res.StatusCode != http.StatusNotFound || len(res.Cookies()) > 0 && res.Cookies()[0].Value != "" {
		t.Errorf("the link, a second time: %d, cookies %v; want 404 and no sign-in", res.StatusCode, res.Cookies())
	}
	if res, _ := get(t, again, s.base+"journal"); res.StatusCode == http.StatusOK {
		t.Errorf("the second browser reads the journal")
	}
}

// checkOnlyHashed reads the journal's files as they are on disk (the
// database and its write-ahead log) and checks that the sign-in tokens are
// not in them, and that the session token's SHA-256 is: a copy of the
// journal signs nobody in.
func checkOnlyHashed(t *testing.T, dbPath string, sessionToken string, others ...string) {
	t.Helper()
	var disk []byte
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(dbPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		disk = append(disk, b...)
	}
	for _, tok := range append([]string{sessionToken}, others...) {
		if bytes.Contains(disk, []byte(tok)) {
			t.Errorf("the journal's files hold a token as it is (%.8s...)", tok)
		}
	}
	if h := sha256.Sum256([]byte(sessionToken)); !bytes.Contains(disk, h[:]) {
		t.Error("the journal's files do not hold the session token's SHA-256")
	}
}

// TestServeBeyondLoopback: listening on every address, the server prints
// the network addresses (never [::]), warns once on stderr, and answers
// nothing of the journal without a sign-in. The test reaches it only at
// 127.0.0.1.
func TestServeBeyondLoopback(t *testing.T) {
	p := withSample(t)
	s := startServer(t, p.env, "--addr", "0.0.0.0:0")
	out, errs := s.stdout.String(), s.stderr.String()
	if strings.Contains(out, "[::]") || strings.Contains(out, "0.0.0.0") {
		t.Errorf("serve printed an address no phone can open:\n%s", out)
	}
	if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "reachable from other devices on this network; everyone must sign in") ||
		!strings.Contains(errs, "--tls-cert") {
		t.Errorf("stderr = %q, want one warning line saying what is exposed and what needs HTTPS", errs)
	}
	if addrs := lanAddresses(); len(addrs) > 0 {
		for _, a := range addrs {
			if want := "http://" + net.JoinHostPort(a.String(), s.port) + "/"; !strings.Contains(out, want) {
				t.Errorf("serve does not print %s:\n%s", want, out)
			}
		}
		if !strings.Contains(out, "█") || !strings.Contains(out, "stops working in 15 minutes") {
			t.Errorf("serve printed no QR code for the phone, or not when it expires:\n%s", out)
		}
	}
	checkClosed(t, s)
	c, _ := s.signIn(t)
	if res, body := get(t, c, s.base+"export/journal.json"); res.StatusCode != http.StatusOK || !strings.Contains(body, aNote) {
		t.Errorf("GET /export/journal.json signed in = %d, want the journal", res.StatusCode)
	}
}

// TestServeLAN: --lan (here BACKCARE_LAN) listens on every address at the
// port of --addr.
func TestServeLAN(t *testing.T) {
	p := newPerson(t)
	p.env["BACKCARE_LAN"] = "yes"
	s := startServer(t, p.env)
	if !strings.Contains(s.stderr.String(), "reachable from other devices") {
		t.Errorf("--lan gave no warning: %q", s.stderr.String())
	}
	checkClosed(t, s)
	p.env["BACKCARE_LAN"] = "maybe"
	if r := p.run("", "serve", "--addr", "127.0.0.1:0"); r.code != exitBadInput || !strings.Contains(r.stderr, `BACKCARE_LAN="maybe" is not yes or no`) {
		t.Errorf("BACKCARE_LAN=maybe: exit code %d, stderr %q", r.code, r.stderr)
	}
}

// TestServeForeignHost: a request naming any other host gets 421, signed
// in or not, on every route: what stops DNS rebinding.
func TestServeForeignHost(t *testing.T) {
	p := withSample(t)
	s := startServer(t, p.env)
	c, _ := s.signIn(t)
	for _, host := range []string{"evil.example", "evil.example:" + s.port, "localhost", "127.0.0.1:1", "localhost.evil.example:" + s.port} {
		for _, path := range []string{"/", "/journal", "/api/sessions/0123456789abcdef", "/healthz", "/signin", "/static/app.css"} {
			req, err := http.NewRequest(http.MethodGet, s.base+strings.TrimPrefix(path, "/"), nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = host
			res, body := do(t, c, req)
			if res.StatusCode != http.StatusMisdirectedRequest || strings.Contains(body, aNote) {
				t.Errorf("GET %s with Host %s = %d, want 421", path, host, res.StatusCode)
			}
		}
	}
	for _, host := range []string{"127.0.0.1:" + s.port, "[::1]:" + s.port, "localhost:" + s.port} {
		req, _ := http.NewRequest(http.MethodGet, s.base+"journal", nil)
		req.Host = host
		if res, _ := do(t, s.client(t), req); res.StatusCode == http.StatusMisdirectedRequest {
			t.Errorf("Host %s = 421, want it served", host)
		}
	}
}

// selfSigned writes a throwaway certificate for localhost and 127.0.0.1
// and its key, and returns their files and a pool that trusts it.
func selfSigned(t *testing.T) (certFile, keyFile string, roots *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "localhost"},
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	roots = x509.NewCertPool()
	roots.AddCert(cert)
	return certFile, keyFile, roots
}

// TestServeTLS: with a certificate the server speaks HTTPS, prints https
// links, and its cookie is Secure and __Host-, with HSTS.
func TestServeTLS(t *testing.T) {
	certFile, keyFile, roots := selfSigned(t)
	testRoots = roots
	t.Cleanup(func() { testRoots = nil })
	p := withSample(t)
	s := startServer(t, p.env, "--tls-cert", certFile, "--tls-key", keyFile)
	if !strings.HasPrefix(s.link, "https://localhost:"+s.port+"/signin/link?token=") {
		t.Fatalf("the link is %q, want https://localhost:PORT/signin/link?token=...", s.link)
	}
	checkClosed(t, s)
	c, cookie := s.signIn(t)
	if cookie.Name != "__Host-backcare" || !cookie.Secure || !cookie.HttpOnly {
		t.Errorf("cookie %+v over HTTPS, want __Host-backcare, Secure and HttpOnly", cookie)
	}
	res, body := get(t, c, s.base+"export/journal.json")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, aNote) {
		t.Errorf("GET /export/journal.json over HTTPS = %d, want the journal", res.StatusCode)
	}
	if hsts := res.Header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security = %q, want HSTS over HTTPS", hsts)
	}
	// Plain HTTP to the HTTPS port is not served.
	plain := s.client(t)
	if res, err := plain.Get("http://127.0.0.1:" + s.port + "/journal"); err == nil {
		if res.StatusCode == http.StatusOK {
			t.Errorf("plain HTTP to the HTTPS port = %d", res.StatusCode)
		}
		_ = res.Body.Close()
	}
}

// TestServeBehindProxy: behind a reverse proxy (BACKCARE_TRUSTED_PROXY,
// BACKCARE_PUBLIC_URL), the public name is served, the link points there,
// and the proxy's word that the browser speaks HTTPS makes the cookie
// Secure.
func TestServeBehindProxy(t *testing.T) {
	p := withSample(t)
	p.env["BACKCARE_TRUSTED_PROXY"] = "10.0.0.0/8, 127.0.0.1"
	p.env["BACKCARE_PUBLIC_URL"] = "https://backcare.example.org"
	ctx := startServer(t, p.env)
	if !strings.HasPrefix(ctx.link, "https://backcare.example.org/signin/link?token=") {
		t.Fatalf("the link is %q, want it on the public URL", ctx.link)
	}
	if errs := ctx.stderr.String(); !strings.Contains(errs, "reachable at https://backcare.example.org by anyone") || strings.Contains(errs, "plain HTTP") {
		t.Errorf("stderr = %q, want a warning naming the public URL and nothing about HTTPS", errs)
	}
	token := mustQuery(t, ctx.link, "token")
	// What Caddy sends: the public Host, and the scheme it was asked in.
	proxied := func(method, path string, form url.Values) (answer, string) {
		var req *http.Request
		var err error
		if form != nil {
			req, err = http.NewRequest(method, "http://127.0.0.1:"+ctx.port+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			req, err = http.NewRequest(method, "http://127.0.0.1:"+ctx.port+path, nil)
		}
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "backcare.example.org"
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		return do(t, ctx.client(t), req)
	}
	if res, _ := proxied("GET", "/journal", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("GET /journal through the proxy, signed out = %d, want 303 to sign in", res.StatusCode)
	}
	res, _ := proxied("POST", "/signin/link", url.Values{"token": {token}})
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Value != "" {
			cookie = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == nil || cookie.Name != "__Host-backcare" || !cookie.Secure {
		t.Errorf("sign-in through the proxy: %d, cookie %+v; want 303 and a Secure __Host- cookie", res.StatusCode, cookie)
	}
	if res, _ := proxied("GET", "/healthz", nil); !strings.Contains(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("no HSTS through an HTTPS proxy")
	}
}

// TestServeWithoutLink: --link=false (a service whose output is logged)
// prints no token and needs no local account.
func TestServeWithoutLink(t *testing.T) {
	p := withSample(t)
	if r := p.run("", "account", "add", "maria"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := p.run("", "account", "remove", "local", "--yes"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	p.env["BACKCARE_LINK"] = "false"
	s := startServer(t, p.env, "--addr", "0.0.0.0:0")
	if out := s.stdout.String(); strings.Contains(out, "token=") || strings.Contains(out, "█") || s.link != "http://localhost:"+s.port+"/" {
		t.Errorf("with --link=false serve printed a link or a QR code:\n%s", out)
	}
	checkClosed(t, s)
}

// TestServeSignUp: --signup (BACKCARE_SIGNUP) opens the sign-up page;
// without it, accounts come from `backcare account add` only.
func TestServeSignUp(t *testing.T) {
	for _, c := range []struct {
		name string
		env  string
		args []string
		want int
	}{
		{"default", "", nil, http.StatusForbidden},
		{"flag", "", []string{"--signup"}, http.StatusOK},
		{"variable", "1", nil, http.StatusOK},
		{"flag beats variable", "1", []string{"--signup=false"}, http.StatusForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newPerson(t)
			p.env["BACKCARE_SIGNUP"] = c.env
			s := startServer(t, p.env, c.args...)
			if res, _ := get(t, s.client(t), s.base+"signup"); res.StatusCode != c.want {
				t.Errorf("GET /signup = %d, want %d", res.StatusCode, c.want)
			}
		})
	}
}
