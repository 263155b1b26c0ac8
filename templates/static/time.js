// Shows times marked data-relative as "5 minutes ago", keeping the absolute
// UTC time (the element's text without JavaScript) as its tooltip.
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
  function update() {
    var now = Date.now();
    document.querySelectorAll("time[data-relative]").forEach(function (el) {
      var t = Date.parse(el.getAttribute("datetime"));
      if (isNaN(t)) { return; }
      if (!el.title) { el.title = el.textContent; }
      el.textContent = ago(Math.max(0, (now - t) / 1000));
    });
  }
  update();
  setInterval(update, 60000);
})();
