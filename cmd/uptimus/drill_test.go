package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/uptimus/uptimus/generator/api"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/notify"
	"github.com/uptimus/uptimus/generator/paths"
)

// A drill replays one provider's outage, step by step, through the real
// fetch and build, and checks what the published outputs say at each step.
// The format is documented in testdata/drills/README.md.
type drill struct {
	// About says what the drill walks through and where its responses
	// come from.
	About    string      `yaml:"about"`
	Provider drillPage   `yaml:"provider"`
	Steps    []drillStep `yaml:"steps"`
}

// drillPage is the catalogue entry the drill fetches.
type drillPage struct {
	Adapter string `yaml:"adapter"`
	URL     string `yaml:"url"`
	Name    string `yaml:"name"`
}

type drillStep struct {
	Name string    `yaml:"name"`
	At   time.Time `yaml:"at"`
	// Serve maps URLs to responses, over the previous step's map.
	Serve map[string]drillResponse `yaml:"serve"`
	// Fetch false skips the fetch: the step only builds at At.
	Fetch  *bool       `yaml:"fetch"`
	Expect drillExpect `yaml:"expect"`
}

// drillResponse is a file (a path from the repository root) served with
// 200, or an HTTP status alone: {status: 503}.
type drillResponse struct {
	File   string `yaml:"file"`
	Status int    `yaml:"status"`
}

func (r *drillResponse) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.File = n.Value
		return nil
	}
	type plain drillResponse
	return n.Decode((*plain)(r))
}

// drillExpect is what the outputs must say; a field left out is not
// checked.
type drillExpect struct {
	Fetch  string `yaml:"fetch"`
	Vendor string `yaml:"vendor"`
	Status string `yaml:"status"`
	// Derived is why the status is ours (status_derived_reason), or "no"
	// when it is the vendor's word.
	Derived    string            `yaml:"derived"`
	Since      string            `yaml:"since"`
	SinceExact *bool             `yaml:"since_exact"`
	Open       *[]string         `yaml:"open"`
	Incidents  map[string]string `yaml:"incidents"`
	Components map[string]string `yaml:"components"`
	Banner     []string          `yaml:"banner"`
	Page       []string          `yaml:"page"`
	PageNot    []string          `yaml:"page_not"`
	// IncidentPage maps an incident id to text its own page must contain.
	IncidentPage map[string][]string `yaml:"incident_page"`
	Uptime       map[string]string   `yaml:"uptime"`
	Feed         *[]string           `yaml:"feed"`
	Notify       *[]string           `yaml:"notify"`
}

const drillDir = "testdata/drills"

// TestDrills runs every drill file as a subtest named after the file.
func TestDrills(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(drillDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no drills in %s: %v", drillDir, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each drill has its own folders and server
			runDrill(t, file, name)
		})
	}
}

func loadDrill(t *testing.T, file string) *drill {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var d drill
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if d.Provider.Adapter == "" || d.Provider.URL == "" || len(d.Steps) == 0 {
		t.Fatalf("%s: a drill needs provider.adapter, provider.url and steps", file)
	}
	for i, s := range d.Steps {
		if s.Name == "" || s.At.IsZero() {
			t.Fatalf("%s: step %d needs a name and a time (at)", file, i+1)
		}
		if i > 0 && !s.At.After(d.Steps[i-1].At) {
			t.Fatalf("%s: step %d %q: at %s is not after the step before", file, i+1, s.Name, s.At.Format(time.RFC3339))
		}
	}
	return &d
}

// drillServer answers every host from the current step's responses.
type drillServer struct {
	mu    sync.Mutex
	serve map[string]drillResponse // by host and path
}

func (s *drillServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	resp, ok := s.serve[r.Host+r.URL.Path]
	s.mu.Unlock()
	switch {
	case !ok:
		http.NotFound(w, r)
	case resp.File != "":
		b, err := os.ReadFile(filepath.Join("..", "..", resp.File))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(cmp.Or(resp.Status, http.StatusOK))
		w.Write(b)
	default:
		http.Error(w, http.StatusText(resp.Status), resp.Status)
	}
}

// set lays the step's responses over the previous ones.
func (s *drillServer) set(t *testing.T, file string, serve map[string]drillResponse) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for raw, resp := range serve {
		key := strings.TrimPrefix(strings.TrimPrefix(raw, "https://"), "http://")
		if !strings.Contains(key, "/") {
			key += "/"
		}
		if resp.File != "" {
			if _, err := os.Stat(filepath.Join("..", "..", resp.File)); err != nil {
				t.Fatalf("%s: serve %s: %v", file, raw, err)
			}
		}
		s.serve[key] = resp
	}
}

