// Package templates owns the site's look: the html/template files (a base
// layout and one file per page kind) and the static assets under static/
// (stylesheet, favicon, icons, the scripts of the home page's search, of
// times and of the watch list), embedded into the binary so that a build
// needs nothing but the repository.
package templates

import "embed"

// FS holds the page templates, their partials and static/ (the shell
// around every page is written in Go: generator/site/shell.go).
//
//go:embed *.html static
var FS embed.FS
