package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"syscall"
	"time"
)

// statusPort is the only port a real run connects to: catalogue URLs are
// https on the default port, and a redirect or a DNS answer must not turn
// the fetcher into a port scanner of somebody's network.
const statusPort = "443"

// ErrRefused matches every *RefusedError with errors.Is.
var ErrRefused = errors.New("refused")

// RefusedError is a request fetch would not make: a redirect away from
// https, or a connection to an address or port no public status page uses.
// Retrying cannot change the answer, so it is never retried.
type RefusedError struct {
	// Host is the host name, or address, that was refused.
	Host string
	// Reason completes "refused: ", as in "127.0.0.1 is a loopback address".
	Reason string
}

func (e *RefusedError) Error() string { return "refused: " + e.Reason }

// Is makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Guard dials every connection of a real run, including those after a
// redirect. It resolves the host itself, refuses the whole host if any of
// its addresses is not public unicast, and then connects only to the
// addresses it checked, so a DNS answer cannot change between the check and
// the connection. Unattended runs sit next to cloud metadata
// (169.254.169.254), services on localhost and private networks; a
// catalogue entry or a status page's redirect must reach none of them.
type Guard struct {
	// LookupNetIP resolves a host name; nil is net.DefaultResolver. Tests
	// answer with fixed addresses so that nothing leaves the machine.
	LookupNetIP func(ctx context.Context, network, host string) ([]netip.Addr, error)
	// Dial connects to one address that passed the checks; nil is a
	// net.Dialer that checks the address once more. Tests point it at an
	// httptest server.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
	// AllowLoopback admits loopback addresses on any port, so that tests
	// can reach httptest servers through the guard. Real runs never set it.
	AllowLoopback bool
}

// NewTransport is http.DefaultTransport with every connection made by g
// (a zero Guard when g is nil) and no proxy: a proxy resolves and
// connects on our behalf, where the guard cannot see the address.
func NewTransport(g *Guard) *http.Transport {
	if g == nil {
		g = &Guard{}
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = g.DialContext
	return t
}

// DialContext checks address ("host:port"), then connects to the first of
// its addresses that answers.
func (g *Guard) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	if _, err := netip.ParseAddr(host); err != nil && port != statusPort && !g.AllowLoopback {
		return nil, portRefused(host, port) // before any DNS lookup
	}
	addrs, err := g.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	for _, a := range addrs {
		if err := g.check(host, a, port); err != nil {
			return nil, err
		}
	}
	return g.dialEach(ctx, network, addrs, port)
}

// resolve returns a literal address as is, else the host's addresses.
func (g *Guard) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	lookup := g.LookupNetIP
	if lookup == nil {
		lookup = net.DefaultResolver.LookupNetIP
	}
	addrs, err := lookup(ctx, "ip", host)
	if err == nil && len(addrs) == 0 {
		err = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	return addrs, err
}

// check refuses a that is not a public unicast address on statusPort.
// host is what the URL named, so the message can say both.
func (g *Guard) check(host string, a netip.Addr, port string) error {
	if g.AllowLoopback && a.Unmap().IsLoopback() {
		return nil
	}
	kind := nonPublic(a)
	switch {
	case kind == "" && port == statusPort:
		return nil
	case kind == "":
		return portRefused(host, port)
	case host == a.String():
		return &RefusedError{Host: host, Reason: host + " is " + kind}
	}
	return &RefusedError{Host: host, Reason: host + " resolves to " + a.String() + ", " + kind}
}

func portRefused(host, port string) error {
	return &RefusedError{Host: host, Reason: "port " + port + " of " + host + " (status pages are fetched on port 443 only)"}
}

