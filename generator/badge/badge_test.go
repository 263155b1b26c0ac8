package badge

import (
	"encoding/json"
	"encoding/xml"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
)

func TestBadgesPerStatus(t *testing.T) {
	tests := []struct {
		status  adapters.Status
		message string
		color   string
	}{
		{adapters.Operational, "operational", "brightgreen"},
		{adapters.Degraded, "degraded", "yellow"},
		{adapters.Maintenance, "maintenance", "blue"},
		{adapters.PartialOutage, "partial outage", "orange"},
		{adapters.MajorOutage, "major outage", "red"},
		{adapters.Unknown, "unknown", "lightgrey"},
		{"bogus", "unknown", "lightgrey"},
	}
	fills := map[string]adapters.Status{}
	for _, tt := range tests {
		svg := string(SVG("Acme <Cloud>", tt.status))
		// Well-formed XML with a title, role and the status in words.
		var doc struct {
			XMLName xml.Name
			Role    string   `xml:"role,attr"`
			Title   string   `xml:"title"`
			Texts   []string `xml:"g>text"`
		}
		if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
			t.Fatalf("%s: %v\n%s", tt.status, err, svg)
		}
		if doc.Role != "img" || !strings.HasPrefix(doc.Title, "Acme <Cloud> status: ") || len(doc.Texts) != 2 ||
			doc.Texts[0] != "status" || doc.Texts[1] != tt.message {
			t.Errorf("%s: %+v", tt.status, doc)
		}
		if strings.Contains(svg, "<Cloud>") {
			t.Errorf("%s: name not escaped", tt.status)
		}
		_, fill, _ := StyleOf(tt.status)
		if other, ok := fills[fill]; ok && other != tt.status && tt.status.Valid() && other.Valid() {
			t.Errorf("%s and %s share the colour %s", other, tt.status, fill)
		}
		if tt.status.Valid() {
			fills[fill] = tt.status
		}
		var sh map[string]any
		data, err := Endpoint(tt.status)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &sh); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"schemaVersion": 1.0, "label": "status", "message": tt.message, "color": tt.color}
		if len(sh) != len(want) {
			t.Errorf("%s: %v", tt.status, sh)
		}
		for k, v := range want {
			if sh[k] != v {
				t.Errorf("%s: %s = %v, want %v", tt.status, k, sh[k], v)
			}
		}
	}
}

// TestContrast checks white text on every fill against WCAG's 4.5:1.
func TestContrast(t *testing.T) {
	lum := func(hex string) float64 {
		var rgb [3]float64
		for i := range 3 {
			var v int
			for _, c := range hex[1+2*i : 3+2*i] {
				v = v*16 + strings.IndexRune("0123456789abcdef", c)
			}
			c := float64(v) / 255
			if c <= 0.03928 {
				rgb[i] = c / 12.92
			} else {
				rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	}
	for s, st := range styles {
		for _, fill := range []string{st.Fill, labelFill} {
			if r := 1.05 / (lum(fill) + 0.05); r < 4.5 {
				t.Errorf("%s: white on %s has contrast %.2f", s, fill, r)
			}
		}
	}
}

func TestTextWidthGrowsWithText(t *testing.T) {
	if !(textWidth("operational") > textWidth("unknown") && textWidth("major outage") > textWidth("degraded")) {
		t.Error("widths do not follow text length")
	}
	// The badge is wide enough for the estimate of Verdana's real width
	// (shields.io renders "operational" about 65 px wide).
	if w := textWidth("operational"); w < 62 || w > 80 {
		t.Errorf("operational: %d px", w)
	}
}

// TestProvider writes every provider's badges as a build does: a provider
// without data yet is unknown.
func TestProvider(t *testing.T) {
	cat := &catalog.Catalog{Providers: []catalog.Provider{{Slug: "acme", Name: "Acme"}, {Slug: "new", Name: "New"}}}
	hs := map[string]*history.History{"acme": {Slug: "acme", State: history.State{Status: adapters.MajorOutage, FirstChecked: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}}}
	dir := t.TempDir()
	pub := publish.New(dir)
	err := buildtest.Inputs{Catalog: cat, Histories: hs}.Each(func(p *catalog.Provider, _ *history.History, st model.State) error {
		return Provider(pub, p, st)
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if s := read("badges/acme.svg"); !strings.Contains(s, "major outage") || !strings.Contains(s, "<title>Acme status: Major outage</title>") {
		t.Errorf("acme.svg: %s", s)
	}
	if s := read("badges/new.json"); !strings.Contains(s, `"message":"unknown"`) {
		t.Errorf("new.json: %s", s)
	}
}
