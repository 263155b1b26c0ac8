package site

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/templates"
)

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Minute, ""},
		{0, "0 min"},
		{59 * time.Second, "< 1 min"},
		{time.Minute, "1 min"},
		{45 * time.Minute, "45 min"},
		{2*time.Hour + 14*time.Minute + 59*time.Second, "2 h 14 min"},
		{3 * time.Hour, "3 h"},
		{26*time.Hour + 5*time.Minute, "1 d 2 h"},
		{48*time.Hour + 7*time.Minute, "2 d 7 min"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.d); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestTimeHTML(t *testing.T) {
	berlin := time.FixedZone("CEST", 2*3600)
	got := timeHTML(time.Date(2026, 7, 30, 16, 5, 0, 0, berlin))
	want := `<time datetime="2026-07-30T14:05:00Z">Jul 30, 2026, 14:05 UTC</time>`
	if string(got) != want {
		t.Errorf("timeHTML = %s, want %s", got, want)
	}
	if timeHTML(time.Time{}) != "" || dateHTML(time.Time{}) != "" {
		t.Error("zero time must render empty")
	}
}

func TestLabels(t *testing.T) {
	if got := string(statusBadge("/static/icons.svg", "evil\" onload=\"x")); !strings.Contains(got, `class="badge s-unknown"`) || strings.Contains(got, "onload") {
		t.Errorf("bad status word leaked into markup: %s", got)
	}
	if got := string(impactBadge("/static/icons.svg", adapters.ImpactCritical)); !strings.Contains(got, "s-major_outage") || !strings.Contains(got, "Critical impact") {
		t.Errorf("impactBadge = %s", got)
	}
	// Every symbol the pages name is in the sprite, and nothing else is.
	sprite, err := templates.FS.ReadFile("static/icons.svg")
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`<symbol id="([a-z_]+)"`).FindAllStringSubmatch(string(sprite), -1)
	inSprite := map[string]bool{}
	for _, m := range ids {
		inSprite[m[1]] = true
	}
	delete(inSprite, "logo") // the header's, named in shell.go
	if !maps.Equal(inSprite, iconNames) {
		t.Errorf("sprite symbols %v, pages use %v", inSprite, iconNames)
	}
	for _, s := range adapters.Statuses {
		if !iconNames[string(s)] {
			t.Errorf("no icon for %s", s)
		}
	}
}

