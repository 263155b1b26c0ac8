package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestConditionalRequests(t *testing.T) {
	var full, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Tue, 24 Nov 2026 10:00:00 GMT" {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		if r.URL.Path == "/etag.json" {
			w.Header().Set("ETag", `"v1"`)
		} else {
			w.Header().Set("Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT")
		}
		w.Write([]byte(`{"page":"` + r.URL.Path + `"}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	get := func(path string) string {
		t.Helper()
		cache, err := OpenHTTPCache(dir)
		if err != nil {
			t.Fatal(err)
		}
		b, err := (&HTTPFetcher{Cache: cache, Retries: -1, Client: loopbackClient()}).Get(context.Background(), srv.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		if err := cache.Save(); err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, path := range []string{"/etag.json", "/modified.json"} {
		first, second := get(path), get(path)
		if first != second || first != `{"page":"`+path+`"}` {
			t.Errorf("%s: %q then %q: a 304 must give back the stored body", path, first, second)
		}
	}
	if full.Load() != 2 || notModified.Load() != 2 {
		t.Errorf("%d full answers and %d 304s, want 2 and 2 (the second run is conditional)", full.Load(), notModified.Load())
	}
}

func TestNotModifiedWithoutCacheIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	cache, _ := OpenHTTPCache(t.TempDir())
	if _, err := (&HTTPFetcher{Cache: cache, Retries: -1, Client: loopbackClient()}).Get(context.Background(), srv.URL+"/x.json"); err == nil {
		t.Error("a 304 with nothing cached must fail, not return an empty body")
	}
}

// The cache folder is restored from elsewhere (a CI cache) and may be
// damaged or written by someone else: an entry naming a body outside
// bodies/, a body that went missing, or one whose bytes changed must never
// stand in for the upstream's answer.
func TestHTTPCacheRefusesHostileOrDamagedEntries(t *testing.T) {
	dir := t.TempDir()
	body := []byte(`{"ok":true}`)
	sum := sha256.Sum256(body)
	good := hex.EncodeToString(sum[:])
	index := `{"https://a.example/x.json":{"etag":"\"1\"","body":"../../../etc/passwd"},` +
		`"https://a.example/gone.json":{"etag":"\"2\"","body":"` + strings.Repeat("0", 64) + `"},` +
		`"https://a.example/damaged.json":{"etag":"\"3\"","body":"` + good + `"}}`
	if err := os.WriteFile(filepath.Join(dir, httpCacheIndex), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "bodies"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bodies", good), []byte(`{"ok":false}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := OpenHTTPCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://a.example/x.json", "https://a.example/gone.json"} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		c.prepare(req, u)
		if req.Header.Get("If-None-Match") != "" {
			t.Errorf("%s: conditional request from an entry that cannot be used", u)
		}
		if _, err := c.cached(u); err == nil {
			t.Errorf("%s: a cached body was served", u)
		}
	}
	if _, err := c.cached("https://a.example/damaged.json"); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged body: err = %v", err)
	}
}

// TestHTTPCacheKeepsOneBodyPerURL runs the cache over days of a changing
// upstream and checks after every run that bodies/ holds exactly the
// bodies the index names: a replaced body goes, so does the body of a URL
// no run has requested for MaxIdle, of a URL that stopped sending
// validators, and whatever a killed run left.
func TestHTTPCacheKeepsOneBodyPerURL(t *testing.T) {
	version := map[string]string{"/a.json": "1", "/b.json": "1", "/c.json": "1"}
	noValidator := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := version[r.URL.Path]
		if noValidator[r.URL.Path] {
			w.Write([]byte(`{"v":"` + v + `","u":"` + r.URL.Path + `"}`))
			return
		}
		if r.Header.Get("If-None-Match") == `"`+v+`"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"`+v+`"`)
		w.Write([]byte(`{"v":"` + v + `","u":"` + r.URL.Path + `"}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	day0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	run := func(day int, paths ...string) {
		t.Helper()
		c, err := OpenHTTPCache(dir)
		if err != nil {
			t.Fatal(err)
		}
		c.Now = func() time.Time { return day0.AddDate(0, 0, day) }
		f := &HTTPFetcher{Cache: c, Retries: -1, Client: loopbackClient()}
		for _, p := range paths {
			b, err := f.Get(context.Background(), srv.URL+p)
			if err != nil || !strings.Contains(string(b), `"v":"`+version[p]+`"`) {
				t.Fatalf("day %d %s: %s, %v", day, p, b, err)
			}
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
	}
	run(0, "/a.json", "/b.json", "/c.json")
	checkBodies(t, dir, "/a.json", "/b.json", "/c.json")

	version["/a.json"] = "2" // replaced: the old body goes
	run(1, "/a.json", "/b.json", "/c.json")
	checkBodies(t, dir, "/a.json", "/b.json", "/c.json")

	// A killed run's body that never reached the index, and a temp file.
	os.WriteFile(filepath.Join(dir, "bodies", strings.Repeat("ab", 32)), []byte("orphan"), 0o644)
	os.WriteFile(filepath.Join(dir, "bodies", ".x.tmp-1"), []byte("half"), 0o644)
	noValidator["/c.json"] = true // no validator any more: forgotten
	run(2, "/a.json", "/c.json")  // b not requested: idle, kept for now
	checkBodies(t, dir, "/a.json", "/b.json")

	run(2+int(MaxIdle/(24*time.Hour))+1, "/a.json") // b idle past MaxIdle
	checkBodies(t, dir, "/a.json")
}

// checkBodies fails unless the cache in dir names exactly the given URLs
// and bodies/ holds exactly their bodies.
func checkBodies(t *testing.T, dir string, paths ...string) {
	t.Helper()
	c, err := OpenHTTPCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	var urls []string
	for url, e := range c.entries {
		urls = append(urls, url[strings.LastIndex(url, "/"):])
		want[e.Body] = true
	}
	slices.Sort(urls)
	if !slices.Equal(urls, paths) {
		t.Errorf("index names %v, want %v", urls, paths)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "bodies"))
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
		if !want[e.Name()] {
			t.Errorf("bodies/%s is named by no URL", e.Name())
		}
	}
	if len(got) != len(want) {
		t.Errorf("bodies/ holds %d files, want %d (one per URL)", len(got), len(want))
	}
}
