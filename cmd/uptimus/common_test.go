package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, now, epoch string
		want             time.Time
		wantErr          bool
	}{
		{name: "flag", now: "2026-11-25T13:00:00+01:00", want: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)},
		{name: "flag wins over epoch", now: "2026-11-25T12:00:00Z", epoch: "0", want: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)},
		{name: "SOURCE_DATE_EPOCH", epoch: "1764072000", want: time.Unix(1764072000, 0).UTC()},
		{name: "bad flag", now: "today", wantErr: true},
		{name: "bad epoch", epoch: "soon", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := common{now: tt.now}
			e := &env{getenv: func(k string) string {
				if k == "SOURCE_DATE_EPOCH" {
					return tt.epoch
				}
				return ""
			}}
			clock, err := c.clock(e)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && !clock().Equal(tt.want) {
				t.Errorf("clock() = %v, want %v", clock(), tt.want)
			}
		})
	}
}

func TestSiteHandler(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "status", "pusher"), 0o755)
	os.WriteFile(filepath.Join(dir, "status", "pusher", "index.html"), []byte("pusher page"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("not here"), 0o644)
	srv := httptest.NewServer(siteHandler(dir))
	defer srv.Close()
	for path, want := range map[string]struct {
		code int
		body string
	}{
		"/status/pusher/": {200, "pusher page"},
		"/nope/":          {404, "not here"},
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want.code || string(b) != want.body {
			t.Errorf("GET %s = %d %q, want %d %q", path, resp.StatusCode, b, want.code, want.body)
		}
	}
}
