package probe

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const page = "https://status.example.com"

func TestDetect(t *testing.T) {
	tests := []struct {
		name, url string
		files     map[string]string
		want      string
	}{
		{"statuspage", page, map[string]string{"/api/v2/summary.json": `{"page":{"id":"kctbh9vrtdwd"},"status":{"indicator":"none"}}`}, "statuspage"},
		{"incident.io", page, map[string]string{"/api/v2/summary.json": `{"page":{"id":"01HZY3ZQ6N1V4W0XB2T9C8JK7M"}}`}, "incidentio"},
		{"instatus", page, map[string]string{"/summary.json": `{"page":{"name":"X","status":"UP"}}`}, "instatus"},
		{"better stack", page, map[string]string{"/index.json": `{"data":{"attributes":{"aggregate_state":"operational"}}}`}, "betterstack"},
		{"cachet", page, map[string]string{"/api/v1/ping": `{"data":"Pong!"}`}, "cachet"},
		{"status.io", page, map[string]string{"/": `<html><script src="https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"></script></html>`}, "statusio"},
		{"status.io page link", page, map[string]string{"/": `<html><a href="/pages/history/5b36dc6502d06804c08349f7">History</a></html>`}, "statusio"},
		{"atom history", page, map[string]string{"/history.atom": `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>`}, "feed"},
		{"rss history", page, map[string]string{"/history.rss": `<?xml version="1.0"?><rss version="2.0"></rss>`}, "feed"},
		{"feed url", "https://www.fastlystatus.com/rss", nil, "feed"},
		{"slack", "https://slack-status.com", nil, "slack"},
		{"google cloud", "https://status.cloud.google.com", nil, "gcp"},
		{"aws", "https://health.aws.amazon.com/health/status", nil, "aws"},
		{"azure", "https://azure.status.microsoft", nil, "azure"},
		// A summary.json that is Instatus's must not pass for Statuspage's.
		{"instatus not statuspage", page, map[string]string{"/api/v2/summary.json": `<html>not here</html>`, "/summary.json": `{"page":{"status":"HASISSUES"}}`}, "instatus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := adaptertest.MapFetcher{}
			for p, body := range tt.files {
				f[strings.TrimRight(tt.url, "/")+p] = []byte(body)
			}
			got, evidence, err := Detect(context.Background(), f, tt.url)
			if err != nil || got != tt.want || evidence == "" {
				t.Errorf("Detect = %q (%s), %v; want %q", got, evidence, err, tt.want)
			}
		})
	}
}

func TestDetectGivesUpClearly(t *testing.T) {
	_, _, err := Detect(context.Background(), adaptertest.MapFetcher{}, page)
	var unknown *UnknownVendorError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "/api/v2/summary.json") || len(unknown.Tried) != len(probes) {
		t.Errorf("err = %v, want what was tried", err)
	}
}

// A URL that is not https is refused before any request, with what to
// give instead: no adapter could fetch it.
func TestDetectRefusesAnURLThatIsNotHTTPS(t *testing.T) {
	for _, u := range []string{"http://status.example.com", "status.example.com", "https://", "ftp://status.example.com"} {
		_, _, err := Detect(context.Background(), adaptertest.MapFetcher{}, u)
		var bad *BadURLError
		if !errors.As(err, &bad) || !strings.Contains(err.Error(), strconv.Quote(u)) || !strings.Contains(err.Error(), "https://") {
			t.Errorf("Detect(%q): err = %v, want a BadURLError saying to give an https:// URL", u, err)
		}
	}
	if err := CheckURL("https://status.example.com/"); err != nil {
		t.Errorf("CheckURL refused an https URL: %v", err)
	}
}

// countingFetcher fails every GET without an HTTP answer, as a host that
// does not resolve does, and counts them.
type countingFetcher struct{ n int }

func (c *countingFetcher) Get(ctx context.Context, url string) ([]byte, error) {
	c.n++
	return nil, fmt.Errorf("fetch %s: dial tcp: lookup: no such host", url)
}

// TestDetectStopsAtNoAnswer: a host that gives no HTTP answer is asked
// once, not once a vendor: the catalogue holds hundreds of such entries,
// and each request may be retried and wait for its timeout.
func TestDetectStopsAtNoAnswer(t *testing.T) {
	f := &countingFetcher{}
	_, _, err := Detect(context.Background(), f, page)
	var unreachable *UnreachableError
	if !errors.As(err, &unreachable) || !strings.Contains(err.Error(), "no such host") {
		t.Errorf("err = %v, want an UnreachableError", err)
	}
	if f.n != 1 {
		t.Errorf("%d requests, want 1", f.n)
	}
}
