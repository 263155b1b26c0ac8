// Filters the provider list on the home page as the visitor types. The whole
// list is in the HTML, so without JavaScript nothing is lost but the filter.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var none = document.getElementById("search-empty");
  if (!form || !input) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-section]"));
  form.hidden = false;
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute("data-search");
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      li.hidden = !ok;
      if (ok) { shown++; }
    });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector("[data-search]:not([hidden])");
    });
    if (none) { none.hidden = shown !== 0; }
  }
  // The form submits to the home page itself, so ?q= links (and the
  // browser's back button) restore a search.
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) { input.value = given; }
  input.addEventListener("input", apply);
  apply();
})();
