package outage

import (
	"slices"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/realdata"
)

func component(id, name string) history.ComponentState {
	return history.ComponentState{Component: adapters.Component{ID: id, Name: name}}
}

// Counted by hand: us-east-1 is named by two components and a title,
// eu-west-1 by the title, eu-central-1 by one component; "AWS Direct
// Connect" names the provider by its alias, "Multiple services" and
// "Amazon EC2" (not an alias in this catalogue) do not.
func TestPlacesOf(t *testing.T) {
	h := &history.History{Slug: "aws"}
	h.State.Components = []history.ComponentState{
		component("directconnect-eu-central-1", "AWS Direct Connect (eu-central-1)"),
		component("ec2-us-east-1", "Amazon EC2 (us-east-1)"),
		component("multipleservices-us-east-1", "Multiple services (us-east-1)"),
	}
	h.Incidents = []adapters.Incident{{ID: "1", Title: "Increased error rates in us-east-1 and eu-west-1; us-east-1 recovering"}}
	got := PlacesOf(catalogue[0], h)
	want := []Place{
		{Provider: "aws", Term: "eu-central-1", Region: true, Count: 1},
		{Provider: "aws", Term: "AWS Direct Connect", Count: 1},
		{Provider: "aws", Term: "us-east-1", Region: true, Count: 3},
		{Provider: "aws", Term: "eu-west-1", Region: true, Count: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("places = %+v\nwant %+v", got, want)
	}
	if PlacesOf(catalogue[0], nil) != nil {
		t.Error("places without a history")
	}
}

// The recordings: AWS's RSS (testdata/real/aws) gives three components,
// "AWS Direct Connect (eu-central-1)", "Multiple services (me-central-1)"
// and "Multiple services (me-south-1)", whose incidents' titles name no
// region; Google Cloud's July 2026 incidents name the zone
// europe-west4-a in a title, so the region europe-west4, and its
// components ("Bare Metal Solution", "Google Cloud NetApp Volumes",
// "VMWare engine") one service by the provider's name.
func TestPlacesOfRecordings(t *testing.T) {
	aws := catalog.Provider{Slug: "aws", Name: "Amazon Web Services", Aliases: []string{"AWS", "Amazon EC2", "Amazon S3"}}
	got := PlacesOf(aws, realdata.CloudHistory(t, "aws"))
	want := []Place{
		{Provider: "aws", Term: "eu-central-1", Region: true, Count: 1},
		{Provider: "aws", Term: "AWS Direct Connect", Count: 1},
		{Provider: "aws", Term: "me-central-1", Region: true, Count: 1},
		{Provider: "aws", Term: "me-south-1", Region: true, Count: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("AWS places = %+v\nwant %+v", got, want)
	}
	gcp := catalog.Provider{Slug: "google-cloud", Name: "Google Cloud", Aliases: []string{"GCP", "Google Cloud Platform"}}
	got = PlacesOf(gcp, realdata.CloudHistory(t, "google-cloud"))
	want = []Place{
		{Provider: "google-cloud", Term: "Google Cloud NetApp Volumes", Count: 1},
		{Provider: "google-cloud", Term: "europe-west4", Region: true, Count: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Google Cloud places = %+v\nwant %+v", got, want)
	}
}

// Hand-made: problems hours apart, so only what they name groups them.
// a, c and g name us-east-1 (c in capitals, g from heroku, whose own
// history names it less often than AWS's: it is AWS's), b names AWS and
// us-east-1, e AWS and its service AWS Lambda: one group of five, 4
// mention AWS us-east-1, 2 Amazon Web Services. d names eu-west-1 alone;
// f names us-east-10, not us-east-1.
func TestNowByPlace(t *testing.T) {
	cat := append(slices.Clone(catalogue), catalog.Provider{Slug: "heroku", Name: "Heroku"})
	places := []Place{
		{Provider: "heroku", Term: "us-east-1", Region: true, Count: 2},
		{Provider: "aws", Term: "us-east-1", Region: true, Count: 40},
		{Provider: "aws", Term: "eu-west-1", Region: true, Count: 30},
		{Provider: "aws", Term: "AWS Lambda", Count: 3},
	}
	ps := []Problem{
		{Key: "a", Began: at("01:00"), text: "Elevated errors in us-east-1"},
		{Key: "b", Began: at("03:00"), text: "Our upstream AWS us-east-1 is impaired"},
		{Key: "c", Began: at("05:00"), text: "US-EAST-1 latency"},
		{Key: "d", Began: at("07:00"), text: "Outage in eu-west-1"},
		{Key: "e", Began: at("09:00"), text: "AWS Lambda timeouts"},
		{Key: "f", Began: at("11:00"), text: "us-east-10 is fine"},
		{Key: "heroku", Began: at("13:00"), text: "Heroku us-east-1 degraded"},
	}
	groups := Now(ps, NewNames(cat, places))
	if len(groups) != 3 {
		t.Fatalf("%d groups: %+v", len(groups), groups)
	}
	var keys string
	for _, p := range groups[0].Problems {
		keys += p.Key + " "
	}
	want := []Mention{
		{Key: "aws/us-east-1", Name: "AWS us-east-1", Provider: "aws", Place: "us-east-1", Count: 4},
		{Key: "aws", Name: "Amazon Web Services", Provider: "aws", Count: 2},
		{Key: "aws/AWS Lambda", Name: "AWS Lambda", Provider: "aws", Place: "AWS Lambda", Count: 1},
	}
	if keys != "heroku e c b a " || !slices.Equal(groups[0].Mentions, want) {
		t.Errorf("group = %s, mentions %+v\nwant %+v", keys, groups[0].Mentions, want)
	}
	if g := groups[1]; len(g.Problems) != 1 || g.Problems[0].Key != "f" || len(g.Mentions) != 0 {
		t.Errorf("second group = %+v, want f alone naming nothing", g)
	}
	if g := groups[2]; g.Problems[0].Key != "d" || len(g.Mentions) != 1 || g.Mentions[0].Name != "AWS eu-west-1" {
		t.Errorf("third group = %+v, want d naming AWS eu-west-1", g)
	}
}
