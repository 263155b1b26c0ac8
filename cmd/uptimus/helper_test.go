package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/synth"
	"github.com/uptimus/uptimus/internal/dirlock"
	"github.com/uptimus/uptimus/internal/testfs"
)

// The test binary doubles as the uptimus binary, so that tests can kill a
// real process (SIGKILL) in the middle of a fetch or a build: run with
// UPTIMUS_TEST_HELPER=1, it runs Main on its arguments instead of the
// tests. UPTIMUS_TEST_FAULTS (see faultsFromEnv) puts faults between it
// and a replay folder.
func TestMain(m *testing.M) {
	if os.Getenv("UPTIMUS_TEST_HELPER") == "1" {
		e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: func(string) string { return "" }}
		e.transport = faultsFromEnv()
		os.Exit(Main(context.Background(), e, os.Args[1:]))
	}
	testfs.MemoryTemp()
	code := m.Run()
	runAfterTests()
	os.Exit(code)
}

// needKillableLock returns false, after saying why, where a killed process
// leaves its lock behind (no flock): the next run would rightly refuse to
// start, so kill tests cannot run there.
func needKillableLock(t *testing.T) bool {
	if !dirlock.DiesWithHolder {
		t.Log("locks outlive a killed holder here (no flock): kill tests do not apply")
	}
	return dirlock.DiesWithHolder
}

// helper is a running uptimus process.
type helper struct {
	cmd *exec.Cmd
	out bytes.Buffer
}

// startHelper starts uptimus with args, faults ("" for none) between it
// and the replay folder it names in the spec.
func startHelper(t *testing.T, faults string, args ...string) *helper {
	t.Helper()
	h := &helper{cmd: exec.Command(os.Args[0], args...)}
	// The race detector sleeps a second at exit unless told not to.
	h.cmd.Env = append(os.Environ(), "UPTIMUS_TEST_HELPER=1", "UPTIMUS_TEST_FAULTS="+faults,
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	h.cmd.Stdout, h.cmd.Stderr = &h.out, &h.out
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return h
}

// killAfter sends SIGKILL after d unless the process ended first, and
// reports whether the kill landed. It never returns before the process
// is gone.
func (h *helper) killAfter(d time.Duration) bool {
	done := make(chan error, 1)
	go func() { done <- h.cmd.Wait() }()
	select {
	case <-done:
		return false
	case <-time.After(d):
	}
	h.cmd.Process.Kill() // SIGKILL on Unix
	<-done
	return true
}

// wait waits for the process and fails the test unless it exits 0.
func (h *helper) wait(t *testing.T) {
	t.Helper()
	if err := h.cmd.Wait(); err != nil {
		t.Fatalf("%v: %v\n%s", h.cmd.Args[1:], err, h.out.String())
	}
}

// faults answers from a replay folder, with a fault for some requests: the
// request's URL, not the order requests arrive in, decides which, so a
// run's faults are the same whatever its timing. Answers carry an ETag and
// honour If-None-Match, so that the HTTP cache takes part.
type faults struct {
	replay http.RoundTripper
	seed   uint64
	// rate is the share of requests that get a fault, in percent.
	rate uint64
}

// faultKinds are what can go wrong with one answer.
var faultKinds = []string{"503", "500", "timeout", "cut", "half", "garbage", "html", "empty"}

// faultsFromEnv reads UPTIMUS_TEST_FAULTS (see faultSpec); empty means the
// network (the guarded transport).
func faultsFromEnv() http.RoundTripper { return parseFaults(os.Getenv("UPTIMUS_TEST_FAULTS")) }

// parseFaults reads "REPLAY SEED RATE"; it returns nil for "".
func parseFaults(spec string) http.RoundTripper {
	f := strings.Fields(spec)
	if len(f) != 3 {
		return nil
	}
	seed, _ := strconv.ParseUint(f[1], 10, 64)
	rate, _ := strconv.ParseUint(f[2], 10, 64)
	return &faults{replay: fetch.Replay(f[0]), seed: seed, rate: rate}
}

func faultSpec(replay string, seed, rate uint64) string {
	return fmt.Sprintf("%s %d %d", replay, seed, rate)
}

// kind returns the fault for url, "" for none.
func (f *faults) kind(url string) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d %s", f.seed, url)
	n := h.Sum64()
	if n%100 >= f.rate {
		return ""
	}
	return faultKinds[(n/100)%uint64(len(faultKinds))]
}

