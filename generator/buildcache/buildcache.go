// Package buildcache remembers, in the cache folder, what the last build of
// an output folder published for each provider and from which inputs, so a
// rebuild keeps the incident pages, archive, feeds and history JSON of a
// provider whose inputs did not change instead of rendering them again.
//
// A provider's inputs are summed into a key by the caller (see Key): the
// program itself, the base URL, the provider's catalogue entry, the bytes of
// its history files and what the clock decides about each incident. The
// manifest is deleted when a build starts and written when it succeeds, so
// the files of a build that was killed half way are never trusted.
package buildcache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

// version changes when the manifest's layout does.
const version = 1

// Manifest is what one build of one output folder published per provider.
type Manifest struct {
	Version int    `json:"version"`
	Out     string `json:"out"`
	// Providers holds, by slug, the key of the inputs and the files kept
	// with them (those Owned by the provider).
	Providers map[string]Entry `json:"providers"`

	mu   sync.Mutex
	keys map[string]string
}

// Entry is one provider's record.
type Entry struct {
	Key   string   `json:"key"`
	Files []string `json:"files"`
}

// Path is the manifest file for out inside the cache folder.
func Path(cacheDir, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cacheDir, "build-"+hex.EncodeToString(sum[:6])+".json")
}

// Start reads the manifest at path for the output folder out and removes
// the file. A manifest that is missing, unreadable or for another folder is
// an empty one: it is a cache, and the build renders everything.
func Start(path, out string) (*Manifest, error) {
	m := &Manifest{Version: version, Out: out, Providers: map[string]Entry{}, keys: map[string]string{}}
	b, err := os.ReadFile(path)
	if err == nil {
		var old Manifest
		if json.Unmarshal(b, &old) == nil && old.Version == version && old.Out == out && old.Providers != nil {
			m.Providers = old.Providers
		}
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("build cache: %w", err)
	}
	return m, nil
}

// Reusable returns the files the last build published for slug from the
// same key; ok is false when the key differs or is empty. It notes the key
// for Save either way.
func (m *Manifest) Reusable(slug, key string) (files []string, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys[slug] = key
	e, found := m.Providers[slug]
	if key == "" || !found || e.Key != key {
		return nil, false
	}
	return e.Files, true
}

// Save writes the manifest: for each provider with a key, the files of seen
// (every path the build published or kept) that the provider owns.
func (m *Manifest) Save(path string, seen []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	files := map[string][]string{}
	for _, rel := range seen {
		if slug, ok := Owner(rel); ok && m.keys[slug] != "" {
			files[slug] = append(files[slug], rel)
		}
	}
	out := Manifest{Version: version, Out: m.Out, Providers: map[string]Entry{}}
	for slug, key := range m.keys {
		if key != "" {
			out.Providers[slug] = Entry{Key: key, Files: files[slug]}
		}
	}
	b, err := json.Marshal(&out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return atomicfile.Write(path, b)
}

// Owner names the provider whose incident-level output rel is: anything
// under its page's folder but the page itself (its Statuspage-compatible
// API included), and its history JSON of every API version. Its
// page, provider JSON and badges are rendered on every build.
func Owner(rel string) (slug string, ok bool) {
	if rest, found := strings.CutPrefix(rel, "status/"); found { // paths.ProviderPage
		slug, file, found := strings.Cut(rest, "/")
		return slug, found && slug != "" && file != "index.html"
	}
	for _, root := range []string{paths.APIRoot, paths.APIv2Root} {
		if rest, found := strings.CutPrefix(rel, strings.TrimPrefix(root, "/")+"providers/"); found {
			slug, _, found := strings.Cut(rest, "/")
			return slug, found && slug != ""
		}
	}
	return "", false
}

// Key sums the parts of a provider's inputs; each part is length-prefixed
// so that no two different lists of parts sum alike.
func Key(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Inputs are everything a provider's incident pages, archive, feeds and
// history JSON are made of: when all are those of the last build, its files
// are current.
type Inputs struct {
	// Program sums the running binary (templates, static files and code).
	Program string
	// BaseURL and Hub are what every link and feed names.
	BaseURL, Hub string
	// Entry and Category are the catalogue entry and its category, as JSON.
	Entry, Category []byte
	// History sums the history files the provider was loaded from.
	History []byte
	// Phases lists each entry's id and phase at the build's clock: the
	// clock matters only through where each entry stands.
	Phases []byte
	// State is the provider's published status and staleness, which its
	// incident pages show.
	State string
}

// Key sums in; "" (never reuse) without a program sum.
func (in Inputs) Key() string {
	if in.Program == "" {
		return ""
	}
	return Key([]byte(in.Program), []byte(in.BaseURL), []byte(in.Hub), in.Entry, in.Category, in.History, in.Phases, []byte(in.State))
}

// Executable sums the running program, whose templates, static files and
// code all shape the output; "" (never reuse) when it cannot be read.
func Executable() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Reads is a file system that sums every file read through it with
// ReadFile, by name and content, in the order they were read. A build loads
// a provider's history through one, so the key covers exactly the bytes the
// provider's files were rendered from, without reading them a second time.
// One Reads serves one goroutine.
type Reads struct {
	fsys fs.FS
	h    hash.Hash
}

// NewReads wraps fsys.
func NewReads(fsys fs.FS) *Reads { return &Reads{fsys: fsys, h: sha256.New()} }

// Open implements fs.FS; what is read through it is not summed.
func (r *Reads) Open(name string) (fs.File, error) { return r.fsys.Open(name) }

// ReadDir implements fs.ReadDirFS.
func (r *Reads) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.fsys, name) }

// ReadFile implements fs.ReadFileFS and sums what it read.
func (r *Reads) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(r.fsys, name)
	if err == nil {
		fmt.Fprintf(r.h, "%s\x00%d:", name, len(b))
		r.h.Write(b)
	}
	return b, err
}

// Sum is the sum of every file read so far.
func (r *Reads) Sum() []byte { return r.h.Sum(nil) }
