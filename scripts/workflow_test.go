package scripts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the drill runs.
type workflow struct {
	Env         map[string]string `yaml:"env"`
	Concurrency concurrency       `yaml:"concurrency"`
	Jobs        map[string]*job   `yaml:"jobs"`
}

type concurrency struct {
	Group            string `yaml:"group"`
	CancelInProgress bool   `yaml:"cancel-in-progress"`
}

type job struct {
	If              string            `yaml:"if"`
	Needs           yaml.Node         `yaml:"needs"`
	Outputs         map[string]string `yaml:"outputs"`
	Steps           []step            `yaml:"steps"`
	Concurrency     concurrency       `yaml:"concurrency"`
	ContinueOnError bool              `yaml:"continue-on-error"`
}

type step struct {
	Name            string            `yaml:"name"`
	ID              string            `yaml:"id"`
	Uses            string            `yaml:"uses"`
	If              string            `yaml:"if"`
	Run             string            `yaml:"run"`
	Env             map[string]string `yaml:"env"`
	With            map[string]string `yaml:"with"`
	ContinueOnError bool              `yaml:"continue-on-error"`
}

// action is the step's action without its pinned version, "" for a run
// step.
func (s step) action() string {
	a, _, _ := strings.Cut(s.Uses, "@")
	return a
}

// key names the step in the drill's list: its action, else its name.
func (s step) key() string {
	if s.Uses != "" {
		return s.action()
	}
	return s.Name
}

func readWorkflow(t testing.TB, path string) *workflow {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &w
}

// needs lists the jobs a job waits for.
func (j *job) needs() []string {
	switch j.Needs.Kind {
	case yaml.ScalarNode:
		return []string{j.Needs.Value}
	case yaml.SequenceNode:
		var out []string
		for _, n := range j.Needs.Content {
			out = append(out, n.Value)
		}
		return out
	}
	return nil
}

// drillJobs is the update workflow as the drill runs it, job by job in
// order, each step by its key (its action or its name) and its condition.
// Run steps run as update.yml writes them; for each action the drill has
// a stand-in on this machine (see standIn). TestDrillFollowsUpdateYML
// fails when update.yml and this list part, so the drill cannot keep
// running a workflow that is no longer the one GitHub runs.
var drillJobs = []struct {
	name, cond string
	steps      [][2]string // key, condition
}{
	{"update", "github.ref == 'refs/heads/main'", [][2]string{
		{"actions/checkout", ""},
		{"actions/setup-go", ""},
		{"actions/cache/restore", ""},
		{"Build uptimus", ""},
		{"Fetch", ""},
		{"Commit data/ when it changed", ""},
		{"actions/upload-artifact", "vars.NOTIFY == 'true'"},
		{"Build the site", ""},
		{"Drop the previous fetch cache entry", "${{ !cancelled() && steps.fetch.outcome == 'success' }}"},
		{"actions/cache/save", "${{ !cancelled() && steps.fetch.outcome == 'success' }}"},
		{"actions/upload-artifact", "vars.WEBSUB_HUB != ''"},
		{"actions/upload-pages-artifact", ""},
	}},
	{"deploy", "", [][2]string{
		{"actions/deploy-pages", ""},
	}},
	{"notify", "${{ !cancelled() && vars.NOTIFY == 'true' && needs.update.outputs.notify-to != '' }}", [][2]string{
		{"actions/checkout", ""},
		{"actions/download-artifact", ""},
		{"actions/cache/restore", ""},
		{"Notify chat and webhooks", ""},
		{"Drop the previous notify-state entry", "${{ always() && steps.notify.outcome != 'skipped' }}"},
		{"actions/cache/save", "${{ always() && steps.notify.outcome != 'skipped' }}"},
	}},
	{"ping-hub", "${{ !cancelled() && vars.WEBSUB_HUB != '' && needs.update.result == 'success' }}", [][2]string{
		{"actions/download-artifact", ""},
		{"actions/cache/restore", ""},
		{"Ping the hub", ""},
		{"Drop the previous hub-pending entry", ""},
		{"actions/cache/save", ""},
	}},
}

// jobOrder is the jobs in the order the drill runs them: each after those
// it needs. notify and deploy both need only update and run side by side
// on GitHub; the drill runs the deploy first.
var jobOrder = []string{"update", "deploy", "notify", "ping-hub"}

