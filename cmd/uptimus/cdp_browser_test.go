//go:build browser

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// browser is one headless Chromium driven over the DevTools protocol (on
// the pipe --remote-debugging-pipe opens, so no port and no WebSocket),
// shared by every test that starts it with the same environment and
// flags: starting one takes seconds, a fresh browser context (cookies,
// storage, cache of its own) for each test a few milliseconds. Tests in
// parallel share its pipe: one goroutine reads it and hands each answer
// to the call waiting for its id.
type browser struct {
	cmd  *exec.Cmd
	in   *os.File // the browser reads it
	from *os.File // the browser writes it

	mu      sync.Mutex // guards the writes to in, next and pending
	next    int
	pending map[int]waiter

	done chan struct{} // closed when the pipe has nothing more to read
	err  error         // why, once done is closed
}

// waiter is a command sent and not yet answered: the session it went to
// and where its answer goes.
type waiter struct {
	session string
	reply   chan reply
}

// reply is the browser's answer to one command.
type reply struct {
	ID        int
	SessionID string
	Result    json.RawMessage
	Error     *struct{ Message string }
}

// tab is one page of a shared browser, alone in a browser context of its
// own, for what a page's own script cannot do: press real keys (Tab moves
// focus only when the browser sends it), click with a real pointer,
// emulate forced colours.
type tab struct {
	t       *testing.T
	br      *browser
	session string
}

// patience bounds each command and each wait for a page's state: far
// more than any takes on a loaded two-core machine, so that only a page
// that never gets there fails.
const patience = time.Minute

// browsers are the browsers started so far, by environment and flags.
var browsers struct {
	sync.Mutex
	dir    string // their profiles and the other folders they read, removed after the tests
	byKind map[string]*browser
}

// openTab opens url w×h px in a tab of the browser with the extra flags
// given, waiting until the page has loaded.
func openTab(t *testing.T, url string, w, h int, extra ...string) *tab {
	t.Helper()
	b := newTab(t, w, h, extra...)
	b.navigate(url)
	return b
}

// newTab opens a blank tab w×h px in the browser with the extra flags
// given.
func newTab(t *testing.T, w, h int, extra ...string) *tab {
	t.Helper()
	return tabIn(t, sharedBrowser(t, nil, extra), w, h)
}

// tabIn opens a blank tab w×h px in br, in a browser context of its own
// that goes, with all it stored, when the test ends.
func tabIn(t *testing.T, br *browser, w, h int) *tab {
	t.Helper()
	b := &tab{t: t, br: br}
	var ctx struct{ BrowserContextID string }
	b.call("Target.createBrowserContext", nil, &ctx)
	t.Cleanup(func() {
		b.session = ""
		if err := b.try("Target.disposeBrowserContext", map[string]any{"browserContextId": ctx.BrowserContextID}, nil); err != nil {
			t.Error(err)
		}
	})
	var target struct{ TargetID string }
	b.call("Target.createTarget", map[string]any{"url": "about:blank", "browserContextId": ctx.BrowserContextID, "width": w, "height": h}, &target)
	var att struct{ SessionID string }
	b.call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": false}, nil)
	return b
}

// sharedBrowser returns the browser started with env added to the
// environment and the extra flags, starting it on first use. It runs
// until every test has finished.
func sharedBrowser(t *testing.T, env, extra []string) *browser {
	t.Helper()
	browsers.Lock()
	defer browsers.Unlock()
	kind := strings.Join(append(append([]string{}, env...), extra...), "\n")
	if br := browsers.byKind[kind]; br != nil {
		return br
	}
	profile, err := os.MkdirTemp(browsersDir(t), "profile-")
	if err != nil {
		t.Fatal(err)
	}
	br, err := startBrowser(profile, env, extra)
	if err != nil {
		t.Fatal(err)
	}
	browsers.byKind[kind] = br
	afterTests(br.close)
	return br
}

