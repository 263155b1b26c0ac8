package scripts_test

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/dirlock"
)

// site is the drill's GitHub: the bare repository, the cache store, the
// run's artifacts, what Pages serves, and the repository's variables and
// secrets.
type site struct {
	root, origin string
	cacheStore   string // one folder per cache key
	live         string // what Pages serves after the last deploy
	env          []string
	vars         map[string]string
	secrets      map[string]string
	// binaries maps a build's source tree to the uptimus it built.
	binaries map[string]string
}

// run is one workflow run: its event, and what happened.
type run struct {
	n          int
	eventSHA   string
	ref        string
	epoch      int64
	cancelJob  string                       // the job cancelled, before its step cancelStep
	cancelStep int                          // index in cancelJob's steps
	cancelAt   string                       // that step's key, "" when no job is cancelled
	afterStep  map[string]func()            // hooks after a step (a merge landing meanwhile)
	outcome    map[string]string            // job -> success, failure, cancelled, skipped
	steps      map[string]map[string]string // step id -> outputs and "outcome"
	failed     []string                     // failed steps, with what they said
	pushed     string                       // the commit this run pushed, if any
	checkout   string                       // the commit its checkout got
	message    string                       // the message of the commit it pushed
	deployed   bool
	logs       strings.Builder
	artifacts  string
	jobOutputs map[string]map[string]string
}

// lookup evaluates a context name for conditions and ${{ }}.
func (s *site) lookup(r *run, job string, name string) string {
	switch {
	case strings.HasPrefix(name, "vars."):
		return s.vars[strings.TrimPrefix(name, "vars.")]
	case strings.HasPrefix(name, "secrets."):
		return s.secrets[strings.TrimPrefix(name, "secrets.")]
	case name == "github.ref":
		return r.ref
	case name == "github.repository_owner":
		return "drill"
	case name == "github.event.repository.name":
		return "uptimus"
	case name == "github.token":
		return "drill-token"
	case strings.HasPrefix(name, "steps."):
		parts := strings.SplitN(strings.TrimPrefix(name, "steps."), ".", 3)
		out := r.steps[parts[0]]
		if len(parts) == 2 {
			return out["outcome"]
		}
		return out[parts[2]]
	case strings.HasPrefix(name, "needs."):
		parts := strings.SplitN(strings.TrimPrefix(name, "needs."), ".", 3)
		if len(parts) == 2 && parts[1] == "result" {
			return r.outcome[parts[0]]
		}
		if len(parts) == 3 && parts[1] == "outputs" {
			return r.jobOutputs[parts[0]][parts[2]]
		}
	}
	return ""
}

// expand replaces ${{ }} expressions in text.
func (s *site) expand(r *run, job, text, temp string) string {
	return exprRE.ReplaceAllStringFunc(text, func(m string) string {
		name := exprRE.FindStringSubmatch(m)[1]
		if name == "runner.temp" {
			return temp
		}
		return s.lookup(r, job, name)
	})
}

// runWorkflow runs w's jobs for r as GitHub would: update, then deploy
// and notify, then ping-hub. A job cancelled cancels the run: the jobs
// after it see cancelled().
func (s *site) runWorkflow(t testing.TB, w *workflow, r *run) {
	r.outcome = map[string]string{}
	r.jobOutputs = map[string]map[string]string{}
	r.steps = map[string]map[string]string{}
	r.artifacts = filepath.Join(s.root, "artifacts", fmt.Sprint(r.n))
	for _, name := range jobOrder {
		j := w.Jobs[name]
		ready := true
		for _, need := range j.needs() {
			ready = ready && r.outcome[need] == "success"
		}
		cancelled := slices.Contains(slices.Collect(maps.Values(r.outcome)), "cancelled")
		ok, err := cond(j.If, func(k string) string { return s.lookup(r, name, k) }, !ready, cancelled)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			r.outcome[name] = "skipped"
			continue
		}
		r.outcome[name] = s.runJob(t, w, name, j, r)
	}
}

// runJob runs one job's steps in a fresh workspace and returns its
// outcome.
func (s *site) runJob(t testing.TB, w *workflow, name string, j *job, r *run) string {
	temp := filepath.Join(s.root, "runs", fmt.Sprint(r.n), name, "temp")
	work := filepath.Join(s.root, "runs", fmt.Sprint(r.n), name, "work")
	for _, d := range []string{temp, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	failed, cancelled := false, false
	r.steps = map[string]map[string]string{}
	for i, st := range j.Steps {
		id := st.ID
		if id == "" {
			id = fmt.Sprintf("step%d", i)
		}
		if r.cancelAt != "" && name == r.cancelJob && i == r.cancelStep {
			cancelled = true
		}
		ok, err := cond(st.If, func(k string) string { return s.lookup(r, name, k) }, failed, cancelled)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			r.steps[id] = map[string]string{"outcome": "skipped"}
			continue
		}
		outputs, err := s.runStep(t, w, name, st, r, temp, work)
		outcome := "success"
		if err != nil {
			outcome = "failure"
			if !st.ContinueOnError {
				failed = true
			}
			r.failed = append(r.failed, fmt.Sprintf("%s: %s: %v", name, st.key(), err))
		}
		outputs["outcome"] = outcome
		r.steps[id] = outputs
		if hook := r.afterStep[st.key()]; hook != nil && name == "update" {
			hook()
		}
	}
	out := map[string]string{}
	for k, v := range j.Outputs {
		out[k] = s.expand(r, name, v, temp)
	}
	r.jobOutputs[name] = out
	switch {
	case cancelled:
		return "cancelled"
	case failed:
		return "failure"
	}
	return "success"
}

