package adapters

import (
	"html"
	"regexp"
)

var titleTag = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// PageTitle is the text of an HTML page's first <title>, entities decoded,
// or "": the name a page gives itself when its vendor's API names nothing
// (Cachet, status.io).
func PageTitle(page []byte) string {
	m := titleTag.FindSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(string(m[1]))
}
