package adapters_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

func at(hour int) time.Time { return time.Date(2026, 1, 1, hour, 0, 0, 0, time.UTC) }

func ids[T any](items []T, id func(T) string) string {
	var out []string
	for _, it := range items {
		out = append(out, id(it))
	}
	return strings.Join(out, " ")
}

func TestSortIncidents(t *testing.T) {
	incs := []adapters.Incident{
		{ID: "b", StartedAt: at(1)},
		{ID: "old", StartedAt: at(0)},
		// Announced first, but its window is the latest start.
		{ID: "window", Kind: adapters.KindMaintenance, StartedAt: at(0), ScheduledFor: at(5)},
		{ID: "a", StartedAt: at(1)},
		{ID: "unscheduled", Kind: adapters.KindMaintenance, StartedAt: at(3)},
	}
	adapters.SortIncidents(incs)
	if got := ids(incs, func(i adapters.Incident) string { return i.ID }); got != "window unscheduled a b old" {
		t.Errorf("order = %s", got)
	}
}

func TestSortUpdates(t *testing.T) {
	us := []adapters.Update{{ID: "1", CreatedAt: at(1)}, {ID: "3", CreatedAt: at(2)}, {ID: "2", CreatedAt: at(1)}}
	adapters.SortUpdates(us)
	if got := ids(us, func(u adapters.Update) string { return u.ID }); got != "3 2 1" {
		t.Errorf("order = %s", got)
	}
}

func TestGroupComponents(t *testing.T) {
	in := []adapters.Component{
		{ID: "c", Position: 2, GroupID: "g", Status: adapters.Degraded},
		{ID: "top", Position: 1, Status: adapters.Operational},
		{ID: "g", Group: true, Position: 0},
		{ID: "empty", Group: true, Position: 3},
		{ID: "a", Position: 1, GroupID: "g", Status: adapters.Operational},
		{ID: "lost", GroupID: "nowhere"},
	}
	out := adapters.GroupComponents(in)
	got := ids(out, func(c adapters.Component) string { return c.ID + "=" + string(c.Status) })
	if want := "g=degraded a=operational c=degraded top=operational empty=unknown"; got != want {
		t.Errorf("components = %s, want %s", got, want)
	}
	if out := adapters.GroupComponents(nil); out == nil {
		t.Error("no components must be an empty list, not null")
	}
}

