// Package publish owns writing the built site to disk: every output file goes
// through one Publisher, which minifies it by extension, writes it atomically,
// leaves files whose bytes did not change untouched (so timestamps and
// deploy diffs show only real change), and prunes what a run no longer makes.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
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

	// dirs holds the folders this run made (true) or found (false), so
	// that each is made once, not once per file.
	dirs sync.Map

	// startedEmpty: dir held nothing when the run began, so whatever
	// it holds now was published by this run and Prune has nothing to do.
	startedEmpty bool

	mu        sync.Mutex
	seen      map[string]bool // slash paths written or confirmed this run
	written   int
	unchanged int
	// sizes are the bytes of every file published or kept this run.
	sizes map[string]int64
}

// New returns a Publisher writing under dir; dir is created on first write.
func New(dir string) *Publisher {
	return &Publisher{dir: dir, m: newMinifier(), seen: map[string]bool{}, sizes: map[string]int64{}, startedEmpty: isEmpty(dir)}
}

// isEmpty reports whether dir is missing or holds nothing.
func isEmpty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	return errors.Is(err, io.EOF)
}

// htmlMinifier keeps document and end tags: the saving is tiny, and pages
// stay easy to read and to check with HTML validators and simple tests.
func htmlMinifier() *html.Minifier {
	return &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", htmlMinifier())
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	return m
}

// MinifyTemplate minifies the source of an html/template file, leaving
// every {{action}} as written. Pages rendered from templates minified once
// this way are compact already, and are published with WriteCompact instead
// of minifying each page again.
func MinifyTemplate(name string, src []byte) ([]byte, error) {
	mh := htmlMinifier()
	mh.TemplateDelims = html.GoTemplateDelims
	m := minify.New()
	m.Add("text/html", mh)
	out, err := m.Bytes("text/html", src)
	if err != nil {
		return nil, fmt.Errorf("minify template %s: %w", name, err)
	}
	return out, nil
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
	return p.store(rel, data)
}

// WriteCompact is Write for bytes that are compact already (JSON from
// encoding/json without indentation, XML without it, SVG built tight): they
// are stored as given, without a minifier pass that would change nothing.
func (p *Publisher) WriteCompact(rel string, data []byte) error {
	if err := CheckPath(rel); err != nil {
		return err
	}
	return p.store(rel, data)
}

// store writes data at rel unless the file holds those bytes already.
func (p *Publisher) store(rel string, data []byte) error {
	if err := p.claim(rel); err != nil {
		return err
	}
	target := filepath.Join(p.dir, filepath.FromSlash(rel))
	fresh, err := p.folder(filepath.Dir(target))
	if err != nil {
		return fmt.Errorf("publish %s: %w", rel, err)
	}
	if fresh {
		// A folder this run made holds nothing to compare with.
		err = create(target, data)
	} else {
		var old []byte
		old, err = os.ReadFile(target)
		switch {
		case err == nil && bytes.Equal(old, data):
			p.count(rel, len(data), false)
			return nil
		case errors.Is(err, fs.ErrNotExist):
			err = create(target, data)
		default:
			// Replacing a file that may be served right now: old or
			// new bytes, never a truncated file.
			err = atomicfile.Write(target, data)
		}
	}
	if err != nil {
		return fmt.Errorf("publish %s: %w", rel, err)
	}
	p.count(rel, len(data), true)
	return nil
}

// folder makes dir if it is missing, once per run, and reports whether this
// run made it (so that it held no file before).
func (p *Publisher) folder(dir string) (fresh bool, err error) {
	if v, ok := p.dirs.Load(dir); ok {
		return v.(bool), nil
	}
	err = os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(dir), 0o755); err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	switch {
	case err == nil:
		fresh = true
	case errors.Is(err, fs.ErrExist):
		fresh, err = false, nil
	default:
		return false, err
	}
	// Another writer may have made it first; then neither is sure it is
	// empty, and the later one's answer (not fresh) is the safe one.
	if prev, loaded := p.dirs.LoadOrStore(dir, fresh); loaded {
		return prev.(bool) && fresh, nil
	}
	return fresh, nil
}

// create writes a file that did not exist, straight to its name: nobody can
// be reading it yet, and a run killed half way leaves a file whose bytes
// differ from what the next run renders, so that run rewrites it. If the
// name appeared meanwhile, it is replaced atomically instead.
func create(target string, data []byte) error {
	err := writeNew(target, data)
	if errors.Is(err, fs.ErrExist) {
		return atomicfile.Write(target, data)
	}
	return err
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

func (p *Publisher) count(rel string, size int, written bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sizes[rel] = int64(size)
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
	if p.startedEmpty {
		return nil, nil
	}
	var removed []string
	_, err := p.prune(p.dir, "", &removed)
	if errors.Is(err, fs.ErrNotExist) && len(removed) == 0 {
		return nil, nil
	}
	if err != nil {
		return removed, fmt.Errorf("publish: prune %s: %w", p.dir, err)
	}
	slices.Sort(removed)
	return removed, nil
}

// prune removes what this run did not publish from the folder fp (rel
// inside the output, "" for its root), and the folders it leaves empty,
// reading each folder once; it reports whether fp is empty now.
func (p *Publisher) prune(fp, rel string, removed *[]string) (empty bool, err error) {
	entries, err := os.ReadDir(fp)
	if err != nil {
		return false, err
	}
	kept := 0
	for _, e := range entries {
		child, childRel := filepath.Join(fp, e.Name()), path.Join(rel, e.Name())
		switch {
		case e.IsDir() && e.Name() == ".git":
			kept++
		case e.IsDir():
			empty, err := p.prune(child, childRel, removed)
			if err != nil {
				return false, err
			}
			if !empty {
				kept++
			} else if err := os.Remove(child); err != nil {
				return false, err
			}
		case p.seen[childRel]:
			kept++
		default:
			if err := os.Remove(child); err != nil {
				return false, err
			}
			*removed = append(*removed, childRel)
		}
	}
	return kept == 0, nil
}

// Keep counts files a previous run published, and that this run knows to
// be current without rendering them again, as published now: Prune leaves
// them alone. It keeps nothing and reports false when any of them is
// missing, or was already published in this run, so that the caller renders
// them instead.
func (p *Publisher) Keep(rels []string) bool {
	sizes := make([]int64, len(rels))
	for i, rel := range rels {
		if CheckPath(rel) != nil {
			return false
		}
		fi, err := os.Stat(filepath.Join(p.dir, filepath.FromSlash(rel)))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
		sizes[i] = fi.Size()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, rel := range rels {
		if p.seen[rel] {
			return false
		}
	}
	for i, rel := range rels {
		p.seen[rel] = true
		p.sizes[rel] = sizes[i]
	}
	p.unchanged += len(rels)
	return true
}

// Tally is what a set of published files costs.
type Tally struct {
	Files int
	Bytes int64
}

// Tally adds up the files published or kept this run by kind(rel), and
// their total under "".
func (p *Publisher) Tally(kind func(rel string) string) map[string]Tally {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]Tally{}
	for rel, n := range p.sizes {
		for _, k := range []string{kind(rel), ""} {
			t := out[k]
			t.Files++
			t.Bytes += n
			out[k] = t
		}
	}
	return out
}

// Seen lists, sorted, every path this run published or kept.
func (p *Publisher) Seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, 0, len(p.seen))
	for rel := range p.seen {
		out = append(out, rel)
	}
	slices.Sort(out)
	return out
}
