package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/internal/testfs"
)

var now = time.Date(2026, 3, 30, 18, 0, 0, 0, time.UTC)

func at(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

func up(id, status string, t time.Time, body string) adapters.Update {
	return adapters.Update{ID: id, Status: status, CreatedAt: t, Body: body}
}

const longTitle = "Database upgrade; phase 2, with a \\ backslash and a very long title that runs past seventy-five octets — ünïcödé ✓✓✓✓✓✓✓✓✓✓✓✓"

func fixture() (*catalog.Catalog, map[string]*history.History) {
	cat := &catalog.Catalog{
		Categories: []catalog.Category{{Slug: "cloud", Name: "Cloud"}, {Slug: "chat", Name: "Chat"}},
		Providers: []catalog.Provider{
			{Slug: "acme", Name: "Acme, Inc.", Category: "cloud", Adapter: "statuspage"},
			{Slug: "other", Name: "Other", Category: "chat", Adapter: "statuspage"},
			{Slug: "nodata", Name: "No data", Category: "chat", Adapter: "statuspage"},
		},
	}
	m := adapters.KindMaintenance
	acme := &history.History{Slug: "acme", Incidents: []adapters.Incident{
		{ID: "m-soon", Kind: m, Title: longTitle, Status: "scheduled", CreatedAt: at(28, 9),
			ScheduledFor: at(31, 22), ScheduledUntil: time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC),
			Components: []adapters.ComponentRef{{ID: "db", Name: "Database"}},
			Updates:    []adapters.Update{up("u1", "scheduled", at(28, 9), "We will upgrade.\nExpect a short outage.")}},
		{ID: "m-now", Kind: m, Title: "Network work", Status: "in_progress", CreatedAt: at(25, 9),
			ScheduledFor: at(30, 16), ScheduledUntil: at(30, 20),
			Updates: []adapters.Update{up("u3", "in_progress", at(30, 16), "Started."), up("u2", "scheduled", at(25, 9), "Planned.")}},
		{ID: "m-done", Kind: m, Title: "Done lately", Status: "completed", CreatedAt: at(20, 9),
			ScheduledFor: at(27, 1), ScheduledUntil: at(27, 3), ResolvedAt: at(27, 3),
			Updates: []adapters.Update{up("u5", "completed", at(27, 3), "Done."), up("u4", "scheduled", at(20, 9), "Planned.")}},
		{ID: "m-called-off", Kind: m, Title: "Called off", Status: "cancelled", CreatedAt: at(26, 9),
			ScheduledFor: at(31, 1), ScheduledUntil: at(31, 3),
			Updates: []adapters.Update{up("u7", "cancelled", at(29, 9), "We no longer need it."), up("u6", "scheduled", at(26, 9), "Planned.")}},
		{ID: "m-old", Kind: m, Title: "Long ago", Status: "completed", CreatedAt: at(1, 9),
			ScheduledFor: at(2, 1), ScheduledUntil: at(2, 3), ResolvedAt: at(2, 3)},
		{ID: "inc-1", Kind: adapters.KindIncident, Title: "Outage", Status: "investigating", CreatedAt: at(30, 17)},
	}}
	other := &history.History{Slug: "other", Incidents: []adapters.Incident{
		{ID: "o-1", Kind: m, Title: "Other window", Status: "scheduled", CreatedAt: at(29, 9),
			ScheduledFor: time.Date(2026, 4, 2, 1, 0, 0, 0, time.UTC), ScheduledUntil: time.Date(2026, 4, 2, 2, 0, 0, 0, time.UTC)},
	}}
	return cat, map[string]*history.History{"acme": acme, "other": other}
}

func build(t *testing.T, cat *catalog.Catalog, hs map[string]*history.History) map[string][]byte {
	t.Helper()
	return buildAt(t, cat, hs, now)
}

func parse(t *testing.T, data []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical: %v\n%s", err, data)
	}
	return cal
}