func TestDerivedStatus(t *testing.T) {
	comps := []adapters.Component{{ID: "g", Group: true, Status: adapters.MajorOutage}, {ID: "c", Status: adapters.Degraded}}
	tests := []struct {
		name  string
		comps []adapters.Component
		incs  []adapters.Incident
		want  adapters.Status
	}{
		{"nothing", nil, nil, adapters.Unknown},
		{"leaves only, groups ignored", comps, nil, adapters.Degraded},
		{"open incident", comps, []adapters.Incident{{Kind: adapters.KindIncident, Impact: adapters.ImpactMajor}}, adapters.PartialOutage},
		{"resolved incident", nil, []adapters.Incident{{Kind: adapters.KindIncident, Impact: adapters.ImpactMajor, Status: "resolved"}}, adapters.Unknown},
		{"upcoming window", nil, []adapters.Incident{{Kind: adapters.KindMaintenance, Impact: adapters.ImpactMaintenance, Status: "scheduled"}}, adapters.Unknown},
		{"running window", nil, []adapters.Incident{{Kind: adapters.KindMaintenance, Impact: adapters.ImpactMaintenance, Status: "in_progress"}}, adapters.Maintenance},
	}
	for _, tt := range tests {
		if got := adapters.DerivedStatus(tt.comps, tt.incs); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestComponentsFromIncidents(t *testing.T) {
	ref := func(id, name string) []adapters.ComponentRef { return []adapters.ComponentRef{{ID: id, Name: name}} }
	incs := []adapters.Incident{
		{ID: "new", Impact: adapters.ImpactMajor, StartedAt: at(5), Components: ref("p1", "Renamed")},
		{ID: "note", Impact: adapters.ImpactNone, StartedAt: at(6), Components: ref("p2", "")},
		{ID: "old", Impact: adapters.ImpactCritical, StartedAt: at(1), ResolvedAt: at(2), Components: ref("p1", "Old name")},
	}
	// By name: "Renamed" sorts before "p2", the id standing for a name.
	want := []adapters.Component{
		{ID: "p1", Name: "Renamed", Position: 1, Status: adapters.PartialOutage, UpdatedAt: at(5)},
		{ID: "p2", Name: "p2", Position: 2, Status: adapters.Operational},
	}
	got := adapters.ComponentsFromIncidents(incs)
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("components = %+v, want %+v", got, want)
	}
}

func TestGetDecodeErrors(t *testing.T) {
	const url = "https://status.example.com/a.json"
	f := adaptertest.ErrorFetcher{Fail: map[string]int{url: 404}}
	_, err := adapters.GetDecode(context.Background(), f, url, func(b []byte) (int, error) { return len(b), nil })
	var fe *adapters.FetchError
	if !errors.As(err, &fe) || fe.URL != url || !adapters.IsNotFound(err) || err.Error() != "fetch "+url+": 404" {
		t.Errorf("fetch error %v: want a FetchError for %s, still a 404, naming the URL once", err, url)
	}
	m := adaptertest.MapFetcher{url: []byte("x")}
	_, err = adapters.GetDecode(context.Background(), m, url, func([]byte) (int, error) { return 0, errors.New("not JSON") })
	var de *adapters.DecodeError
	if !errors.As(err, &de) || de.URL != url || err.Error() != "decode "+url+": not JSON" {
		t.Errorf("decode error %v", err)
	}
}

func TestDefine(t *testing.T) {
	caps := adapters.Capabilities{Components: true}
	probe := adapters.Probe{Hosts: []string{"status.acme.example"}, Platforms: []string{"AcmeStatus"}}
	a := adapters.Define("acme", caps, probe, func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		return nil, errors.New("boom")
	})
	if a.Name() != "acme" || a.Capabilities() != caps || a.Probe().Hosts[0] != "status.acme.example" {
		t.Errorf("%s %+v %+v", a.Name(), a.Capabilities(), a.Probe())
	}
	r := adapters.NewRegistry()
	r.Add(a)
	if got := r.Platforms(); len(got) != 2 || got["acme"] != "acme" || got["acmestatus"] != "acme" {
		t.Errorf("Platforms() = %v, want the adapter's name and its platform, in lower case", got)
	}
	if !(adapters.Probe{}).Empty() || probe.Empty() {
		t.Error("Empty: only a probe without hosts, URL test or endpoints is empty")
	}
	if _, err := a.Fetch(context.Background(), nil, adapters.Page{}); err == nil || err.Error() != "adapter acme: boom" {
		t.Errorf("error %v, want the adapter named once", err)
	}
}

// Registry.Hosting gathers the adapters' and the unread platforms' hosts
// and domains, sorted; only the domains of a vendor whose pages move to
// their company's own domain are Moves, and only the unread platforms'
// say what a page there is.
func TestRegistryHosting(t *testing.T) {
	none := func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) { return nil, nil }
	r := adapters.NewRegistry()
	r.Add(adapters.Define("zeta", adapters.Capabilities{}, adapters.Probe{Domains: []string{"zeta.example"}, Moves: true}, none))
	r.Add(adapters.Define("acme", adapters.Capabilities{}, adapters.Probe{Domains: []string{"acme.example"}, SharedHosts: []string{"feeds.acme.example"}}, none))
	r.AddUnread(adapters.Unread{Page: "a Beta page", Domains: []string{"beta.example"}, SharedHosts: []string{"stats.beta.example"}})
	h := r.Hosting()
	got := fmt.Sprint(h.Domains, h.SharedHosts, h.Moves, h.UnreadHosts, h.UnreadDomains)
	want := "[acme.example beta.example zeta.example] [feeds.acme.example stats.beta.example] [zeta.example] map[stats.beta.example:a Beta page] map[beta.example:a Beta page]"
	if got != want {
		t.Errorf("Hosting() = %s\nwant %s", got, want)
	}
}

// Of components sharing an id, the same one is kept whatever the vendor's
// order; those without an id go, and the rest keep their order.
func TestOneComponentPerID(t *testing.T) {
	api := adapters.Component{ID: "c1", Name: "API", Status: adapters.Operational}
	web := adapters.Component{ID: "c1", Name: "Web", Status: adapters.MajorOutage}
	db := adapters.Component{ID: "c2", Name: "DB"}
	for _, in := range [][]adapters.Component{{web, db, api}, {api, db, web}, {db, web, {Name: "no id"}, api}} {
		got := adapters.OneComponentPerID(in)
		var names []string
		for _, c := range got {
			names = append(names, c.Name)
		}
		if n := strings.Join(names, " "); n != "API DB" && n != "DB API" {
			t.Errorf("from %v kept %s, want API and DB", in, n)
		}
	}
}
