// A page not rebuilt in time (the update job late or down) shows its
// out-of-date state from the first paint: this script, loaded blocking in
// <head> with the moment the page stops being current, marks <html> as
// aged once that moment has passed, and the stylesheet shows the page's
// out-of-date parts instead of its live ones. Done later (time.js), the
// swap would push the page's content down after it is shown.
(function () {
  "use strict";
  var s = document.currentScript, until = s ? Date.parse(s.getAttribute("data-fresh-until")) : NaN;
  if (!isNaN(until) && Date.now() > until) { document.documentElement.classList.add("aged"); }
})();