func TestCalendarsReadBack(t *testing.T) {
	cat, hs := fixture()
	files := build(t, cat, hs)
	for _, name := range []string{"maintenance.ics", "category/cloud/maintenance.ics", "category/chat/maintenance.ics",
		"status/acme/maintenance.ics", "status/other/maintenance.ics", "status/nodata/maintenance.ics"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	data := files["status/acme/maintenance.ics"]
	cal := parse(t, data)
	if v, _ := cal.Props.Text("VERSION"); v != "2.0" {
		t.Errorf("VERSION %q", v)
	}
	if v, _ := cal.Props.Text("PRODID"); v != ProdID {
		t.Errorf("PRODID %q", v)
	}
	type want struct {
		seq           string
		status        string
		start, end    time.Time
		stamp         time.Time
		summaryPrefix string
	}
	wants := map[string]want{
		"tag:example.org,2026:acme/incidents/m-called-off": {"3", "CANCELLED", at(31, 1), at(31, 3), at(29, 9), "Acme, Inc. maintenance: Called off"},
		// Two updates, closed, and begun by the clock at its scheduled start.
		"tag:example.org,2026:acme/incidents/m-done": {"4", "CONFIRMED", at(27, 1), at(27, 3), at(27, 3), "Acme, Inc. maintenance: Done lately"},
		"tag:example.org,2026:acme/incidents/m-now":  {"2", "CONFIRMED", at(30, 16), at(30, 20), at(30, 16), "Acme, Inc. maintenance: Network work"},
		"tag:example.org,2026:acme/incidents/m-soon": {"1", "CONFIRMED", at(31, 22), time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC), at(28, 9), "Acme, Inc. maintenance: " + longTitle},
	}
	events := cal.Events()
	if len(events) != len(wants) {
		t.Fatalf("%d events, want %d (upcoming, in progress, recently completed, cancelled; not the old one nor the incident)", len(events), len(wants))
	}
	for _, ev := range events {
		uid, _ := ev.Props.Text(goical.PropUID)
		w, ok := wants[uid]
		if !ok {
			t.Errorf("unexpected UID %q", uid)
			continue
		}
		if got := ev.Props.Get(goical.PropSequence).Value; got != w.seq {
			t.Errorf("%s: SEQUENCE %s, want %s", uid, got, w.seq)
		}
		if got := ev.Props.Get(goical.PropStatus).Value; got != w.status {
			t.Errorf("%s: STATUS %s, want %s", uid, got, w.status)
		}
		for prop, wt := range map[string]time.Time{goical.PropDateTimeStart: w.start, goical.PropDateTimeEnd: w.end, goical.PropDateTimeStamp: w.stamp} {
			p := ev.Props.Get(prop)
			if p == nil || !strings.HasSuffix(p.Value, "Z") {
				t.Errorf("%s: %s %v not in UTC", uid, prop, p)
				continue
			}
			got, err := p.DateTime(time.UTC)
			if err != nil || !got.Equal(wt) {
				t.Errorf("%s: %s %v (%v), want %v", uid, prop, got, err, wt)
			}
		}
		if s, _ := ev.Props.Text(goical.PropSummary); s != w.summaryPrefix {
			t.Errorf("%s: SUMMARY %q, want %q (escaping must round-trip)", uid, s, w.summaryPrefix)
		}
		if u := ev.Props.Get(goical.PropURL); u == nil || !strings.HasPrefix(u.Value, "https://example.org/uptimus/status/acme/incidents/") {
			t.Errorf("%s: URL %v", uid, u)
		}
	}
	desc, _ := events[0].Props.Text(goical.PropDescription)
	if desc == "" {
		t.Error("no DESCRIPTION")
	}
	// The upcoming window's description keeps its newline through \n.
	for _, ev := range events {
		if uid, _ := ev.Props.Text(goical.PropUID); strings.HasSuffix(uid, "m-soon") {
			d, _ := ev.Props.Text(goical.PropDescription)
			if !strings.Contains(d, "Affects: Database.\nLatest update: We will upgrade.") {
				t.Errorf("m-soon DESCRIPTION %q", d)
			}
		}
	}
	// Raw text: escapes, CRLF and folding.
	raw := strings.ReplaceAll(string(data), "\r\n ", "")
	if !strings.Contains(raw, `Database upgrade\; phase 2\, with a \\ backslash`) {
		t.Errorf("SUMMARY not escaped:\n%s", raw)
	}
	checkLines(t, "status/acme/maintenance.ics", data)
}

// checkLines: every line ends in CRLF, is at most 75 octets, is valid
// UTF-8 (no fold inside a character), and some line was folded.
func checkLines(t *testing.T, name string, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s: does not end in CRLF", name)
	}
	folded := false
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("%s line %d: bare CR or LF: %q", name, i+1, line)
		}
		if len(line) > MaxLine {
			t.Errorf("%s line %d: %d octets: %q", name, i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("%s line %d: folded inside a character: %q", name, i+1, line)
		}
		folded = folded || strings.HasPrefix(line, " ")
	}
	if !folded {
		t.Errorf("%s: no line folded", name)
	}
}

