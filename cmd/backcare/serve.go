package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"backcare"
	"backcare/calendar"
	"backcare/pdf"
	"backcare/web"
)

// defaultAddr is where the web app listens unless told otherwise: loopback
// only, so a laptop never shows its journal to the network by accident.
const defaultAddr = "127.0.0.1:8080"

// startPairingTTL is how long the phone's QR code printed at start works:
// longer than the pairing page's, since the person may start backcare
// before the phone is at hand.
const startPairingTTL = 15 * time.Minute

// serveOptions are serve's flags; bare `backcare` takes them too.
type serveOptions struct {
	addr            string
	lan, open       bool
	tlsCert, tlsKey string
	publicURL       string
	trustedProxies  []string
	signUp          bool
	link            bool
}

// serveFlags adds serve's flags to a command, each falling back to its
// BACKCARE_* variable.
func (a *app) serveFlags(fs *pflag.FlagSet, o *serveOptions) {
	fs.StringVar(&o.addr, "addr", a.env("BACKCARE_ADDR", defaultAddr), "`HOST:PORT` to listen on; anything but 127.0.0.1 or localhost lets other devices in (they sign in) [BACKCARE_ADDR]")
	fs.BoolVar(&o.lan, "lan", a.envBool("BACKCARE_LAN"), "listen on the local network too (every address, the port of --addr), for your phone [BACKCARE_LAN]")
	fs.BoolVar(&o.open, "open", a.envBool("BACKCARE_OPEN"), "open the sign-in link in your web browser [BACKCARE_OPEN]")
	fs.StringVar(&o.tlsCert, "tls-cert", a.getenv("BACKCARE_TLS_CERT"), "serve HTTPS with the certificate in `FILE` (PEM, with its chain) [BACKCARE_TLS_CERT]")
	fs.StringVar(&o.tlsKey, "tls-key", a.getenv("BACKCARE_TLS_KEY"), "the certificate's private key: a PEM `FILE` [BACKCARE_TLS_KEY]")
	fs.StringVar(&o.publicURL, "public-url", a.getenv("BACKCARE_PUBLIC_URL"), "the `URL` people open when a reverse proxy serves backcare, e.g. https://backcare.example.org [BACKCARE_PUBLIC_URL]")
	fs.StringSliceVar(&o.trustedProxies, "trusted-proxy", splitList(a.getenv("BACKCARE_TRUSTED_PROXY")), "a reverse proxy's address or `CIDR` range whose X-Forwarded-* headers to believe; repeat for more [BACKCARE_TRUSTED_PROXY, commas between]")
	fs.BoolVar(&o.signUp, "signup", a.envBool("BACKCARE_SIGNUP"), "let anyone who reaches the server make an account (else only backcare account add makes them) [BACKCARE_SIGNUP]")
	fs.BoolVar(&o.link, "link", a.envBoolDefault("BACKCARE_LINK", true), "print a one-time sign-in link (and, beyond this computer, a QR code for a phone); --link=false for a service whose output goes to a log [BACKCARE_LINK]")
}

func (a *app) serveCmd() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app (the same as running backcare with no command)",
		Long: `Serve runs backcare's web app: today's plan, the routines with their
figures, the guided player, your journal, the safety check and what to learn
about the lower back. Ctrl-C stops it.

On this computer (the default, 127.0.0.1:8080) it prints a link that signs
your browser in, once; nobody else gets in. With --lan (or any other --addr)
your phone and other devices on the network can reach it too: it prints the
network addresses and a QR code that signs a phone in, and everyone must sign
in. Passkeys, playing offline and keeping the screen awake need HTTPS there:
--tls-cert and --tls-key, or a reverse proxy (--public-url, --trusted-proxy;
docs/deploy.md). --user chooses whose account the link signs in.

It keeps nothing in memory between requests, so several copies may serve one
PostgreSQL journal.`,
		Example: `  backcare serve
  backcare serve --addr 127.0.0.1:9000 --open
  backcare serve --lan
  backcare serve --lan --tls-cert cert.pem --tls-key key.pem
  backcare serve --trusted-proxy 127.0.0.1/32 --public-url https://backcare.example.org --link=false`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.serve(o)
		},
	}
	a.serveFlags(cmd.Flags(), &o)
	return cmd
}

// serveConfig is what serve's flags say, checked.
type serveConfig struct {
	listen  string // the address to listen on
	named   string // the host --addr named
	tls     *tls.Certificate
	public  *url.URL
	proxies []netip.Prefix
}

