package all

import "github.com/uptimus/uptimus/adapters"

// unread are the status-page platforms that host companies' pages in a
// form no adapter reads, by where they host them. A platform that gains
// an adapter leaves this list: its adapter's Probe says where it hosts.
var unread = []adapters.Unread{
	{Page: "a Pingdom public report", SharedHosts: []string{"stats.pingdom.com"}},
	{Page: "an UptimeRobot public status page", SharedHosts: []string{"stats.uptimerobot.com"}},
	{Page: "a Rootly public status page", SharedHosts: []string{"rootly.com"}},
	{Page: "a Hund page", Domains: []string{"hund.io"}},
	{Page: "a Statuspal page", Domains: []string{"statuspal.io"}},
	{Page: "a Freshstatus page", Domains: []string{"freshstatus.io"}},
	{Page: "a Montastic page", Domains: []string{"montastic.io"}},
	{Page: "a StatusKeeper page", Domains: []string{"statuskeeper.io"}},
	{Page: "an Atlassian cloud site", Domains: []string{"atlassian.net"}},
}
