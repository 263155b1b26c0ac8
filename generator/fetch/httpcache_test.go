package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
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
		b, err := (&HTTPFetcher{Cache: cache, Retries: -1}).Get(context.Background(), srv.URL+path)
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
	if _, err := (&HTTPFetcher{Cache: cache, Retries: -1}).Get(context.Background(), srv.URL+"/x.json"); err == nil {
		t.Error("a 304 with nothing cached must fail, not return an empty body")
	}
}
