//go:build browser

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"
)

// tab is one page of a headless Chromium driven over the DevTools
// protocol (on the pipe --remote-debugging-pipe opens, so no port and no
// WebSocket), for what a page's own script cannot do: press real keys
// (Tab moves focus only when the browser sends it), click with a real
// pointer, emulate forced colours.
type tab struct {
	t       *testing.T
	in      *os.File
	from    *os.File // out reads it
	out     *bufio.Reader
	next    int
	session string
}

// patience bounds each command and each wait for a page's state: far
// more than any takes on a loaded two-core machine, so that only a page
// that never gets there fails.
const patience = time.Minute

// openTab starts Chromium w×h px (extra flags go to it) and opens url in
// a tab, waiting until the page has loaded.
func openTab(t *testing.T, url string, w, h int, extra ...string) *tab {
	t.Helper()
	b := newTab(t, w, h, extra...)
	b.navigate(url)
	return b
}

// newTab starts Chromium w×h px (extra flags go to it) with one blank tab.
func newTab(t *testing.T, w, h int, extra ...string) *tab {
	t.Helper()
	// A last resort only: every command and every wait has its own
	// deadline, well inside this one.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel)
	toBrowser, fromTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromBrowser, toTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir=" + t.TempDir(), fmt.Sprintf("--window-size=%d,%d", w, h)}, extra...)
	cmd := exec.CommandContext(ctx, chromium(t), append(args, "about:blank")...)
	// The protocol's pipe is fds 3 (the browser reads) and 4 (it writes).
	cmd.ExtraFiles = []*os.File{toBrowser, toTest}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toBrowser.Close()
	toTest.Close()
	b := &tab{t: t, in: fromTest, from: fromBrowser, out: bufio.NewReader(fromBrowser)}
	// Asked to close, the browser ends its helper processes too, before
	// its profile folder is removed; killed, they would write on into it.
	t.Cleanup(func() {
		b.session = ""
		if b.try("Browser.close", nil, nil) != nil {
			_ = cmd.Process.Kill()
		}
		_ = cmd.Wait()
		fromTest.Close()
		fromBrowser.Close()
	})
	var target struct{ TargetID string }
	b.call("Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	b.call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": false}, nil)
	return b
}

// call sends one command (to the page once attached) and decodes its
// result into res.
func (b *tab) call(method string, params any, res any) {
	b.t.Helper()
	if err := b.try(method, params, res); err != nil {
		b.t.Fatal(err)
	}
}

// try is call that returns the browser's refusal rather than failing,
// skipping the events that come between the command and its answer.
func (b *tab) try(method string, params any, res any) error {
	b.next++
	msg := map[string]any{"id": b.next, "method": method, "params": params}
	if b.session != "" {
		msg["sessionId"] = b.session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.in.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if err := b.from.SetReadDeadline(time.Now().Add(patience)); err != nil {
		return err
	}
	for {
		line, err := b.out.ReadBytes(0)
		if err != nil {
			return fmt.Errorf("%s: no answer from the browser: %w", method, err)
		}
		var reply struct {
			ID     int
			Result json.RawMessage
			Error  *struct{ Message string }
		}
		if err := json.Unmarshal(line[:len(line)-1], &reply); err != nil {
			return fmt.Errorf("%s: %w", method, err)
		}
		if reply.ID != b.next {
			continue
		}
		if reply.Error != nil {
			return fmt.Errorf("%s: %s", method, reply.Error.Message)
		}
		if res == nil {
			return nil
		}
		if err := json.Unmarshal(reply.Result, res); err != nil {
			return fmt.Errorf("%s: %w", method, err)
		}
		return nil
	}
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