// drillNeeds is what each job waits for, as the drill orders them.
var drillNeeds = map[string][]string{"update": nil, "deploy": {"update"}, "notify": {"update"}, "ping-hub": {"update", "deploy"}}

func TestDrillFollowsUpdateYML(t *testing.T) {
	t.Parallel()
	w := readWorkflow(t, "../.github/workflows/update.yml")
	if problems := drift(w); len(problems) > 0 {
		t.Errorf("update.yml and the drill (drillJobs in workflow_test.go) differ; change both together:\n%s", strings.Join(problems, "\n"))
	}
}

// drift lists where w differs from the drill's list of jobs and steps.
func drift(w *workflow) []string {
	var problems []string
	if w.Concurrency.Group == "" || w.Concurrency.CancelInProgress {
		problems = append(problems, "the drill runs one update at a time, never cancelling one in progress (concurrency)")
	}
	// The drill runs one notify job at a time, and a failed one never turns
	// the run red.
	if j := w.Jobs["notify"]; j != nil && (j.Concurrency.Group == "" || j.Concurrency.CancelInProgress || !j.ContinueOnError) {
		problems = append(problems, "job notify: the drill runs it one at a time, never cancelling one in progress (concurrency), with continue-on-error")
	}
	var names []string
	for name := range w.Jobs {
		names = append(names, name)
	}
	slices.Sort(names)
	if want := slices.Sorted(slices.Values(jobOrder)); !slices.Equal(names, want) {
		problems = append(problems, fmt.Sprintf("jobs %v, the drill runs %v", names, want))
	}
	for _, dj := range drillJobs {
		j := w.Jobs[dj.name]
		if j == nil {
			continue
		}
		if got := j.needs(); !slices.Equal(got, drillNeeds[dj.name]) {
			problems = append(problems, fmt.Sprintf("job %s: needs %v, the drill's %v", dj.name, got, drillNeeds[dj.name]))
		}
		if j.If != dj.cond {
			problems = append(problems, fmt.Sprintf("job %s: if %q, the drill's %q", dj.name, j.If, dj.cond))
		}
		for i := range max(len(j.Steps), len(dj.steps)) {
			var got, want [2]string
			if i < len(j.Steps) {
				got = [2]string{j.Steps[i].key(), j.Steps[i].If}
			}
			if i < len(dj.steps) {
				want = dj.steps[i]
			}
			if got != want {
				problems = append(problems, fmt.Sprintf("job %s, step %d: %q if %q; the drill has %q if %q", dj.name, i+1, got[0], got[1], want[0], want[1]))
			}
		}
		for _, s := range j.Steps {
			if s.Uses != "" && !slices.Contains(knownActions, s.action()) {
				problems = append(problems, fmt.Sprintf("job %s: the drill has no stand-in for %s", dj.name, s.action()))
			}
			for _, text := range append([]string{s.Run}, mapValues(s.Env)...) {
				for _, e := range expressions(text) {
					if _, ok := knownExpressions[e]; !ok {
						problems = append(problems, fmt.Sprintf("job %s, step %q: the drill cannot evaluate ${{ %s }}", dj.name, s.key(), e))
					}
				}
			}
		}
	}
	for _, v := range w.Env {
		for _, e := range expressions(v) {
			if _, ok := knownExpressions[e]; !ok {
				problems = append(problems, fmt.Sprintf("env: the drill cannot evaluate ${{ %s }}", e))
			}
		}
	}
	return problems
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expressions lists the ${{ }} expressions in text.
func expressions(text string) []string {
	var out []string
	for _, m := range exprRE.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// knownActions are the actions the drill stands in for.
var knownActions = []string{
	"actions/checkout", "actions/setup-go", "actions/cache/restore", "actions/cache/save",
	"actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages", "actions/download-artifact",
}

// knownExpressions are the ${{ }} expressions of env values and run
// scripts the drill evaluates, by context name (see runner.lookup).
var knownExpressions = map[string]bool{
	"vars.WEBSUB_HUB": true, "github.repository_owner": true, "github.event.repository.name": true,
	"secrets.NOTIFY_SLACK_URL": true, "secrets.NOTIFY_TEAMS_URL": true, "secrets.NOTIFY_DISCORD_URL": true,
	"secrets.NOTIFY_WEBHOOK_URL": true, "secrets.NOTIFY_WEBHOOK_SECRET": true, "github.token": true,
	"runner.temp": true, "steps.checkout.outputs.commit": true, "needs.deploy.result": true,
	"needs.update.outputs.notify-from": true, "needs.update.outputs.notify-to": true,
}

// cond evaluates a step's or job's if: terms joined by &&, each
// !cancelled(), or a context compared with == or != to a quoted word.
// Without a status function the condition holds only while nothing
// failed and nothing was cancelled, as on GitHub.
func cond(expr string, lookup func(string) string, failed, cancelled bool) (bool, error) {
	expr = strings.TrimSpace(expr)
	if m := exprRE.FindStringSubmatch(expr); m != nil && m[0] == expr {
		expr = m[1]
	}
	status := false
	ok := true
	if expr != "" {
		for term := range strings.SplitSeq(expr, "&&") {
			term = strings.TrimSpace(term)
			switch {
			case term == "!cancelled()":
				status = true
				ok = ok && !cancelled
			case term == "always()":
				status = true
			case strings.Contains(term, "=="), strings.Contains(term, "!="):
				op := "=="
				if strings.Contains(term, "!=") {
					op = "!="
				}
				left, right, _ := strings.Cut(term, op)
				left, right = strings.TrimSpace(left), strings.TrimSpace(right)
				if len(right) < 2 || right[0] != '\'' || right[len(right)-1] != '\'' {
					return false, fmt.Errorf("condition %q: want a quoted word on the right", expr)
				}
				equal := lookup(left) == right[1:len(right)-1]
				ok = ok && equal == (op == "==")
			default:
				return false, fmt.Errorf("condition %q: the drill cannot evaluate %q", expr, term)
			}
		}
	}
	if !status {
		ok = ok && !failed && !cancelled
	}
	return ok, nil
}

func TestCond(t *testing.T) {
	t.Parallel()
	vals := map[string]string{"vars.NOTIFY": "true", "steps.fetch.outcome": "success"}
	lookup := func(k string) string { return vals[k] }
	for _, tt := range []struct {
		expr              string
		failed, cancelled bool
		want              bool
	}{
		{"", false, false, true},
		{"", true, false, false},
		{"vars.NOTIFY == 'true'", false, false, true},
		{"vars.NOTIFY != 'true'", false, false, false},
		{"vars.NOTIFY == 'true'", true, false, false},
		{"${{ !cancelled() && steps.fetch.outcome == 'success' }}", true, false, true},
		{"${{ !cancelled() && steps.fetch.outcome == 'success' }}", false, true, false},
		{"vars.WEBSUB_HUB != '' && steps.build.outputs.feeds-changed == 'true'", false, false, false},
	} {
		got, err := cond(tt.expr, lookup, tt.failed, tt.cancelled)
		if err != nil || got != tt.want {
			t.Errorf("cond(%q, failed %v, cancelled %v) = %v, %v; want %v", tt.expr, tt.failed, tt.cancelled, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ failed, cancelled bool }{{false, false}, {true, false}, {false, true}} {
		if ok, err := cond("${{ always() && steps.fetch.outcome != 'skipped' }}", lookup, tt.failed, tt.cancelled); !ok || err != nil {
			t.Errorf("always() did not hold (failed %v, cancelled %v): %v", tt.failed, tt.cancelled, err)
		}
	}
	if _, err := cond("success() || failure()", lookup, false, false); err == nil {
		t.Error("an unknown function was evaluated")
	}
}

// sourceDirs are what a checkout of the repository needs to build uptimus
// and run the workflow's scripts; tests and their testdata stay out.
var sourceDirs = []string{"cmd", "adapters", "generator", "internal", "templates"}

// copySource copies the repository's sources from root into dst.
func copySource(t testing.TB, root, dst string) {
	t.Helper()
	for _, f := range []string{"go.mod", "go.sum", ".gitignore", "scripts/commit-data"} {
		copyFile(t, filepath.Join(root, f), filepath.Join(dst, f))
	}
	for _, d := range sourceDirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && e.Name() == "testdata" {
				return filepath.SkipDir
			}
			if e.IsDir() || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			copyFile(t, p, filepath.Join(dst, rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"content/categories.yaml"} {
		copyFile(t, filepath.Join(root, f), filepath.Join(dst, f))
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, info.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
}
