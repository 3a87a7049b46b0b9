package main

import (
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSite(t *testing.T) {
	lan := func() []netip.Addr {
		return []netip.Addr{netip.MustParseAddr("192.168.1.23"), netip.MustParseAddr("2001:db8::23")}
	}
	public := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	loopbackHosts := []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"}
	for _, c := range []struct {
		name     string
		listened string
		named    string
		scheme   string
		public   *url.URL
		exposed  bool
		hosts    []string
		link     string
		phone    string
		rpid     string
		origins  []string
		secure   bool
	}{
		{name: "loopback", listened: "127.0.0.1:8080", named: "127.0.0.1", scheme: "http",
			hosts: loopbackHosts, link: "http://localhost:8080", rpid: "localhost", origins: []string{"http://localhost:8080"}},
		{name: "localhost", listened: "127.0.0.1:8080", named: "localhost", scheme: "http",
			hosts: loopbackHosts, link: "http://localhost:8080", rpid: "localhost", origins: []string{"http://localhost:8080"}},
		{name: "another loopback address", listened: "127.0.0.2:8080", named: "127.0.0.2", scheme: "http",
			hosts: append(slices.Clone(loopbackHosts), "127.0.0.2:8080"), link: "http://127.0.0.2:8080"},
		{name: "every address", listened: "[::]:8080", scheme: "http", exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "192.168.1.23:8080", "[2001:db8::23]:8080"),
			link:  "http://localhost:8080", phone: "http://192.168.1.23:8080", rpid: "localhost", origins: []string{"http://localhost:8080"}},
		{name: "every address over https", listened: "0.0.0.0:8080", scheme: "https", exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "192.168.1.23:8080", "[2001:db8::23]:8080"),
			link:  "https://localhost:8080", phone: "https://192.168.1.23:8080", rpid: "localhost", origins: []string{"https://localhost:8080"}, secure: true},
		{name: "one network address", listened: "192.168.1.23:8080", named: "192.168.1.23", scheme: "http", exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "192.168.1.23:8080"), link: "http://192.168.1.23:8080", phone: "http://192.168.1.23:8080"},
		{name: "a name", listened: "192.168.1.23:8080", named: "Backcare.home.arpa", scheme: "http", exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "backcare.home.arpa:8080", "192.168.1.23:8080"), link: "http://192.168.1.23:8080", phone: "http://192.168.1.23:8080"},
		{name: "behind a proxy", listened: "127.0.0.1:8080", named: "127.0.0.1", scheme: "http", public: public("https://Backcare.example.org/"), exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "backcare.example.org"), link: "https://backcare.example.org", phone: "https://backcare.example.org",
			rpid: "backcare.example.org", origins: []string{"https://backcare.example.org"}, secure: true},
		{name: "behind a proxy on a port", listened: "127.0.0.1:8080", named: "127.0.0.1", scheme: "http", public: public("https://backcare.example.org:8443"), exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "backcare.example.org:8443"), link: "https://backcare.example.org:8443", phone: "https://backcare.example.org:8443",
			rpid: "backcare.example.org", origins: []string{"https://backcare.example.org:8443"}, secure: true},
		{name: "behind a plain proxy", listened: "127.0.0.1:8080", named: "127.0.0.1", scheme: "http", public: public("http://backcare.lan:80"), exposed: true,
			hosts: append(slices.Clone(loopbackHosts), "backcare.lan", "backcare.lan:80"), link: "http://backcare.lan", phone: "http://backcare.lan",
			rpid: "localhost", origins: []string{"http://localhost:8080"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", c.listened)
			if err != nil {
				t.Fatal(err)
			}
			s := newSite(addr, c.named, c.scheme, c.public, lan)
			if s.exposed != c.exposed {
				t.Errorf("exposed = %v, want %v", s.exposed, c.exposed)
			}
			if !slices.Equal(s.hosts, c.hosts) {
				t.Errorf("hosts = %q, want %q", s.hosts, c.hosts)
			}
			if got := s.linkBase(); got != c.link {
				t.Errorf("linkBase = %q, want %q", got, c.link)
			}
			if got := s.phoneURL(); got != c.phone {
				t.Errorf("phoneURL = %q, want %q", got, c.phone)
			}
			rpid, origins := s.passkeys()
			if rpid != c.rpid || !slices.Equal(origins, c.origins) {
				t.Errorf("passkeys = %q, %q; want %q, %q", rpid, origins, c.rpid, c.origins)
			}
			if s.secure() != c.secure {
				t.Errorf("secure = %v, want %v", s.secure(), c.secure)
			}
			for _, u := range append(slices.Clone(s.lan), s.local, s.linkBase(), s.phoneURL()) {
				if strings.Contains(u, "[::]") || strings.Contains(u, "0.0.0.0") {
					t.Errorf("an unspecified address in %q", u)
				}
			}
		})
	}
}

