package site

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
)

// bannerOf is the live banner of a built provider page.
func bannerOf(t *testing.T, doc string) string {
	t.Helper()
	i := indexOf(t, doc, `<section class="banner`)
	return doc[i : i+indexOf(t, doc[i:], `</section>`)]
}

func indexOf(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not found", sub)
	}
	return i
}

// A component-only outage: a child at major outage in a group the vendor
// left operational, no incident open. The group and the child both read
// down, and the banner says what is down and for how long (Jul 30 14:05
// to the build's 18:00).
func TestBannerNamesTheComponentsDown(t *testing.T) {
	opt := fixtureOptions()
	h := opt.Histories["acme"]
	h.Incidents = slices.DeleteFunc(h.Incidents, func(inc adapters.Incident) bool { return inc.Kind != adapters.KindMaintenance })
	// The vendor's word is the headline; the component that went down at
	// its level dates it.
	h.State.Status = adapters.MajorOutage
	for i := range h.State.Components {
		switch c := &h.State.Components[i]; c.ID {
		case "g1":
			c.Status = adapters.Operational
		case "ws":
			c.Status = adapters.MajorOutage
		}
	}
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/acme/index.html")
	banner := bannerOf(t, doc)
	mustContain(t, "banner", banner,
		`<p class="cause"><span class="for">For <span data-elapsed="2026-07-30T14:05:00Z">3 h 55 min</span></span> · Major outage: <strong>WebSocket API (Channels)</strong></p>`)
	// The group's own line, collapsed or not, reads the child's state.
	mustContain(t, "acme", doc, `<details class="cgroup" open><summary><span class="cname">Channels<`)
	group := doc[indexOf(t, doc, `<details class="cgroup"`):]
	group = group[:indexOf(t, group, `</summary>`)]
	mustContain(t, "group row", group, `Major outage`)
}

// With no component down, the banner names the open incident; with none
// either, the maintenance in progress; with nothing at all, it says that
// the official page names nothing.
func TestBannerNamesIncidentOrMaintenance(t *testing.T) {
	opt := fixtureOptions()
	h := opt.Histories["acme"]
	for i := range h.State.Components {
		h.State.Components[i].Status = adapters.Operational
	}
	dir, _ := build(t, opt)
	mustContain(t, "incident", bannerOf(t, readFile(t, dir, "status/acme/index.html")),
		`Open incident: <a href="/uptimus/status/acme/incidents/inc-open/">Elevated WebSocket errors in EU</a></p>`)

	opt = fixtureOptions()
	v, err := newProviderView(&opt.Catalog.Providers[0], opt.Catalog, opt.Histories["acme"], model.StateOf(opt.Histories["acme"], model.Check{}, true, opt.Now), opt.Now, paths.Links{})
	if err != nil {
		t.Fatal(err)
	}
	v.Open = nil
	if c := causeOf(v, nil, nil); c.Maint == nil || c.Maint.ID != "m-now" || c.Count != 1 {
		t.Errorf("cause without components or incidents = %+v, want the running window", c)
	}
	v.MaintActive = nil
	if c := causeOf(v, nil, nil); !c.Unnamed {
		t.Errorf("cause of a bare status = %+v, want Unnamed", c)
	}
	v.Status = adapters.Operational
	if c := causeOf(v, nil, nil); c.Any() {
		t.Errorf("an operational provider has a cause: %+v", c)
	}
}

// Maintenance starting within 7 days is on the first screen, inside the
// banner; one starting later is not.
func TestBannerAnnouncesMaintenanceThisWeek(t *testing.T) {
	opt := fixtureOptions()
	h := opt.Histories["acme"]
	later := adapters.Incident{ID: "m-later", Kind: adapters.KindMaintenance, Title: "Far away", Impact: adapters.ImpactMaintenance,
		Status: "scheduled", CreatedAt: at(25, 0, 0), ScheduledFor: fixtureNow.Add(8 * 24 * time.Hour)}
	sixDays := adapters.Incident{ID: "m-six", Kind: adapters.KindMaintenance, Title: "Six days out", Impact: adapters.ImpactMaintenance,
		Status: "scheduled", CreatedAt: at(25, 0, 0), ScheduledFor: fixtureNow.Add(6 * 24 * time.Hour)}
	h.Incidents = append(h.Incidents, later, sixDays)
	dir, _ := build(t, opt)
	banner := bannerOf(t, readFile(t, dir, "status/acme/index.html"))
	mustContain(t, "banner", banner, `<p class="soon">Maintenance planned <time datetime="2026-07-31T02:00:00Z">Jul 31, 2026, 02:00 UTC</time> (in <span data-until="2026-07-31T02:00:00Z">8 h</span>): <a href="/uptimus/status/acme/incidents/m-soon/">Database upgrade</a> and 1 more within 7 days</p>`)
	mustNotContain(t, "banner", banner, "Far away")

	// A window still called upcoming after its planned start (Slack dates
	// one by its announcement) gives no countdown to a past time.
	h.Incidents = append(h.Incidents, adapters.Incident{ID: "m-due", Kind: adapters.KindMaintenance, Title: "Overdue", Impact: adapters.ImpactMaintenance,
		Status: "scheduled", CreatedAt: fixtureNow.Add(-time.Hour)})
	dir, _ = build(t, opt)
	banner = bannerOf(t, readFile(t, dir, "status/acme/index.html"))
	mustContain(t, "banner", banner, `(its planned start has passed; not yet marked in progress): <a href="/uptimus/status/acme/incidents/m-due/">Overdue</a>`)
	mustNotContain(t, "banner", banner, "(in <span", "(in )")
}

