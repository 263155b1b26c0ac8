package fetch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/uptimus/uptimus/internal/testfs"
)

func TestPathFor(t *testing.T) {
	dir := filepath.FromSlash("/rec")
	tests := []struct {
		url  string
		want string // slash-separated under dir; "" means an error
	}{
		{"https://status.example.com/api/v2/summary.json", "status.example.com/api/v2/summary.json"},
		{"https://status.example.com/api/v2/incidents.json?page=2&limit=50", "status.example.com/api/v2/incidents.json"},
		{"https://Status.Example.COM/x.json", "status.example.com/x.json"},
		{"http://127.0.0.1:8080/a.rss", "127.0.0.1:8080/a.rss"},
		{"https://status.example.com", "status.example.com/index"},
		{"https://status.example.com/", "status.example.com/index"},
		{"https://status.example.com/feed/", "status.example.com/feed/index"},
		{"https://status.example.com//a//b", "status.example.com/a/b/index"},
		{"https://status.example.com/api/v1/components/groups", "status.example.com/api/v1/components/groups/index"},
		{"https://status.example.com/./a", "status.example.com/a/index"},
		{"https://status.example.com/a/.", "status.example.com/a/index"},
		{"https://status.example.com/a/%2e%2e/%2e%2e/etc/passwd", ""},
		{"https://status.example.com/..", ""},
		{"https://status.example.com/a/../b", ""},
		{"https://status.example.com/a%5c..%5c..%5cx", ""},
		{"https://status.example.com/a%00b", ""},
		{"https://status.example.com/%2F%2Fetc/passwd", "status.example.com/etc/passwd/index"},
		{"file:///etc/passwd", ""},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		got, err := PathFor(dir, u)
		if tt.want == "" {
			if err == nil {
				t.Errorf("PathFor(%s) = %q, want an error", tt.url, got)
			}
			continue
		}
		if want := filepath.Join(dir, filepath.FromSlash(tt.want)); err != nil || got != want {
			t.Errorf("PathFor(%s) = %q, %v; want %q", tt.url, got, err, want)
		}
	}
}

func TestPathForHostileHosts(t *testing.T) {
	for _, host := range []string{"..", ".", "", `a\b`, "a\x00b"} {
		u := &url.URL{Scheme: "https", Host: host, Path: "/x"}
		if got, err := PathFor("/rec", u); err == nil {
			t.Errorf("host %q: PathFor = %q, want an error", host, got)
		}
	}
}

// FuzzPathFor checks that no URL path leaves the recording folder.
func FuzzPathFor(f *testing.F) {
	for _, s := range []string{"/api/v2/summary.json", "/", "", "/../x", "/a/..%2f..", `/a\..\..`, "/\x00", "/./../."} {
		f.Add("status.example.com", s)
	}
	f.Fuzz(func(t *testing.T, host, p string) {
		dir := filepath.FromSlash("/rec/dir")
		got, err := PathFor(dir, &url.URL{Scheme: "https", Host: host, Path: p})
		if err != nil {
			return
		}
		rel, rerr := filepath.Rel(dir, got)
		if rerr != nil || !filepath.IsLocal(rel) || strings.ContainsRune(rel, 0) {
			t.Fatalf("PathFor(%q, %q) = %q, outside %s", host, p, got, dir)
		}
		// Host and at least one name below it.
		if parts := strings.Split(filepath.ToSlash(rel), "/"); len(parts) < 2 || parts[0] != strings.ToLower(host) {
			t.Fatalf("PathFor(%q, %q) = %q, not under the host", host, p, got)
		}
	})
}

// vendor is a small status page: its answers by path, and a hit counter.
type vendor struct {
	hits  atomic.Int32
	pages map[string]string
}

