// Finds a provider by name or alias as the visitor types. The index
// (search.json: [slug, name, state, category] per provider, then [aliases]
// when it has any, then the slug of its company's entry for a regional or
// product page) is loaded the first time the box is used, so pages
// stay small however many providers there are. The box is a combobox:
// arrows move through the matches, Enter opens the one chosen (or the
// first), a click opens the row clicked, Escape closes the list. Without
// JavaScript the form submits to the A-Z list of every provider. It needs
// match.js, loaded before it.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  if (!form || !input || !window.fetch || !window.uptimusMatch) { return; }
  var shownMax = 8;
  var index = null, loading = null, matches = [], active = -1;
  var list = document.createElement("ul");
  list.id = "q-list";
  list.className = "qlist";
  list.hidden = true;
  // The list scrolls, which would make it a tab stop of its own; the
  // arrow keys in the box move through it.
  list.tabIndex = -1;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Matching providers");
  var status = document.createElement("p");
  status.className = "qstatus small muted";
  status.setAttribute("role", "status");
  form.appendChild(list);
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index")).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }).then(function (d) { index = d; });
      loading.catch(function () {
        loading = null;
        status.textContent = "The list of providers could not be loaded; the A-Z list has them all.";
      });
    }
    return loading;
  }

  // find ranks the providers as match.js does (name, then alias, then
  // slug); the index is in name order, which it keeps among equals.
  function find(query) {
    return oncePerCompany(window.uptimusMatch.find(query, index.providers, function (p) {
      return { name: p[1], aliases: p[4], slug: p[0] };
    }));
  }

  // oncePerCompany keeps one match per company: the pages of one company
  // share a family (an entry's sixth field, the slug of the company's own
  // entry), and the best match of each stands for it, the company's own
  // entry among equals.
  function oncePerCompany(ms) {
    var best = {};
    function company(m) { return m.item[5] || m.item[0]; }
    ms.forEach(function (m, i) {
      var b = best[company(m)];
      if (b === undefined || (m.rank === ms[b].rank && !m.item[5] && ms[b].item[5])) { best[company(m)] = i; }
    });
    return ms.filter(function (m, i) { return best[company(m)] === i; });
  }

  function href(m) { return index.page + m.item[0] + "/"; }

  function option(m, i) {
    var li = document.createElement("li");
    li.id = "q-o" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", i === active ? "true" : "false");
    // No link inside: an option holds nothing interactive; the list's
    // click handler opens the provider of whichever row is clicked.
    var name = document.createElement("span");
    name.className = "qname";
    name.textContent = m.item[1];
    var info = document.createElement("span");
    info.className = "qinfo";
    info.textContent = (m.alias ? "also " + m.alias + " · " : "") + (index.categories[m.item[3]] || "");
    var st = document.createElement("span");
    var key = /^[a-z_]+$/.test(m.item[2]) ? m.item[2] : "unknown";
    st.className = "st s-" + (key === "no_data" ? "unknown" : key);
    st.textContent = index.states[m.item[2]] || "";
    // Spaces between the parts, so that they read apart when the option is
    // read as one text.
    [name, info, st].forEach(function (el, i) {
      if (i) { li.appendChild(document.createTextNode(" ")); }
      li.appendChild(el);
    });
    return li;
  }

  // render shows the matches; announce says how many there are.
  function render() {
    var shown = matches.slice(0, shownMax);
    list.textContent = "";
    shown.forEach(function (m, i) { list.appendChild(option(m, i)); });
    list.hidden = shown.length === 0;
    input.setAttribute("aria-expanded", shown.length ? "true" : "false");
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", "q-o" + active);
      document.getElementById("q-o" + active).scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function announce() {
    var n = matches.length;
    if (!input.value.trim()) {
      status.textContent = "";
    } else if (n === 0) {
      status.textContent = "No provider matches. The A-Z list has them all.";
    } else {
      status.textContent = (n > shownMax ? "The first " + shownMax + " of " + n + " matches" : n + (n === 1 ? " match" : " matches")) +
        "; use the arrow keys and Enter to open one.";
    }
  }

  function update() {
    return load().then(function () {
      matches = find(input.value);
      active = -1;
      render();
      announce();
    });
  }

  // close hides the list and empties the status, which would otherwise
  // go on counting matches no longer shown.
  function close() {
    matches = [];
    active = -1;
    render();
    status.textContent = "";
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    var n = Math.min(matches.length, shownMax);
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && n) {
      e.preventDefault();
      active = e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1);
      render();
    } else if (e.key === "Enter") {
      e.preventDefault();
      var chosen = Math.max(active, 0);
      // A search typed before the index came is matched once it has.
      load().then(function () {
        var pick = (matches.length ? matches : find(input.value))[chosen];
        if (pick) { window.location.href = href(pick); }
      });
    } else if (e.key === "Escape" && n) {
      e.preventDefault();
      close();
    }
  });
  // A click anywhere on a row opens its provider. Pressing the mouse
  // leaves the focus in the box, so that the list does not close (on
  // focusout) before the click lands.
  // With Ctrl, Cmd or Shift, or the middle button, it opens in a new tab,
  // as a link would.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  function openClicked(e, newTab) {
    var li = e.target.closest("[role=option]");
    var pick = li && matches[Number(li.id.slice(4))];
    if (!pick) { return; }
    if (newTab) {
      window.open(href(pick), "_blank", "noopener");
    } else {
      window.location.href = href(pick);
    }
  }
  list.addEventListener("click", function (e) { openClicked(e, e.ctrlKey || e.metaKey || e.shiftKey); });
  list.addEventListener("auxclick", function (e) {
    if (e.button === 1) { openClicked(e, true); }
  });
  // Enter is handled above; the form itself never submits.
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) { close(); }
  });
  // The list closes as the focus leaves the form (Tab, or a click
  // elsewhere), so that it neither covers what comes next nor stays
  // expanded for no one.
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) { close(); }
  });
  // ?q= links (and the browser's back button) restore a search.
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) {
    input.value = given;
    update();
  }
})();
