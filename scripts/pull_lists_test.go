package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pullLists makes a bare git repository standing for a public list, the
// catalogue's lists naming it at an older commit, and a stand-in for
// uptimus that logs its arguments and fails an import when told to.
type pullLists struct {
	source, lists, log string
	old, newest        string
}

func newPullLists(t *testing.T) *pullLists {
	t.Helper()
	root := t.TempDir()
	p := &pullLists{source: filepath.Join(root, "source.git"), lists: filepath.Join(root, "lists"), log: filepath.Join(root, "uptimus.log")}
	git(t, root, "init", "-q", "--bare", "-b", "main", p.source)
	seed := filepath.Join(root, "seed")
	git(t, root, "clone", "-q", p.source, seed)
	git(t, seed, "checkout", "-q", "-b", "main")
	write(t, filepath.Join(seed, "pages.go"), "var Pages = []Page{\n\t{\n\t\tURL:  \"https://status.acme.example\",\n\t\tName: \"Acme\",\n\t},\n}\n")
	git(t, seed, "add", ".")
	git(t, seed, "commit", "-q", "-m", "one page")
	p.old = strings.TrimSpace(git(t, seed, "rev-parse", "HEAD"))
	write(t, filepath.Join(seed, "pages.go"), "var Pages = []Page{\n\t{\n\t\tURL:  \"https://status.acme.example/\",\n\t\tName: \"Acme\",\n\t}, {\n"+
		"\t\tName: \"Bolt, Inc.\",\n\t\tURL:  \"https://status.bolt.example\",\n\t}, {\n"+
		"\t\tURL:  \"https://status.gone.example\",\n\t\tName: \"Gone\",\n\t}, {\n"+
		"\t\tURL:  \"http://status.old.example\",\n\t\tName: \"Old\",\n\t},\n}\n")
	git(t, seed, "commit", "-q", "-am", "three more pages")
	git(t, seed, "push", "-q", "origin", "main")
	p.newest = strings.TrimSpace(git(t, seed, "rev-parse", "HEAD"))

	write(t, filepath.Join(p.lists, "sources.csv"), "repo,remote,path,format,sections,commit\nacme/list,file://"+p.source+",pages.go,fields,,"+p.old+"\n")
	write(t, filepath.Join(p.lists, "status-pages.csv"), "name,status_url,platform,category_guess,source_repo\nAcme,https://status.acme.example,statuspage,cloud,acme/list\n")
	write(t, filepath.Join(p.lists, "rewrites.csv"), "name,status_url,source_repo,checked_commit,source_value,rewrite\nOld,https://status.old.example,acme/list,"+p.old+",http://status.old.example,http:// made https://\n")
	write(t, filepath.Join(p.lists, "dropped.csv"), "status_url,why\nhttps://status.gone.example,\"a test page, gone\"\n")
	return p
}