// runStep runs a run step as GitHub does (bash -e -o pipefail, the
// workflow's and the step's env), or an action's stand-in.
func (s *site) runStep(t testing.TB, w *workflow, job string, st step, r *run, temp, work string) (map[string]string, error) {
	outputs := map[string]string{}
	if st.Uses != "" {
		err := s.standIn(t, st, r, temp, work)
		if st.action() == "actions/checkout" {
			outputs["commit"] = r.checkout
		}
		return outputs, err
	}
	outFile := filepath.Join(temp, "output")
	os.WriteFile(outFile, nil, 0o644)
	env := append([]string{}, s.env...)
	env = append(env, "RUNNER_TEMP="+temp, "GITHUB_SHA="+r.eventSHA, "GITHUB_REF="+r.ref,
		"GITHUB_REPOSITORY=drill/uptimus", "GITHUB_OUTPUT="+outFile,
		"GITHUB_STEP_SUMMARY="+filepath.Join(temp, "summary"), fmt.Sprintf("SOURCE_DATE_EPOCH=%d", r.epoch))
	for k, v := range w.Env {
		env = append(env, k+"="+s.expand(r, job, v, temp))
	}
	for k, v := range st.Env {
		env = append(env, k+"="+s.expand(r, job, v, temp))
	}
	script := s.expand(r, job, st.Run, temp)
	if st.Name == "Build uptimus" {
		return outputs, s.build(t, script, env, temp, work)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir = work
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	began := time.Now()
	err := cmd.Run()
	fmt.Fprintf(&r.logs, "--- run %d, %s: %s (%s)\n%s", r.n, job, st.key(), time.Since(began).Round(time.Millisecond), out.String())
	if err != nil {
		err = fmt.Errorf("%v: %s", err, lastLines(out.String(), 6))
	}
	b, _ := os.ReadFile(outFile)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			outputs[k] = v
		}
	}
	os.WriteFile(outFile, nil, 0o644)
	return outputs, err
}

// build runs the Build step's command once per source tree: later runs
// of the same tree get the binary it built, as the Go build cache on
// GitHub makes them cheap. The binary is then wrapped so that fetch
// answers from the replay (the providers of this drill) into the
// checkout's data/, as the real one answers from the network, and so
// that notify waits drillPostTimeout for a post instead of its default
// 10 seconds: a destination that hangs costs each attempt that long, and
// what the drill checks (the attempt given up, retried, queued) does not
// depend on how long.
// drillPostTimeout is notify's --timeout in the drill: far above what a
// post to a local server takes, even under the race detector on a busy
// machine.
const drillPostTimeout = 2 * time.Second

