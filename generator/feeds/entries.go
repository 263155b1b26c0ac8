package feeds

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
)

// Feed and item ids are tag URIs (RFC 4151) minted by paths.Links.Tag under
// the site's own host, so only the publisher mints them; they depend on the
// host, the provider slug and the vendor's ids, never on the build or the
// site's path on its host:
//
//	feed items:   tag:<host>,2026:<slug>/incidents/<id-segment>
//	update items: tag:<host>,2026:<slug>/incidents/<id-segment>/updates/<update-segment>
//	feeds:        tag:<host>,2026:feeds/<path of the feed without extension>
//
// <id-segment> is the incident page's path segment (the id with every byte
// outside [A-Za-z0-9_-] written as ".XX"), so an item's id and its page URL
// name the incident the same way; <update-segment> is paths.UpdateSegment,
// which the page's anchor of the update ends with too.

// MaxItems bounds the merged feeds (every provider, a category) to their
// newest entries; ProviderItems bounds a provider's own feeds and its
// components'. A reader polling a provider's feed even daily misses none
// of 10 (a busy provider has a few incidents a week); feed items are a
// large share of a site's bytes, so every one counts (docs/performance.md
// has the budget).
const (
	MaxItems      = 50
	ProviderItems = 10
)

// entry is one feed item, independent of format.
type entry struct {
	ID    string
	Title string
	// Link is the absolute URL of the item's page.
	Link string
	// Summary is plain text; content() is safe HTML. clean completes it
	// with the excerpt of latest, after sep: an excerpt parses the body's
	// markdown, and most entries of a long history never reach a feed.
	Summary string
	latest  string
	sep     string
	// excerpts are the provider's (model.State), until clean or the
	// provider's feeds are written.
	excerpts  *model.Excerpts
	Published time.Time
	Updated   time.Time
	Tags      []string
	// components holds the ids (and, for refs without one, "name:"+name)
	// of the components the incident affected, for component feeds.
	components map[string]bool

	// html builds the content; most entries of a long history never reach
	// a feed (each holds the newest MaxItems), so it runs only when needed,
	// once. Each format's encoding of the item is kept the same way.
	html  func() string
	once  sync.Once
	body  string
	items [3]encodedItem
	brief encodedItem
	// cleaned guards clean, which every format's encoding runs first.
	cleaned sync.Once
}

type encodedItem struct {
	once sync.Once
	b    []byte
	err  error
}

// content is the item's safe HTML, without the control characters that
// model.Clean removes (XML 1.0 forbids most of them; the W3C Feed Validator
// rejects C1 ones as mis-encoded text).
func (e *entry) content() string {
	e.once.Do(func() { e.body = model.Clean(e.html()) })
	return e.body
}

// clean passes every text field of the item through model.Clean. It runs
// where the item is encoded, the one way into any feed, so no text reaches
// a feed uncleaned however the entry was built.
func (e *entry) clean() {
	if e.latest != "" {
		if line := model.Clean(e.excerpts.Of(e.latest)); line != "" {
			e.Summary += e.sep + line
		}
		e.latest, e.excerpts = "", nil
	}
	e.Title = model.Clean(e.Title)
	e.Summary = model.Clean(e.Summary)
	for i, t := range e.Tags {
		e.Tags[i] = model.Clean(t)
	}
}

// encoded is the item in one format, as it appears inside a feed document.
func (e *entry) encoded(f paths.Format) ([]byte, error) {
	i := slices.Index(paths.Formats, f)
	if i < 0 {
		return nil, fmt.Errorf("unknown format %q", f)
	}
	e.cleaned.Do(e.clean)
	it := &e.items[i]
	it.once.Do(func() {
		switch f {
		case paths.RSS:
			it.b = e.rssItem()
		case paths.Atom:
			it.b = e.atomEntry()
		default:
			it.b, it.err = jsonBytes(e.jsonItem())
		}
	})
	return it.b, it.err
}

// briefEncoded is the item without its content, for brief feeds: the
// summary says what happened and the link leads to the whole story.
func (e *entry) briefEncoded(f paths.Format) ([]byte, error) {
	if f != paths.RSS {
		return nil, fmt.Errorf("brief items are RSS only, not %q", f)
	}
	e.cleaned.Do(e.clean)
	e.brief.once.Do(func() { e.brief.b = e.rssBrief() })
	return e.brief.b, nil
}

