package api

import (
	"reflect"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/paths"
)

// TestRealGitHubMatchesSchema validates the API files built from GitHub's
// real recorded data.
func TestRealGitHubMatchesSchema(t *testing.T) {
	opt := fixtureOptions()
	h, now := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = now
	dir := build(t, opt)
	got := files(t, dir)
	validateAll(t, got)
	pf := read[ProviderFile](t, dir, paths.ProviderJSON("github"))
	if pf.Status == adapters.Unknown || len(pf.Components) == 0 {
		t.Errorf("github: status %s, %d components", pf.Status, len(pf.Components))
	}
	all := read[IncidentsFile](t, dir, paths.IncidentsJSON("github"))
	if all.Count != len(h.Incidents) || len(all.Incidents) != all.Count {
		t.Errorf("history: count %d, %d listed, %d in history", all.Count, len(all.Incidents), len(h.Incidents))
	}
}

// TestRealGitHubComponentFigures checks one component's figures in the
// version 2 file against the recording (testdata/real/statuspage/github-
// incidents-50-2026-07-31.json), counted by hand. Packages is named by
// one incident, b0plzff6yl6f, minor, 2026-06-06 16:53:35.812 to
// 17:07:46.835 (851 s, 14 min 11.023 s); an update put Packages in
// degraded_performance at 16:56:49.684 and the resolution back to
// operational: 10 min 57.151 s disrupted, 657 s, within the last 90 and
// 365 days of the figures' end, 2026-07-31, and none in the last 30.
// Git Operations is named by no incident and stayed operational: quiet,
// so not listed. Codespaces is named by two, dfpfsngcwywf (minor,
// 2026-07-14 08:21:17.615 to 09:56:43.021, 5,725.406 s) and fz9sdc2q008p
// (major, 2026-07-07 14:14:39.949 to 16:17:16.965, 7,357.016 s): median
// their mean, 6,541 s, 90th percentile the second by nearest rank, the
// longest and last major fz9sdc2q008p, ended 23 days 7 hours before
// 2026-07-31.
func TestRealGitHubComponentFigures(t *testing.T) {
	opt := fixtureOptions()
	_, now := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = now
	dir := build(t, opt)
	pf := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("github"))
	ids := map[string]string{}
	for _, c := range pf.Components {
		ids[c.Name] = c.ID
	}
	var packages, codespaces *ComponentFigures
	for i, c := range pf.Reliability.Components {
		switch c.ID {
		case ids["Packages"]:
			packages = &pf.Reliability.Components[i]
		case ids["Codespaces"]:
			codespaces = &pf.Reliability.Components[i]
		case ids["Git Operations"]:
			t.Errorf("Git Operations listed: %+v", c)
		}
	}
	if packages == nil || codespaces == nil {
		t.Fatalf("Packages or Codespaces not listed among %d components", len(pf.Reliability.Components))
	}
	cs := *codespaces
	cs.DisruptedSeconds = nil
	wantCS := ComponentFigures{ID: ids["Codespaces"], Months: []ComponentMonth{{Month: "2026-07", Minor: 1, Major: 1}},
		TimeToResolve: &ComponentResolve{Count: 2, MedianSeconds: 6541, P90Seconds: 7357}, Longest: &ComponentLongest{ID: "fz9sdc2q008p", Seconds: 7357},
		LastMajor: &ComponentLastMajor{ID: "fz9sdc2q008p", Impact: adapters.ImpactMajor, DaysSince: 23}}
	if !reflect.DeepEqual(cs, wantCS) {
		t.Errorf("Codespaces = %+v\nwant %+v", cs, wantCS)
	}
	want := ComponentFigures{ID: ids["Packages"], Months: []ComponentMonth{{Month: "2026-06", Minor: 1}},
		TimeToResolve: &ComponentResolve{Count: 1, MedianSeconds: 851, P90Seconds: 851}, DisruptedSeconds: []int64{0, 657, 657}}
	got := *packages
	want.Longest = &ComponentLongest{ID: "b0plzff6yl6f", Seconds: 851}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Packages = %+v\nwant %+v", got, want)
	}
	if v1 := read[ProviderFile](t, dir, paths.ProviderJSON("github")); v1.Reliability != nil {
		t.Error("version 1 file has reliability figures")
	}
}
