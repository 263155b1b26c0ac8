// Package probe tells which vendor runs a status page, so a contributor can
// add a provider without knowing its platform: well-known hosts first, then
// the endpoints each vendor answers on, in an order that never mistakes one
// vendor for another.
package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statusio"
)

// hosts are the pages whose host alone names the adapter.
var hosts = map[string]string{
	"slack-status.com":           "slack",
	"status.cloud.google.com":    "gcp",
	"status.firebase.google.com": "gcp",
	"health.aws.amazon.com":      "aws",
	"status.aws.amazon.com":      "aws",
	"azure.status.microsoft":     "azure",
}

var ulid = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{26}$`)

// Detect returns the adapter name for pageURL and the evidence it found.
// Order: a known host; a URL that names a feed; Statuspage's API (ULID page
// ids mean incident.io); Instatus; Better Stack; Cachet; status.io; a
// history feed beside the page.
func Detect(ctx context.Context, f adapters.Fetcher, pageURL string) (adapter, evidence string, err error) {
	if err := CheckURL(pageURL); err != nil {
		return "", "", err
	}
	u, _ := url.Parse(pageURL)
	if a, ok := hosts[strings.ToLower(u.Hostname())]; ok {
		return a, "known host " + u.Hostname(), nil
	}
	if isFeedURL(u) {
		return "feed", "the URL names a feed", nil
	}
	base := strings.TrimRight(pageURL, "/")
	for _, try := range probes {
		b, err := f.Get(ctx, base+try.path)
		if err != nil {
			if !answered(err) {
				// No HTTP answer at all (no such host, refused, timed
				// out): the other paths would fail the same way, each
				// after its own retries.
				return "", "", &UnreachableError{URL: pageURL, Err: err}
			}
			continue
		}
		if a, ok := try.match(b); ok {
			return a, base + try.path + " " + try.says, nil
		}
	}
	tried := make([]string, len(probes))
	for i, p := range probes {
		tried[i] = p.path
	}
	return "", "", &UnknownVendorError{URL: pageURL, Tried: tried}
}

// BadURLError is a page URL that no adapter could fetch: not https, or
// without a host. Naming an adapter does not help; the page's https
// address does.
type BadURLError struct{ URL string }

func (e *BadURLError) Error() string {
	return fmt.Sprintf("%q: want the page's https:// address, such as https://status.example.com (status pages are fetched over https only)", e.URL)
}

// CheckURL returns a *BadURLError unless pageURL is an https URL with a
// host.
func CheckURL(pageURL string) error {
	u, err := url.Parse(pageURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return &BadURLError{URL: pageURL}
	}
	return nil
}

// UnknownVendorError is a page that answered, but not as any vendor we
// know.
type UnknownVendorError struct {
	URL   string
	Tried []string
}

func (e *UnknownVendorError) Error() string {
	return fmt.Sprintf("could not tell the vendor of %s: tried %s", e.URL, strings.Join(e.Tried, ", "))
}

// UnreachableError is a page whose host gave no HTTP answer.
type UnreachableError struct {
	URL string
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("could not tell the vendor of %s: %v", e.URL, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// answered reports whether err is an HTTP answer (a status code), as
// opposed to no answer at all.
func answered(err error) bool {
	var hs adapters.HTTPStatuser
	return errors.As(err, &hs)
}

func isFeedURL(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	last := p[strings.LastIndex(p, "/")+1:]
	for _, suffix := range []string{".rss", ".atom", ".xml", "rss", "atom", "feed"} {
		if strings.HasSuffix(last, suffix) {
			return true
		}
	}
	return false
}

type probe struct {
	path, says string
	match      func(body []byte) (string, bool)
}

var probes = []probe{
	{"/api/v2/summary.json", "answers with a Statuspage summary", statuspageOrIncidentIO},
	{"/summary.json", "answers with an Instatus summary", jsonHas("instatus", "page", "status")},
	{"/index.json", "answers with a Better Stack index", jsonHas("betterstack", "data", "attributes", "aggregate_state")},
	{"/api/v1/ping", "answers Cachet's Pong!", func(b []byte) (string, bool) { return "cachet", bytes.Contains(b, []byte("Pong!")) }},
	{"/", "names a status.io page id", func(b []byte) (string, bool) {
		// The adapter's own test of a page: the probe must not miss a
		// page the adapter can read (GitLab's links only /pages/<id>/rss).
		return "statusio", statusio.FindPageID(b) != ""
	}},
	{"/history.atom", "is an Atom feed", isFeed},
	{"/history.rss", "is an RSS feed", isFeed},
}

// statuspageOrIncidentIO tells the two apart: incident.io serves the same
// summary, with ULID page ids.
func statuspageOrIncidentIO(b []byte) (string, bool) {
	var doc struct {
		Page *struct {
			ID string `json:"id"`
		} `json:"page"`
	}
	if json.Unmarshal(b, &doc) != nil || doc.Page == nil || doc.Page.ID == "" {
		return "", false
	}
	if ulid.MatchString(doc.Page.ID) {
		return "incidentio", true
	}
	return "statuspage", true
}

// jsonHas matches a JSON object holding a value at path.
func jsonHas(adapter string, path ...string) func([]byte) (string, bool) {
	return func(b []byte) (string, bool) {
		var v any
		if json.Unmarshal(b, &v) != nil {
			return "", false
		}
		for _, k := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return "", false
			}
			if v, ok = m[k]; !ok || v == nil {
				return "", false
			}
		}
		return adapter, true
	}
}

func isFeed(b []byte) (string, bool) {
	head := b[:min(len(b), 1024)]
	return "feed", bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rss"))
}