func TestLANAddresses(t *testing.T) {
	for _, a := range lanAddresses() {
		if !usable(a) || a.IsLinkLocalUnicast() || a.IsLoopback() || a.IsUnspecified() {
			t.Errorf("lanAddresses gave %v, which other devices can't reach", a)
		}
	}
	for _, c := range []struct {
		addr string
		want bool
	}{
		{"192.168.1.2", true}, {"10.0.0.5", true}, {"2001:db8::1", true}, {"fd00::2", true},
		{"127.0.0.1", false}, {"::1", false}, {"fe80::1", false}, {"169.254.3.4", false}, {"0.0.0.0", false}, {"::", false},
	} {
		if got := usable(netip.MustParseAddr(c.addr)); got != c.want {
			t.Errorf("usable(%s) = %v, want %v", c.addr, got, c.want)
		}
	}
}

func TestServeOptionsCheck(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.pem")
	for _, c := range []struct {
		name string
		o    serveOptions
		want string
	}{
		{"addr", serveOptions{addr: "8080"}, `--addr "8080" is not an address and port`},
		{"cert alone", serveOptions{addr: defaultAddr, tlsCert: notPEM}, "--tls-cert needs --tls-key"},
		{"key alone", serveOptions{addr: defaultAddr, tlsKey: notPEM}, "--tls-key needs --tls-cert"},
		{"missing cert", serveOptions{addr: defaultAddr, tlsCert: missing, tlsKey: notPEM}, "cannot read the certificate --tls-cert " + missing + ": no such file or directory"},
		{"missing key", serveOptions{addr: defaultAddr, tlsCert: notPEM, tlsKey: missing}, "cannot read the private key --tls-key " + missing + ": no such file or directory"},
		{"not PEM", serveOptions{addr: defaultAddr, tlsCert: notPEM, tlsKey: notPEM}, "don't make a pair"},
		{"public path", serveOptions{addr: defaultAddr, publicURL: "https://example.org/backcare"}, "is not the address of a site"},
		{"public scheme", serveOptions{addr: defaultAddr, publicURL: "ftp://example.org"}, "is not the address of a site"},
		{"public bare", serveOptions{addr: defaultAddr, publicURL: "example.org"}, "is not the address of a site"},
		{"proxy", serveOptions{addr: defaultAddr, trustedProxies: []string{"127.0.0.1/33"}}, `--trusted-proxy "127.0.0.1/33" is not an address or a CIDR range`},
		{"proxy name", serveOptions{addr: defaultAddr, trustedProxies: []string{"caddy"}}, `--trusted-proxy "caddy"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.o.check()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("check = %v, want an error saying %q", err, c.want)
			}
		})
	}
	cfg, err := serveOptions{addr: "127.0.0.1:9000", lan: true, trustedProxies: []string{"127.0.0.1", " 10.0.0.0/8", "10.1.2.3/16"}}.check()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.listen != ":9000" {
		t.Errorf("--lan listens on %q, want :9000", cfg.listen)
	}
	want := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("10.1.0.0/16")}
	if !slices.Equal(cfg.proxies, want) {
		t.Errorf("proxies = %v, want %v", cfg.proxies, want)
	}
}

func TestWriteQR(t *testing.T) {
	const text = "http://192.168.1.23:8080/signin/link?token=KjBSlF1Fy9a_wvLcXOOBkVg_s8HefEsZxtTwZzO1LTs"
	for _, colour := range []bool{false, true} {
		var b strings.Builder
		if err := writeQR(&b, text, colour); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		plain := func(s string) string { return strings.TrimSuffix(strings.TrimPrefix(s, qrColours), qrReset) }
		width := len([]rune(plain(lines[0])))
		if width < 21+2*qrQuietZone || len(lines) != (width+1)/2 {
			t.Fatalf("colour %v: %d lines of %d characters; want a square code of at least 29 modules, two to a line", colour, len(lines), width)
		}
		for i, l := range lines {
			if strings.Contains(l, "\x1b") != colour {
				t.Errorf("colour %v: line %d is %q", colour, i, l)
			}
			p := []rune(plain(l))
			if len(p) != width {
				t.Errorf("line %d is %d characters wide, want %d", i, len(p), width)
			}
			// The quiet zone: two blank lines at the top and bottom, four
			// blank columns at each side.
			if i < qrQuietZone/2 || i >= len(lines)-qrQuietZone/2 {
				if strings.TrimSpace(string(p)) != "" {
					t.Errorf("line %d is in the quiet zone but is %q", i, string(p))
				}
			}
			if strings.TrimSpace(string(p[:qrQuietZone])) != "" || strings.TrimSpace(string(p[width-qrQuietZone:])) != "" {
				t.Errorf("line %d has no quiet zone at its sides: %q", i, string(p))
			}
		}
	}
}
