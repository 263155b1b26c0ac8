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

	"github.com/uptimus/uptimus/internal/atomicfile"
)

// HTTPCache remembers each URL's validators (ETag, Last-Modified) and last
// body, so the next request is conditional and an unchanged page costs a
// 304. It lives in the cache folder, never in data/.
type HTTPCache struct {
	dir     string
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Body is the SHA-256 of the stored body, its file name under bodies/.
	Body string `json:"body"`
}

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

// Save writes the index; bodies were written as they arrived.
func (c *HTTPCache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, err := json.MarshalIndent(c.entries, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(c.dir, httpCacheIndex), append(b, '\n'))
}

// prepare makes req conditional on what we stored for url.
func (c *HTTPCache) prepare(req *http.Request, url string) {
	c.mu.Lock()
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
		return nil
	}
	sum := sha256.Sum256(body)
	e.Body = hex.EncodeToString(sum[:])
	if err := atomicfile.Write(c.bodyPath(e.Body), body); err != nil {
		return err
	}
	c.mu.Lock()
	c.entries[url] = e
	c.mu.Unlock()
	return nil
}

func (c *HTTPCache) bodyPath(sum string) string { return filepath.Join(c.dir, "bodies", sum) }