// toServer sends every request to the drill's server, through the fetch
// guard that admits loopback for tests, keeping the Host the adapter
// asked for.
type toServer struct {
	addr string
	next http.RoundTripper
}

func (r toServer) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = "http", r.addr, req.URL.Host
	return r.next.RoundTrip(out)
}

// drillRun is one drill's folders and what the previous step published.
type drillRun struct {
	file, slug                string
	content, data, cache, out string
	rt                        http.RoundTripper
	feedSeen                  map[string]bool
	steps                     int
}

func runDrill(t *testing.T, file, slug string) {
	d := loadDrill(t, file)
	srv := &drillServer{serve: map[string]drillResponse{}}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	r := &drillRun{file: file, slug: slug, content: t.TempDir(), data: t.TempDir(), cache: t.TempDir(), out: t.TempDir(),
		rt:       toServer{addr: strings.TrimPrefix(ts.URL, "http://"), next: fetch.NewTransport(&fetch.Guard{AllowLoopback: true})},
		feedSeen: map[string]bool{}}
	copyFile(t, "testdata/content/categories.yaml", filepath.Join(r.content, "categories.yaml"))
	entry := fmt.Sprintf("name: %s\nurl: %s\nadapter: %s\ncategory: developer-tools\ndescription: An outage drill.\nhomepage: https://example.com/%s\n",
		cmp.Or(d.Provider.Name, "Acme"), d.Provider.URL, d.Provider.Adapter, slug)
	if d.Provider.Adapter == "auto" {
		entry += "source: auto\n"
	}
	if err := os.MkdirAll(filepath.Join(r.content, "providers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.content, "providers", slug+".yaml"), []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, step := range d.Steps {
		srv.set(t, file, step.Serve)
		r.step(t, fmt.Sprintf("step %d %q", i+1, step.Name), &step)
	}
}

// step fetches and builds at the step's time, then checks the outputs.
func (r *drillRun) step(t *testing.T, where string, s *drillStep) {
	t.Helper()
	at := s.At.UTC().Format(time.RFC3339)
	old, err := history.Load(os.DirFS(r.data), r.slug)
	if err != nil {
		t.Fatalf("%s, %s: %v", r.file, where, err)
	}
	fetchOut := ""
	if s.Fetch == nil || *s.Fetch {
		stdout, stderr, code := cliWith(t, r.rt, "fetch", "--content", r.content, "--data", r.data, "--cache", r.cache, "--retries", "0", "--now", at)
		if code == 2 || fetchResult(stdout, r.slug) == "" {
			t.Fatalf("%s, %s: fetch: exit %d\n%s%s", r.file, where, code, stdout, stderr)
		}
		fetchOut = stdout
	}
	cur, err := history.Load(os.DirFS(r.data), r.slug)
	if err != nil {
		t.Fatalf("%s, %s: %v", r.file, where, err)
	}
	if _, stderr, code := cli(t, "build", "--content", r.content, "--data", r.data, "--cache", r.cache, "--out", r.out, "--now", at); code != 0 {
		t.Fatalf("%s, %s: build: exit %d\n%s", r.file, where, code, stderr)
	}
	r.steps++
	if keep := os.Getenv("UPTIMUS_DRILL_KEEP"); keep != "" {
		// To look at a moment of the drill as a reader would: each step's
		// site, for 'uptimus serve --out'.
		copyTree(t, r.out, filepath.Join(keep, r.slug, fmt.Sprintf("step-%02d", r.steps)))
	}
	got := r.observe(t, fetchOut, notify.Diff(old, cur))
	for _, d := range compareDrill(&s.Expect, got) {
		t.Errorf("%s, %s: %s", r.file, where, d)
	}
}

// drillSeen is what the outputs say at one step, in the drill's terms.
type drillSeen struct {
	fetch  string
	api    api.ProviderFileV2
	banner string
	page   string
	// incidentPages is each incident's own page, by id.
	incidentPages map[string]string
	feed          []string
	notify        []string
	incidents     map[string]string
	components    map[string]string
	uptime        map[string]string
}

func (r *drillRun) observe(t *testing.T, fetchOut string, events []notify.Event) *drillSeen {
	t.Helper()
	s := &drillSeen{fetch: fetchResult(fetchOut, r.slug), incidents: map[string]string{}, components: map[string]string{}, uptime: map[string]string{}}
	// Version 2's provider file: version 1's with what it could not gain
	// (status_since_at_least, ...).
	b, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(paths.ProviderJSONv2(r.slug))))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s.api); err != nil {
		t.Fatalf("%s: %v", paths.ProviderJSONv2(r.slug), err)
	}
	all, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(paths.IncidentsJSON(r.slug))))
	if err != nil {
		t.Fatal(err)
	}
	var incs api.IncidentsFile
	if err := json.Unmarshal(all, &incs); err != nil {
		t.Fatal(err)
	}
	for _, in := range incs.Incidents {
		s.incidents[in.ID] = incidentWord(&in)
	}
	// The history is version 1's, which tells an end we observed only by
	// a resolved_at beside the vendor's last word; version 2's index names it.
	idx, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(paths.IncidentsJSONv2(r.slug))))
	if err != nil {
		t.Fatal(err)
	}
	var index api.IncidentsFileV2
	if err := json.Unmarshal(idx, &index); err != nil {
		t.Fatal(err)
	}
	for _, in := range incs.Incidents {
		if slices.Contains(index.ResolvedAsObserved, in.ID) {
			in.ResolvedAsObserved = true
			s.incidents[in.ID] = incidentWord(&in)
		}
	}
	for _, c := range s.api.Components {
		s.components[c.ID] = string(c.Status)
		s.uptime[c.ID] = uptimeWord(c.Uptime)
	}
	for _, u := range s.api.Uptime {
		if u.WindowDays == 90 {
			s.uptime["overall"] = uptimeWord(u)
		}
	}
	page, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(paths.ProviderPage(r.slug)), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s.page = pageText(string(page))
	if m := bannerRE.FindString(string(page)); m != "" {
		s.banner = pageText(m)
	}
	s.incidentPages = map[string]string{}
	for _, in := range incs.Incidents {
		seg, err := paths.Segment(in.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(paths.ProviderPage(r.slug)), "incidents", seg, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		s.incidentPages[in.ID] = pageText(string(b))
	}
	s.feed = r.newFeedItems(t)
	for _, e := range events {
		s.notify = append(s.notify, eventWord(&e))
	}
	return s
}

