// Package notify owns chat and webhook alerts: content/notify.yaml, the
// events derived from two versions of a provider's history, their payloads
// for Slack, Microsoft Teams, Discord and signed JSON webhooks with links
// to the site's pages, the sent-log that keeps a rerun from posting
// anything twice, and the queue that keeps a failed post for the next run.
package notify

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

// Destination types.
const (
	TypeSlack   = "slack"
	TypeTeams   = "teams"
	TypeDiscord = "discord"
	TypeWebhook = "webhook"
)

var types = []string{TypeSlack, TypeTeams, TypeDiscord, TypeWebhook}

// Config is content/notify.yaml.
type Config struct {
	Destinations []Destination `yaml:"destinations"`
}

// Destination is one place events are posted to. The file names the
// environment variables that hold the URL and secret, never their values,
// so the file can be public while the secrets stay in the CI settings.
type Destination struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`
	URLEnv    string `yaml:"url_env"`
	SecretEnv string `yaml:"secret_env,omitempty"`
	// Providers and Categories select events; both empty selects all.
	Providers  []string `yaml:"providers,omitempty"`
	Categories []string `yaml:"categories,omitempty"`
	// Rate is the most posts per second (default 1): chat webhooks throttle
	// bursts (Slack allows about one a second, Discord a few).
	Rate float64 `yaml:"rate,omitempty"`
	// Line is where the destination starts in the file, for errors.
	Line int `yaml:"-"`
}

var envName = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// ParseConfig decodes and checks data, read from file (named in errors).
// Unknown fields are errors, so a typo never silently drops a filter.
func ParseConfig(file string, data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	// io.EOF is an empty file: it configures nothing.
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	setLines(&c, data)
	var errs []error
	seen := map[string]bool{}
	for i := range c.Destinations {
		d := &c.Destinations[i]
		if d.Rate == 0 {
			d.Rate = 1
		}
		for _, msg := range d.problems(seen) {
			errs = append(errs, fmt.Errorf("%s:%d: destination %q: %s", file, d.Line, d.Name, msg))
		}
	}
	return &c, errors.Join(errs...)
}

// setLines records where each destination starts, read from the node tree
// since the struct decode keeps no positions.
func setLines(c *Config, data []byte) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "destinations" {
			continue
		}
		for j, n := range root.Content[i+1].Content {
			if j < len(c.Destinations) {
				c.Destinations[j].Line = n.Line
			}
		}
	}
}

func (d *Destination) problems(seen map[string]bool) []string {
	var out []string
	switch {
	case d.Name == "":
		out = append(out, "name is required")
	case seen[d.Name]:
		out = append(out, "name used twice")
	}
	seen[d.Name] = true
	if !slices.Contains(types, d.Type) {
		out = append(out, fmt.Sprintf("unknown type %q (known: %v)", d.Type, types))
	}
	if !envName.MatchString(d.URLEnv) {
		out = append(out, fmt.Sprintf("url_env %q: want the name of an environment variable, such as SLACK_WEBHOOK_URL", d.URLEnv))
	}
	if d.Type == TypeWebhook && !envName.MatchString(d.SecretEnv) {
		out = append(out, fmt.Sprintf("secret_env %q: a webhook needs the name of the environment variable holding its HMAC secret", d.SecretEnv))
	}
	if d.Rate < 0 {
		out = append(out, "rate must be positive")
	}
	return out
}

// Wants reports whether d takes events of provider, whose category is
// category.
func (d *Destination) Wants(provider, category string) bool {
	if len(d.Providers) == 0 && len(d.Categories) == 0 {
		return true
	}
	return slices.Contains(d.Providers, provider) || category != "" && slices.Contains(d.Categories, category)
}
