package main

import (
	"cmp"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"rsc.io/qr"
)

// site is where the web app is reached: what serve prints, and what the
// web app is told to answer.
type site struct {
	scheme string // http, or https with a certificate
	port   string
	// exposed says other computers can reach the server: it listens
	// beyond loopback, or a public URL (a reverse proxy) fronts it.
	exposed bool
	local   string   // the base URL on this computer (http://localhost:PORT), or ""
	lan     []string // base URLs on the local network, the likeliest first
	public  *url.URL // --public-url, or nil
	hosts   []string // the Host headers answered
	// listenURL is the listener's own address, for a reverse proxy to
	// send to: http://127.0.0.1:8080.
	listenURL string
}

// newSite works out the site from the listener's address, the host
// --addr named (a name, an address or nothing), the scheme, the public URL
// and the computer's network addresses (lanAddresses, or a test's).
func newSite(listened net.Addr, named, scheme string, public *url.URL, addrs func() []netip.Addr) site {
	var ap netip.AddrPort
	if t, ok := listened.(*net.TCPAddr); ok {
		ap = t.AddrPort()
	}
	ip, port := ap.Addr().Unmap(), strconv.Itoa(int(ap.Port()))
	s := site{scheme: scheme, port: port, public: public}
	base := func(host string) string { return scheme + "://" + net.JoinHostPort(host, port) }
	s.listenURL = base(ip.String())
	if ip.IsUnspecified() {
		s.listenURL = base("127.0.0.1")
	}
	var lan []netip.Addr
	switch {
	case ip.IsUnspecified(): // every address: loopback and the network
		s.local = base("localhost")
		lan = addrs()
	case ip.IsLoopback():
		if ip == netip.MustParseAddr("127.0.0.1") || ip == netip.IPv6Loopback() {
			s.local = base("localhost")
		} else {
			s.local = base(ip.String())
		}
	default: // one address of the network
		lan = []netip.Addr{ip}
	}
	s.exposed = len(lan) > 0 || ip.IsUnspecified() || public != nil
	s.hosts = []string{net.JoinHostPort("127.0.0.1", port), net.JoinHostPort("localhost", port), net.JoinHostPort("::1", port)}
	if ip.IsLoopback() && !slices.Contains(s.hosts, net.JoinHostPort(ip.String(), port)) {
		s.hosts = append(s.hosts, net.JoinHostPort(ip.String(), port))
	}
	if named != "" && !strings.EqualFold(named, "localhost") {
		if _, err := netip.ParseAddr(named); err != nil { // a name, e.g. backcare.home.arpa
			s.hosts = append(s.hosts, net.JoinHostPort(strings.ToLower(named), port))
		}
	}
	for _, a := range lan {
		s.lan = append(s.lan, base(a.String()))
		s.hosts = append(s.hosts, net.JoinHostPort(a.String(), port))
	}
	if public != nil {
		s.hosts = append(s.hosts, publicHosts(public)...)
	}
	return s
}

