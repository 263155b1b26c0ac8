// Times for the reader. Without JavaScript every time reads in UTC; with it:
// - times marked data-relative read "5 minutes ago", and durations counted
//   from or to a moment (data-elapsed, data-until) are kept current;
// - a page left open past its data-fresh-until turns to its out-of-date
//   state;
// - other times of day (their text ends in " UTC") read in the reader's own
//   time zone, "Jul 30, 2026, 17:10 CEST".
// Either way the UTC text stays as the element's tooltip and the datetime
// attribute is untouched.
(function () {
  "use strict";
  var units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  function ago(seconds) {
    if (seconds < 60) { return "just now"; }
    for (var i = 0; i < units.length; i++) {
      var n = Math.floor(seconds / units[i][1]);
      if (n >= 1) { return n + " " + units[i][0] + (n === 1 ? "" : "s") + " ago"; }
    }
    return "just now";
  }
  function relative() {
    var now = Date.now();
    document.querySelectorAll("time[data-relative]").forEach(function (el) {
      var t = Date.parse(el.getAttribute("datetime"));
      if (isNaN(t)) { return; }
      if (!el.title) { el.title = el.textContent; }
      el.textContent = ago(Math.max(0, (now - t) / 1000));
    });
  }
  var local;
  try {
    local = new Intl.DateTimeFormat("en-US", {
      month: "short", day: "numeric", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
    });
  } catch (e) { local = null; }
  function inLocalZone() {
    if (!local) { return; }
    document.querySelectorAll("time[datetime]:not([data-relative])").forEach(function (el) {
      if (!/ UTC$/.test(el.textContent)) { return; }
      var t = new Date(el.getAttribute("datetime"));
      if (isNaN(t.getTime()) || t.getTimezoneOffset() === 0) { return; }
      el.title = el.textContent;
      var p = {};
      local.formatToParts(t).forEach(function (x) { p[x.type] = x.value; });
      el.textContent = p.month + " " + p.day + ", " + p.year + ", " + p.hour + ":" + p.minute + " " + p.timeZoneName;
    });
  }
  // utcText writes a time as the pages do without JavaScript:
  // "Nov 25, 2026, 12:00 UTC".
  function utcText(d) {
    var p = {};
    new Intl.DateTimeFormat("en-US", {
      month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23", timeZone: "UTC"
    }).formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
    return p.month + " " + p.day + ", " + p.year + ", " + p.hour + ":" + p.minute + " UTC";
  }
  // The time of the last check is in status.json, which every run rewrites,
  // rather than in the page, which changes only with the provider.
  function lastChecked() {
    var el = document.querySelector("[data-checked]");
    if (!el || !window.fetch) { return; }
    fetch(el.getAttribute("data-status")).then(function (r) { return r.json(); }).then(function (doc) {
      var slug = el.getAttribute("data-checked"), at = null;
      (doc.providers || []).forEach(function (p) { if (p.slug === slug && p.checked_at) { at = p.checked_at; } });
      if (!at) { return; }
      var t = document.createElement("time");
      t.setAttribute("datetime", at);
      t.setAttribute("data-relative", "");
      t.textContent = utcText(new Date(at));
      el.querySelector("span").replaceWith(t);
      el.hidden = false;
      // The time of the check says more than the build's "as of".
      document.querySelectorAll(".asof-built").forEach(function (x) { x.hidden = true; });
      relative();
    }).catch(function () {});
  }
  // span writes a duration as the pages do: its two largest units,
  // "2 h 13 min", "3 d 4 h", "< 1 min" (site.formatDuration).
  function span(ms) {
    var mins = Math.floor(ms / 60000);
    if (mins < 1) { return "< 1 min"; }
    var parts = [], d = Math.floor(mins / 1440), h = Math.floor(mins / 60) % 24, m = mins % 60;
    if (d) { parts.push(d + " d"); }
    if (h) { parts.push(h + " h"); }
    if (m) { parts.push(m + " min"); }
    return parts.slice(0, 2).join(" ");
  }
  // Durations the build computed at its clock ("for 2 h 13 min", "in 5 d")
  // are kept current.
  function durations() {
    var now = Date.now();
    document.querySelectorAll("[data-elapsed]").forEach(function (el) {
      var t = Date.parse(el.getAttribute("data-elapsed"));
      if (!isNaN(t) && now >= t) { el.textContent = span(now - t); }
    });
    // "Today" or "3 days ago" (the last incident's end) as the build
    // wrote it, counted on.
    document.querySelectorAll("[data-days-since]").forEach(function (el) {
      var t = Date.parse(el.getAttribute("data-days-since"));
      if (isNaN(t) || now < t) { return; }
      var n = Math.floor((now - t) / 86400000);
      el.textContent = n === 0 ? "Today" : n + (n === 1 ? " day" : " days") + " ago";
    });
    document.querySelectorAll("[data-until]").forEach(function (el) {
      var t = Date.parse(el.getAttribute("data-until"));
      if (!isNaN(t) && t >= now) { el.textContent = span(t - now); }
    });
  }
  // A page left open past its data-fresh-until turns to its out-of-date
  // state as one opened then does (aged.js, before the first paint): the
  // stylesheet swaps the live parts for the out-of-date ones.
  function age() {
    var el = document.querySelector("script[data-fresh-until]");
    if (!el) { return; }
    var until = Date.parse(el.getAttribute("data-fresh-until"));
    if (!isNaN(until) && Date.now() > until) { document.documentElement.classList.add("aged"); }
  }
  // Once times read in the reader's zone, the footer says so.
  function zoneNote() {
    var el = document.querySelector("[data-zone-note]");
    if (el && document.querySelector("time[datetime][title]:not([data-relative])")) {
      var zone = "";
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
      el.textContent = el.getAttribute("data-zone-note") + (zone ? " (" + zone + ")" : "") + ".";
    }
  }
  function tick() { age(); durations(); relative(); }
  // Scripts that add times later (the watch list) write them as the pages
  // do, then ask for them to be read like the rest.
  window.uptimusTime = {
    utcText: utcText,
    refresh: function () { inLocalZone(); zoneNote(); relative(); }
  };
  age();
  inLocalZone();
  zoneNote();
  durations();
  relative();
  lastChecked();
  setInterval(tick, 60000);
})();
