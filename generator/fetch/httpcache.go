package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/uptimus/uptimus/internal/atomicfile"
)

// HTTPCache remembers each URL's validators (ETag, Last-Modified) and last
// body, so the next request is conditional and an unchanged page costs a
// 304. It lives in the cache folder, never in data/, and keeps one body per
// URL: Save forgets URLs not requested for MaxIdle and deletes every body
// no URL names any more (replaced ones, those of forgotten URLs, and those
// a killed run wrote before it could save the index).
type HTTPCache struct {
	// Now stamps each use of a URL; nil means time.Now.
	Now func() time.Time

	dir     string
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Body is the SHA-256 of the stored body, its file name under bodies/.
	Body string `json:"body"`
	// Used is when a run last requested the URL.
	Used time.Time `json:"used,omitzero"`
}

// MaxIdle is how long the cache keeps a URL no run requests. Every run
// requests every provider's URLs, so a URL unused for a week belongs to a
// provider that left the catalogue (or moved to another URL, or to another
// shard); a provider fetched only now and then by hand keeps its entry.
const MaxIdle = 7 * 24 * time.Hour

const httpCacheIndex = "http.json"

// OpenHTTPCache loads the cache kept in dir (empty when there is none yet).
func OpenHTTPCache(dir string) (*HTTPCache, error) {
	c := &HTTPCache{dir: dir, entries: map[string]cacheEntry{}}
	b, err := os.ReadFile(filepath.Join(dir, httpCacheIndex))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &c.entries); err != nil {
		// A damaged cache only costs full requests: start afresh.
		c.entries = map[string]cacheEntry{}
	}
	for url, e := range c.entries {
		if !validSum(e.Body) {
			// Not a name this cache writes (say "../x"): never read it.
			delete(c.entries, url)
		}
	}
	return c, nil
}

// validSum reports whether s is a hex SHA-256, the only body name we write.
func validSum(s string) bool {
	if len(s) != sha256.Size*2 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// Save forgets the URLs idle for MaxIdle, writes the index, then deletes
// the bodies it does not name (bodies were written as they arrived).
func (c *HTTPCache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	keep := map[string]bool{}
	for url, e := range c.entries {
		switch {
		case e.Used.IsZero():
			// Written before uses were stamped: idle from now on.
			e.Used = now
			c.entries[url] = e
		case now.Sub(e.Used) > MaxIdle:
			delete(c.entries, url)
			continue
		}
		keep[e.Body] = true
	}
	b, err := json.MarshalIndent(c.entries, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(c.dir, httpCacheIndex), append(b, '\n')); err != nil {
		return err
	}
	return c.prune(keep)
}

// prune deletes every file under bodies/ whose name keep lacks. It runs
// after the index is written, so a run killed in between leaves bodies
// too many, never an index naming a body that is gone.
func (c *HTTPCache) prune(keep map[string]bool) error {
	entries, err := os.ReadDir(filepath.Join(c.dir, "bodies"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if keep[e.Name()] || e.IsDir() {
			continue
		}
		if err := os.Remove(c.bodyPath(e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (c *HTTPCache) now() time.Time {
	if c.Now != nil {
		return c.Now().UTC()
	}
	return time.Now().UTC()
}

// touch stamps url's entry as used by this run; c.mu is held.
func (c *HTTPCache) touch(url string) {
	if e, ok := c.entries[url]; ok {
		e.Used = c.now()
		c.entries[url] = e
	}
}

// prepare makes req conditional on what we stored for url.
func (c *HTTPCache) prepare(req *http.Request, url string) {
	c.mu.Lock()
	c.touch(url)
	e, ok := c.entries[url]
	c.mu.Unlock()
	if !ok {
		return
	}
	if _, err := os.Stat(c.bodyPath(e.Body)); err != nil {
		// Without the body a 304 would leave us nothing: ask in full.
		return
	}
	if e.ETag != "" {
		req.Header.Set("If-None-Match", e.ETag)
	}
	if e.LastModified != "" {
		req.Header.Set("If-Modified-Since", e.LastModified)
	}
}

// cached returns the body stored for url, for a 304 answer.
func (c *HTTPCache) cached(url string) ([]byte, error) {
	c.mu.Lock()
	e, ok := c.entries[url]
	c.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("fetch %s: 304 Not Modified but nothing is cached", url)
	}
	b, err := os.ReadFile(c.bodyPath(e.Body))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: 304 Not Modified but the cached body is gone: %w", url, err)
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != e.Body {
		return nil, fmt.Errorf("fetch %s: 304 Not Modified but the cached body %s is damaged", url, c.bodyPath(e.Body))
	}
	return b, nil
}

// store remembers a 2xx answer that carries a validator.
func (c *HTTPCache) store(url string, h http.Header, body []byte) error {
	e := cacheEntry{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
	if e.ETag == "" && e.LastModified == "" {
		// What we stored is no longer what the URL serves, and cannot be
		// asked for conditionally: forget it (its body goes at Save).
		c.mu.Lock()
		delete(c.entries, url)
		c.mu.Unlock()
		return nil
	}
	sum := sha256.Sum256(body)
	e.Body = hex.EncodeToString(sum[:])
	if err := atomicfile.Write(c.bodyPath(e.Body), body); err != nil {
		return err
	}
	c.mu.Lock()
	// The body it replaces, if no other URL shares it, goes at Save.
	e.Used = c.now()
	c.entries[url] = e
	c.mu.Unlock()
	return nil
}

func (c *HTTPCache) bodyPath(sum string) string { return filepath.Join(c.dir, "bodies", sum) }
