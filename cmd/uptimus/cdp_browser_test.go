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
	out     *bufio.Reader
	next    int
	session string
}

// openTab starts Chromium w×h px (extra flags go to it) and opens url in
// a tab, waiting until the page has loaded.
func openTab(t *testing.T, url string, w, h int, extra ...string) *tab {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
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
	b := &tab{t: t, in: fromTest, out: bufio.NewReader(fromBrowser)}
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
	b.navigate(url)
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
	for {
		line, err := b.out.ReadBytes(0)
		if err != nil {
			return fmt.Errorf("%s: the browser closed the pipe: %w", method, err)
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
func (b *tab) navigate(url string) {
	b.t.Helper()
	b.call("Page.navigate", map[string]any{"url": url}, nil)
	b.waitFor(`document.readyState === "complete" && location.href === ` + jsString(url))
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

// waitFor waits until cond, a JavaScript expression, is true: in the page
// (polling each animation frame) for at most 20 s of the page's time.
func (b *tab) waitFor(cond string) {
	b.t.Helper()
	js := `new Promise(res => { let n = 0; const f = () => { let ok = false; try { ok = !!(` + cond + `) } catch (e) {}
	  if (ok || ++n > 1200) { res(ok) } else { requestAnimationFrame(f) } }; f() })`
	for range 50 {
		// An error is a navigation that replaced the page while it
		// waited: ask the new one.
		switch v, err := b.tryEval(js); {
		case err != nil:
		case v == "true":
			return
		case v == "false":
			b.t.Fatalf("never true: %s", cond)
		}
	}
	b.t.Fatalf("never true: %s", cond)
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
	var at struct{ X, Y float64 }
	if err := json.Unmarshal([]byte(b.eval(`(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
	  return {x: r.left + r.width / 2, y: r.top + r.height / 2} })()`)), &at); err != nil {
		b.t.Fatal(err)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		b.call("Input.dispatchMouseEvent", map[string]any{"type": typ, "x": at.X, "y": at.Y, "button": "left", "clickCount": 1}, nil)
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
