package catalog

// Field limits of the catalogue, in characters. A provider's text lands in
// every page, feed and JSON file that lists it and in the search index of
// the home page, so one file (a typo, or a hostile pull request) must not
// make all of them huge. Each is several times what real entries use.
const (
	// MaxName: the longest real name is 27 characters.
	MaxName = 100
	// MaxDescription: one or two sentences; the longest real one is 111.
	MaxDescription = 300
	// MaxAliases and MaxAlias: real entries have at most 3 aliases, of at
	// most 24 characters.
	MaxAliases = 20
	MaxAlias   = 100
	// MaxURL: the limit of sitemaps.org and the common ceiling of browsers
	// and CDNs; the longest real status URL is 135.
	MaxURL = 2048
	// maxWord bounds the fields checked against a known list (adapter,
	// category, source, a category's slug), which error messages quote.
	maxWord = 100
	// MaxFileSize bounds a catalogue file in bytes, read before parsing: a
	// provider file is a few hundred bytes, categories.yaml a few KB, and
	// the YAML parser should never see megabytes.
	MaxFileSize = 64 << 10
)