// publicHosts are the Host headers a browser sends for the public URL:
// with its port, and without it when it is the scheme's own.
func publicHosts(u *url.URL) []string {
	host := strings.ToLower(u.Hostname())
	h := host
	if strings.Contains(host, ":") {
		h = "[" + host + "]"
	}
	switch p := u.Port(); {
	case p == "":
		return []string{h}
	case (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80"):
		return []string{h, net.JoinHostPort(host, p)}
	default:
		return []string{net.JoinHostPort(host, p)}
	}
}

// origin is the public URL's scheme, host and port (a port only when it is
// not the scheme's own), as browsers write an Origin.
func origin(u *url.URL) string {
	hosts := publicHosts(u)
	return u.Scheme + "://" + hosts[0]
}

// linkBase is where the sign-in link printed at start points: the public
// URL when there is one, else this computer, else the first network
// address.
func (s site) linkBase() string {
	switch {
	case s.public != nil:
		return origin(s.public)
	case s.local != "":
		return s.local
	case len(s.lan) > 0:
		return s.lan[0]
	}
	return ""
}

// phoneURL is the base URL a phone on the same network can open: the
// public URL when there is one, else the likeliest network address; "" when
// only this computer can reach the server.
func (s site) phoneURL() string {
	switch {
	case s.public != nil:
		return origin(s.public)
	case len(s.lan) > 0:
		return s.lan[0]
	}
	return ""
}

// passkeys are the WebAuthn relying party id and origins: the public
// name over HTTPS, else localhost for the browser on this computer. An IP
// address can't have passkeys.
func (s site) passkeys() (string, []string) {
	if s.public != nil && s.public.Scheme == "https" {
		return strings.ToLower(s.public.Hostname()), []string{origin(s.public)}
	}
	if strings.HasPrefix(s.local, s.scheme+"://localhost:") {
		return "localhost", []string{s.local}
	}
	return "", nil
}

// secure says browsers reach the app over HTTPS.
func (s site) secure() bool {
	return s.scheme == "https" || (s.public != nil && s.public.Scheme == "https")
}

// virtualPrefixes are names of network interfaces that other computers
// seldom reach (containers, virtual machines); their addresses come last.
var virtualPrefixes = []string{"docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "lxd", "cni", "flannel", "podman", "kube"}

// lanAddresses returns the addresses other devices can reach this computer
// at: of the interfaces that are up, the IPv4 addresses and the IPv6 ones
// that are not link-local; no loopback. IPv4 comes first (what a phone on a
// home network uses), and the addresses of containers' and virtual
// machines' interfaces last.
func lanAddresses() []netip.Addr {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	type found struct {
		addr    netip.Addr
		virtual bool
	}
	var all []found
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		virtual := slices.ContainsFunc(virtualPrefixes, func(p string) bool { return strings.HasPrefix(ifc.Name, p) })
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(n.IP)
			if !ok {
				continue
			}
			if ip = ip.Unmap(); usable(ip) {
				all = append(all, found{ip, virtual})
			}
		}
	}
	slices.SortStableFunc(all, func(x, y found) int {
		if x.virtual != y.virtual {
			return cmp.Compare(b2i(x.virtual), b2i(y.virtual))
		}
		return cmp.Compare(b2i(x.addr.Is6()), b2i(y.addr.Is6()))
	})
	var out []netip.Addr
	for _, f := range all {
		if !slices.Contains(out, f.addr) {
			out = append(out, f.addr)
		}
	}
	return out
}

// usable says another device could reach ip.
func usable(ip netip.Addr) bool {
	return ip.IsValid() && !ip.IsLoopback() && !ip.IsUnspecified() && !ip.IsLinkLocalUnicast() &&
		!ip.IsMulticast() && !ip.IsLinkLocalMulticast()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The colours a QR code is drawn in, whatever the terminal's own: black
// modules on white (the 256-colour palette's true black and white, which
// themes don't repaint), so it reads on dark and light terminals alike.
const (
	qrColours = "\x1b[38;5;16;48;5;231m"
	qrReset   = "\x1b[0m"
)

// qrQuietZone is the blank border, in modules, that scanners need around a
// code (the standard asks for four).
const qrQuietZone = 4

// writeQR draws text as a QR code with half-block characters, two rows of
// modules to a line of text, inside its quiet zone. In colour it is black
// on white whatever the terminal's colours; without colour (not a
// terminal: a log, a file) dark modules are drawn as blocks, for a light
// page.
func writeQR(w io.Writer, text string, colour bool) error {
	c, err := qr.Encode(text, qr.L)
	if err != nil {
		return fmt.Errorf("serve: QR code: %w", err)
	}
	n := c.Size + 2*qrQuietZone
	dark := func(x, y int) bool {
		x, y = x-qrQuietZone, y-qrQuietZone
		return x >= 0 && y >= 0 && x < c.Size && y < c.Size && c.Black(x, y)
	}
	var b strings.Builder
	for y := 0; y < n; y += 2 {
		if colour {
			b.WriteString(qrColours)
		}
		for x := range n {
			top, bottom := dark(x, y), y+1 < n && dark(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		if colour {
			b.WriteString(qrReset)
		}
		b.WriteString("\n")
	}
	_, err = io.WriteString(w, b.String())
	return err
}