// browsersDir returns the folder of the browsers' profiles, made on first
// use and removed after the tests; browsers must be locked.
func browsersDir(t *testing.T) string {
	t.Helper()
	if browsers.byKind == nil {
		dir, err := os.MkdirTemp("", "uptimus-browsers-")
		if err != nil {
			t.Fatal(err)
		}
		browsers.dir, browsers.byKind = dir, map[string]*browser{}
		// Registered before any browser's close, so run after: once
		// every browser has stopped writing into its profile.
		afterTests(func() { os.RemoveAll(dir) })
	}
	return browsers.dir
}

// startBrowser starts Chromium with its profile in the folder given, env
// added to the environment and the extra flags, and starts reading its
// answers.
func startBrowser(profile string, env, extra []string) (*browser, error) {
	bin, err := findChromium()
	if err != nil {
		return nil, err
	}
	toBrowser, fromTest, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	fromBrowser, toTest, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir=" + profile}, extra...)
	cmd := exec.Command(bin, append(args, "about:blank")...)
	cmd.Env = append(os.Environ(), env...)
	// The protocol's pipe is fds 3 (the browser reads) and 4 (it writes).
	// Should the tests die without closing it, the browser reads the end
	// of the pipe and quits.
	cmd.ExtraFiles = []*os.File{toBrowser, toTest}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	toBrowser.Close()
	toTest.Close()
	br := &browser{cmd: cmd, in: fromTest, from: fromBrowser, pending: map[int]waiter{}, done: make(chan struct{})}
	go br.read()
	return br, nil
}

// read hands each answer on the pipe to the call waiting for it, until
// the pipe ends; events, which no test waits for, are dropped.
func (br *browser) read() {
	out := bufio.NewReader(br.from)
	for {
		line, err := out.ReadBytes(0)
		if err != nil {
			br.err = fmt.Errorf("no answer from the browser: %w", err)
			close(br.done)
			return
		}
		var r reply
		if err := json.Unmarshal(line[:len(line)-1], &r); err != nil {
			br.err = fmt.Errorf("the browser wrote what is not JSON: %w: %.200s", err, line)
			close(br.done)
			return
		}
		if r.ID == 0 {
			continue
		}
		br.mu.Lock()
		w, ok := br.pending[r.ID]
		delete(br.pending, r.ID)
		br.mu.Unlock()
		if !ok {
			continue // its caller gave up waiting
		}
		if r.SessionID != w.session {
			r.Error = &struct{ Message string }{fmt.Sprintf("answer from session %q to a command sent to %q", r.SessionID, w.session)}
		}
		w.reply <- r
	}
}

// send sends one command to the session given ("" for the browser) and
// waits, at most patience, for its answer.
func (br *browser) send(session, method string, params any) (json.RawMessage, error) {
	w := waiter{session: session, reply: make(chan reply, 1)}
	br.mu.Lock()
	br.next++
	id := br.next
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err == nil {
		br.pending[id] = w
		if _, err = br.in.Write(append(data, 0)); err != nil {
			delete(br.pending, id)
		}
	}
	br.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	timer := time.NewTimer(patience)
	defer timer.Stop()
	select {
	case r := <-w.reply:
		if r.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, r.Error.Message)
		}
		return r.Result, nil
	case <-br.done:
		return nil, fmt.Errorf("%s: %w", method, br.err)
	case <-timer.C:
		br.mu.Lock()
		delete(br.pending, id)
		br.mu.Unlock()
		return nil, fmt.Errorf("%s: no answer from the browser in %v", method, patience)
	}
}

// close asks the browser to quit, which ends its helper processes too
// before its profile folder is removed (killed, they would write on into
// it), and kills it if it does not.
func (br *browser) close() {
	if _, err := br.send("", "Browser.close", nil); err != nil {
		_ = br.cmd.Process.Kill()
	}
	exited := make(chan struct{})
	go func() { _ = br.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(patience):
		_ = br.cmd.Process.Kill()
		<-exited
	}
	br.in.Close()
	br.from.Close()
}

