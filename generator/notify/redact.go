package notify

import (
	"errors"
	"net/url"
	"strings"
)

// target is a destination's URL, checked once per run, with the form of
// it that may be printed. A chat webhook's URL is its own credential
// (Slack's and Discord's carry the token in the path, Teams' Workflows in
// the query), so nothing but its scheme and host ever reaches a log.
type target struct {
	raw    string
	public string // "https://hooks.slack.com/…"
}

// parseTarget trims the whitespace a pasted secret often carries (a
// trailing newline) and checks the rest is an http or https URL. Its error
// never quotes the URL.
func parseTarget(raw string) (target, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return target{}, errors.New("is not an http or https URL")
	}
	t := target{raw: raw, public: u.Scheme + "://" + u.Host}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		t.public += "/…"
	}
	return t, nil
}

// scrub replaces, in an error's text, the URL and each of its secret
// parts with the public form: the net/http errors that quote a URL are
// unwrapped before, and this is the guard for those that still do.
func (t target) scrub(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	u, _ := url.Parse(t.raw)
	secrets := []string{t.raw}
	if u != nil {
		secrets = append(secrets, u.EscapedPath(), u.Path, u.RawQuery, u.Fragment, u.User.String())
	}
	for _, s := range secrets {
		if len(s) > 1 {
			msg = strings.ReplaceAll(msg, s, "…")
		}
	}
	if msg == err.Error() {
		return err
	}
	return errors.New(msg)
}
