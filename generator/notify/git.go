package notify

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/uptimus/uptimus/generator/history"
)

// Git reads data/ as it was at a commit of the repository in Dir, without
// touching the work tree: the job runs right after a commit and the next
// steps build from the work tree.
type Git struct {
	Dir  string // the repository's top folder
	Data string // the history folder, relative to Dir (slash-separated)
}

// ChangedSlugs lists the providers whose folder differs between from and to.
func (g Git) ChangedSlugs(ctx context.Context, from, to string) ([]string, error) {
	out, err := g.run(ctx, "diff", "--name-only", "-z", from, to, "--", g.Data)
	if err != nil {
		return nil, err
	}
	var slugs []string
	seen := map[string]bool{}
	for _, name := range strings.Split(string(out), "\x00") {
		rest, ok := strings.CutPrefix(name, g.Data+"/")
		slug, _, nested := strings.Cut(rest, "/")
		// Files directly under data/ (README.md) belong to no provider.
		if !ok || !nested || seen[slug] || history.ValidSlug(slug) != nil {
			continue
		}
		seen[slug] = true
		slugs = append(slugs, slug)
	}
	return slugs, nil
}

// Load loads slug's history as it was at rev; a provider that had no
// folder then gives an empty history.
func (g Git) Load(ctx context.Context, rev, slug string) (*history.History, error) {
	fsys, err := g.tree(ctx, rev, slug)
	if err != nil {
		return nil, err
	}
	h, err := history.Load(fsys, slug)
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", path.Join(g.Data, slug), rev, err)
	}
	return h, nil
}

// tree reads the files of data/<slug>/ at rev into memory, rooted at the
// data folder as history.Load wants; a provider's files are small (bounded
// by history's size limit).
func (g Git) tree(ctx context.Context, rev, slug string) (fs.FS, error) {
	prefix := g.Data + "/"
	out, err := g.run(ctx, "ls-tree", "-r", "-z", "--name-only", rev, "--", prefix+slug+"/")
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	for _, name := range strings.Split(string(out), "\x00") {
		if name == "" {
			continue
		}
		data, err := g.run(ctx, "cat-file", "blob", rev+":"+name)
		if err != nil {
			return nil, err
		}
		fsys[strings.TrimPrefix(name, prefix)] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys, nil
}

// run runs git in Dir; an error names the command and git's own words.
func (g Git) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", g.Dir}, args...)...)
	// A fetch (Deepen) that needs credentials fails rather than waits for
	// someone to type them.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Changes derives the events of every provider whose history changed
// between from and to. A provider whose history cannot be read at either
// commit is reported and left out, so one bad folder silences no other.
func (g Git) Changes(ctx context.Context, from, to string, report func(error)) ([]Event, error) {
	slugs, err := g.ChangedSlugs(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, slug := range slugs {
		old, err := g.Load(ctx, from, slug)
		if err == nil {
			var cur *history.History
			if cur, err = g.Load(ctx, to, slug); err == nil {
				out = append(out, Diff(old, cur)...)
				continue
			}
		}
		report(err)
	}
	return out, nil
}

// Resolve is the full id of the commit rev names.
func (g Git) Resolve(ctx context.Context, rev string) (string, error) {
	out, err := g.run(ctx, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%s is not a commit of %s", rev, g.Dir)
	}
	return strings.TrimSpace(string(out)), nil
}

// IsAncestor reports whether commit a is b or an ancestor of it; false
// too when a is not in the repository (a shallow clone, a history
// rewritten).
func (g Git) IsAncestor(ctx context.Context, a, b string) bool {
	return exec.CommandContext(ctx, "git", "-C", g.Dir, "merge-base", "--is-ancestor", a, b).Run() == nil
}

// Deepen fetches up to n more commits of history from origin when the
// repository is a shallow clone (a CI checkout of depth 1 holds the last
// commit only), and reports whether it did.
func (g Git) Deepen(ctx context.Context, n int) bool {
	out, err := g.run(ctx, "rev-parse", "--is-shallow-repository")
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		return false
	}
	_, err = g.run(ctx, "fetch", "--quiet", "--no-tags", "--deepen="+strconv.Itoa(n), "origin")
	return err == nil
}
