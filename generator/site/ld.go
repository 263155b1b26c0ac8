package site

// The JSON-LD objects of the pages (schema.org). Fields are in sorted key
// order, as encoding/json writes maps, which is how they were first built.

const schemaOrg = "https://schema.org"

type ldBreadcrumbs struct {
	Context string       `json:"@context"`
	Type    string       `json:"@type"`
	Items   []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	Type     string `json:"@type"`
	Item     string `json:"item"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

type ldFAQ struct {
	Context   string       `json:"@context"`
	Type      string       `json:"@type"`
	Questions []ldQuestion `json:"mainEntity"`
}

type ldQuestion struct {
	Type   string   `json:"@type"`
	Answer ldAnswer `json:"acceptedAnswer"`
	Name   string   `json:"name"`
}

type ldAnswer struct {
	Type string `json:"@type"`
	Text string `json:"text"`
}
