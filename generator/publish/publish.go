// Package publish owns writing the built site to disk: every output file goes
// through one Publisher, which minifies it by extension, writes it atomically,
// leaves files whose bytes did not change untouched (so timestamps and
// deploy diffs show only real change), and prunes what a run no longer makes.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/uptimus/uptimus/internal/atomicfile"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// mediaTypes maps the extensions we minify to the minifier's media types.
// Anything else (.txt, images) is written byte for byte.
var mediaTypes = map[string]string{
	".html": "text/html",
	".htm":  "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
}

// Publisher writes files under one directory. It is safe for concurrent use.
type Publisher struct {
	dir string
	m   *minify.M

	mu        sync.Mutex
	seen      map[string]bool // slash paths written or confirmed this run
	written   int
	unchanged int
}

// New returns a Publisher writing under dir; dir is created on first write.
func New(dir string) *Publisher {
	return &Publisher{dir: dir, m: newMinifier(), seen: map[string]bool{}}
}

func newMinifier() *minify.M {
	m := minify.New()
	// Document and end tags are kept: the saving is tiny, and pages stay
	// easy to read and to check with HTML validators and simple tests.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	return m
}

// Dir is the directory the Publisher writes under.
func (p *Publisher) Dir() string { return p.dir }

// Counts reports how many files this run wrote and how many it found
// already holding the same bytes.
func (p *Publisher) Counts() (written, unchanged int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.written, p.unchanged
}

// Write minifies data by rel's extension and stores it at dir/rel, unless the
// file already holds exactly those bytes. rel is a slash-separated path
// inside dir; one that could escape dir, or that was already written in this
// run (two pages fighting over one URL), is an error.
func (p *Publisher) Write(rel string, data []byte) error {
	if err := CheckPath(rel); err != nil {
		return err
	}
	if mt, ok := mediaTypes[strings.ToLower(path.Ext(rel))]; ok {
		min, err := p.m.Bytes(mt, data)
		if err != nil {
			return fmt.Errorf("publish %s: minify: %w", rel, err)
		}
		data = min
	}
	if err := p.claim(rel); err != nil {
		return err
	}
	target := filepath.Join(p.dir, filepath.FromSlash(rel))
	if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, data) {
		p.count(false)
		return nil
	}
	if err := atomicfile.Write(target, data); err != nil {
		return fmt.Errorf("publish %s: %w", rel, err)
	}
	p.count(true)
	return nil
}

func (p *Publisher) claim(rel string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen[rel] {
		return fmt.Errorf("publish %s: written twice in one run", rel)
	}
	p.seen[rel] = true
	return nil
}

func (p *Publisher) count(written bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if written {
		p.written++
	} else {
		p.unchanged++
	}
}

// CheckPath reports whether rel may name a file inside the output folder:
// relative, slash-separated, no "." or ".." element, no backslash, no NUL.
func CheckPath(rel string) error {
	switch {
	case rel == "":
		return errors.New("publish: empty path")
	case strings.ContainsAny(rel, "\\\x00"):
		return fmt.Errorf("publish %q: backslash or NUL in path", rel)
	case strings.HasPrefix(rel, "/"):
		return fmt.Errorf("publish %q: absolute path", rel)
	case !fs.ValidPath(rel) || rel == ".":
		return fmt.Errorf("publish %q: path escapes the output folder or is not clean", rel)
	case atomicfile.IsTemp(path.Base(rel)):
		return fmt.Errorf("publish %q: name reserved for temporary files", rel)
	}
	return nil
}

// Prune removes every file under dir that this run neither wrote nor found
// unchanged, then every directory left empty, and returns the removed files'
// slash paths, sorted. A folder named .git is left alone (the output folder
// may be a checkout of the deploy branch). It refuses to run when nothing was
// published, since that would empty the site.
func (p *Publisher) Prune() ([]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seen) == 0 {
		return nil, fmt.Errorf("publish: refusing to prune %s: nothing was published in this run", p.dir)
	}
	var removed []string
	var dirs []string
	err := filepath.WalkDir(p.dir, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p.dir, fp)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if d.Name() == ".git" && rel != "." {
				return fs.SkipDir
			}
			if rel != "." {
				dirs = append(dirs, fp)
			}
			return nil
		}
		if p.seen[rel] {
			return nil
		}
		if err := os.Remove(fp); err != nil {
			return err
		}
		removed = append(removed, rel)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) && len(removed) == 0 {
		return nil, nil
	}
	if err != nil {
		return removed, fmt.Errorf("publish: prune %s: %w", p.dir, err)
	}
	// Deepest first, so a folder whose only content was empty folders goes too.
	slices.SortFunc(dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err == nil && len(entries) == 0 {
			if err := os.Remove(d); err != nil {
				return removed, fmt.Errorf("publish: prune %s: %w", d, err)
			}
		}
	}
	slices.Sort(removed)
	return removed, nil
}
