package all

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

// The registry lists each adapter once, sorted, under the name it gives.
// It is read, not restated: adding a vendor is its package and one line
// in all.go, and this test needs no edit.
func TestRegistryNamesMatchAdapters(t *testing.T) {
	r := Registry()
	names := r.Names()
	if len(names) == 0 || !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Fatalf("Names() = %v, want sorted, unique, not empty", names)
	}
	for _, n := range names {
		a, err := r.Lookup(n)
		if err != nil || a.Name() != n {
			t.Errorf("Lookup(%q) = %v, %v", n, a, err)
		}
	}
	if _, err := r.Lookup("statuspag"); err == nil {
		t.Error("Lookup of an unknown name should fail")
	}
}

// Every adapter carries what pages and the merge need of its vendor: the
// name pages show, and what its list of incidents holds (the merge
// resolves what an active-only list stops listing, never a window's or a
// feed's old entries). A new adapter without them fails here, by name.
func TestEveryAdapterSaysWhoItIsAndWhatItsListHolds(t *testing.T) {
	for name, caps := range Registry().Capabilities() {
		if caps.Title == "" || caps.Title == name {
			t.Errorf("adapter %s: Capabilities.Title is %q; give the vendor's name as pages should show it", name, caps.Title)
		}
		if !slices.Contains([]adapters.Listing{adapters.ListsWindow, adapters.ListsActive, adapters.ListsFeed}, caps.Listing) {
			t.Errorf("adapter %s: Capabilities.Listing is %q; say what its list of incidents holds (window, active or feed)", name, caps.Listing)
		}
	}
}

// Every host and domain where pages are hosted is one vendor's or one
// unread platform's: a platform that gains an adapter moves its domains
// to the adapter's Probe rather than keep them twice. Each unread
// platform says what its pages are and where it hosts them.
func TestHostingIsDeclaredOnce(t *testing.T) {
	r := Registry()
	h := r.Hosting()
	for _, list := range [][]string{h.Domains, h.SharedHosts} {
		for i := 1; i < len(list); i++ {
			if list[i] == list[i-1] {
				t.Errorf("%s is declared twice (Probe.Domains, Probe.SharedHosts, unread.go): keep it with the one vendor that hosts there", list[i])
			}
		}
	}
	for _, u := range unread {
		if u.Page == "" || len(u.Domains)+len(u.SharedHosts) == 0 {
			t.Errorf("unread platform %+v: say what its pages are (Page) and where it hosts them (Domains, SharedHosts)", u)
		}
	}
	if len(h.UnreadDomains)+len(h.UnreadHosts) == 0 || len(h.Moves) == 0 {
		t.Errorf("Hosting() = %+v: the registry lost the unread platforms or the vendors whose pages move", h)
	}
}

// Every adapter links the vendor's documentation of what it reads, so
// that its mapping can be checked against the source.
func TestEveryAdapterLinksItsVendorsDocs(t *testing.T) {
	for name, caps := range Registry().Capabilities() {
		u, err := url.Parse(caps.Docs)
		if caps.Docs == "" || err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("adapter %s: Capabilities.Docs is %q; give the https address of the vendor's documentation of what the adapter reads", name, caps.Docs)
		}
	}
}

// Every adapter's tests read the vendor's answers: recorded ones in
// testdata/real/<name>/ at the root (adaptertest.Real), or written ones
// in its package's testdata, adapters/<name>/testdata, beside the goldens.
func TestEveryAdapterHasItsResponses(t *testing.T) {
	for _, name := range Registry().Names() {
		real, written := filepath.Join("..", "..", "testdata", "real", name), filepath.Join("..", name, "testdata")
		if responses(t, real)+responses(t, written) == 0 {
			t.Errorf("adapter %s: no response of the vendor in testdata/real/%s/ or adapters/%s/testdata/ for its tests to serve", name, name, name)
		}
	}
}

// responses counts the files in dir that are a vendor's answers: not a
// golden snapshot, not a README, not a fuzz corpus.
func responses(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".golden.json") && e.Name() != "README.md" {
			n++
		}
	}
	return n
}

// The README's table of vendors (its "Vendors" section) has a row for
// each adapter, showing the name pages show and the documentation link
// the adapter carries, and no row for an adapter that is not registered.
func TestReadmeListsEveryVendor(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Vendors\n")
	if !ok {
		t.Fatal(`README.md has no "## Vendors" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[string]string{}
	for _, line := range strings.Split(section, "\n") {
		if m := vendorRow.FindStringSubmatch(line); m != nil {
			rows[m[1]] = line
		}
	}
	reg := Registry()
	for name, caps := range reg.Capabilities() {
		row, ok := rows[name]
		want := "[" + caps.Title + "](" + caps.Docs + ")"
		switch {
		case !ok:
			t.Errorf("adapter %s: no row in the README's table of vendors; add | `%s` | %s | what it reads |", name, name, want)
		case !strings.Contains(row, want):
			t.Errorf("adapter %s: the README's row %q does not show %s", name, row, want)
		}
	}
	for name := range rows {
		if _, ok := reg.Get(name); !ok {
			t.Errorf("the README lists %s, which is not a registered adapter", name)
		}
	}
}

// vendorRow is a row of the README's table of vendors: "| `name` | ...".
var vendorRow = regexp.MustCompile("^\\| `([a-z0-9]+)` \\| \\[")
