// The watch list (/watch/): the providers a reader picks, kept in this
// browser's localStorage only (no cookie; the list never leaves the
// browser), shown with their state, open incidents and maintenance from
// status.json on this same site, and exported as an OPML file of their
// feeds and as their calendar links. Without JavaScript the page explains
// and links the feeds; this script adds the list. The page's JSON config
// (#watch-config) holds status.json's path, each provider's links as
// patterns with "{slug}", and the status labels the pages use. It needs
// match.js, loaded before it.
(function () {
  "use strict";
  var app = document.getElementById("watch-app");
  var conf = document.getElementById("watch-config");
  if (!app || !conf || !window.fetch || !window.uptimusMatch) { return; }
  var cfg = JSON.parse(conf.textContent);
  var KEY = "uptimus-watch";
  var SHOWN = 8; // matches listed at once: the catalogue has a thousand
  var slugRE = /^[a-z0-9-]+$/;
  var $ = function (id) { return document.getElementById(id); };
  var form = $("watch-pick"), input = $("watch-q"), options = $("watch-options"), hint = $("watch-hint"),
    notice = $("watch-notice"), list = $("watch-list"), empty = $("watch-empty"), exp = $("watch-export"),
    cals = $("watch-cals"), checked = $("watch-checked");
  var providers = [], bySlug = {};
  var store = storage();

  function storage() {
    try {
      var s = window.localStorage;
      s.getItem(KEY);
      return s;
    } catch (e) { return null; }
  }
  function load() {
    var v;
    try { v = JSON.parse(store.getItem(KEY) || "[]"); } catch (e) { v = []; }
    if (!Array.isArray(v)) { return []; }
    return v.filter(function (s, i) { return typeof s === "string" && slugRE.test(s) && v.indexOf(s) === i; });
  }
  function save(slugs) {
    try { store.setItem(KEY, JSON.stringify(slugs)); } catch (e) { say("This browser did not let the page keep your list."); }
  }
  function say(text) { notice.textContent = text; }
  function link(pattern, slug) { return pattern.split("{slug}").join(slug); }

  // el makes an element; strings among kids become text, never markup.
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { if (k !== null) { e.append(k); } });
    return e;
  }
  // badge is a status's symbol and label, as the pages show it; the HTML
  // parser puts the symbol in the SVG namespace.
  function badge(status) {
    var name = cfg.statuses[status] ? status : "unknown";
    var b = el("span", { "class": "badge s-" + name });
    b.innerHTML = "<svg aria-hidden=\"true\" focusable=\"false\"><use href=\"" + xml(cfg.icons + "#" + name) + "\"></use></svg>";
    b.append(cfg.statuses[name]);
    return b;
  }
  // when is a time as the pages write it; time.js then reads it in the
  // reader's zone, or as "5 minutes ago" when relative.
  function when(iso, relative) {
    var t = window.uptimusTime;
    var text = t ? t.utcText(new Date(iso)) : iso.replace("T", " ").slice(0, 16) + " UTC";
    var attrs = { datetime: iso };
    if (relative) { attrs["data-relative"] = ""; }
    return el("time", attrs, [text]);
  }
  function safeURL(u) { return /^https?:\/\//.test(u) ? u : "#"; }

  // entry is one open incident or maintenance window of a watched provider.
  function entry(label, it) {
    var p = el("p", { "class": "wentry" }, [el("strong", {}, [label + ": "]), el("a", { href: safeURL(it.url) }, [it.title])]);
    if (it.scheduled_for) {
      p.append(" · ", when(it.scheduled_for));
      if (it.scheduled_until) { p.append(" to ", when(it.scheduled_until)); }
    } else if (it.started_at) {
      p.append(" · started ", when(it.started_at));
    }
    return p;
  }
  function card(slug) {
    var p = bySlug[slug];
    var name = p ? p.name : slug;
    var remove = el("button", { type: "button", "class": "btn small", "data-remove": slug, "aria-label": "Remove " + name + " from my watch list" }, ["Remove"]);
    if (!p) {
      return el("li", { "data-slug": slug }, [el("div", { "class": "top" }, [el("span", { "class": "pname" }, [slug])]),
        el("div", { "class": "wfoot" }, [el("p", { "class": "wentry muted" }, ["No longer in the catalogue."]), remove])]);
    }
    var li = el("li", { "data-slug": slug }, [el("div", { "class": "top" }, [
      el("a", { "class": "pname", href: link(cfg.page, slug) }, [name]), badge(p.status)])]);
    (p.open || []).forEach(function (it) { li.append(entry("Open incident", it)); });
    (p.maintenance || []).forEach(function (it) {
      li.append(entry(it.phase === "in_progress" ? "Maintenance in progress" : "Upcoming maintenance", it));
    });
    if (p.stale) {
      li.append(el("p", { "class": "wentry" }, ["Our data is out of date, so its status is unknown."]));
    } else if (!p.checked_at && !p.updated_at) {
      li.append(el("p", { "class": "wentry muted" }, ["No status collected yet."]));
    } else if (!(p.open || []).length && !(p.maintenance || []).length) {
      li.append(el("p", { "class": "wentry muted" }, ["No open incident and no maintenance scheduled."]));
    }
    li.append(el("div", { "class": "wfoot" }, [p.checked_at ? el("p", { "class": "small muted" }, ["Last checked ", when(p.checked_at, true)]) : "", remove]));
    return li;
  }
  function calendar(slug) {
    var p = bySlug[slug], url = link(cfg.webcal, slug), id = "watch-cal-" + slug;
    var field = el("input", { type: "text", id: id, readonly: "", value: url, "class": "wlink" });
    return el("li", {}, [el("label", { "for": id }, [p.name, el("span", { "class": "visually-hidden" }, [" calendar link"])]), " ", el("a", { href: url }, ["subscribe"]), " · ",
      el("a", { href: link(cfg.calendar, slug), type: "text/calendar" }, [".ics file"]),
      el("span", { "class": "wcopy" }, [field, el("button", { type: "button", "class": "btn small", "data-copy": id, "aria-label": "Copy the calendar link of " + p.name }, ["Copy"])])]);
  }
  // attention ranks a watched provider: trouble first, then maintenance
  // under way, then maintenance ahead, then the rest, each in the order
  // they were added.
  var TROUBLE = { major_outage: 0, partial_outage: 1, degraded_performance: 2 };
  function attention(slug) {
    var p = bySlug[slug];
    if (!p) { return 6; }
    if (p.status in TROUBLE) { return TROUBLE[p.status]; }
    if ((p.open || []).length) { return 2; }
    var working = (p.maintenance || []).some(function (it) { return it.phase === "in_progress"; });
    if (working || p.status === "maintenance") { return 3; }
    return (p.maintenance || []).length ? 4 : 5;
  }
  function render() {
    var slugs = load();
    var known = slugs.filter(function (s) { return bySlug[s]; });
    list.textContent = "";
    cals.textContent = "";
    slugs.slice().sort(function (a, b) { return attention(a) - attention(b); }).forEach(function (s) { list.append(card(s)); });
    known.forEach(function (s) { cals.append(calendar(s)); });
    empty.textContent = "You watch no provider yet. Type a name above to add one.";
    empty.hidden = slugs.length > 0;
    exp.hidden = known.length === 0;
    if (window.uptimusTime) { window.uptimusTime.refresh(); }
  }

  // matches are the providers the typed text finds, by match.js's rule.
  function matches(q) {
    return window.uptimusMatch.find(q, providers, function (p) {
      return { name: p.name, aliases: p.aliases, slug: p.slug };
    }).map(function (m) { return m.item; });
  }
  function showMatches() {
    var q = input.value.trim(), found = matches(q), watched = load();
    options.textContent = "";
    found.slice(0, SHOWN).forEach(function (p) {
      var on = watched.indexOf(p.slug) !== -1;
      var b = el("button", { type: "button", "class": "wopt", "data-add": p.slug }, [on ? p.name + " (in your list)" : "Add " + p.name]);
      b.disabled = on;
      options.append(el("li", {}, [b]));
    });
    options.hidden = found.length === 0;
    if (!q) { hint.textContent = ""; return; }
    if (!found.length) { hint.textContent = "No provider matches “" + q + "”."; return; }
    hint.textContent = found.length > SHOWN ? "The first " + SHOWN + " of " + found.length + " matching providers; type more to narrow them." :
      found.length + (found.length === 1 ? " provider matches." : " providers match.");
  }
  function add(slug) {
    var slugs = load(), p = bySlug[slug];
    if (!p) { return; }
    if (slugs.indexOf(slug) === -1) { slugs.push(slug); save(slugs); }
    input.value = "";
    showMatches();
    render();
    say(p.name + " added to your watch list.");
  }
  function remove(slug) {
    save(load().filter(function (s) { return s !== slug; }));
    render();
    say((bySlug[slug] ? bySlug[slug].name : slug) + " removed from your watch list.");
    input.focus();
  }

  function xml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;" }[c];
    });
  }
  // opml is the OPML 2.0 file of the watched providers' incidents feeds.
  function opml() {
    var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "<head>",
      "<title>" + xml(cfg.title) + "</title>", "<dateCreated>" + new Date().toUTCString() + "</dateCreated>", "</head>", "<body>"];
    load().forEach(function (s) {
      var p = bySlug[s];
      if (!p) { return; }
      out.push("<outline type=\"rss\" text=\"" + xml(p.name) + "\" title=\"" + xml(p.name) + "\" xmlUrl=\"" + xml(link(cfg.feed, s)) +
        "\" htmlUrl=\"" + xml(link(cfg.page_abs, s)) + "\"/>");
    });
    out.push("</body>", "</opml>", "");
    return out.join("\n");
  }
  function download() {
    var a = el("a", { href: URL.createObjectURL(new Blob([opml()], { type: "text/x-opml;charset=utf-8" })), download: cfg.file });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    say("The OPML file is downloading.");
  }
  function copy(id) {
    var field = $(id), done = function () { say("Link copied."); };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { say("Copy failed: the link is selected, copy it yourself."); });
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    } else {
      say("The link is selected: copy it yourself.");
    }
  }

  // The keyboard: down from the box into the matches, up and down among
  // them, Escape back to the box; Enter in the box adds the first match.
  function move(from, step) {
    var bs = Array.prototype.slice.call(options.querySelectorAll("button:not([disabled])"));
    var i = bs.indexOf(from) + step;
    if (from === input) { i = step > 0 ? 0 : -1; }
    if (i < 0) { input.focus(); } else if (bs[i]) { bs[i].focus(); }
  }
  function wire() {
    input.addEventListener("input", showMatches);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = options.querySelector("button:not([disabled])");
      if (first) { add(first.getAttribute("data-add")); }
    });
    form.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(e.target, 1); }
      if (e.key === "ArrowUp") { e.preventDefault(); move(e.target, -1); }
      if (e.key === "Escape") { input.focus(); }
    });
    options.addEventListener("click", function (e) {
      var b = e.target.closest("[data-add]");
      if (b) { add(b.getAttribute("data-add")); input.focus(); }
    });
    app.addEventListener("click", function (e) {
      var r = e.target.closest("[data-remove]"), c = e.target.closest("[data-copy]");
      if (r) { remove(r.getAttribute("data-remove")); }
      if (c) { copy(c.getAttribute("data-copy")); }
    });
    $("watch-opml").addEventListener("click", download);
  }

  // A provider page's "add to my watch list" link arrives with ?add=slug.
  function addFromLink() {
    var slug = new URLSearchParams(window.location.search).get("add");
    if (!slug) { return; }
    if (bySlug[slug]) { add(slug); } else { say("There is no provider “" + slug + "” to add."); }
    history.replaceState(null, "", window.location.pathname + window.location.hash);
  }
  function newest(list) {
    var at = "";
    list.forEach(function (p) { if (p.checked_at && p.checked_at > at) { at = p.checked_at; } });
    return at;
  }

  app.classList.remove("needs-js");
  if (!store) {
    form.hidden = true;
    empty.textContent = "This browser does not let pages keep anything (its local storage is off), so it cannot keep a watch list.";
    return;
  }
  fetch(cfg.status, { cache: "no-cache" }).then(function (r) {
    if (!r.ok) { throw new Error(r.status); }
    return r.json();
  }).then(function (doc) {
    providers = (doc.providers || []).filter(function (p) { return slugRE.test(p.slug) && p.name; });
    providers.sort(function (a, b) { return a.name.localeCompare(b.name); });
    providers.forEach(function (p) { bySlug[p.slug] = p; });
    var at = newest(providers);
    if (at) { checked.append(", ", when(at, true)); }
    wire();
    render();
    addFromLink();
    app.setAttribute("data-ready", "");
  }).catch(function () {
    form.hidden = true;
    empty.textContent = "The current status could not be loaded; try again in a moment.";
    app.setAttribute("data-ready", "");
  });
})();
