// Package all is the one place that lists every vendor adapter, and the
// platforms no adapter reads (unread.go). Adding a vendor means adding its
// package under adapters/ and one line here.
package all

import (
	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/aws"
	"github.com/uptimus/uptimus/adapters/azure"
	"github.com/uptimus/uptimus/adapters/betterstack"
	"github.com/uptimus/uptimus/adapters/cachet"
	"github.com/uptimus/uptimus/adapters/feed"
	"github.com/uptimus/uptimus/adapters/gcp"
	"github.com/uptimus/uptimus/adapters/incidentio"
	"github.com/uptimus/uptimus/adapters/instatus"
	"github.com/uptimus/uptimus/adapters/slack"
	"github.com/uptimus/uptimus/adapters/statusio"
	"github.com/uptimus/uptimus/adapters/statuspage"
)

// Registry returns a registry holding every adapter and every platform
// no adapter reads.
func Registry() *adapters.Registry {
	r := adapters.NewRegistry()
	r.Add(statuspage.New())
	r.Add(aws.New())
	r.Add(azure.New())
	r.Add(betterstack.New())
	r.Add(cachet.New())
	r.Add(feed.New())
	r.Add(gcp.New())
	r.Add(incidentio.New())
	r.Add(instatus.New())
	r.Add(slack.New())
	r.Add(statusio.New())
	for _, u := range unread {
		r.AddUnread(u)
	}
	return r
}