// call sends one command (to the page once attached) and decodes its
// result into res.
func (b *tab) call(method string, params any, res any) {
	b.t.Helper()
	if err := b.try(method, params, res); err != nil {
		b.t.Fatal(err)
	}
}

// try is call that returns the browser's refusal rather than failing.
func (b *tab) try(method string, params any, res any) error {
	result, err := b.br.send(b.session, method, params)
	if err != nil || res == nil {
		return err
	}
	if err := json.Unmarshal(result, res); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	return nil
}

// navigate opens url and waits for it to load, its deferred scripts run.
// The new document is told from the old by its loader, not by its
// address, which a page's script may rewrite.
func (b *tab) navigate(url string) {
	b.t.Helper()
	var nav struct{ LoaderID, ErrorText string }
	b.call("Page.navigate", map[string]any{"url": url}, &nav)
	if nav.ErrorText != "" {
		b.t.Fatalf("%s: %s", url, nav.ErrorText)
	}
	for deadline := time.Now().Add(patience); ; time.Sleep(20 * time.Millisecond) {
		var tree struct {
			FrameTree struct{ Frame struct{ LoaderID string } }
		}
		b.call("Page.getFrameTree", nil, &tree)
		if tree.FrameTree.Frame.LoaderID == nav.LoaderID {
			break
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s never replaced the page", url)
		}
	}
	b.waitFor(`document.readyState === "complete"`)
}

// eval runs a JavaScript expression in the page (awaiting a promise) and
// returns its value as JSON text.
func (b *tab) eval(expr string) string {
	b.t.Helper()
	v, err := b.tryEval(expr)
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

// tryEval is eval that returns the error.
func (b *tab) tryEval(expr string) (string, error) {
	var res struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *struct {
			Text      string
			Exception struct{ Description string }
		}
	}
	if err := b.try("Runtime.evaluate", map[string]any{"expression": expr, "awaitPromise": true, "returnByValue": true}, &res); err != nil {
		return "", err
	}
	if e := res.ExceptionDetails; e != nil {
		return "", fmt.Errorf("%s: %s %s", expr, e.Text, e.Exception.Description)
	}
	return string(res.Result.Value), nil
}

// str evaluates expr to a string.
func (b *tab) str(expr string) string {
	b.t.Helper()
	var s string
	if err := json.Unmarshal([]byte(b.eval(expr)), &s); err != nil {
		b.t.Fatalf("%s: not a string: %v", expr, err)
	}
	return s
}

// waitFor waits until cond, a JavaScript expression, is true in the page,
// failing the test if it is not within a minute.
func (b *tab) waitFor(cond string) {
	b.t.Helper()
	if !b.until(cond) {
		b.t.Fatalf("not true in %v: %s", patience, cond)
	}
}

// until polls cond, a JavaScript expression, in the page until it is true
// or a minute has passed, and says which. A page that a navigation
// replaced while it was asked is asked again.
func (b *tab) until(cond string) bool {
	b.t.Helper()
	// Each question polls for up to a second of the page's time, with
	// timers (animation frames stop where nothing is drawn).
	js := `new Promise(res => { const end = Date.now() + 1000; const f = () => { let ok = false; try { ok = !!(` + cond + `) } catch (e) {}
	  if (ok || Date.now() > end) { res(ok) } else { setTimeout(f, 10) } }; f() })`
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); {
		v, err := b.tryEval(js)
		if err == nil && v == "true" {
			return true
		}
		if err != nil {
			time.Sleep(20 * time.Millisecond)
		}
	}
	return false
}