func TestMergedCalendars(t *testing.T) {
	cat, hs := fixture()
	files := build(t, cat, hs)
	count := func(name string) int { return len(parse(t, files[name]).Events()) }
	if n := count("maintenance.ics"); n != 5 {
		t.Errorf("all: %d events, want 5", n)
	}
	if n := count("category/cloud/maintenance.ics"); n != 4 {
		t.Errorf("cloud: %d events, want 4", n)
	}
	if n := count("category/chat/maintenance.ics"); n != 1 {
		t.Errorf("chat: %d events, want 1", n)
	}
	if n := count("status/nodata/maintenance.ics"); n != 0 {
		t.Errorf("nodata: %d events, want 0", n)
	}
	checkLines(t, "maintenance.ics", files["maintenance.ics"])
}

// TestDeterministic: two builds give the same bytes, and a new update to
// one window raises its SEQUENCE and DTSTAMP and nothing else's.
func TestDeterministic(t *testing.T) {
	cat, hs := fixture()
	a, b := build(t, cat, hs), build(t, cat, hs)
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	cat, hs = fixture()
	inc := &hs["acme"].Incidents[0]
	inc.Updates = append([]adapters.Update{up("u9", "scheduled", at(30, 10), "Moved by an hour.")}, inc.Updates...)
	inc.ScheduledFor = at(31, 23)
	c := build(t, cat, hs)
	if bytes.Equal(a["status/other/maintenance.ics"], c["status/other/maintenance.ics"]) == false {
		t.Error("an unchanged provider's calendar changed")
	}
	for _, ev := range parse(t, c["status/acme/maintenance.ics"]).Events() {
		uid, _ := ev.Props.Text(goical.PropUID)
		if strings.HasSuffix(uid, "m-soon") {
			if s := ev.Props.Get(goical.PropSequence).Value; s != "2" {
				t.Errorf("changed window: SEQUENCE %s, want 2", s)
			}
			if s := ev.Props.Get(goical.PropDateTimeStamp).Value; s != "20260330T100000Z" {
				t.Errorf("changed window: DTSTAMP %s", s)
			}
		}
	}
}

// buildAt builds the fixture's calendars at the clock given.
func buildAt(t *testing.T, cat *catalog.Catalog, hs map[string]*history.History, clock time.Time) map[string][]byte {
	t.Helper()
	dir := buildtest.Dir(t, func(pub *publish.Publisher) error {
		b, err := New(Options{Catalog: cat, Now: clock, BaseURL: "https://example.org/uptimus/"}, pub)
		if err != nil {
			return err
		}
		in := buildtest.Inputs{Catalog: cat, Histories: hs, Now: clock}
		return in.Run(func(p *catalog.Provider, h *history.History, _ model.State) error { return b.Provider(p, h, false) }, b.Finish)
	})
	return testfs.Tree(t, dir)
}

// eventOf is the event of the window id in a calendar.
func eventOf(t *testing.T, data []byte, id string) *goical.Event {
	t.Helper()
	for _, ev := range parse(t, data).Events() {
		if uid, _ := ev.Props.Text(goical.PropUID); strings.HasSuffix(uid, "/incidents/"+id) {
			return &ev
		}
	}
	t.Fatalf("no event for %s in\n%s", id, data)
	return nil
}

// A window the vendor never closes turns TENTATIVE "(stale)" when its
// schedule ends, by the clock alone: that build must number and date the
// change, or calendar clients keep what they showed. Builds on either side
// of the change, with nothing else changed, write the same bytes.
func TestClockChangeIsARevision(t *testing.T) {
	cat, hs := fixture()
	// m-now runs 16:00 to 20:00 on the 30th and is never closed.
	before, beforeToo := buildAt(t, cat, hs, at(30, 19)), buildAt(t, cat, hs, at(30, 19).Add(59*time.Minute))
	after, afterToo := buildAt(t, cat, hs, at(30, 21)), buildAt(t, cat, hs, at(30, 23))
	const name = "status/acme/maintenance.ics"
	if !bytes.Equal(before[name], beforeToo[name]) || !bytes.Equal(after[name], afterToo[name]) {
		t.Error("a build at another clock with nothing changed wrote other bytes")
	}
	was, is := eventOf(t, before[name], "m-now"), eventOf(t, after[name], "m-now")
	get := func(ev *goical.Event, prop string) string { return ev.Props.Get(prop).Value }
	if get(was, goical.PropStatus) != "CONFIRMED" || get(is, goical.PropStatus) != "TENTATIVE" {
		t.Fatalf("STATUS %s then %s, want CONFIRMED then TENTATIVE", get(was, goical.PropStatus), get(is, goical.PropStatus))
	}
	if d, _ := is.Props.Text(goical.PropDescription); !strings.Contains(d, "(stale)") {
		t.Errorf("DESCRIPTION %q does not say stale", d)
	}
	if get(was, goical.PropSequence) != "2" || get(is, goical.PropSequence) != "3" {
		t.Errorf("SEQUENCE %s then %s, want 2 then 3", get(was, goical.PropSequence), get(is, goical.PropSequence))
	}
	for _, prop := range []string{goical.PropLastModified, goical.PropDateTimeStamp} {
		if get(was, prop) != "20260330T160000Z" || get(is, prop) != "20260330T200000Z" {
			t.Errorf("%s %s then %s, want the last update, then the schedule's end", prop, get(was, prop), get(is, prop))
		}
	}
	// Closing it later never lowers the SEQUENCE it reached.
	inc := &hs["acme"].Incidents[1]
	inc.Status, inc.ResolvedAt = "completed", at(30, 22)
	closed := eventOf(t, buildAt(t, cat, hs, at(30, 23))[name], "m-now")
	if seq := get(closed, goical.PropSequence); seq <= "3" || len(seq) != 1 || get(closed, goical.PropStatus) != "CONFIRMED" {
		t.Errorf("closed: SEQUENCE %s STATUS %s, want more than 3, CONFIRMED", seq, get(closed, goical.PropStatus))
	}
}