func (v *vendor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.hits.Add(1)
	switch r.URL.Path {
	case "/down":
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	body, ok := v.pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	io.WriteString(w, body)
}

func TestRecordThenReplay(t *testing.T) {
	v := &vendor{pages: map[string]string{
		"/api/v2/summary.json": `{"status":{"indicator":"none"}}`,
		"/history.atom":        `<?xml version="1.0"?><feed/>`,
		"/":                    "<!DOCTYPE html><html>home</html>",
		"/feed/":               "<rss/>",
		"/bin":                 "\x00\x01\xff raw \r\n bytes",
	}}
	srv := httptest.NewServer(v)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	dir := t.TempDir()

	rec := &HTTPFetcher{Retries: -1, Client: &http.Client{Transport: Record(dir, srv.Client().Transport)}}
	get := func(f *HTTPFetcher, path string) ([]byte, error) {
		return f.Get(context.Background(), srv.URL+path)
	}
	for _, path := range []string{"/api/v2/summary.json?cache=123", "/history.atom", "", "/feed/", "/bin"} {
		if _, err := get(rec, path); err != nil {
			t.Fatalf("record %s: %v", path, err)
		}
	}
	for _, path := range []string{"/missing", "/down"} {
		if _, err := get(rec, path); err == nil {
			t.Errorf("record %s: no error", path)
		}
	}

	wantFiles := map[string]string{
		host + "/api/v2/summary.json": v.pages["/api/v2/summary.json"],
		host + "/history.atom":        v.pages["/history.atom"],
		host + "/index":               v.pages["/"],
		host + "/feed/index":          v.pages["/feed/"],
		host + "/bin/index":           v.pages["/bin"],
	}
	if got := testfs.Text(t, dir); !maps.Equal(got, wantFiles) {
		t.Errorf("recorded files:\n%q\nwant:\n%q", got, wantFiles)
	}

	srv.Close() // Replay must not need the network.
	hits := v.hits.Load()
	play := &HTTPFetcher{Retries: -1, Client: &http.Client{Transport: Replay(dir)}}
	for path, want := range map[string]string{
		"/api/v2/summary.json?other=query": v.pages["/api/v2/summary.json"],
		"/":                                v.pages["/"],
		"/feed/":                           v.pages["/feed/"],
		"/bin":                             v.pages["/bin"],
	} {
		got, err := get(play, path)
		if err != nil || string(got) != want {
			t.Errorf("replay %s: %q, %v; want %q", path, got, err, want)
		}
	}
	for _, path := range []string{"/missing", "/down", "/api", "/api/v2/"} {
		_, err := get(play, path)
		if !adapters404(err) {
			t.Errorf("replay %s: error %v, want a 404", path, err)
		}
	}
	if v.hits.Load() != hits {
		t.Error("replay reached the server")
	}
}

func adapters404(err error) bool {
	var he *HTTPError
	return errors.As(err, &he) && he.NotFound() && he.StatusCode == http.StatusNotFound
}

func TestRecordRejectsTraversal(t *testing.T) {
	v := &vendor{pages: map[string]string{"/x": "x"}}
	srv := httptest.NewServer(v)
	defer srv.Close()
	dir := t.TempDir()
	rt := Record(filepath.Join(dir, "rec"), srv.Client().Transport)
	for _, p := range []string{"/../escape", "/a/../../escape", `/a\..\..\escape`, "/a\x00"} {
		u := &url.URL{Scheme: "http", Host: strings.TrimPrefix(srv.URL, "http://"), Path: p}
		req := (&http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}}).WithContext(context.Background())
		resp, err := rt.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
			t.Errorf("record %q: no error", p)
		}
		if _, err := Replay(filepath.Join(dir, "rec")).RoundTrip(req); err == nil {
			t.Errorf("replay %q: no error", p)
		}
	}
	if v.hits.Load() != 0 {
		t.Error("a rejected request reached the server")
	}
	if got := testfs.Text(t, dir); len(got) != 0 {
		t.Errorf("files written: %q", got)
	}
}

func TestRecordKeepsNothingFromAnAbandonedBody(t *testing.T) {
	v := &vendor{pages: map[string]string{"/big.json": strings.Repeat("x", 1<<16)}}
	srv := httptest.NewServer(v)
	defer srv.Close()
	dir := t.TempDir()
	client := &http.Client{Transport: Record(dir, srv.Client().Transport)}
	resp, err := client.Get(srv.URL + "/big.json")
	if err != nil {
		t.Fatal(err)
	}
	io.CopyN(io.Discard, resp.Body, 100)
	resp.Body.Close()
	if got := testfs.Text(t, dir); len(got) != 0 {
		t.Errorf("a half-read body was recorded: %d files", len(got))
	}

	// Over the fetcher's limit: an error, and no recording either.
	f := &HTTPFetcher{Retries: -1, Client: client, MaxBody: 1000}
	if _, err := f.Get(context.Background(), srv.URL+"/big.json"); err == nil {
		t.Error("no error over MaxBody")
	}
	if got := testfs.Text(t, dir); len(got) != 0 {
		t.Errorf("a body over the limit was recorded: %d files", len(got))
	}
}

