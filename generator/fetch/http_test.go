package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

func TestHTTPFetcherStatusErrors(t *testing.T) {
	tests := []struct {
		code     int
		want     string
		notFound bool
	}{
		{503, "503 Service Unavailable", false},
		{404, "404 Not Found", true},
		{410, "410 Gone", true},
		{500, "500 Internal Server Error", false},
		{302, "302 Found", false}, // a redirect with no Location is not followed
		{599, "599 status code 599", false},
	}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tt.code)
			w.Write([]byte("nope"))
		}))
		url := srv.URL + "/api/v2/summary.json"
		_, err := (&HTTPFetcher{Retries: -1, Client: srv.Client()}).Get(context.Background(), url)
		srv.Close()
		if err == nil {
			t.Errorf("%d: no error", tt.code)
			continue
		}
		if got, want := err.Error(), "fetch "+url+": "+tt.want; got != want {
			t.Errorf("%d: error %q, want %q", tt.code, got, want)
		}
		var he *HTTPError
		if !errors.As(err, &he) || he.StatusCode != tt.code || he.HTTPStatus() != tt.code || he.URL != url {
			t.Errorf("%d: error %#v is not an HTTPError for it", tt.code, err)
			continue
		}
		if he.NotFound() != tt.notFound || adapters.IsNotFound(err) != tt.notFound {
			t.Errorf("%d: NotFound %v, adapters.IsNotFound %v, want %v", tt.code, he.NotFound(), adapters.IsNotFound(err), tt.notFound)
		}
	}
}

func TestHTTPFetcherHeadersAndBody(t *testing.T) {
	var ua, accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, accept = r.UserAgent(), r.Header.Get("Accept")
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()

	for _, tt := range []struct{ set, want string }{{"", UserAgent}, {"custom/2", "custom/2"}} {
		body, err := (&HTTPFetcher{Retries: -1, Client: srv.Client(), UserAgent: tt.set}).Get(context.Background(), srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != `{"ok":true}` {
			t.Errorf("body %q", body)
		}
		if ua != tt.want {
			t.Errorf("User-Agent %q, want %q", ua, tt.want)
		}
		if accept != "application/json, application/xml;q=0.9, */*;q=0.8" {
			t.Errorf("Accept %q", accept)
		}
	}
}

func TestHTTPFetcherTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	f := &HTTPFetcher{Retries: -1, Client: srv.Client(), Timeout: 50 * time.Millisecond}
	start := time.Now()
	_, err := f.Get(context.Background(), srv.URL+"/slow")
	if err == nil {
		t.Fatal("no error from a server that never answers")
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("timeout took %s", time.Since(start))
	}
	want := "fetch " + srv.URL + "/slow: timed out after 50ms"
	if !strings.HasPrefix(err.Error(), want) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %q, want %q wrapping DeadlineExceeded", err, want)
	}

	// The caller's cancellation is not our timeout.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = (&HTTPFetcher{Retries: -1, Client: srv.Client()}).Get(ctx, srv.URL+"/slow")
	if err == nil || strings.Contains(err.Error(), "timed out") || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled fetch: error %v, want context.Canceled", err)
	}
}

func TestHTTPFetcherTimeoutWhileReadingBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("{"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	_, err := (&HTTPFetcher{Retries: -1, Client: srv.Client(), Timeout: 50 * time.Millisecond}).Get(context.Background(), srv.URL)
	if err == nil || !strings.Contains(err.Error(), "timed out after 50ms") {
		t.Errorf("error %v, want a timeout", err)
	}
}

func TestHTTPFetcherBodyLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := strings.Repeat("x", len(r.URL.Path)-1)
		if r.URL.Query().Has("chunked") {
			// Flushing first hides the length, so only reading finds it.
			w.(http.Flusher).Flush()
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	f := &HTTPFetcher{Retries: -1, Client: srv.Client(), MaxBody: 10}
	for _, q := range []string{"", "?chunked"} {
		exact := srv.URL + "/0123456789" + q // 10 bytes of body
		body, err := f.Get(context.Background(), exact)
		if err != nil || len(body) != 10 {
			t.Errorf("%s: body of exactly MaxBody: %d bytes, %v", exact, len(body), err)
		}
		over := srv.URL + "/0123456789a" + q
		_, err = f.Get(context.Background(), over)
		if want := "fetch " + over + ": body larger than 10 bytes"; err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	}
}

func TestHTTPFetcherTransportError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/x"
	srv.Close()
	_, err := (&HTTPFetcher{Retries: -1, Client: loopbackClient()}).Get(context.Background(), url)
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	// The URL is named once, not again by net/url's `Get "..."`.
	if msg := err.Error(); !strings.HasPrefix(msg, "fetch "+url+": ") || strings.Count(msg, url) != 1 {
		t.Errorf("error %q should name the URL once", msg)
	}
}

func TestHTTPFetcherBadURL(t *testing.T) {
	_, err := (&HTTPFetcher{Retries: -1}).Get(context.Background(), "://nope")
	if err == nil || !strings.HasPrefix(err.Error(), "fetch ://nope: ") {
		t.Errorf("error %v", err)
	}
}
