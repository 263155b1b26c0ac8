// Package scripts_test tests the shell scripts the workflows run, against
// temporary git repositories on this machine.
package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// git runs git in dir and returns its output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// repos makes a bare "origin" with one commit of data/acme/state.json and
// two clones of it: the runner's and another writer's.
func repos(t *testing.T) (runner, other string) {
	t.Helper()
	root := t.TempDir()
	origin := filepath.Join(root, "origin.git")
	git(t, root, "init", "-q", "--bare", "-b", "main", origin)
	seed := filepath.Join(root, "seed")
	git(t, root, "clone", "-q", origin, seed)
	git(t, seed, "checkout", "-q", "-b", "main")
	write(t, filepath.Join(seed, "data/acme/state.json"), "{\"status\": \"operational\"}\n")
	git(t, seed, "add", ".")
	git(t, seed, "commit", "-q", "-m", "seed")
	git(t, seed, "push", "-q", "origin", "main")
	runner, other = filepath.Join(root, "runner"), filepath.Join(root, "other")
	git(t, root, "clone", "-q", origin, runner)
	git(t, root, "clone", "-q", origin, other)
	return runner, other
}

// commitData runs scripts/commit-data in dir.
func commitData(t *testing.T, dir string) (string, error) {
	t.Helper()
	msg := filepath.Join(t.TempDir(), "message")
	write(t, msg, "data: acme changed\n")
	script, _ := filepath.Abs("commit-data")
	cmd := exec.Command("bash", script, msg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "COMMIT_DATA_BACKOFF=0", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestCommitDataRebasesOntoAnotherPush(t *testing.T) {
	t.Parallel()
	runner, other := repos(t)
	write(t, filepath.Join(other, "README.md"), "a merged pull request\n")
	git(t, other, "add", ".")
	git(t, other, "commit", "-q", "-m", "docs")
	git(t, other, "push", "-q", "origin", "main")

	write(t, filepath.Join(runner, "data/acme/state.json"), "{\"status\": \"major_outage\"}\n")
	if out, err := commitData(t, runner); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	git(t, other, "pull", "-q")
	if b, _ := os.ReadFile(filepath.Join(other, "data/acme/state.json")); !strings.Contains(string(b), "major_outage") {
		t.Errorf("the update did not land: %s", b)
	}
}

func TestCommitDataFailsLoudlyOnAConflict(t *testing.T) {
	t.Parallel()
	runner, other := repos(t)
	write(t, filepath.Join(other, "data/acme/state.json"), "{\"status\": \"degraded\"}\n")
	git(t, other, "commit", "-q", "-am", "someone else wrote data")
	git(t, other, "push", "-q", "origin", "main")

	write(t, filepath.Join(runner, "data/acme/state.json"), "{\"status\": \"major_outage\"}\n")
	out, err := commitData(t, runner)
	if err == nil {
		t.Fatalf("a rebase conflict exited 0:\n%s", out)
	}
	if !strings.Contains(out, "conflicts in") || !strings.Contains(out, "data/acme/state.json") {
		t.Errorf("the failure does not name the conflict:\n%s", out)
	}
	b, _ := os.ReadFile(filepath.Join(runner, "data/acme/state.json"))
	if strings.Contains(string(b), "<<<<<<<") {
		t.Errorf("conflict markers left in data/:\n%s", b)
	}
	if status := git(t, runner, "status", "--porcelain"); strings.Contains(status, "UU") {
		t.Errorf("the rebase was left half done:\n%s", status)
	}
}

func TestCommitDataWithNothingChanged(t *testing.T) {
	t.Parallel()
	runner, _ := repos(t)
	out, err := commitData(t, runner)
	if err != nil || !strings.Contains(out, "nothing to commit") {
		t.Errorf("%v\n%s", err, out)
	}
}

// A run killed mid-write leaves temporary files in data/, and fetch's lock
// file lies beside it: the repository's .gitignore keeps both out of the
// scheduled job's commit.
func TestCommitDataNeverCommitsLeftovers(t *testing.T) {
	t.Parallel()
	runner, _ := repos(t)
	ignore, err := os.ReadFile("../.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(runner, ".gitignore"), string(ignore))
	write(t, filepath.Join(runner, "data/acme/state.json"), "{\"status\": \"major_outage\"}\n")
	for _, p := range []string{"data/acme/.state.json.tmp-2718281828", "data/acme/incidents/.2026.json.tmp-31415", ".data.lock"} {
		write(t, filepath.Join(runner, p), "leftover\n")
	}
	if out, err := commitData(t, runner); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if files := strings.Fields(git(t, runner, "show", "--name-only", "--format=", "HEAD")); len(files) != 1 || files[0] != "data/acme/state.json" {
		t.Errorf("the commit holds %v, want only data/acme/state.json", files)
	}
}

// commitDataWith runs scripts/commit-data in dir with message as its
// message file's text.
func commitDataWith(t *testing.T, dir, message string) (string, error) {
	t.Helper()
	msg := filepath.Join(t.TempDir(), "message")
	write(t, msg, message)
	script, _ := filepath.Abs("commit-data")
	cmd := exec.Command("bash", script, msg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "COMMIT_DATA_BACKOFF=0", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// A run whose only change is bookkeeping (a failing provider's unseen
// time in its state.json) has an empty message from fetch: the commit
// says what it is instead of failing the run on git's refusal.
func TestCommitDataBookkeepingOnly(t *testing.T) {
	t.Parallel()
	runner, _ := repos(t)
	write(t, filepath.Join(runner, "data/acme/state.json"), "{\"status\": \"operational\", \"unseen\": [\"2026-12-07T10:00:00Z\"]}\n")
	if out, err := commitDataWith(t, runner, ""); err != nil {
		t.Fatalf("an empty message failed the commit: %v\n%s", err, out)
	}
	if got := git(t, runner, "log", "-1", "--format=%s"); !strings.Contains(got, "bookkeeping") {
		t.Errorf("commit message %q does not say it is bookkeeping", got)
	}
}

// Conflict markers are refused wherever they are: in a diff far larger
// than a pipe's buffer (grep -q used to close the pipe early, and under
// pipefail git's failure hid the match), and at the very start of a file.
func TestCommitDataRefusesConflictMarkers(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("{\"id\": \"x\", \"title\": \"padding to pass the pipe buffer\"}\n", 10000)
	for name, text := range map[string]string{
		"a large diff":     big + "<<<<<<< HEAD\n" + big,
		"a file's start":   "<<<<<<<\n{}\n=======\n{}\n>>>>>>>\n",
		"a separator only": "{}\n=======\n{}\n",
	} {
		t.Run(name, func(t *testing.T) {
			runner, _ := repos(t)
			write(t, filepath.Join(runner, "data/acme/incidents/2026.json"), text)
			out, err := commitDataWith(t, runner, "data: acme changed\n")
			if err == nil || !strings.Contains(out, "conflict markers") {
				t.Fatalf("conflict markers in %s were committed: %v\n%s", name, err, out)
			}
		})
	}
}

// A manual run on another branch never pushes that branch to main.
func TestCommitDataOnAnotherBranchPushesNothing(t *testing.T) {
	t.Parallel()
	runner, other := repos(t)
	git(t, runner, "checkout", "-q", "-b", "feature")
	write(t, filepath.Join(runner, "README.md"), "a change under review\n")
	git(t, runner, "add", ".")
	git(t, runner, "commit", "-q", "-m", "feature work")
	write(t, filepath.Join(runner, "data/acme/state.json"), "{\"status\": \"major_outage\"}\n")
	out, err := commitDataWith(t, runner, "data: acme changed\n")
	if err == nil || !strings.Contains(out, "not main") {
		t.Errorf("a run on a branch exited %v:\n%s", err, out)
	}
	git(t, other, "pull", "-q")
	if log := git(t, other, "log", "--format=%s"); strings.Contains(log, "feature work") || strings.Contains(log, "acme changed") {
		t.Errorf("the branch reached main:\n%s", log)
	}
}
