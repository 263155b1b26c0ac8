package htmltest

import "testing"

func TestElementsSeeInsideSVGAndAttributes(t *testing.T) {
	doc := `<p><a href="javascript:x" onclick='y'>a</a><svg viewBox="0 0 1 1" onload=alert(1)><circle onmouseover="z"/></svg></p>`
	got := map[string]map[string]string{}
	for _, e := range Elements(t, doc) {
		got[e.Tag] = e.Attrs
	}
	if got["a"]["href"] != "javascript:x" || got["a"]["onclick"] != "y" {
		t.Errorf("a = %v", got["a"])
	}
	if got["svg"]["onload"] != "alert(1)" || got["circle"]["onmouseover"] != "z" {
		t.Errorf("svg = %v, circle = %v: handlers inside inline SVG must be seen", got["svg"], got["circle"])
	}
}

func TestDataBlockIsOnlyJSON(t *testing.T) {
	doc := `<script type="application/ld+json">{}</script><script type="application/json" id="c">{}</script>` +
		`<script>x()</script><script type="module" src="/m.js"></script><div type="application/json"></div>`
	var got []bool
	for _, e := range Elements(t, doc) {
		got = append(got, DataBlock(e))
	}
	want := []bool{true, true, false, false, false}
	if len(got) != len(want) {
		t.Fatalf("%d elements, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("element %d: DataBlock = %v, want %v", i, got[i], want[i])
		}
	}
}
