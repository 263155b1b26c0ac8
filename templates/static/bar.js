// The 90-day bar as one stop in the Tab order. Without JavaScript each day
// is a button of its own, opening its details (a popover) by itself; with
// it the bar is a toolbar: Tab reaches one day (today, at first), the
// arrow keys move between days, Home and End go to the first and the last.
// When a day's details are open, moving opens the next day's instead.
(function () {
  "use strict";
  document.querySelectorAll("ol.bar").forEach(function (bar) {
    var days = Array.prototype.slice.call(bar.querySelectorAll("li > button"));
    if (!days.length) { return; }
    // A toolbar's items are its buttons; the list items around them step
    // aside, so that none is an item without its list.
    bar.setAttribute("role", "toolbar");
    Array.prototype.forEach.call(bar.children, function (li) { li.setAttribute("role", "none"); });
    var current = days.length - 1;
    days.forEach(function (d, i) { d.tabIndex = i === current ? 0 : -1; });

    function move(to) {
      var from = days[current];
      var pop = document.getElementById(from.getAttribute("popovertarget"));
      var open = pop && pop.matches(":popover-open");
      days[current].tabIndex = -1;
      current = to;
      days[current].tabIndex = 0;
      days[current].focus();
      if (open) {
        var next = document.getElementById(days[current].getAttribute("popovertarget"));
        if (next) { next.showPopover({ source: days[current] }); }
      }
    }

    bar.addEventListener("keydown", function (e) {
      var i = days.indexOf(e.target);
      if (i < 0 || e.altKey || e.ctrlKey || e.metaKey) { return; }
      var to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: days.length - 1 }[e.key];
      if (to === undefined) { return; }
      e.preventDefault();
      move(Math.max(0, Math.min(days.length - 1, to)));
    });
    // A day clicked or tapped is where Tab comes back to.
    bar.addEventListener("focusin", function (e) {
      var i = days.indexOf(e.target);
      if (i >= 0 && i !== current) {
        days[current].tabIndex = -1;
        current = i;
        days[current].tabIndex = 0;
      }
    });
  });
})();