func TestRecordFailsWhenItCannotSave(t *testing.T) {
	v := &vendor{pages: map[string]string{"/a.json": "a", "/a.json/b": "b"}}
	srv := httptest.NewServer(v)
	defer srv.Close()
	f := &HTTPFetcher{Retries: -1, Client: &http.Client{Transport: Record(t.TempDir(), srv.Client().Transport)}}
	if _, err := f.Get(context.Background(), srv.URL+"/a.json"); err != nil {
		t.Fatal(err)
	}
	// "a.json" is now a file, so "a.json/b" has no folder to go in.
	if _, err := f.Get(context.Background(), srv.URL+"/a.json/b"); err == nil || !strings.Contains(err.Error(), "record") {
		t.Errorf("error %v, want a record error", err)
	}
}

func TestReplayContentType(t *testing.T) {
	dir := t.TempDir()
	host := filepath.Join(dir, "s.example.com")
	os.MkdirAll(filepath.Join(host, "feed"), 0o755)
	os.MkdirAll(filepath.Join(host, "plain"), 0o755)
	for name, body := range map[string]string{
		"a.json": "{}", "a.xml": "<x/>", "history.rss": "<rss/>", "history.atom": "<feed/>",
		"feed/index": "<!DOCTYPE html><p>hi", "plain/index": "just text",
	} {
		if err := os.WriteFile(filepath.Join(host, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := map[string]string{
		"/a.json":       "application/json",
		"/a.xml":        "application/xml",
		"/history.rss":  "application/rss+xml",
		"/history.atom": "application/atom+xml",
		"/feed/":        "text/html; charset=utf-8",
		"/plain":        "text/plain; charset=utf-8",
	}
	client := &http.Client{Transport: Replay(dir)}
	for path, want := range tests {
		resp, err := client.Get("https://s.example.com" + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("%s: %s %q, want 200 %q", path, resp.Status, resp.Header.Get("Content-Type"), want)
		}
	}
}

func TestReplayMissingAndMethods(t *testing.T) {
	client := &http.Client{Transport: Replay(t.TempDir())}
	resp, err := client.Get("https://s.example.com/api/v2/summary.json")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || resp.Status != "404 Not Found" || !bytes.Contains(body, []byte("not in the recording")) {
		t.Errorf("missing file: %s %q", resp.Status, body)
	}
	resp, err = client.Post("https://s.example.com/x", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %s", resp.Status)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://s.example.com/x", nil)
	if _, err := client.Do(req); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled replay: %v", err)
	}
}

func TestRecordFollowsRedirects(t *testing.T) {
	v := &vendor{pages: map[string]string{"/api/v2/summary.json": `{"page":{}}`}}
	mux := http.NewServeMux()
	mux.Handle("/", v)
	mux.Handle("/old/summary.json", http.RedirectHandler("/moved", http.StatusMovedPermanently))
	mux.Handle("/moved", http.RedirectHandler("/api/v2/summary.json", http.StatusFound))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	dir := t.TempDir()

	rec := &HTTPFetcher{Retries: -1, Client: &http.Client{Transport: Record(dir, srv.Client().Transport)}}
	if _, err := rec.Get(context.Background(), srv.URL+"/old/summary.json"); err != nil {
		t.Fatal(err)
	}
	body := v.pages["/api/v2/summary.json"]
	want := map[string]string{host + "/old/summary.json": body, host + "/moved/index": body, host + "/api/v2/summary.json": body}
	if got := testfs.Text(t, dir); !maps.Equal(got, want) {
		t.Errorf("recorded %q, want %q", got, want)
	}
	play := &HTTPFetcher{Retries: -1, Client: &http.Client{Transport: Replay(dir)}}
	if got, err := play.Get(context.Background(), srv.URL+"/old/summary.json"); err != nil || string(got) != body {
		t.Errorf("replay of the redirected URL: %q, %v", got, err)
	}
}