func (s *site) build(t testing.TB, script string, env []string, temp, work string) error {
	tree := strings.TrimSpace(gitOut(t, work, s.env, "rev-parse", "HEAD:cmd")) + strings.TrimSpace(gitOut(t, work, s.env, "rev-parse", "HEAD:generator"))
	bin, ok := s.binaries[tree]
	if !ok {
		dir, release, err := s.buildDir(t, work)
		if err != nil {
			return err
		}
		cmd := exec.Command("bash", "-eo", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		release()
		if err != nil {
			return fmt.Errorf("%v: %s", err, out)
		}
		bin = filepath.Join(s.root, "bin", tree, "uptimus")
		os.MkdirAll(filepath.Dir(bin), 0o755)
		if err := os.Rename(filepath.Join(temp, "uptimus"), bin); err != nil {
			return err
		}
		s.binaries[tree] = bin
	}
	wrapper := fmt.Sprintf(`#!/bin/sh
if [ "$1" = fetch ]; then shift; exec %q fetch --replay "$DRILL_REPLAY" --data data "$@"; fi
if [ "$1" = notify ]; then shift; exec %q notify --timeout %s "$@"; fi
exec %q "$@"
`, bin, bin, drillPostTimeout, bin)
	return os.WriteFile(filepath.Join(temp, "uptimus"), []byte(wrapper), 0o755)
}

// buildDir is where the Build step runs: a copy of the checkout's files
// (data/ aside) in a folder of fixed name under the temporary folder, so
// that the next run of these tests finds every package in Go's build cache,
// whose keys include a package's folder (in the checkout, a new folder
// each time, the build took 13 s of the drill's 40). When another run of
// the tests holds that folder, the step runs in the checkout itself, as
// before. release gives the folder back.
func (s *site) buildDir(t testing.TB, work string) (dir string, release func(), err error) {
	stable := filepath.Join(os.TempDir(), "uptimus-drill-build")
	lock, err := dirlock.Acquire(stable)
	if err != nil {
		return work, func() {}, nil
	}
	release = func() { lock.Release() }
	if err := copyTracked(t, work, stable, s.env); err != nil {
		release()
		return "", nil, fmt.Errorf("build folder: %w", err)
	}
	return stable, release, nil
}

// copyTracked makes dst hold exactly the files git tracks in src, data/
// aside.
func copyTracked(t testing.TB, src, dst string, env []string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	for name := range strings.SplitSeq(strings.TrimSuffix(gitOut(t, src, env, "ls-files", "-z"), "\x00"), "\x00") {
		if name == "" || strings.HasPrefix(name, "data/") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return err
		}
		to := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// standIn does on this machine what an action does on GitHub.
func (s *site) standIn(t testing.TB, st step, r *run, temp, work string) error {
	path := func() string { return s.expand(r, "", st.With["path"], temp) }
	switch st.action() {
	case "actions/checkout":
		// Without a ref, the commit of the event on its branch.
		// fetch-depth as checkout takes it: 1 unless set, 0 for all.
		ref := st.With["ref"]
		depth := []string{"--depth", "1"}
		if d, ok := st.With["fetch-depth"]; ok {
			n, err := strconv.Atoi(d)
			if err != nil || n < 0 {
				return fmt.Errorf("checkout: fetch-depth %q", d)
			}
			depth = []string{"--depth", d}
			if n == 0 {
				depth = nil
			}
		}
		if err := gitRun(work, s.env, "init", "-q", "."); err != nil {
			return err
		}
		branch := strings.TrimPrefix(r.ref, "refs/heads/")
		what := r.eventSHA
		if ref != "" {
			branch, what = ref, "refs/heads/"+ref
		}
		if err := gitRun(work, s.env, append(append([]string{"fetch", "-q"}, depth...), s.origin, what)...); err != nil {
			return err
		}
		if err := gitRun(work, s.env, "checkout", "-q", "-B", branch, "FETCH_HEAD"); err != nil {
			return err
		}
		r.checkout = strings.TrimSpace(gitOut(t, work, s.env, "rev-parse", "HEAD"))
		return gitRun(work, s.env, "remote", "add", "origin", s.origin)
	case "actions/setup-go":
		return nil
	case "actions/cache/restore":
		from := filepath.Join(s.cacheStore, st.With["key"])
		if _, err := os.Stat(from); err != nil {
			return nil // a miss is no failure
		}
		return copyTree(from, filepath.Join(work, path()))
	case "actions/cache/save":
		to := filepath.Join(s.cacheStore, st.With["key"])
		if _, err := os.Stat(to); err == nil {
			return nil // an entry is never replaced: GitHub warns and goes on
		}
		return copyTree(filepath.Join(work, path()), to)
	case "actions/upload-artifact":
		// A file is uploaded alone, at the artifact's top, and, as on
		// GitHub, loses its mode: who downloads a program makes it
		// executable again.
		from, to := absIn(work, path()), filepath.Join(r.artifacts, st.With["name"])
		if info, err := os.Stat(from); err == nil && !info.IsDir() {
			b, err := os.ReadFile(from)
			if err == nil {
				err = os.MkdirAll(to, 0o755)
			}
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(to, filepath.Base(from)), b, 0o644)
		}
		return copyTree(from, to)
	case "actions/download-artifact":
		return copyTree(filepath.Join(r.artifacts, st.With["name"]), absIn(work, path()))
	case "actions/upload-pages-artifact":
		return copyTree(filepath.Join(work, path()), filepath.Join(r.artifacts, "github-pages"))
	case "actions/deploy-pages":
		os.RemoveAll(s.live)
		if err := copyTree(filepath.Join(r.artifacts, "github-pages"), s.live); err != nil {
			return err
		}
		r.deployed = true
		return nil
	}
	return fmt.Errorf("no stand-in for %s", st.Uses)
}

func absIn(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// copyTree copies the folder from into to (created).
func copyTree(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	out, err := exec.Command("cp", "-a", from+"/.", to).CombinedOutput()
	if err != nil {
		return fmt.Errorf("copy %s: %v: %s", from, err, out)
	}
	return nil
}

func gitRun(dir string, env []string, args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %v: %v: %s", args, err, out)
	}
	return nil
}

func gitOut(t testing.TB, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v in %s: %v", args, dir, err)
	}
	return string(out)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
