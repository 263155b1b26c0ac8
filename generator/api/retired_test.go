package api

import (
	"slices"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
)

// A retired provider's file says so, with its successor as a slug or an
// address, and its family; the files still match their schemas.
func TestRetiredAndFamily(t *testing.T) {
	opt := fixtureOptions()
	cat := *opt.Catalog
	cat.Providers = slices.Clone(cat.Providers)
	for i := range cat.Providers {
		switch cat.Providers[i].Slug {
		case "pusher":
			cat.Providers[i].Retired = &catalog.Retirement{Date: "2025-05", Reason: "Shut down.", Successor: "acme"}
			cat.Providers[i].Family = "acme"
		case "newbie":
			cat.Providers[i].Retired = &catalog.Retirement{Reason: "Gone.", Successor: "https://next.example"}
		}
	}
	opt.Catalog = &cat
	opt.Checks = map[string]model.Check{"acme": {LastAttempt: fixtureNow, LastOK: fixtureNow,
		Self: &model.SelfCheck{Name: "Acme Cloud", URL: "https://status.acme.example", At: fixtureNow, Agree: true}}}
	dir := build(t, opt)
	validateAll(t, files(t, dir))
	pusher := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("pusher"))
	if r := pusher.Retired; r == nil || *r != (Retired{Date: "2025-05", Reason: "Shut down.", Successor: "acme"}) || pusher.Family != "acme" {
		t.Errorf("pusher: retired %+v, family %q", r, pusher.Family)
	}
	newbie := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("newbie"))
	if r := newbie.Retired; r == nil || *r != (Retired{Reason: "Gone.", SuccessorURL: "https://next.example"}) {
		t.Errorf("newbie: retired %+v", r)
	}
	acme := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("acme"))
	if acme.Retired != nil || acme.Family != "" {
		t.Errorf("acme: retired %+v, family %q", acme.Retired, acme.Family)
	}
	if c := acme.Checked; c == nil || *c != (Checked{Name: "Acme Cloud", URL: "https://status.acme.example", At: fixtureNow, Agree: true}) {
		t.Errorf("acme: checked %+v", c)
	}
}

// A provider whose vendor names no page (adapters.Capabilities.Self false)
// says why it cannot be checked; one checked, or whose vendor names its
// page, says nothing of the kind.
func TestUncheckable(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{"statuspage": {Title: "Atlassian Statuspage", Self: true}, "instatus": {Title: "Instatus"}}
	opt.Checks = map[string]model.Check{"acme": {LastAttempt: fixtureNow, LastOK: fixtureNow}}
	dir := build(t, opt)
	validateAll(t, files(t, dir))
	if u := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("newbie")).Uncheckable; u != "what Instatus publishes names no page" {
		t.Errorf("newbie: uncheckable %q", u)
	}
	if u := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("acme")).Uncheckable; u != "" {
		t.Errorf("acme: uncheckable %q", u)
	}
}