// The schedule is the best evidence when the vendor's word lags: a window
// whose start has passed while it still says "scheduled" is running, and
// one whose end has passed is over, whatever it says.
func TestMaintenancePhase(t *testing.T) {
	now := at(30, 12, 0)
	const done, upcoming, active = "done", "upcoming", "active"
	tests := []struct {
		name string
		inc  adapters.Incident
		last time.Time
		want string
	}{
		{"completed", adapters.Incident{Status: "completed", ResolvedAt: at(29, 0, 0)}, at(29, 0, 0), done},
		{"upcoming", adapters.Incident{Status: "scheduled", ScheduledFor: at(31, 0, 0), ScheduledUntil: at(31, 2, 0)}, at(20, 0, 0), upcoming},
		{"in progress", adapters.Incident{Status: "in_progress", ScheduledFor: at(30, 11, 0), ScheduledUntil: at(30, 13, 0)}, at(30, 11, 0), active},
		{"started by schedule", adapters.Incident{Status: "scheduled", ScheduledFor: at(30, 11, 0), ScheduledUntil: at(30, 13, 0)}, at(20, 0, 0), active},
		{"window over, never closed", adapters.Incident{Status: "scheduled", ScheduledFor: at(1, 0, 0), ScheduledUntil: at(1, 2, 0)}, at(1, 0, 0), done},
		{"no end, long silent", adapters.Incident{Status: "in_progress", ScheduledFor: at(1, 0, 0)}, at(1, 0, 0), done},
		{"no end, recent", adapters.Incident{Status: "in_progress", ScheduledFor: at(29, 0, 0)}, at(29, 0, 0), active},
	}
	for _, tt := range tests {
		tt.inc.ID, tt.inc.Kind, tt.inc.UpdatedAt = "m", adapters.KindMaintenance, tt.last
		r, err := newIncidentRow(&providerView{Slug: "acme"}, &tt.inc, now, paths.Links{})
		if err != nil {
			t.Fatal(err)
		}
		got := done
		switch {
		case r.Ongoing:
			got = active
		case r.Scheduled:
			got = upcoming
		}
		if got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestStaleIncidentIsNotOngoing(t *testing.T) {
	opt := fixtureOptions()
	opt.Now = at(30, 18, 0).Add(8 * 24 * time.Hour)
	v, err := newProviderView(&opt.Catalog.Providers[0], opt.Catalog, opt.Histories["acme"], model.StateOf(opt.Histories["acme"], model.Check{}, true, opt.Now), opt.Now, paths.Links{})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Open) != 0 || v.Attention() && v.Counts.Open != 0 {
		t.Errorf("open = %d, want 0 after 8 silent days", len(v.Open))
	}
	for _, r := range v.Incidents {
		if r.ID == "inc-open" && (!r.Stale || r.Ongoing) {
			t.Errorf("inc-open: stale %v ongoing %v", r.Stale, r.Ongoing)
		}
	}
}

func TestComponentBlocks(t *testing.T) {
	g := func(id string, pos int) history.ComponentState {
		c := comp(id, "G"+id, "", pos, adapters.Operational, time.Time{})
		c.Group = true
		return c
	}
	orphan := comp("o", "Orphan", "gone", 0, adapters.Degraded, time.Time{})
	gone := comp("r", "Removed", "", 1, adapters.Operational, time.Time{})
	gone.RemovedAt = at(1, 0, 0)
	blocks := componentBlocks([]history.ComponentState{
		comp("c2", "Child two", "g1", 2, adapters.Operational, time.Time{}),
		g("g2", 3),
		comp("s1", "Solo", "", 2, "", time.Time{}),
		comp("c1", "Child one", "g1", 1, adapters.Operational, time.Time{}),
		g("g1", 1),
		comp("c3", "Child", "g2", 1, adapters.Operational, time.Time{}),
		orphan, gone,
	})
	var got []string
	for _, b := range blocks {
		line := "-"
		if b.Group != nil {
			line = b.Group.Name
		}
		for _, r := range b.Rows {
			line += "," + r.Name
		}
		got = append(got, line)
	}
	want := []string{"-,Orphan", "Gg1,Child one,Child two", "-,Solo", "Gg2,Child"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("blocks = %q, want %q", got, want)
	}
}

func TestLatestIncidentsAcrossProviders(t *testing.T) {
	row := func(id string, day int) *incidentRow { return &incidentRow{ID: id, Start: at(day, 0, 0)} }
	a := &providerView{Slug: "a", Recent: []*incidentRow{row("a1", 20), row("a2", 10)}}
	b := &providerView{Slug: "b", Recent: []*incidentRow{row("b1", 25), row("b2", 5)}}
	var many []*incidentRow
	for i := range 12 {
		many = append(many, row(fmt.Sprintf("c%02d", i), 1))
	}
	c := &providerView{Slug: "c", Recent: many}
	got := latestIncidents([]*providerView{a, b, c})
	if len(got) != latestShown {
		t.Fatalf("%d items, want %d", len(got), latestShown)
	}
	var ids []string
	for _, it := range got[:5] {
		ids = append(ids, it.Provider.Slug+"/"+it.Row.ID)
	}
	if want := "b/b1 a/a1 a/a2 b/b2 c/c00"; strings.Join(ids, " ") != want {
		t.Errorf("order = %v, want %s", ids, want)
	}
}

func TestNum(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1262: "1,262", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := num(n); got != want {
			t.Errorf("num(%d) = %q, want %q", n, got, want)
		}
	}
	if got := plural(1262, "online service", "online services"); got != "1,262 online services" {
		t.Errorf("plural = %q", got)
	}
}

