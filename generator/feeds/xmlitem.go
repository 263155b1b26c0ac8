package feeds

import (
	"bytes"
	"encoding/xml"
	"html"
	"strings"
	"time"
)

// Feed items are written by hand rather than with xml.Marshal: a build of a
// thousand providers encodes a hundred thousand items, and reflection over
// gorilla's structs was most of that time. The output is what Marshal wrote
// for gorilla's RssItem and AtomEntry: element text and attributes go
// through xml.EscapeText (Marshal's own escaping), HTML goes into CDATA
// sections split around "]]>" (as Marshal's ",cdata" does).

// xmlItem is an item document being written.
type xmlItem struct{ bytes.Buffer }

// text writes s escaped as XML character data or attribute value.
func (w *xmlItem) text(s string) {
	if plainASCII(s) {
		w.WriteString(s) // what EscapeText would write, without its copy
		return
	}
	_ = xml.EscapeText(w, []byte(s))
}

// plainASCII reports whether s is printable ASCII that XML escaping leaves
// as it is.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e, c == '"', c == '&', c == '\'', c == '<', c == '>':
			return false
		}
	}
	return true
}

// elem writes <name>s</name>.
func (w *xmlItem) elem(name, s string) {
	w.WriteString("<" + name + ">")
	w.text(s)
	w.WriteString("</" + name + ">")
}

// cdata writes s as CDATA sections; "]]>" inside s is split across two.
func (w *xmlItem) cdata(s string) {
	if s == "" {
		return
	}
	w.WriteString("<![CDATA[")
	w.WriteString(strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>"))
	w.WriteString("]]>")
}

// rssItem is the entry as an RSS 2.0 <item>.
func (e *entry) rssItem() []byte { return e.rss(true) }

// rssBrief is the entry as an RSS <item> without content: title, link,
// summary, id and date.
func (e *entry) rssBrief() []byte { return e.rss(false) }

func (e *entry) rss(withContent bool) []byte {
	var w xmlItem
	if withContent {
		w.Grow(e.size())
	} else {
		w.Grow(len(e.Title) + len(e.Link) + len(e.Summary) + len(e.ID) + 160)
	}
	w.WriteString("<item>")
	w.elem("title", e.Title)
	w.elem("link", e.Link)
	// RSS readers take the description as HTML: the plain summary is
	// escaped once more for that.
	w.elem("description", html.EscapeString(e.Summary))
	if withContent {
		w.WriteString("<content:encoded>")
		w.cdata(e.content())
		w.WriteString("</content:encoded>")
	}
	w.WriteString(`<guid isPermaLink="false">`)
	w.text(e.ID)
	w.WriteString("</guid>")
	w.elem("pubDate", e.Published.UTC().Format(time.RFC1123Z))
	w.WriteString("</item>")
	return w.Bytes()
}

// atomEntry is the entry as an Atom 1.0 <entry>.
func (e *entry) atomEntry() []byte {
	var w xmlItem
	w.Grow(e.size())
	w.WriteString("<entry>")
	w.elem("title", e.Title)
	w.elem("updated", e.Updated.UTC().Format(time.RFC3339))
	w.elem("id", e.ID)
	w.WriteString(`<content type="html">`)
	w.cdata(e.content())
	w.WriteString("</content>")
	w.elem("published", e.Published.UTC().Format(time.RFC3339))
	w.WriteString(`<link href="`)
	w.text(e.Link)
	w.WriteString(`" rel="alternate" type="text/html"></link><summary type="text">`)
	w.text(e.Summary)
	w.WriteString("</summary></entry>")
	return w.Bytes()
}

// size is about the length of the item's encoding: its text, escaped
// text growing a little, and the markup around it.
func (e *entry) size() int {
	return len(e.content()) + (len(e.Title)+len(e.Summary))*5/4 + 2*len(e.Link) + 2*len(e.ID) + 256
}