// run runs scripts/pull-lists; importFails makes the stand-in's import
// exit 1 after printing a line, as a missing list does.
func (p *pullLists) run(t *testing.T, importFails bool) (string, error) {
	t.Helper()
	stub := filepath.Join(t.TempDir(), "uptimus")
	fail := "0"
	if importFails {
		fail = "1"
	}
	write(t, stub, "#!/bin/sh\necho \"$*\" >> "+p.log+"\nif [ \"$1\" = import ] && [ "+fail+" = 1 ]; then echo 'open list: no such file'; exit 1; fi\necho \"$1 done\"\n")
	if err := os.Chmod(stub, 0o755); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("pull-lists")
	cmd := exec.Command("bash", script)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "UPTIMUS="+stub, "LISTS="+p.lists, "GITHUB_STEP_SUMMARY="+filepath.Join(p.lists, "..", "summary.md"), "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (p *pullLists) read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(p.lists, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The newest commit is resolved, read and recorded; only rows the lists
// do not account for are added, as the list gives them; a second run
// adds nothing; the import and validate run on the list.
func TestPullListsAddsTheNewestRowsAtARecordedCommit(t *testing.T) {
	t.Parallel()
	p := newPullLists(t)
	out, err := p.run(t, false)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got, want := p.read(t, "sources.csv"), "repo,remote,path,format,sections,commit\nacme/list,file://"+p.source+",pages.go,fields,,"+p.newest+"\n"; got != want {
		t.Errorf("sources.csv:\n%s\nwant\n%s", got, want)
	}
	rows := "name,status_url,platform,category_guess,source_repo\nAcme,https://status.acme.example,statuspage,cloud,acme/list\n" +
		"\"Bolt, Inc.\",https://status.bolt.example,unknown,unknown,acme/list\n"
	if got := p.read(t, "status-pages.csv"); got != rows {
		t.Errorf("status-pages.csv:\n%s\nwant\n%s", got, rows)
	}
	if log, _ := os.ReadFile(p.log); string(log) != "import --list "+p.lists+"/status-pages.csv\nvalidate\n" {
		t.Errorf("uptimus ran %q", log)
	}
	if !strings.Contains(out, "acme/list at "+p.newest+": 4 pages, 1 new rows") {
		t.Errorf("output %q", out)
	}
	if out, err := p.run(t, false); err != nil || p.read(t, "status-pages.csv") != rows {
		t.Errorf("second run: %v, rows\n%s\n%s", err, p.read(t, "status-pages.csv"), out)
	}
}

// A failed import fails the script and says so; validate does not run.
func TestPullListsFailsLoudlyWhenTheImportFails(t *testing.T) {
	t.Parallel()
	p := newPullLists(t)
	out, err := p.run(t, true)
	if err == nil || !strings.Contains(out, "::error::uptimus import failed") {
		t.Fatalf("err %v, output %q", err, out)
	}
	if log, _ := os.ReadFile(p.log); strings.Contains(string(log), "validate") {
		t.Errorf("validate ran after a failed import: %q", log)
	}
}

// A list whose file is gone fails the script, naming the list.
func TestPullListsFailsLoudlyWhenAListIsGone(t *testing.T) {
	t.Parallel()
	p := newPullLists(t)
	write(t, filepath.Join(p.lists, "sources.csv"), "repo,remote,path,format,sections,commit\nacme/list,file://"+p.source+",gone.go,fields,,"+p.old+"\n")
	out, err := p.run(t, false)
	if err == nil || !strings.Contains(out, "::error::acme/list: no gone.go at commit "+p.newest) {
		t.Fatalf("err %v, output %q", err, out)
	}
	if _, err := os.Stat(p.log); err == nil {
		t.Error("uptimus ran after a list failed")
	}
	if got := p.read(t, "sources.csv"); !strings.HasSuffix(got, ","+p.old+"\n") {
		t.Errorf("sources.csv changed by a failed pull:\n%s", got)
	}
}

// Each format yields the list's own names and addresses: a README's
// links under the headings named, a YAML map, TypeScript constants of a
// folder's files.
func TestPullListsReadsEachFormat(t *testing.T) {
	t.Parallel()
	p := newPullLists(t)
	root := t.TempDir()
	source := filepath.Join(root, "formats.git")
	git(t, root, "init", "-q", "--bare", "-b", "main", source)
	seed := filepath.Join(root, "seed")
	git(t, root, "clone", "-q", source, seed)
	git(t, seed, "checkout", "-q", "-b", "main")
	write(t, filepath.Join(seed, "README.md"), "## Software\n* [Cachet](https://cachethq.example/) - software, not a page\n## Public Status Pages\n* [Delta Status](https://status.delta.example/) - Delta\n- [Echo](https://status.echo.example)\n## Other\n* [Foxtrot](https://status.foxtrot.example)\n")
	write(t, filepath.Join(seed, "pages.yml"), "---\n\"Golf\": https://status.golf.example\nHotel: https://status.hotel.example # a comment\n")
	write(t, filepath.Join(seed, "data/india.ts"), "export const name = \"India\";\nexport const statusPageUrl = \"https://status.india.example/\";\nexport const info = { name, statusPageUrl };\n")
	write(t, filepath.Join(seed, "data/juliet.ts"), "export const name = \"Juliet\";\nexport const statusPageUrl = \"https://status.juliet.example/\";\n")
	git(t, seed, "add", ".")
	git(t, seed, "commit", "-q", "-m", "lists")
	git(t, seed, "push", "-q", "origin", "main")
	head := strings.TrimSpace(git(t, seed, "rev-parse", "HEAD"))
	remote := "file://" + source
	write(t, filepath.Join(p.lists, "sources.csv"), "repo,remote,path,format,sections,commit\n"+
		"f/md,"+remote+",README.md,markdown,Public Status Pages,\nf/yaml,"+remote+",pages.yml,yaml,,\nf/ts,"+remote+",data,fields,,\n")
	if out, err := p.run(t, false); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := "Delta Status,https://status.delta.example/,unknown,unknown,f/md\nEcho,https://status.echo.example,unknown,unknown,f/md\n" +
		"Golf,https://status.golf.example,unknown,unknown,f/yaml\nHotel,https://status.hotel.example,unknown,unknown,f/yaml\n" +
		"India,https://status.india.example/,unknown,unknown,f/ts\nJuliet,https://status.juliet.example/,unknown,unknown,f/ts\n"
	if got := p.read(t, "status-pages.csv"); !strings.HasSuffix(got, "acme/list\n"+want) {
		t.Errorf("status-pages.csv:\n%s\nwant it to end with\n%s", got, want)
	}
	if got := p.read(t, "sources.csv"); strings.Count(got, ","+head+"\n") != 3 {
		t.Errorf("sources.csv:\n%s", got)
	}
}
