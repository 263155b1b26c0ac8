package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/uptimus/uptimus/internal/atomicfile"
)

// indexName stands for a path that names a folder ("/" or "/feed/").
const indexName = "index"

// PathFor returns the file under dir that holds the response for u. It
// refuses a URL that would step outside dir: a ".." segment, a backslash or
// NUL in a segment, an empty or unsafe host.
func PathFor(dir string, u *url.URL) (string, error) {
	host := strings.ToLower(u.Host)
	if err := checkSegment(host); err != nil || host == "" {
		return "", fmt.Errorf("recording path for %s: bad host %q", u.Redacted(), u.Host)
	}
	parts := []string{host}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "" || seg == "." {
			continue
		}
		if err := checkSegment(seg); err != nil {
			return "", fmt.Errorf("recording path for %s: %w", u.Redacted(), err)
		}
		parts = append(parts, seg)
	}
	if names := parts[1:]; len(names) == 0 || isFolder(u.Path, names[len(names)-1]) {
		parts = append(parts, indexName)
	}
	rel := filepath.Join(parts...)
	// Belt and braces: whatever the segments, the result must stay inside.
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("recording path for %s: %q is not inside the recording", u.Redacted(), rel)
	}
	return filepath.Join(dir, rel), nil
}

// isFolder reports whether a URL path names a folder: it ends in "/" (or
// "/."), or its last segment has no extension. Its page is then stored as
// "index" inside it, so that "/api/v1/components" and
// "/api/v1/components/groups" can both be recorded.
func isFolder(path, last string) bool {
	return strings.HasSuffix(path, "/") || strings.HasSuffix(path, "/.") || !strings.Contains(last, ".")
}