// check turns the flags into a serveConfig, or says plainly what is wrong.
func (o serveOptions) check() (serveConfig, error) {
	var c serveConfig
	host, port, err := net.SplitHostPort(o.addr)
	if err != nil {
		return c, backcare.Errorf(backcare.EINVALID, "--addr %q is not an address and port", o.addr).
			WithHint("write HOST:PORT, for example 127.0.0.1:8080, or :8080 for every address")
	}
	c.listen, c.named = o.addr, host
	if o.lan {
		c.listen, c.named = net.JoinHostPort("", port), ""
	}
	switch {
	case o.tlsCert != "" && o.tlsKey == "":
		return c, backcare.Errorf(backcare.EINVALID, "--tls-cert needs --tls-key, the certificate's private key").
			WithHint("give both, or neither for plain HTTP")
	case o.tlsKey != "" && o.tlsCert == "":
		return c, backcare.Errorf(backcare.EINVALID, "--tls-key needs --tls-cert, the certificate itself").
			WithHint("give both, or neither for plain HTTP")
	case o.tlsCert != "":
		if c.tls, err = loadCertificate(o.tlsCert, o.tlsKey); err != nil {
			return c, err
		}
	}
	if o.publicURL != "" {
		u, err := url.Parse(o.publicURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return c, backcare.Errorf(backcare.EINVALID, "--public-url %q is not the address of a site", o.publicURL).
				WithHint("give the scheme and name people open, for example https://backcare.example.org (backcare is served at the root, not under a path)")
		}
		c.public = u
	}
	for _, p := range o.trustedProxies {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			ip, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return c, backcare.Errorf(backcare.EINVALID, "--trusted-proxy %q is not an address or a CIDR range", p).
					WithHint("give the proxy's address, for example 127.0.0.1 or 10.0.0.0/24")
			}
			prefix = netip.PrefixFrom(ip, ip.BitLen())
		}
		c.proxies = append(c.proxies, prefix.Masked())
	}
	return c, nil
}

// loadCertificate reads a certificate and its key, saying which file is
// the trouble.
func loadCertificate(certFile, keyFile string) (*tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "cannot read the certificate --tls-cert %s: %v", certFile, bare(err)).
			WithHint("give the certificate file (PEM), for example fullchain.pem, that this user can read")
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "cannot read the private key --tls-key %s: %v", keyFile, bare(err)).
			WithHint("give the key file (PEM), for example privkey.pem, that this user can read")
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, backcare.Errorf(backcare.EINVALID, "the certificate %s and the key %s don't make a pair: %v", certFile, keyFile, err).
			WithHint("give a PEM certificate and the private key it was made with")
	}
	return &cert, nil
}