// entries builds one entry per incident and maintenance window of a
// provider, and, withUpdates, one per update of them, newest first, as many
// as a feed holds (a provider whose feeds are kept needs only its items, for
// the merged feeds). Entries without any known time are left out of feeds
// (a feed item needs a date); they stay on the pages and in the JSON.
func entries(p *catalog.Provider, list []adapters.Incident, tx *itemText, now time.Time, l paths.Links, withUpdates bool) (items, updates []*entry, err error) {
	var refs []updateRef
	for i := range list {
		// A copy of its own, so that the few entries a build keeps for
		// the merged feeds do not hold on to the provider's whole history.
		inc := new(adapters.Incident)
		*inc = list[i]
		seg, err := paths.Segment(inc.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("feeds: %s incident %q: %w", p.Slug, inc.ID, err)
		}
		page := paths.IncidentPageOf(p.Slug, seg)
		link, id := l.Abs(page), l.IncidentTag(p.Slug, seg)
		phase := model.PhaseOf(inc, now)
		e := incidentEntry(p, inc, tx, phase, id, link)
		e.Published, e.Updated = model.NotAfter(e.Published, now), model.NotAfter(e.Updated, now)
		if !e.Updated.IsZero() {
			items = append(items, e)
		}
		for j := 0; withUpdates && j < len(inc.Updates); j++ {
			u := newUpdateRef(inc, &inc.Updates[j], tx, id, link)
			u.at = model.NotAfter(u.at, now)
			if !u.at.IsZero() {
				refs = append(refs, u)
			}
		}
	}
	// Only the newest updates reach the updates feed: the others are
	// never built.
	slices.SortFunc(refs, func(a, b updateRef) int { return cmp.Or(b.at.Compare(a.at), cmp.Compare(a.id, b.id)) })
	for _, u := range refs[:min(len(refs), ProviderItems)] {
		updates = append(updates, updateEntry(p, u))
	}
	return items, updates, nil
}

func title(p *catalog.Provider, inc *adapters.Incident) string {
	t := strings.TrimSpace(model.Clean(inc.Title))
	kind := "incident"
	if inc.Kind == adapters.KindMaintenance {
		kind = "maintenance"
	}
	if t == "" {
		t = "Untitled " + kind
	}
	if inc.Kind == adapters.KindMaintenance {
		return model.Clean(p.Name) + " maintenance: " + t
	}
	return model.Clean(p.Name) + ": " + t
}

func incidentEntry(p *catalog.Provider, inc *adapters.Incident, tx *itemText, phase model.Phase, id, link string) *entry {
	names := tx.labels.Affected(inc)
	e := &entry{
		ID:         id,
		Title:      title(p, inc),
		Link:       link,
		Published:  cmp.Or(inc.CreatedAt, model.Start(inc), model.LastActivity(inc)).UTC(),
		Updated:    model.LastActivity(inc).UTC(),
		Tags:       []string{p.Slug, kindWord(inc), string(phase)},
		components: componentKeys(inc),
	}
	e.Summary = summary(inc, phase, names)
	latest := model.NewestUpdate(inc.Updates)
	if latest != nil {
		e.latest, e.sep, e.excerpts = latest.Body, " Latest: ", tx.excerpts
	}
	// An item holds what a reader needs: the facts and the latest update.
	// The whole timeline is on the incident page and in the API.
	e.html = func() string {
		var b strings.Builder
		b.WriteString(factsHTML(p, inc, phase, names))
		switch n := len(inc.Updates); {
		case latest != nil:
			b.WriteString(tx.updateHTML(latest))
			if n > 1 {
				earlier := fmt.Sprintf("%d earlier updates", n-1)
				if n == 2 {
					earlier = "1 earlier update"
				}
				b.WriteString("<p>" + earlier + " on the incident page.</p>")
			}
		default:
			b.WriteString("<p>The provider published no updates for this " + kindWord(inc) + ".</p>")
		}
		b.WriteString(footerHTML(inc, link))
		return b.String()
	}
	return e
}

// updateRef is an update that may become an entry: its id and time decide.
type updateRef struct {
	inc      *adapters.Incident
	up       *adapters.Update
	link, id string
	at       time.Time
	tx       *itemText
}

// newUpdateRef names the update under its incident's item id, and links
// to the update's own place on the incident page: every item of an updates
// feed would otherwise lead to the same page top.
func newUpdateRef(inc *adapters.Incident, up *adapters.Update, tx *itemText, incidentID, page string) updateRef {
	return updateRef{
		tx:   tx,
		inc:  inc,
		up:   up,
		link: page + "#" + paths.UpdateAnchor(up),
		id:   paths.UpdateID(incidentID, up),
		at:   cmp.Or(model.UpdateTime(up), model.LastActivity(inc)).UTC(),
	}
}

func updateEntry(p *catalog.Provider, u updateRef) *entry {
	inc, up, at := u.inc, u.up, u.at
	e := &entry{
		ID:        u.id,
		Title:     title(p, inc) + " (" + model.LifecycleLabel(up.Status) + ")",
		Link:      u.link,
		Published: at,
		Updated:   at,
		Tags:      []string{p.Slug, kindWord(inc), model.Clean(up.Status)},
	}
	e.Summary = model.LifecycleLabel(up.Status) + ", " + timeText(at) + "."
	e.latest, e.sep, e.excerpts = up.Body, " ", u.tx.excerpts
	e.html = func() string {
		return "<p>" + esc(model.ImpactLabel(inc.Impact)) + " · " + esc(kindWord(inc)) + "</p>" + u.tx.updateHTML(up) + footerHTML(inc, u.link)
	}
	return e
}

