package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// loopbackClient reaches httptest servers on 127.0.0.1 through the guard,
// with the loopback switch that only tests turn on: every other address is
// refused as in a real run.
func loopbackClient() *http.Client { return NewClient(NewTransport(&Guard{AllowLoopback: true})) }

// publicIP is what the fake resolver answers for a public name. Nothing
// ever connects to it: the Dial hook sends every connection to the test
// server.
var publicIP = netip.MustParseAddr("93.184.215.14")

// guarded is a real run's client in miniature: the guard with a fake
// resolver (answers maps names to addresses) and every allowed connection
// sent to srv, which presents a certificate for *.example.com.
type guarded struct {
	srv            *httptest.Server
	answers        map[string][]netip.Addr
	lookups, dials atomic.Int32
	requests       atomic.Int32
}

func newGuarded(t *testing.T, handler http.HandlerFunc) *guarded {
	g := &guarded{answers: map[string][]netip.Addr{"status.example.com": {publicIP}}}
	g.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.requests.Add(1)
		handler(w, r)
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *guarded) fetcher() *HTTPFetcher {
	tr := NewTransport(&Guard{
		LookupNetIP: func(_ context.Context, _, host string) ([]netip.Addr, error) {
			g.lookups.Add(1)
			if a, ok := g.answers[host]; ok {
				return a, nil
			}
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		},
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			g.dials.Add(1)
			return (&net.Dialer{}).DialContext(ctx, network, g.srv.Listener.Addr().String())
		},
	})
	tr.TLSClientConfig = &tls.Config{RootCAs: g.srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs}
	// Default retries, without waiting: a refusal must not be retried.
	return &HTTPFetcher{
		Client: NewClient(tr),
		Sleep:  func(context.Context, time.Duration) error { return nil },
		Jitter: func(time.Duration) time.Duration { return 0 },
	}
}