// checkSegment rejects a path segment that could name something outside
// its parent on some system.
func checkSegment(seg string) error {
	switch {
	case seg == ".." || seg == ".":
		return fmt.Errorf("%q in path", seg)
	case strings.ContainsAny(seg, `\`+"\x00"):
		return fmt.Errorf("backslash or NUL in path segment %q", seg)
	case strings.Contains(seg, "/"):
		return fmt.Errorf("slash in %q", seg)
	case !filepath.IsLocal(seg):
		return fmt.Errorf("path segment %q is not local", seg)
	}
	return nil
}

// Record returns a RoundTripper that sends requests through next (nil:
// NewTransport(nil), which guards every connection) and saves
// the body of every 2xx answer to a GET under dir (see PathFor). Other
// answers pass through unsaved, so they replay as 404 (so does a 503 met
// while recording). A body reached through redirects is saved under every
// URL of the chain. A body is saved only once the
// caller has read it to the end, atomically (temp file + rename): an
// interrupted or abandoned read never leaves a truncated recording. A
// failure to save fails the read, since a recording run that silently
// misses files is worse than one that stops.
func Record(dir string, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = NewTransport(nil)
	}
	return &recorder{dir: dir, next: next}
}

type recorder struct {
	dir  string
	next http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		return r.next.RoundTrip(req)
	}
	dst, err := PathFor(r.dir, req.URL)
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, fmt.Errorf("record: %w", err)
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		resp.Body.Close()
		return nil, fmt.Errorf("record %s: %w", req.URL.Redacted(), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".record-*")
	if err != nil {
		resp.Body.Close()
		return nil, fmt.Errorf("record %s: %w", req.URL.Redacted(), err)
	}
	resp.Body = &recordingBody{body: resp.Body, tmp: tmp, dst: dst, aliases: redirectedFrom(r.dir, req)}
	return resp, nil
}

// redirectedFrom lists the files of the URLs that redirected to req, so a
// replay of the URL the adapter asked for finds the body it ended at (a
// status page often redirects to its vendor's host). http.Client links each
// redirected request to the response that caused it.
func redirectedFrom(dir string, req *http.Request) []string {
	var paths []string
	for r := req; r.Response != nil && r.Response.Request != nil; {
		r = r.Response.Request
		// Every URL of the chain passed PathFor before it was sent.
		if p, err := PathFor(dir, r.URL); err == nil {
			paths = append(paths, p)
		}
	}
	return paths
}

// recordingBody copies what the caller reads into tmp and renames tmp to
// dst when the body ends.
type recordingBody struct {
	body io.ReadCloser
	tmp  *os.File
	dst  string
	// aliases get a copy: the files of URLs that redirected here.
	aliases []string
	done    bool
}

func (b *recordingBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 && !b.done {
		if _, werr := b.tmp.Write(p[:n]); werr != nil {
			b.discard()
			return n, fmt.Errorf("record %s: %w", b.dst, werr)
		}
	}
	if err == io.EOF && !b.done {
		if ferr := b.finish(); ferr != nil {
			return n, fmt.Errorf("record %s: %w", b.dst, ferr)
		}
	}
	return n, err
}

// finish makes the recording visible under its name.
func (b *recordingBody) finish() error {
	b.done = true
	if err := b.tmp.Chmod(0o644); err != nil {
		b.tmp.Close()
		os.Remove(b.tmp.Name())
		return err
	}
	if err := b.tmp.Close(); err != nil {
		os.Remove(b.tmp.Name())
		return err
	}
	if err := os.Rename(b.tmp.Name(), b.dst); err != nil {
		os.Remove(b.tmp.Name())
		return err
	}
	for _, alias := range b.aliases {
		if alias == b.dst {
			continue
		}
		if err := copyFile(b.dst, alias); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies src to dst atomically.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return atomicfile.Write(dst, data)
}

// discard drops a recording that will not be complete.
func (b *recordingBody) discard() {
	if b.done {
		return
	}
	b.done = true
	b.tmp.Close()
	os.Remove(b.tmp.Name())
}

func (b *recordingBody) Close() error {
	b.discard()
	return b.body.Close()
}

// Replay returns a RoundTripper that answers every GET from a recording
// under dir (see PathFor) and never touches the network. A URL with no
// file is a 404 with a short text body; other methods get 405. The
// Content-Type comes from the file's extension, else from its bytes.
func Replay(dir string) http.RoundTripper { return replayer{dir: dir} }

type replayer struct{ dir string }

func (r replayer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return textResponse(req, http.StatusMethodNotAllowed, "replay answers GET only\n"), nil
	}
	file, err := PathFor(r.dir, req.URL)
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	body, err := os.ReadFile(file)
	switch {
	case errors.Is(err, fs.ErrNotExist), isDir(err, file):
		return textResponse(req, http.StatusNotFound, "not in the recording: "+file+"\n"), nil
	case err != nil:
		return nil, fmt.Errorf("replay %s: %w", req.URL.Redacted(), err)
	}
	resp := response(req, http.StatusOK, contentType(file, body), body)
	return resp, nil
}

// isDir reports whether a read failed because file is a folder, which a
// recording never answers with.
func isDir(err error, file string) bool {
	if err == nil {
		return false
	}
	st, serr := os.Stat(file)
	return serr == nil && st.IsDir()
}

// contentType guesses the type of a recorded body: by the extensions
// status pages use, else by sniffing.
func contentType(file string, body []byte) string {
	switch strings.ToLower(path.Ext(filepath.ToSlash(file))) {
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".rss":
		return "application/rss+xml"
	case ".atom":
		return "application/atom+xml"
	}
	return http.DetectContentType(body)
}

func textResponse(req *http.Request, code int, text string) *http.Response {
	return response(req, code, "text/plain; charset=utf-8", []byte(text))
}

func response(req *http.Request, code int, ctype string, body []byte) *http.Response {
	h := http.Header{}
	h.Set("Content-Type", ctype)
	length := int64(len(body))
	if req.Method == http.MethodHead {
		body = nil
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", code, http.StatusText(code)),
		StatusCode:    code,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: length,
		Request:       req,
	}
}
