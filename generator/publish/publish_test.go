package publish

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/testfs"
)

func TestWriteMinifiesByExtension(t *testing.T) {
	tests := []struct {
		rel, in, want string
	}{
		{"index.html", "<!doctype html>\n<html lang=\"en\">\n<head><title>  T  </title></head>\n<body>\n  <p>a   b</p>\n</body></html>\n",
			`<!doctype html><html lang="en"><head><title>T</title></head><body><p>a b</p></body></html>`},
		{"static/style.css", "body {\n  color : red ;\n}\n", "body{color:red}"},
		{"static/app.js", "function  f ( a ) {\n  return a + 1 ;\n}\n", "function f(e){return e+1}"},
		{"api/x.json", "{\n  \"a\" : [ 1, 2 ]\n}\n", `{"a":[1,2]}`},
		{"icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" >\n  <rect  width=\"10\" height=\"10\" />\n</svg>\n", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>`},
		{"sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset>\n  <url> <loc>https://x/</loc> </url>\n</urlset>\n", `<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>`},
		{"robots.txt", "User-agent: *\n  Allow: /\n", "User-agent: *\n  Allow: /\n"},
		{"UPPER.HTML", "<p>a   b</p>", "<p>a b</p>"},
	}
	dir := t.TempDir()
	p := New(dir)
	for _, tt := range tests {
		if err := p.Write(tt.rel, []byte(tt.in)); err != nil {
			t.Fatalf("Write(%s): %v", tt.rel, err)
		}
		if got := testfs.File(t, filepath.Join(dir, tt.rel)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.rel, got, tt.want)
		}
	}
	if w, u := p.Counts(); w != len(tests) || u != 0 {
		t.Errorf("Counts = %d, %d; want %d, 0", w, u, len(tests))
	}
}

func TestWriteSkipsUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	if err := New(dir).Write("a/b.txt", []byte("same")); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "a", "b.txt")
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(target, old, old); err != nil {
		t.Fatal(err)
	}
	p := New(dir)
	if err := p.Write("a/b.txt", []byte("same")); err != nil {
		t.Fatal(err)
	}
	if err := p.Write("a/c.txt", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if w, u := p.Counts(); w != 1 || u != 1 {
		t.Errorf("Counts = %d written, %d unchanged; want 1, 1", w, u)
	}
	fi, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file was rewritten: mtime %v", fi.ModTime())
	}
	// A changed file is replaced.
	p2 := New(dir)
	if err := p2.Write("a/b.txt", []byte("changed")); err != nil {
		t.Fatal(err)
	}
	if got := testfs.File(t, target); got != "changed" {
		t.Errorf("content = %q", got)
	}
	if w, _ := p2.Counts(); w != 1 {
		t.Errorf("changed file not counted as written")
	}
}

func TestWriteLeavesNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	p := New(dir)
	for i := range 5 {
		if err := p.Write(fmt.Sprintf("d/%d.html", i), []byte("<p>x</p>")); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, "d"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
		fi, _ := e.Info()
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", e.Name(), fi.Mode().Perm())
		}
	}
}

func TestWriteRefusesEscapingPaths(t *testing.T) {
	bad := []string{
		"", ".", "..", "../x.html", "a/../../x.html", "a/../b.html", "/etc/passwd", "a\\b.html", "..\\x",
		"a//b.html", "a/./b.html", "a/", "x\x00.html", "a/.b.html.tmp-1",
	}
	dir := filepath.Join(t.TempDir(), "out")
	p := New(dir)
	for _, rel := range bad {
		if err := p.Write(rel, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded, want error", rel)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("refused writes created %s", dir)
	}
	for _, ok := range []string{"a.html", "a/b/c.txt", "status/x/incidents/a.2Fb/index.html", "..a/b", "a../b"} {
		if err := CheckPath(ok); err != nil {
			t.Errorf("CheckPath(%q) = %v, want nil", ok, err)
		}
	}
}

func TestWriteTwiceInOneRunIsAnError(t *testing.T) {
	p := New(t.TempDir())
	if err := p.Write("x/index.html", []byte("<p>1</p>")); err != nil {
		t.Fatal(err)
	}
	err := p.Write("x/index.html", []byte("<p>2</p>"))
	if err == nil || !strings.Contains(err.Error(), "x/index.html") {
		t.Errorf("second write: err = %v, want an error naming the path", err)
	}
}

func TestMinifyErrorNamesFile(t *testing.T) {
	p := New(t.TempDir())
	err := p.Write("bad.json", []byte("{not json"))
	if err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("err = %v, want a minify error naming bad.json", err)
	}
}

func TestConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	p := New(dir)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 200 {
		wg.Go(func() {
			errs <- p.Write(fmt.Sprintf("p%d/index.html", i%50)+suffix(i), []byte(fmt.Sprintf("<p>%d</p>", i)))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if w, u := p.Counts(); w != 200 || u != 0 {
		t.Errorf("Counts = %d, %d; want 200, 0", w, u)
	}
	// The same bytes from many goroutines again: nothing is written.
	p2 := New(dir)
	for i := range 200 {
		wg.Go(func() {
			if err := p2.Write(fmt.Sprintf("p%d/index.html", i%50)+suffix(i), []byte(fmt.Sprintf("<p>%d</p>", i))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if w, u := p2.Counts(); w != 0 || u != 200 {
		t.Errorf("second run Counts = %d, %d; want 0, 200", w, u)
	}
}

// suffix makes 200 distinct paths out of 50 folders.
func suffix(i int) string {
	if i < 50 {
		return ""
	}
	return fmt.Sprintf(".%d.html", i/50)
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	first := New(dir)
	for _, rel := range []string{"index.html", "status/a/index.html", "status/b/index.html", "status/b/incidents/1/index.html", "static/style.css"} {
		if err := first.Write(rel, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if removed, err := first.Prune(); err != nil || len(removed) != 0 {
		t.Fatalf("first run into an empty folder pruned %q (%v)", removed, err)
	}
	// A deploy checkout's .git must survive.
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	second := New(dir)
	for _, rel := range []string{"index.html", "status/a/index.html", "static/style.css"} {
		if err := second.Write(rel, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := second.Prune()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"status/b/incidents/1/index.html", "status/b/index.html"}
	if !slices.Equal(removed, want) {
		t.Errorf("removed = %q, want %q", removed, want)
	}
	for _, gone := range []string{"status/b", "empty"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s still exists (err %v)", gone, err)
		}
	}
	for _, kept := range []string{"index.html", "status/a/index.html", "static/style.css", ".git/HEAD"} {
		if _, err := os.Stat(filepath.Join(dir, kept)); err != nil {
			t.Errorf("%s: %v", kept, err)
		}
	}
}

func TestPruneRefusesAnEmptyRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(dir).Prune(); err == nil {
		t.Error("Prune with nothing published succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Errorf("site emptied: %v", err)
	}
}

func TestWriteCompactStoresBytesAsGiven(t *testing.T) {
	dir := t.TempDir()
	p := New(dir)
	in := "{\"a\": 1}\n"
	if err := p.WriteCompact("api/x.json", []byte(in)); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "api", "x.json")); string(got) != in {
		t.Errorf("stored %q, want %q untouched", got, in)
	}
	if err := p.WriteCompact("../x.json", []byte(in)); err == nil {
		t.Error("a path outside the folder was accepted")
	}
}

func TestKeepCountsExistingFilesAndRefusesMissingOnes(t *testing.T) {
	dir := t.TempDir()
	first := New(dir)
	for _, rel := range []string{"a/index.html", "a/feed.rss", "b.txt"} {
		if err := first.Write(rel, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	p := New(dir)
	if p.Keep([]string{"a/index.html", "a/gone.rss"}) {
		t.Error("kept a list naming a missing file")
	}
	if !p.Keep([]string{"a/index.html", "a/feed.rss"}) {
		t.Fatal("refused to keep files that exist")
	}
	if p.Keep([]string{"a/feed.rss"}) {
		t.Error("kept a file twice")
	}
	if err := p.Write("b.txt", []byte("x")); err != nil {
		t.Fatal(err)
	}
	removed, err := p.Prune()
	if err != nil || len(removed) != 0 {
		t.Errorf("Prune removed %v (%v), want nothing: kept files count as published", removed, err)
	}
	if w, u := p.Counts(); w != 0 || u != 3 {
		t.Errorf("counts = %d written, %d unchanged; want 0 and 3", w, u)
	}
	if got := strings.Join(p.Seen(), " "); got != "a/feed.rss a/index.html b.txt" {
		t.Errorf("Seen = %s", got)
	}
}

func TestTallyCountsWrittenUnchangedAndKept(t *testing.T) {
	dir := t.TempDir()
	first := New(dir)
	for rel, body := range map[string]string{"a/index.html": "<p>page</p>", "a/feed.rss": "12345", "kept.txt": "123"} {
		if err := first.WriteCompact(rel, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	second := New(dir)
	if err := second.WriteCompact("a/index.html", []byte("<p>page</p>")); err != nil { // unchanged
		t.Fatal(err)
	}
	if err := second.WriteCompact("a/feed.rss", []byte("1234567")); err != nil { // rewritten
		t.Fatal(err)
	}
	if !second.Keep([]string{"kept.txt"}) {
		t.Fatal("keep failed")
	}
	byExt := func(rel string) string { return filepath.Ext(rel) }
	got := second.Tally(byExt)
	want := map[string]Tally{".html": {1, 11}, ".rss": {1, 7}, ".txt": {1, 3}, "": {3, 21}}
	if !maps.Equal(got, want) {
		t.Errorf("Tally = %v, want %v", got, want)
	}
}