// "Is it down?" and the banner say what the status comes from truthfully
// in every combination of open incidents and running maintenance, for a
// vendor that publishes an overall status and for one that does not.
func TestDownAnswerTellsWhatTheStatusComesFrom(t *testing.T) {
	outage := &incidentRow{Title: "Outage", Impact: adapters.ImpactMajor}
	work := &incidentRow{Title: "Upgrade", Kind: adapters.KindMaintenance}
	for _, derived := range []bool{true, false} {
		for _, open := range []bool{false, true} {
			for _, maint := range []bool{false, true} {
				v := &providerView{Name: "Acme", Derived: derived, Status: adapters.Operational}
				if derived {
					v.Reason = model.ReasonNoVendorStatus
				} else {
					v.StatusText = "All Systems Operational"
				}
				if open {
					v.Open, v.Status = []*incidentRow{outage}, adapters.PartialOutage
				}
				if maint {
					v.MaintActive = []*incidentRow{work}
					v.Status = adapters.Worst(v.Status, adapters.Maintenance)
				}
				a := v.downAnswer()
				name := fmt.Sprintf("derived %v, open %v, maintenance %v: %s", derived, open, maint, a)
				says := func(phrase string, want bool) {
					if strings.Contains(a, phrase) != want {
						t.Errorf("%s: saying %q is %v", name, phrase, !want)
					}
				}
				says("One incident is open: Outage.", open)
				says("No incident is open.", !open && !(derived && !maint))
				says("Maintenance is in progress: Upgrade.", maint)
				says("worst impact of its open incidents", derived && open && !maint)
				says("worst of its open incidents and the maintenance in progress", derived && open && maint)
				says("so this is the maintenance in progress", derived && !open && maint)
				says("it lists no open incident and no maintenance in progress", derived && !open && !maint)
				if derived && !strings.Contains(a, v.DerivedReason()) {
					t.Errorf("%s: the banner's reason %q is not the answer's", name, v.DerivedReason())
				}
			}
		}
	}
}

// A vendor with no overall status whose incidents were left open past the
// silence rule lists none open, and the reason says the unclosed ones
// are on the page, so the two do not read as a contradiction.
func TestDerivedReasonPointsToUnclosed(t *testing.T) {
	v := &providerView{Name: "AWS", Derived: true, Reason: model.ReasonNoVendorStatus, Status: adapters.Operational}
	if got := v.DerivedReason(); strings.Contains(got, "never closed") {
		t.Errorf("no unclosed incident: %q", got)
	}
	v.Unclosed = []*incidentRow{{Title: "a"}, {Title: "b"}}
	if got, want := v.DerivedReason(), "lists no open incident and no maintenance in progress; 2 incidents it never closed are below"; !strings.Contains(got, want) {
		t.Errorf("reason = %q, want it to say %q", got, want)
	}
	v.Unclosed = v.Unclosed[:1]
	if got, want := v.DerivedReason(), "; 1 incident it never closed is below"; !strings.HasSuffix(got, want) {
		t.Errorf("reason = %q, want it to end %q", got, want)
	}
}

// When the vendor's own status says less than its page lists, the reason
// names what overrules it, quoting the vendor's words when it has some.
func TestDerivedReasonOverruled(t *testing.T) {
	outage := &incidentRow{Title: "Outage", Impact: adapters.ImpactMajor}
	tests := []struct {
		reason model.Reason
		text   string
		open   []*incidentRow
		want   string
	}{
		{model.ReasonIncidents, "All Systems Operational", []*incidentRow{outage, outage},
			"the official page says “All Systems Operational”, yet it lists 2 open incidents, so this is the worst impact among them"},
		{model.ReasonComponents, "", nil, "the official page gives no overall status now, but it shows components in a worse state, so this is the worst of them"},
		{model.ReasonMaintenance, "All Systems Operational", nil, "the official page says “All Systems Operational”, yet it lists maintenance in progress"},
		{model.ReasonPageStatus, "", nil, "the official page shows no overall status we can read, so this is the worst state of its components, open incidents and maintenance in progress"},
	}
	for _, tt := range tests {
		v := &providerView{Name: "Acme", Derived: true, Reason: tt.reason, StatusText: tt.text, Open: tt.open, Status: adapters.MajorOutage}
		if tt.text != "" {
			v.VendorStatus = adapters.Operational
		}
		if got := v.DerivedReason(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.reason, got, tt.want)
		}
		if a := v.downAnswer(); !strings.Contains(a, tt.want) || len(tt.open) == 0 && !strings.Contains(a, "No incident is open.") {
			t.Errorf("%s: answer %q", tt.reason, a)
		}
	}
	v := &providerView{Derived: true, Reason: model.ReasonMaintenance, VendorStatus: adapters.Operational}
	if got, want := v.DerivedReason(), "the official page's overall status reads operational, yet it lists maintenance in progress"; got != want {
		t.Errorf("without the vendor's words: %q, want %q", got, want)
	}
}
