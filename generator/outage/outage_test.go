package outage

import (
	"slices"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
)

func at(hm string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", "2026-10-20 "+hm)
	if err != nil {
		panic(err)
	}
	return t
}

var catalogue = []catalog.Provider{
	{Slug: "aws", Name: "Amazon Web Services", Aliases: []string{"AWS", "Amazon S3"}},
	{Slug: "cloudflare", Name: "Cloudflare"},
	{Slug: "x", Name: "X"},
}

func TestMentions(t *testing.T) {
	n := NewNames(catalogue, nil)
	for text, want := range map[string]string{
		"Due to an issue with AWS us-east-1":         "aws",
		"our provider (amazon s3) is degraded":       "aws",
		"Errors at CLOUDFLARE, and aws.":             "aws cloudflare",
		"A flawsome awsome day":                      "",
		"Our own CDN is fine; X marks the spot":      "",
		"Amazon Web Services region eu-west-1 fails": "aws",
	} {
		got := ""
		for i, k := range n.Mentions(text, "self") {
			if i > 0 {
				got += " "
			}
			got += k
		}
		if got != want {
			t.Errorf("Mentions(%q) = %q, want %q", text, got, want)
		}
	}
	if got := n.Mentions("AWS is down", "aws"); len(got) != 0 {
		t.Errorf("a provider mentions itself: %v", got)
	}
}

// a, b, c begin 15 and 20 minutes apart: one group by time. d (16:00)
// and e (09:00) are hours from anything but both name AWS: one group. f
// is alone.
func TestNow(t *testing.T) {
	ps := []Problem{
		{Key: "a", Began: at("14:05"), text: "Elevated errors"},
		{Key: "b", Began: at("14:20"), text: "Due to an issue with AWS us-east-1"},
		{Key: "c", Began: at("14:40"), text: "Degraded"},
		{Key: "d", Began: at("16:00"), text: "Our cloud provider, AWS, is failing"},
		{Key: "f", Began: at("18:00"), text: "Scheduled database work"},
		{Key: "e", Began: at("09:00"), text: "Amazon Web Services outage"},
	}
	groups := Now(ps, NewNames(catalogue, nil))
	if len(groups) != 2 {
		t.Fatalf("%d groups: %+v", len(groups), groups)
	}
	// b names AWS: a, b, c join d and e.
	g := groups[0]
	var keys string
	for _, p := range g.Problems {
		keys += p.Key
	}
	if keys != "dcbae" || !g.Since.Equal(at("09:00")) || len(g.Mentions) != 1 || g.Mentions[0].Count != 3 || g.Mentions[0].Name != "Amazon Web Services" {
		t.Errorf("group = %s since %v, mentions %+v", keys, g.Since, g.Mentions)
	}
	if g := groups[1]; len(g.Problems) != 1 || g.Problems[0].Key != "f" {
		t.Errorf("second group = %+v", g)
	}
	// Without the mention, time alone groups a, b, c.
	ps[1].text = "Errors"
	groups = Now(ps, NewNames(catalogue, nil))
	if len(groups) != 3 || len(groups[0].Problems) != 3 || len(groups[1].Problems) != 2 {
		t.Errorf("groups by time: %+v", groups)
	}
}

func TestProblemOf(t *testing.T) {
	inc := &adapters.Incident{ID: "1", Title: "API errors", StartedAt: at("14:05"),
		Updates: []adapters.Update{{Body: "Caused by Cloudflare", CreatedAt: at("14:10")}}}
	p, ok := ProblemOf("acme", model.State{Current: adapters.PartialOutage, Open: []*adapters.Incident{inc}, Since: at("14:07")})
	if !ok || !p.Began.Equal(at("14:05")) || p.Titles[0] != "API errors" || p.Maintenance {
		t.Errorf("problem = %+v, %v", p, ok)
	}
	if got := NewNames(catalogue, nil).Mentions(p.text, "acme"); len(got) != 1 || got[0] != "cloudflare" {
		t.Errorf("mentions %v", got)
	}
	if _, ok := ProblemOf("acme", model.State{Current: adapters.Operational}); ok {
		t.Error("an operational provider reports a problem")
	}
	if _, ok := ProblemOf("acme", model.State{Current: adapters.MajorOutage, Stale: true}); ok {
		t.Error("stale data reports a live problem")
	}
	p, ok = ProblemOf("acme", model.State{Current: adapters.Degraded, Since: at("13:00")})
	if !ok || !p.Began.Equal(at("13:00")) {
		t.Errorf("degraded without incident: %+v", p)
	}
}

// Mentions's lower-case test only skips expressions that cannot match:
// its answers are the expressions' own, for ASCII and other texts and
// names, including letters whose case folds outside ASCII (the Kelvin
// sign, the long s) and place terms.
func TestMentionsSkipsOnlyWhatCannotMatch(t *testing.T) {
	providers := []catalog.Provider{
		{Slug: "kafka", Name: "Kafka Cloud", Aliases: []string{"KAFKA"}},
		{Slug: "sso", Name: "Single Sign-On", Aliases: []string{"SSO"}},
		{Slug: "zurich", Name: "Zürich Hosting", Aliases: []string{"ZÜRICH"}},
		{Slug: "aws", Name: "Amazon Web Services", Aliases: []string{"AWS"}},
	}
	places := []Place{{Provider: "aws", Term: "us-east-1", Region: true, Count: 3}}
	n := NewNames(providers, places)
	texts := []string{
		"", "kafka cloud is down", "\u212Aafka cloud is down", "Our \u017F\u017Fo login fails", "SSO",
		"zürich hosting", "ZÜRICH", "zurich", "US-EAST-1 and aws", "us-east-10", "Kafka Cloudy", "x",
	}
	for _, text := range texts {
		var want []string
		for _, nm := range n.names {
			if !slices.Contains(want, nm.key) && nm.re.MatchString(text) {
				want = append(want, nm.key)
			}
		}
		if got := n.Mentions(text, "self"); !slices.Equal(got, want) {
			t.Errorf("Mentions(%q) = %v, the expressions say %v", text, got, want)
		}
	}
}