func (f *faults) RoundTrip(req *http.Request) (*http.Response, error) {
	kind := f.kind(req.URL.String())
	switch kind {
	case "503", "500":
		code, _ := strconv.Atoi(kind)
		return answer(req, code, "text/plain", []byte("upstream trouble\n")), nil
	case "timeout":
		<-req.Context().Done()
		return nil, req.Context().Err()
	}
	resp, err := f.replay.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	ctype := resp.Header.Get("Content-Type")
	switch kind {
	case "cut": // the connection drops mid-body
		r := answer(req, http.StatusOK, ctype, nil)
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body[:len(body)/2]), errReader{io.ErrUnexpectedEOF}))
		return r, nil
	case "half": // a complete answer holding half a document
		return answer(req, http.StatusOK, ctype, body[:len(body)/2]), nil
	case "garbage":
		return answer(req, http.StatusOK, ctype, []byte("\x00\xff{[garbage")), nil
	case "html":
		return answer(req, http.StatusOK, ctype, []byte("<!DOCTYPE html><title>Just a moment...</title>")), nil
	case "empty": // a hiccup: the lists come back empty, the rest as it is
		return answer(req, http.StatusOK, ctype, emptyLists(body)), nil
	}
	sum := fnv.New64a()
	sum.Write(body)
	etag := fmt.Sprintf(`"%x"`, sum.Sum64())
	if req.Header.Get("If-None-Match") == etag {
		return answer(req, http.StatusNotModified, "", nil), nil
	}
	r := answer(req, http.StatusOK, ctype, body)
	r.Header.Set("ETag", etag)
	return r, nil
}

// emptyLists returns the JSON object doc with its lists of components,
// incidents and maintenances emptied.
func emptyLists(doc []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(doc, &m) != nil {
		return doc
	}
	for _, k := range []string{"components", "incidents", "scheduled_maintenances"} {
		if _, ok := m[k]; ok {
			m[k] = json.RawMessage("[]")
		}
	}
	b, _ := json.Marshal(m)
	return b
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func answer(req *http.Request, code int, ctype string, body []byte) *http.Response {
	h := http.Header{}
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	return &http.Response{StatusCode: code, Status: fmt.Sprintf("%d %s", code, http.StatusText(code)), Proto: "HTTP/1.1",
		ProtoMajor: 1, ProtoMinor: 1, Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: -1, Request: req}
}

// corpus is a synthetic catalogue with its history as committed (data/)
// and an upstream that moved on since (replay/): new incidents, incidents
// that moved to another year, components whose status changed (events),
// a provider whose page is gone (404) and one that serves an HTML page.
type corpus struct {
	content, data, replay string
	slugs                 []string
}

var corpusNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newCorpus(t *testing.T, providers int) corpus {
	t.Helper()
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	for out, now := range map[string]time.Time{a: corpusNow.AddDate(0, 0, -200), b: corpusNow} {
		if err := synth.Generate(synth.Options{Providers: providers, Incidents: 12, Out: out, Seed: 7, Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	c := corpus{content: filepath.Join(a, "content"), data: filepath.Join(a, "data"), replay: filepath.Join(root, "replay")}
	for i := range providers {
		slug := fmt.Sprintf("example-provider-%04d", i)
		c.slugs = append(c.slugs, slug)
		h, err := history.Load(os.DirFS(filepath.Join(b, "data")), slug)
		if err != nil {
			t.Fatal(err)
		}
		snap := synth.Upstream(h)
		changeStatuses(snap, i)
		if err := synth.WriteStatuspage(c.replay, synth.Host(slug), snap); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(filepath.Join(c.replay, synth.Host(c.slugs[1]))) // every document a 404
	html := filepath.Join(c.replay, synth.Host(c.slugs[2]), "api", "v2", "summary.json")
	os.WriteFile(html, []byte("<!DOCTYPE html><title>Just a moment...</title>"), 0o644)
	return c
}

// changeStatuses marks some of provider i's components degraded or down,
// some with the vendor's time of the change and some without, and the
// overall status with them.
func changeStatuses(snap *adapters.Snapshot, i int) {
	for j := range snap.Components {
		c := &snap.Components[j]
		switch (i + j) % 4 {
		case 0:
			c.Status, c.UpdatedAt = adapters.Degraded, corpusNow.Add(-time.Duration(j)*time.Minute)
		case 1:
			c.Status, c.UpdatedAt = adapters.MajorOutage, time.Time{}
		}
		snap.Status = adapters.Worst(snap.Status, c.Status)
	}
}

// copyTree copies the folder src to dst (which must not exist).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// tempFiles lists the atomic writes' temporary files under dir.
func tempFiles(t *testing.T, dir string) []string {
	var out []string
	for rel := range testfs.Text(t, dir) {
		if strings.Contains(rel, ".tmp-") {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out
}
