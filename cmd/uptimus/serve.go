package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

func runServe(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "serve", "", "Serves the built site (run 'uptimus build' first) for a local preview.\nIt listens on the loopback interface only.")
	c.addOut(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on; the host must be loopback (127.0.0.0/8, ::1 or localhost)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkLoopback(*addr); err != nil {
		return err
	}
	if _, err := os.Stat(c.out); err != nil {
		return fmt.Errorf("%s: %w (run 'uptimus build' first)", c.out, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: siteHandler(c.out), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(e.stdout, "serving %s on http://%s/ (Ctrl-C to stop)\n", c.out, ln.Addr())
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkLoopback refuses an address whose host is not loopback: the
// preview server is for this machine, never for a network. An empty host
// or 0.0.0.0 would listen on every interface.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageError{fmt.Sprintf("--addr %s: want host:port, e.g. 127.0.0.1:8080", addr)}
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	where := fmt.Sprintf("%q", host)
	if host == "" {
		where = "every interface"
	}
	return usageError{fmt.Sprintf("--addr %s: serve listens on loopback only (127.0.0.0/8, ::1 or localhost), not on %s", addr, where)}
}

// siteHandler serves dir like a static host does: folders answer with their
// index.html, and a missing file gets 404.html with status 404.
func siteHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := http.Dir(dir).Open(r.URL.Path); err != nil {
			notFound(w, dir)
			return
		}
		files.ServeHTTP(w, r)
	})
}

func notFound(w http.ResponseWriter, dir string) {
	body, err := os.ReadFile(dir + "/404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(body)
}
