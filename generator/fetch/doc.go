// Package fetch owns getting snapshots from the network, or from a recording,
// into history: the HTTP Fetcher every adapter uses (timeouts, User-Agent,
// body limit, status errors), the Guard that lets it connect only to public
// addresses on port 443, the Record and Replay round trippers that save
// and serve raw responses as files, and Run, the bounded worker pool that
// fetches every provider, holds each snapshot to the bounds in limits.go,
// merges it into its history and reports what changed.
//
// # Recordings
//
// A recording is a folder of raw response bodies laid out by URL:
//
//	<dir>/<host>/<path>
//
// The host is lower-cased and keeps its port ("127.0.0.1:8080"); the query
// is dropped, so "?page=1" and "?page=2" share one file. A path that is
// empty, ends in "/" or whose last segment has no extension names a folder
// and is stored as ".../index" inside it: "https://s.example.com/" is
// <dir>/s.example.com/index and "/api/v1/components" is
// <dir>/<host>/api/v1/components/index, so it can sit beside
// "/api/v1/components/groups". Only 2xx bodies are saved, byte for byte,
// under the URL asked for and every URL it was redirected through.
// Record and Replay share this rule through PathFor, so anything recorded
// replays, and a recording can be put together by hand from saved vendor
// responses. One limit follows from the layout: "/a.json" and "/a.json/b"
// cannot both be recorded, as "a.json" would have to be a file and a folder.
package fetch
