package templates

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"testing"
)

// The day bar's colours, in the light and the dark scheme: every fill is a
// non-text graphic that must stand out from the page and the cards at 3:1
// (WCAG 2.2, 1.4.11), and neighbouring severities must differ clearly
// (CIE76 distance of at least 40; degraded and partial outage were 31
// apart and hard to tell apart). Heights and hatching tell the states
// apart without colour; the site's tests check those.
func TestBarColours(t *testing.T) {
	css, err := FS.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	text := string(css)
	dark := regexp.MustCompile(`@media \(prefers-color-scheme: dark\)`).FindStringIndex(text)
	if dark == nil {
		t.Fatal("no dark scheme in style.css")
	}
	for scheme, block := range map[string]string{"light": text[:dark[0]], "dark": text[dark[0]:]} {
		v := cssVars(block)
		for _, bar := range []string{"--bar-ok", "--bar-degraded", "--bar-maint", "--bar-partial", "--bar-major"} {
			for _, bg := range []string{"--bg", "--surface"} {
				if c := contrast(rgbOf(t, v[bar]), rgbOf(t, v[bg])); c < 3 {
					t.Errorf("%s: %s %s against %s %s: contrast %.2f, want 3:1", scheme, bar, v[bar], bg, v[bg], c)
				}
			}
		}
		for _, pair := range [][2]string{{"--bar-ok", "--bar-degraded"}, {"--bar-degraded", "--bar-partial"}, {"--bar-partial", "--bar-major"}, {"--bar-degraded", "--bar-maint"}} {
			if d := distance(rgbOf(t, v[pair[0]]), rgbOf(t, v[pair[1]])); d < 40 {
				t.Errorf("%s: %s %s and %s %s are %.1f apart, want 40", scheme, pair[0], v[pair[0]], pair[1], v[pair[1]], d)
			}
		}
	}
}

// cssVars reads the first definition of each custom property in css.
func cssVars(css string) map[string]string {
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`(--[a-z-]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(css, -1) {
		if _, seen := out[m[1]]; !seen {
			out[m[1]] = m[2]
		}
	}
	return out
}

func rgbOf(t *testing.T, hex string) [3]float64 {
	t.Helper()
	var c [3]float64
	if len(hex) != 7 {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	for i := range c {
		n, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(fmt.Errorf("colour %q: %w", hex, err))
		}
		c[i] = float64(n) / 255
	}
	return c
}

func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func luminance(c [3]float64) float64 {
	return 0.2126*linear(c[0]) + 0.7152*linear(c[1]) + 0.0722*linear(c[2])
}

// contrast is WCAG's contrast ratio.
func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// lab converts sRGB to CIELAB (D65).
func lab(c [3]float64) [3]float64 {
	r, g, b := linear(c[0]), linear(c[1]), linear(c[2])
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// distance is the CIE76 colour difference.
func distance(a, b [3]float64) float64 {
	la, lb := lab(a), lab(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}