// A window the vendor cancelled, or withdrew, is CANCELLED and says why.
func TestCancelledEvents(t *testing.T) {
	cat, hs := fixture()
	w := &hs["other"].Incidents[0]
	w.WithdrawnAt = at(30, 12)
	files := build(t, cat, hs)
	ev := eventOf(t, files["status/other/maintenance.ics"], "o-1")
	if s := ev.Props.Get(goical.PropStatus).Value; s != "CANCELLED" {
		t.Errorf("withdrawn: STATUS %s", s)
	}
	if s := ev.Props.Get(goical.PropSequence).Value; s != "1" {
		t.Errorf("withdrawn: SEQUENCE %s, want 1 (no update, then withdrawn)", s)
	}
	if s := ev.Props.Get(goical.PropLastModified).Value; s != "20260330T120000Z" {
		t.Errorf("withdrawn: LAST-MODIFIED %s, want when it was withdrawn", s)
	}
	if d, _ := ev.Props.Text(goical.PropDescription); !strings.Contains(d, "Cancelled. The provider withdrew") {
		t.Errorf("withdrawn: DESCRIPTION %q", d)
	}
	called := eventOf(t, files["status/acme/maintenance.ics"], "m-called-off")
	if d, _ := called.Props.Text(goical.PropDescription); !strings.Contains(d, "Cancelled. The provider cancelled this maintenance before it was due to start.") {
		t.Errorf("called off: DESCRIPTION %q", d)
	}
}

func TestListed(t *testing.T) {
	_, hs := fixture()
	got := map[string]bool{}
	for i := range hs["acme"].Incidents {
		inc := &hs["acme"].Incidents[i]
		got[inc.ID] = Listed(inc, now)
	}
	want := map[string]bool{"m-soon": true, "m-now": true, "m-done": true, "m-called-off": true, "m-old": false, "inc-1": false}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("Listed(%s) = %v, want %v", id, got[id], w)
		}
	}
	// A completed window leaves the calendar Recent after its end.
	done := hs["acme"].Incidents[2]
	if Listed(&done, at(27, 3).Add(Recent+time.Hour)) {
		t.Error("completed window still listed after Recent")
	}
}

func TestFoldAndEscape(t *testing.T) {
	if got := Escape("a\\b;c,d\ne"); got != `a\\b\;c\,d\ne` {
		t.Errorf("Escape = %q", got)
	}
	var buf bytes.Buffer
	fold(&buf, "X:"+strings.Repeat("é", 100))
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > MaxLine || !utf8.ValidString(line) {
			t.Errorf("bad folded line %q (%d octets)", line, len(line))
		}
	}
	unfolded := strings.ReplaceAll(buf.String(), "\r\n ", "")
	if unfolded != "X:"+strings.Repeat("é", 100)+"\r\n" {
		t.Errorf("unfolding does not give the line back: %q", unfolded)
	}
}

// A window an active-only page stopped listing is told as completed as
// observed, not with the vendor's last lifecycle word alone.
func TestDescriptionSaysCompletedAsObserved(t *testing.T) {
	p := &catalog.Provider{Name: "Acme"}
	in := &adapters.Incident{Kind: adapters.KindMaintenance, Status: "in_progress", ResolvedAt: time.Date(2026, 11, 28, 10, 45, 0, 0, time.UTC)}
	if got := description(p, in, model.PhaseCompleted, "https://x/"); !strings.HasPrefix(got, "Acme: In progress (completed).") {
		t.Errorf("vendor's word: %q", got)
	}
	in.ResolvedAsObserved = true
	if got := description(p, in, model.PhaseCompleted, "https://x/"); !strings.HasPrefix(got, "Acme: Completed as observed") {
		t.Errorf("completed as observed: %q", got)
	}
}