// incidentWord is an incident's phase, "resolved as observed" when we saw
// it end without the vendor's word.
func incidentWord(in *api.Incident) string {
	if in.ResolvedAsObserved {
		return string(in.Phase) + " as observed"
	}
	return string(in.Phase)
}

func uptimeWord(u api.Uptime) string {
	if !u.Known || u.Percent == nil {
		return "unknown"
	}
	return strconv.FormatFloat(*u.Percent, 'f', -1, 64)
}

// eventWord is "<kind>: <title>", a component event its changes.
func eventWord(e *notify.Event) string {
	if e.Kind != notify.KindComponent {
		w := string(e.Kind) + ": " + e.Title
		if e.ResolvedAsObserved {
			w += " (as observed)"
		}
		if e.Cancelled {
			w += " (cancelled)"
		}
		return w
	}
	var cs []string
	for _, c := range e.Changes {
		cs = append(cs, fmt.Sprintf("%s %s -> %s", c.Component, c.From, c.To))
	}
	return "component: " + strings.Join(cs, ", ")
}

// fetchResult is the RESULT column of the fetch table's row for slug.
func fetchResult(out, slug string) string {
	for line := range strings.Lines(out) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == slug {
			return f[1]
		}
	}
	return ""
}

var (
	bannerRE = regexp.MustCompile(`(?s)<section class="banner[^"]*".*?</section>`)
	// A tag's space never comes before punctuation in the text a reader
	// sees ("<time>Apr 30</time>: ...").
	punctRE = regexp.MustCompile(` ([,.;:!?)])`)
)

// pageText is HTML as a reader sees it: text without tags, spaces folded.
func pageText(h string) string {
	text := strings.Join(strings.Fields(html.UnescapeString(untagged(h))), " ")
	return punctRE.ReplaceAllString(text, "$1")
}

// untagged is h with each tag (from a < to the next >) replaced by a
// space, as `<[^>]*>` would replace it, without a regular expression:
// the pattern, run on every page of every drill step, took a tenth of
// the drills' time under the race detector.
func untagged(h string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(h, '<')
		if open < 0 {
			break
		}
		end := strings.IndexByte(h[open:], '>')
		if end < 0 {
			break // a < with no > after it is text
		}
		b.WriteString(h[:open])
		b.WriteByte(' ')
		h = h[open+end+1:]
	}
	b.WriteString(h)
	return b.String()
}

