// Times for the reader. Without JavaScript every time reads in UTC; with it:
// - times marked data-relative read "5 minutes ago";
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
      relative();
    }).catch(function () {});
  }
  // Scripts that add times later (the watch list) write them as the pages
  // do, then ask for them to be read like the rest.
  window.uptimusTime = {
    utcText: utcText,
    refresh: function () { inLocalZone(); relative(); }
  };
  inLocalZone();
  relative();
  lastChecked();
  setInterval(relative, 60000);
})();