// result opens url, a harness page, and returns what it wrote in #r once
// done, a JavaScript expression of that text r, holds; or, if it never
// does within a minute, what it wrote by then, for the caller's checks to
// show.
func (b *tab) result(url, done string) string {
	b.t.Helper()
	b.navigate(url)
	r := `(document.getElementById("r")?.textContent ?? "no #r")`
	b.until(`(r => ` + done + `)(` + r + `)`)
	return b.str(r)
}

// dom returns the document as the page's scripts have left it once cond,
// a JavaScript expression, holds, or after a minute when it never does,
// for the caller's checks to show.
func (b *tab) dom(cond string) string {
	b.t.Helper()
	if !b.until(cond) {
		b.t.Logf("not true in %v: %s", patience, cond)
	}
	return b.str(`document.documentElement.outerHTML`)
}

// press sends a key as the keyboard does: down, then up.
func (b *tab) press(key string) {
	b.t.Helper()
	codes := map[string]int{"Tab": 9, "Enter": 13, "Escape": 27, "End": 35, "Home": 36,
		"ArrowLeft": 37, "ArrowUp": 38, "ArrowRight": 39, "ArrowDown": 40}
	vk, ok := codes[key]
	if !ok {
		b.t.Fatalf("press: no code for %q", key)
	}
	for _, typ := range []string{"rawKeyDown", "keyUp"} {
		ev := map[string]any{"type": typ, "key": key, "code": key, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
		if key == "Enter" && typ == "rawKeyDown" {
			b.call("Input.dispatchKeyEvent", ev, nil)
			ev = map[string]any{"type": "char", "key": key, "text": "\r", "windowsVirtualKeyCode": vk}
		}
		b.call("Input.dispatchKeyEvent", ev, nil)
	}
}

// typeText types text into the focused field.
func (b *tab) typeText(text string) {
	b.t.Helper()
	b.call("Input.insertText", map[string]any{"text": text}, nil)
}

// click presses and releases the primary button at the middle of the
// first element matching sel, as a mouse does.
func (b *tab) click(sel string) {
	b.t.Helper()
	b.clickWith(sel, "left", 0)
}

// clickWith clicks sel with a button ("left", "middle") while holding the
// modifier keys (CDP's bits: 2 Ctrl, 4 Meta, 8 Shift).
func (b *tab) clickWith(sel, button string, modifiers int) {
	b.t.Helper()
	var at struct{ X, Y float64 }
	if err := json.Unmarshal([]byte(b.eval(`(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
	  return {x: r.left + r.width / 2, y: r.top + r.height / 2} })()`)), &at); err != nil {
		b.t.Fatal(err)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		b.call("Input.dispatchMouseEvent", map[string]any{"type": typ, "x": at.X, "y": at.Y, "button": button, "clickCount": 1, "modifiers": modifiers}, nil)
	}
}

// focused describes the focused element: its tag, id, class and label.
func (b *tab) focused() string {
	b.t.Helper()
	return b.str(`(() => { const e = document.activeElement; if (!e || e === document.body) return "body";
	  return [e.tagName.toLowerCase(), e.id && "#" + e.id, e.className && "." + e.className.split(" ").join("."),
	    e.getAttribute("aria-label") ? " " + e.getAttribute("aria-label") : ""].join("") })()`)
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// Tabs share a browser but nothing a page keeps: what one stores
// (localStorage, a cookie) another on the same site does not see, so no
// test's pages depend on what another test's did.
func TestTabsShareNothing(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	first := openTab(t, srv.URL+"/", 390, 844)
	kept := `(localStorage.getItem("kept") ?? "nothing stored") + "; " + (document.cookie || "no cookie")`
	if got := first.str(`localStorage.setItem("kept", "1"); document.cookie = "kept=1; path=/"; ` + kept); got != "1; kept=1" {
		t.Fatalf("the first tab kept %q", got)
	}
	second := openTab(t, srv.URL+"/", 390, 844)
	if got := second.str(kept); got != "nothing stored; no cookie" {
		t.Errorf("a second tab sees what the first kept: %q", got)
	}
}