// newFeedItems are the titles of the provider's updates feed items not in
// an earlier step's feed.
func (r *drillRun) newFeedItems(t *testing.T) []string {
	b, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(paths.UpdatesFeed(r.slug, paths.JSON))))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Items []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range f.Items {
		if !r.feedSeen[it.ID] {
			r.feedSeen[it.ID] = true
			out = append(out, it.Title)
		}
	}
	return out
}

// compareDrill lists every expectation the outputs do not meet, one line
// each, naming the field.
func compareDrill(e *drillExpect, s *drillSeen) []string {
	var diffs []string
	check := func(field, want, got string) {
		if want != "" && want != got {
			diffs = append(diffs, fmt.Sprintf("%s: got %q, want %q", field, got, want))
		}
	}
	check("fetch", e.Fetch, s.fetch)
	check("vendor", e.Vendor, s.api.Vendor)
	check("status", e.Status, string(s.api.Status))
	derived := "no"
	if s.api.StatusDerived {
		derived = cmp.Or(s.api.StatusDerivedReason, "(no reason)")
	}
	check("derived", e.Derived, derived)
	// The status's start is status_since when exact, status_since_at_least
	// (our first check) when only a bound.
	check("since", e.Since, rfc3339(cmp.Or(s.api.StatusSince, s.api.StatusSinceAtLeast)))
	if e.SinceExact != nil && *e.SinceExact == s.api.StatusSince.IsZero() {
		diffs = append(diffs, fmt.Sprintf("since_exact: got %v (status_since %q, status_since_at_least %q), want %v",
			!s.api.StatusSince.IsZero(), rfc3339(s.api.StatusSince), rfc3339(s.api.StatusSinceAtLeast), *e.SinceExact))
	}
	if e.Open != nil {
		var got []string
		for _, in := range s.api.Incidents.Open {
			got = append(got, in.Title)
		}
		checkList(&diffs, "open", *e.Open, got)
	}
	checkMap(&diffs, "incidents", e.Incidents, s.incidents)
	checkMap(&diffs, "components", e.Components, s.components)
	checkMap(&diffs, "uptime", e.Uptime, s.uptime)
	for _, w := range e.Banner {
		if !strings.Contains(s.banner, w) {
			diffs = append(diffs, fmt.Sprintf("banner: lacks %q; it says %q", w, s.banner))
		}
	}
	for _, w := range e.Page {
		if !strings.Contains(s.page, w) {
			diffs = append(diffs, fmt.Sprintf("page: lacks %q%s", w, near(s.page, w)))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(e.IncidentPage)) {
		for _, w := range e.IncidentPage[id] {
			if !strings.Contains(s.incidentPages[id], w) {
				diffs = append(diffs, fmt.Sprintf("incident_page[%s]: lacks %q%s", id, w, near(s.incidentPages[id], w)))
			}
		}
	}
	for _, w := range e.PageNot {
		if strings.Contains(s.page, w) {
			diffs = append(diffs, fmt.Sprintf("page_not: says %q", w))
		}
	}
	if e.Feed != nil {
		checkList(&diffs, "feed", *e.Feed, s.feed)
	}
	if e.Notify != nil {
		checkList(&diffs, "notify", *e.Notify, s.notify)
	}
	return diffs
}

// rfc3339 is t in UTC with its fraction of a second (as the API writes
// it), or "" for the zero time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// checkList compares two lists as sets of lines, in any order.
func checkList(diffs *[]string, field string, want, got []string) {
	w, g := slices.Sorted(slices.Values(want)), slices.Sorted(slices.Values(got))
	if slices.Equal(w, g) {
		return
	}
	*diffs = append(*diffs, fmt.Sprintf("%s:\n\tgot  %q\n\twant %q", field, g, w))
}

// checkMap compares the keys the drill names.
func checkMap(diffs *[]string, field string, want, got map[string]string) {
	for _, k := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[k]
		if !ok {
			g = "(absent)"
		}
		if g != want[k] {
			*diffs = append(*diffs, fmt.Sprintf("%s[%s]: got %q, want %q", field, k, g, want[k]))
		}
	}
}

// near quotes the page around the longest start of want it holds, so that
// a failing page expectation shows what the page says instead.
func near(page, want string) string {
	for n := len(want); n >= 12; n-- {
		if i := strings.Index(page, want[:n]); i >= 0 {
			return fmt.Sprintf("; it says %q", page[i:min(len(page), i+len(want)+40)])
		}
	}
	return ""
}