// serve runs the web app until the context ends (Ctrl-C), then lets the
// requests under way finish.
func (a *app) serve(o serveOptions) error {
	cfg, err := o.check()
	if err != nil {
		return err
	}
	cat, err := a.catalog()
	if err != nil {
		return err
	}
	j, err := a.journal()
	if err != nil {
		return err
	}
	// Whom the printed link signs in. Without a link (a service) no
	// account is needed: people sign in with their own.
	var acct *backcare.Account
	if o.link {
		if acct, err = a.account(); err != nil {
			return err
		}
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	prog, err := a.programme(cat)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return backcare.Errorf(backcare.EINVALID, "cannot listen on %s: %v", cfg.listen, errors.Unwrap(err)).
			WithHint("another program may be using it; choose another address with --addr, e.g. 127.0.0.1:8081")
	}
	defer func() { _ = ln.Close() }()
	scheme := "http"
	if cfg.tls != nil {
		scheme = "https"
	}
	st := newSite(ln.Addr(), cfg.named, scheme, cfg.public, lanAddresses)
	rpid, origins := st.passkeys()
	logger := slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	paper := localePaper(a.getenv)
	h := web.NewServer(web.Deps{
		Catalog:         cat,
		CatalogProblems: cat.Skipped(),
		Journal:         j,
		Figures:         true, // the catalog was loaded with figure.Check
		Programme:       prog,
		Location:        loc,
		Now:             a.now,
		Chart: func(w io.Writer, r backcare.Routine, h *backcare.Handout) error {
			return pdf.Chart(w, r, pdf.Options{Paper: paper, Now: a.now(), Handout: h})
		},
		Calendar:       a.webCalendar,
		Version:        buildVersion(),
		Logger:         logger,
		Hosts:          st.hosts,
		Secure:         st.secure(),
		TrustedProxies: cfg.proxies,
		Loopback:       !st.exposed,
		PhoneURL:       st.phoneURL(),
		SignUp:         o.signUp,
		PasskeyRPID:    rpid,
		PasskeyOrigins: origins,
	})
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if cfg.tls != nil {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cfg.tls}, MinVersion: tls.VersionTLS12}
	}
	// Loading the catalog, checking every figure and opening the journal
	// leave garbage behind; give it back before waiting for requests, so
	// an idle server stays small.
	debug.FreeOSMemory()
	first, err := a.announce(st, acct, o.link)
	if err != nil {
		return err
	}
	if o.open && first != "" {
		if err := openBrowser(first); err != nil {
			fmt.Fprintf(a.stderr, "backcare: could not open a browser (%v); open %s yourself\n", err, first)
		}
	}
	served := make(chan error, 1)
	go func() {
		if cfg.tls != nil {
			served <- srv.ServeTLS(ln, "", "")
		} else {
			served <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-a.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	fmt.Fprintln(a.stdout, "backcare stopped. Your journal is saved.")
	return nil
}

// announce prints where the app is and how to get in: first the one-time
// sign-in link for the account (the first URL printed, which --open
// opens), then, when other devices can reach the server, its network
// addresses, a QR code that signs a phone in, and one warning line on
// stderr saying what that exposes. It returns the URL to open.
func (a *app) announce(st site, acct *backcare.Account, link bool) (string, error) {
	out := a.stdout
	open := st.linkBase() + "/"
	if link {
		var err error
		open, err = web.IssueLink(a.ctx, a.jnl, backcare.TicketSignInLink, acct.ID, st.linkBase(), a.now(), web.SignInLinkTTL)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(out, "backcare is running at %s\n", open)
		fmt.Fprintf(out, "Open that link to sign in as %s: it works once, in one browser, for %s.\n", acct.Name, lasting(web.SignInLinkTTL))
		fmt.Fprintf(out, "Afterwards %s/ opens backcare in that browser.\n", st.linkBase())
	} else {
		fmt.Fprintf(out, "backcare is running at %s\n", open)
	}
	if st.exposed {
		if err := a.announceNetwork(st, acct, link); err != nil {
			return "", err
		}
	}
	fmt.Fprintln(out, "Press Ctrl-C to stop.")
	return open, nil
}

// announceNetwork prints the addresses other devices can open and the
// phone's QR code, and warns on stderr.
func (a *app) announceNetwork(st site, acct *backcare.Account, link bool) error {
	out := a.stdout
	warn := "warning: backcare is reachable from other devices on this network; everyone must sign in."
	if st.public != nil {
		warn = fmt.Sprintf("warning: backcare is reachable at %s by anyone who can reach that address; everyone must sign in.", origin(st.public))
	}
	if !st.secure() {
		warn += " Over plain HTTP, passkeys, playing offline and keeping the screen awake don't work: give --tls-cert and --tls-key, or put a reverse proxy with HTTPS in front (docs/deploy.md)."
	}
	fmt.Fprintln(a.stderr, warn)

	fmt.Fprintln(out)
	switch {
	case st.public != nil:
		fmt.Fprintf(out, "backcare listens on %s/ for the reverse proxy.\nOther devices open %s/\n", st.listenURL, origin(st.public))
	case len(st.lan) == 0:
		fmt.Fprintln(out, "This computer has no network address right now: connect it to your network (Wi-Fi) and start backcare again for your phone.")
		return nil
	default:
		fmt.Fprintln(out, "Your phone and other devices on this network can open:")
		for _, u := range st.lan {
			fmt.Fprintf(out, "  %s/\n", u)
		}
	}
	if !link {
		return nil
	}
	pair, err := web.IssueLink(a.ctx, a.jnl, backcare.TicketPairing, acct.ID, st.phoneURL(), a.now(), startPairingTTL)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nOr scan this with your phone's camera: it signs the phone in as %s, once,\nand stops working in %s. Later, pair a phone from the app: \"Use on your phone\".\n\n",
		acct.Name, lasting(startPairingTTL))
	if err := writeQR(out, pair, isTerminal(out)); err != nil {
		return err
	}
	fmt.Fprintln(out)
	return nil
}

// lasting says how long a link works: "24 hours", "15 minutes".
func lasting(d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return plural(int(d/time.Hour), "hour", "hours")
	}
	return backcare.HumanDuration(d)
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// webCalendar writes the web app's calendar download with the code of
// `backcare schedule --ics`: the strength days are BACKCARE_DAYS (Monday,
// Wednesday and Friday by default), the rest comes from the page. A zone
// without a name (the system's, when TZ is not set) is named the way the
// command names it.
func (a *app) webCalendar(w io.Writer, req web.CalendarRequest) error {
	loc := req.Location
	if loc == nil || loc.String() == "Local" {
		var err error
		if loc, _, err = a.calendarZone(""); err != nil {
			return err
		}
	}
	days, err := weekdays(strengthDaysEnv, a.env(strengthDaysEnv, "mon,wed,fri"))
	if err != nil {
		return err
	}
	_, cp, err := a.practiceCalendar(req.Phase, loc, req.Now, practiceTimes{
		hour: req.DailyHour, minute: req.DailyMinute,
		strengthHour: req.StrengthHour, strengthMinute: req.StrengthMinute,
		days: days, remind: req.Remind, weeks: req.Weeks,
	})
	if err != nil {
		return err
	}
	return calendar.Write(w, cp)
}