// wantRefused fails unless err is a refusal whose text holds each of want.
func wantRefused(t *testing.T, err error, want ...string) {
	t.Helper()
	var re *RefusedError
	if !errors.Is(err, ErrRefused) || !errors.As(err, &re) {
		t.Fatalf("error %v, want a *RefusedError", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestGuardAllowsAPublicAddress(t *testing.T) {
	g := newGuarded(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"ok":true}`)) })
	body, err := g.fetcher().Get(context.Background(), "https://status.example.com/api/v2/summary.json")
	if err != nil || string(body) != `{"ok":true}` {
		t.Fatalf("got %q, %v", body, err)
	}
	if g.lookups.Load() != 1 || g.dials.Load() != 1 {
		t.Errorf("%d lookups, %d dials, want 1 and 1", g.lookups.Load(), g.dials.Load())
	}
}

func TestGuardRefusesRedirectToLoopback(t *testing.T) {
	for _, tt := range []struct{ to, want string }{
		{"https://127.0.0.1/x.json", "127.0.0.1 is a loopback address"},
		{"https://127.0.0.1:8443/x.json", "127.0.0.1 is a loopback address"},
		{"https://[::ffff:127.0.0.1]/x.json", "::ffff:127.0.0.1 is a loopback address"},
		{"https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"},
		{"https://status.example.com:8443/x.json", "port 8443 of status.example.com"},
	} {
		g := newGuarded(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, tt.to, http.StatusFound)
		})
		from := "https://status.example.com/api/v2/summary.json"
		_, err := g.fetcher().Get(context.Background(), from)
		wantRefused(t, err, "fetch "+from+": redirect to "+tt.to+": refused: "+tt.want)
		if n := g.requests.Load(); n != 1 {
			t.Errorf("%s: %d requests, want 1: a refusal is not retried", tt.to, n)
		}
		if n := g.dials.Load(); n != 1 {
			t.Errorf("%s: %d connections, want only the first one", tt.to, n)
		}
	}
}

func TestGuardRefusesNameResolvingToPrivateAddress(t *testing.T) {
	for _, tt := range []struct {
		answer []string
		want   string
	}{
		{[]string{"10.0.0.1"}, "internal.example.com resolves to 10.0.0.1, a private address"},
		{[]string{"169.254.169.254"}, "internal.example.com resolves to 169.254.169.254, a link-local address"},
		{[]string{"100.64.0.1"}, "internal.example.com resolves to 100.64.0.1, a carrier-grade NAT address"},
		{[]string{"::1"}, "internal.example.com resolves to ::1, a loopback address"},
		// One bad address refuses the name, not only that address.
		{[]string{publicIP.String(), "192.168.1.1"}, "internal.example.com resolves to 192.168.1.1, a private address"},
	} {
		g := newGuarded(t, func(w http.ResponseWriter, r *http.Request) {})
		for _, a := range tt.answer {
			g.answers["internal.example.com"] = append(g.answers["internal.example.com"], netip.MustParseAddr(a))
		}
		url := "https://internal.example.com/api/v2/summary.json"
		_, err := g.fetcher().Get(context.Background(), url)
		wantRefused(t, err, "fetch "+url+": refused: "+tt.want)
		var re *RefusedError
		if errors.As(err, &re) && re.Host != "internal.example.com" {
			t.Errorf("RefusedError.Host %q", re.Host)
		}
		if g.dials.Load() != 0 || g.lookups.Load() != 1 {
			t.Errorf("%v: %d connections, %d lookups; want none and one (no retry)", tt.answer, g.dials.Load(), g.lookups.Load())
		}
	}
}

func TestGuardRefusesOtherPorts(t *testing.T) {
	g := newGuarded(t, func(w http.ResponseWriter, r *http.Request) {})
	url := "https://status.example.com:8443/api/v2/summary.json"
	_, err := g.fetcher().Get(context.Background(), url)
	wantRefused(t, err, "fetch "+url+": refused: port 8443 of status.example.com")
	if g.dials.Load() != 0 || g.lookups.Load() != 0 {
		t.Errorf("%d connections, %d lookups; want none: the port is refused first", g.dials.Load(), g.lookups.Load())
	}
}

func TestRefusedRedirectToHTTPIsNotRetried(t *testing.T) {
	g := newGuarded(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://status.example.com/x.json", http.StatusFound)
	})
	_, err := g.fetcher().Get(context.Background(), "https://status.example.com/api/v2/summary.json")
	wantRefused(t, err, "redirect to http://status.example.com/x.json: refused: https only")
	if n := g.requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestRedirectLoopIsNotRetried(t *testing.T) {
	g := newGuarded(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop.json", http.StatusFound)
	})
	_, err := g.fetcher().Get(context.Background(), "https://status.example.com/loop.json")
	if !errors.Is(err, errTooManyRedirects) {
		t.Fatalf("error %v", err)
	}
	if n := g.requests.Load(); n != maxRedirects {
		t.Errorf("%d requests, want %d: one loop, not one per retry", n, maxRedirects)
	}
}

// The fetcher's own default, the CLI's transport and Record's default all
// refuse before connecting, so these need no network.
func TestDefaultsAreGuarded(t *testing.T) {
	fetchers := map[string]*HTTPFetcher{
		"zero HTTPFetcher":  {},
		"NewTransport(nil)": {Client: NewClient(NewTransport(nil))},
		"Record(dir, nil)":  {Client: NewClient(Record(t.TempDir(), nil))},
	}
	for name, f := range fetchers {
		f.Sleep = func(context.Context, time.Duration) error { t.Errorf("%s: retried", name); return nil }
		for url, want := range map[string]string{
			"https://127.0.0.1/api/v2/summary.json":     "127.0.0.1 is a loopback address",
			"https://169.254.169.254/latest/meta-data/": "169.254.169.254 is a link-local address",
			"https://[fd00:ec2::254]/latest/meta-data/": "fd00:ec2::254 is a private address",
			"https://10.1.2.3:8443/":                    "10.1.2.3 is a private address",
		} {
			_, err := f.Get(context.Background(), url)
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "fetch "+url+": refused: "+want) {
				t.Errorf("%s: %s: error %v, want %q", name, url, err, want)
			}
		}
	}
}

// The net.Dialer of a real run checks the address again right before
// connecting; Control runs before the connect system call, so refusing
// needs no network either.
func TestDialerControlRefuses(t *testing.T) {
	d := &net.Dialer{Control: (&Guard{}).control}
	for _, addr := range []string{"127.0.0.1:443", "10.0.0.1:443", "[::1]:443", "93.184.215.14:8443"} {
		_, err := d.DialContext(context.Background(), "tcp", addr)
		if !errors.Is(err, ErrRefused) {
			t.Errorf("%s: %v, want refused", addr, err)
		}
	}
}

func TestAllowLoopbackAllowsOnlyLoopback(t *testing.T) {
	g := &Guard{AllowLoopback: true}
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:1234": true, "10.0.0.1:443": false, "169.254.169.254:80": false,
	} {
		ap := netip.MustParseAddrPort(addr)
		err := g.check(ap.Addr().String(), ap.Addr(), "1")
		if (err == nil) != ok {
			t.Errorf("%s: %v, want allowed %v", addr, err, ok)
		}
	}
}

func TestNonPublic(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1":              loopback,
		"127.8.9.10":             loopback,
		"::1":                    loopback,
		"::ffff:127.0.0.1":       loopback,
		"64:ff9b::7f00:1":        loopback,
		"10.0.0.1":               private,
		"172.16.0.1":             private,
		"172.31.255.255":         private,
		"192.168.0.1":            private,
		"fc00::1":                private,
		"fd00:ec2::254":          private,
		"::ffff:10.0.0.1":        private,
		"169.254.169.254":        linkLocal,
		"::ffff:169.254.169.254": linkLocal,
		"fe80::1":                linkLocal,
		"fe80::1%eth0":           linkLocal,
		"100.64.0.1":             "a carrier-grade NAT address",
		"100.127.255.255":        "a carrier-grade NAT address",
		"224.0.0.1":              multicast,
		"239.255.255.250":        multicast,
		"ff02::1":                multicast,
		"0.0.0.0":                "an unspecified address",
		"::":                     "an unspecified address",
		"::ffff:0.0.0.0":         "an unspecified address",
		"0.1.2.3":                `a "this network" address`,
		"255.255.255.255":        "a broadcast address",
		"240.0.0.1":              reserved,
		"::127.0.0.1":            "an IPv4-compatible address",
		// Public unicast, including neighbours of the refused blocks.
		"1.1.1.1":          "",
		"93.184.215.14":    "",
		"100.63.255.255":   "",
		"100.128.0.0":      "",
		"172.15.255.255":   "",
		"172.32.0.0":       "",
		"2606:4700::1111":  "",
		"64:ff9b::808:808": "",
	} {
		if got := nonPublic(netip.MustParseAddr(addr)); got != want {
			t.Errorf("nonPublic(%s) = %q, want %q", addr, got, want)
		}
	}
}
