module github.com/uptimus/uptimus

go 1.26.0

require (
	github.com/tdewolff/parse/v2 v2.8.20
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/gorilla/feeds v1.2.0 // indirect
	github.com/tdewolff/minify/v2 v2.24.25 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
)