// The record, worked out by hand for acme at Jul 30 18:00, knowledge from
// Jul 1 00:00 (29.75 of the 30 and 90 days): inc-old Jul 3 08:00-08:45,
// the login failures Jul 12 09:00-11:14, inc-open from 14:00 to now: 3
// incidents over 45 min + 2 h 14 min + 4 h = 6 h 59 min, written as every
// other duration on the site (words.Duration); one is open.
func TestRecordByHand(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", doc,
		"<div><dt>Last incident</dt><dd>Open now</dd></div>",
		"<div><dt>Last 30 days</dt><dd>3 incidents over 6 h 59 min<span class=\"fnote\">29.7 of 30 days known</span></dd></div>",
		"<div><dt>Last 90 days</dt><dd>3 incidents over 6 h 59 min<span class=\"fnote\">29.7 of 90 days known</span></dd></div>")
	// The FAQ says how often we check.
	mustContain(t, "acme", doc, "<dt>How often does Uptimus check Acme Cloud?</dt><dd>Every 15 minutes:")
}

func TestPossessive(t *testing.T) {
	for name, want := range map[string]string{"GitHub": "GitHub's", "Amazon Web Services": "Amazon Web Services'", "AWS": "AWS'"} {
		if got := possessive(name); got != want {
			t.Errorf("possessive(%q) = %q, want %q", name, got, want)
		}
	}
}

// The page's uptime covers whole UTC days up to the start of the build's
// day, as the API's figure does, and says so.
func TestUptimeWindowEndsAtMidnightAsTheAPIs(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	mustContain(t, "acme", readFile(t, dir, "status/acme/index.html"),
		` to <time datetime="2026-07-30T00:00:00Z">Jul 30, 2026, 00:00 UTC</time>: whole UTC days up to the start of today, as in the JSON API (`)
}

// Components a vendor without an overall status builds from its incident
// text (AWS, Google Cloud) are not said to be listed on the official page.
func TestDerivedComponentsSayWhereTheyComeFrom(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{"statuspage": {Title: "Atlassian Statuspage", Components: true, Maintenance: true, Timeline: true}}
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", doc, `<h2 id="components">Components</h2><p class="muted small">As named in the official page's incidents</p>`,
		"The official page lists no components: these are the services and regions its incidents named")
	mustNotContain(t, "acme", doc, "As listed on the official page")
}

// A window the vendor never closed, its schedule long over, is not listed
// as completed: it stands under its own heading that says what is known.
func TestUnclosedMaintenanceIsNotCompleted(t *testing.T) {
	opt := fixtureOptions()
	h := opt.Histories["acme"]
	h.Incidents = append(h.Incidents, adapters.Incident{ID: "m-open", Kind: adapters.KindMaintenance, Title: "Forgotten window",
		Impact: adapters.ImpactMaintenance, Status: "scheduled", CreatedAt: at(5, 0, 0), ScheduledFor: at(6, 1, 0), ScheduledUntil: at(6, 3, 0)})
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/acme/index.html")
	maint := doc[indexOf(t, doc, `<h2 id="maintenance">`):]
	maint = maint[:indexOf(t, maint, `</section>`)]
	unclosed := indexOf(t, maint, `<h3 class="subhead">Never marked completed</h3>`)
	done := indexOf(t, maint, `<h3 class="subhead">Completed</h3>`)
	forgotten := indexOf(t, maint, "Forgotten window")
	if !(unclosed < forgotten && forgotten < done) {
		t.Errorf("the unclosed window is not under its own heading, before the completed ones:\n%s", maint)
	}
	mustContain(t, "maintenance", maint, "never marked them completed, so whether the work finished is not known")
}

// When the one provider with data is out of date and the others have none
// yet, the home page does not say every provider is out of date.
func TestHomeSaysHowManyAreOutOfDate(t *testing.T) {
	opt := fixtureOptions()
	delete(opt.Histories, "pusher")
	opt.Checks = map[string]model.Check{"acme": {LastAttempt: at(30, 17, 0), LastOK: at(30, 9, 0), LastError: "fetch: 503", LastHTTPStatus: 503}}
	dir, _ := build(t, opt)
	home := readFile(t, dir, "index.html")
	mustContain(t, "home", home, "<strong>No current status</strong><p>Our data on the 1 provider collected so far is out of date: our latest checks of its official page failed. 2 have not been collected yet.</p>")
	mustNotContain(t, "home", home, "Our data on every provider")
}

// The elapsed time counts from the status's start, says "at least" where
// that start is only our first check, and is left out where that check
// was just now, or where there is nothing to time.
func TestElapsed(t *testing.T) {
	now := at(30, 18, 0)
	v := &providerView{Status: adapters.PartialOutage, Since: at(30, 15, 47)}
	if got := elapsed(v, now); got != "2 h 13 min" {
		t.Errorf("elapsed = %q, want 2 h 13 min", got)
	}
	v.SinceAtLeast, v.Since = true, now.Add(-30*time.Second)
	if got := elapsed(v, now); got != "" {
		t.Errorf("elapsed since a check just now = %q, want none", got)
	}
	v.SinceAtLeast, v.Since, v.Status = false, at(30, 15, 47), adapters.Operational
	if got := elapsed(v, now); got != "" {
		t.Errorf("elapsed of an operational status = %q, want none", got)
	}
}