// dialEach tries the addresses in the resolver's order of preference,
// giving each a share of the time left, as net.Dialer does, so that an
// unreachable first address does not use up the whole request timeout.
func (g *Guard) dialEach(ctx context.Context, network string, addrs []netip.Addr, port string) (net.Conn, error) {
	dial := g.Dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}).DialContext
	}
	var first error
	for i, a := range addrs {
		actx, cancel := shareOfDeadline(ctx, len(addrs)-i)
		c, err := dial(actx, network, net.JoinHostPort(a.String(), port))
		cancel()
		if err == nil {
			return c, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, first
}

// shareOfDeadline gives one of n remaining attempts its share of the time
// left, but at least two seconds, like net.Dialer's partial deadlines.
func shareOfDeadline(ctx context.Context, n int) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if !ok || n <= 1 {
		return context.WithCancel(ctx)
	}
	share := max(time.Until(deadline)/time.Duration(n), 2*time.Second)
	return context.WithTimeout(ctx, share)
}

// control checks, once more and right before the connect system call, the
// address the socket is about to reach: a last line should a future change
// ever hand net.Dialer a name to resolve by itself.
func (g *Guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &RefusedError{Host: address, Reason: address + " is not an IP address and port"}
	}
	return g.check(ap.Addr().String(), ap.Addr(), strconv.Itoa(int(ap.Port())))
}

// Kinds of address that are refused, as the messages name them.
const (
	loopback  = "a loopback address"
	private   = "a private address"
	linkLocal = "a link-local address"
	multicast = "a multicast address"
	reserved  = "a reserved address"
)

// refusedNets are the address blocks no public status page is served from,
// the most specific first, each with the words of the message. Public
// unicast space is everything else.
var refusedNets = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("255.255.255.255/32"), "a broadcast address"},
	{netip.MustParsePrefix("0.0.0.0/8"), `a "this network" address`}, // 0.0.0.0 reaches localhost on Linux
	{netip.MustParsePrefix("127.0.0.0/8"), loopback},
	{netip.MustParsePrefix("10.0.0.0/8"), private},
	{netip.MustParsePrefix("172.16.0.0/12"), private},
	{netip.MustParsePrefix("192.168.0.0/16"), private},
	{netip.MustParsePrefix("100.64.0.0/10"), "a carrier-grade NAT address"}, // also Alibaba Cloud's metadata
	{netip.MustParsePrefix("169.254.0.0/16"), linkLocal},                    // cloud metadata lives here
	{netip.MustParsePrefix("192.0.0.0/24"), reserved},
	{netip.MustParsePrefix("198.18.0.0/15"), reserved},
	{netip.MustParsePrefix("224.0.0.0/4"), multicast},
	{netip.MustParsePrefix("240.0.0.0/4"), reserved},
	{netip.MustParsePrefix("::1/128"), loopback},
	{netip.MustParsePrefix("::/96"), "an IPv4-compatible address"}, // deprecated; some stacks map it to IPv4
	{netip.MustParsePrefix("fc00::/7"), private},                   // unique local, e.g. AWS's fd00:ec2::254
	{netip.MustParsePrefix("fe80::/10"), linkLocal},
	{netip.MustParsePrefix("fec0::/10"), "a site-local address"},
	{netip.MustParsePrefix("ff00::/8"), multicast},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a local NAT64 address"},
}

// nonPublic says what kind of address a is ("a loopback address"), or ""
// when it is public unicast. IPv4-mapped IPv6 (::ffff:127.0.0.1) and
// NAT64 (64:ff9b::7f00:1) forms are judged by the IPv4 address inside.
func nonPublic(a netip.Addr) string {
	a = a.WithZone("") // Prefix.Contains never matches a zoned address
	if a.IsUnspecified() || a.Unmap().IsUnspecified() {
		return "an unspecified address"
	}
	a = a.Unmap()
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	for _, n := range refusedNets {
		if n.prefix.Contains(a) {
			return n.kind
		}
	}
	return ""
}

// nat64 is the well-known NAT64 prefix (RFC 6052): a gateway translates
// 64:ff9b::a.b.c.d to a.b.c.d, private addresses included.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")