func kindWord(inc *adapters.Incident) string {
	if inc.Kind == adapters.KindMaintenance {
		return "maintenance"
	}
	return "incident"
}

// summary is a plain-text line: impact, phase, affected components.
func summary(inc *adapters.Incident, phase model.Phase, names []string) string {
	s := model.ImpactLabel(inc.Impact) + ". " + phaseLabel(phase, inc) + "."
	if phase == model.PhaseCancelled {
		s += " " + model.CancelReason(inc)
	}
	if len(names) > 0 {
		s += " Affected: " + model.Clean(strings.Join(names, ", ")) + "."
	}
	return s
}

// factsHTML is the head of an item: impact, phase, times and components.
func factsHTML(p *catalog.Provider, inc *adapters.Incident, phase model.Phase, names []string) string {
	var b strings.Builder
	b.WriteString("<p><strong>" + esc(model.ImpactLabel(inc.Impact)) + "</strong> · " + esc(phaseLabel(phase, inc)))
	// The vendor's own word, where it says more than the phase does.
	if word := model.LifecycleLabel(inc.Status); word != phaseLabel(phase, inc) {
		b.WriteString(" (" + esc(word) + ")")
	}
	b.WriteString("</p>")
	b.WriteString("<ul>")
	b.WriteString("<li>Provider: " + esc(p.Name) + "</li>")
	if inc.Kind == adapters.KindMaintenance && !inc.ScheduledFor.IsZero() {
		b.WriteString("<li>Scheduled: " + timeTag(inc.ScheduledFor))
		if !inc.ScheduledUntil.IsZero() {
			b.WriteString(" to " + timeTag(inc.ScheduledUntil))
		}
		b.WriteString("</li>")
	}
	if s := model.Start(inc); !s.IsZero() && (inc.Kind != adapters.KindMaintenance || inc.ScheduledFor.IsZero()) && phase != model.PhaseCancelled {
		b.WriteString("<li>Started: " + timeTag(s) + "</li>")
	}
	if end := model.End(inc); !end.IsZero() {
		b.WriteString("<li>Ended: " + timeTag(end) + "</li>")
	}
	switch {
	case model.Withdrawn(inc):
		b.WriteString("<li>Withdrawn: no longer listed by the provider at " + timeTag(model.CancelledAt(inc)) + "</li>")
	case phase == model.PhaseCancelled:
		b.WriteString("<li>Cancelled: " + timeTag(model.CancelledAt(inc)) + "</li>")
	}
	if len(names) > 0 {
		b.WriteString("<li>Affected components: " + esc(strings.Join(names, ", ")) + "</li>")
	} else {
		b.WriteString("<li>Affected components: none stated</li>")
	}
	b.WriteString("</ul>")
	if phase == model.PhaseCancelled {
		b.WriteString("<p>" + esc(model.CancelReason(inc)) + "</p>")
	}
	return b.String()
}

// itemText is what turns a provider's vendor text into item HTML: its
// component labels and the one renderer of vendor bodies the pages use too.
type itemText struct {
	labels   model.Labels
	md       *vendortext.Renderer
	excerpts *model.Excerpts
}

// updateHTML is one timeline entry.
func (tx *itemText) updateHTML(up *adapters.Update) string {
	var b strings.Builder
	b.WriteString("<h3>" + esc(model.LifecycleLabel(up.Status)) + " · " + timeTag(model.UpdateTime(up)) + "</h3>")
	var body strings.Builder
	if err := tx.md.WriteHTML(&body, model.Clean(up.Body)); err == nil {
		b.WriteString(body.String())
	}
	var names []string
	for _, c := range up.Components {
		if s := tx.labels.Of(c); s != "" {
			names = append(names, s)
		}
	}
	if len(names) > 0 {
		b.WriteString("<p>Components: " + esc(strings.Join(names, ", ")) + "</p>")
	}
	return b.String()
}

func footerHTML(inc *adapters.Incident, link string) string {
	s := `<p><a href="` + esc(link) + `">Full timeline on Uptimus</a>`
	if off := model.SafeHTTP(inc.URL); off != "" {
		s += ` · <a href="` + esc(off) + `" rel="nofollow noopener">Official report</a>`
	}
	return s + "</p>"
}

// componentKeys are the component ids an incident affected; refs without
// an id count by name.
func componentKeys(inc *adapters.Incident) map[string]bool {
	keys := map[string]bool{}
	add := func(refs []adapters.ComponentRef) {
		for _, c := range refs {
			switch {
			case c.ID != "":
				keys[c.ID] = true
			case c.Name != "":
				keys["name:"+c.Name] = true
			}
		}
	}
	add(inc.Components)
	for _, up := range inc.Updates {
		add(up.Components)
	}
	return keys
}

// newestFirst orders entries by last activity, then id, and keeps the
// newest n.
func newestFirst(es []*entry, n int) []*entry {
	out := slices.Clone(es)
	slices.SortFunc(out, func(a, b *entry) int {
		return cmp.Or(b.Updated.Compare(a.Updated), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
