// The one rule by which a typed text finds providers, shared by the search
// box (search.js) and the watch list (watch.js) so that both find the same
// ones in the same order. Case and accents are ignored ("zurich" finds
// "Zürich"). A provider matches when its name, an alias or its slug holds
// what was typed, or, failing that, when they hold every typed word in any
// order. The best come first:
//   0-1 the name starts with the text, a word of it does;
//   2-3 the same for an alias (the alias is returned, to show it);
//   4-5 the name holds it inside a word, then an alias does: "icloud"
//       inside "MiCloud" is a weaker sign than Apple's alias "iCloud";
//   6   the slug holds it;
//   7   every word is somewhere in the name, aliases and slug.
// Among equals the given order is kept (the callers give name order).
window.uptimusMatch = (function () {
  "use strict";

  function fold(s) {
    return String(s).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // rank says where the folded q stands in text: 0 at its start, 1 at the
  // start of a word, 2 elsewhere, -1 nowhere.
  function rank(q, text) {
    var t = fold(text), i = t.indexOf(q);
    if (i < 0) { return -1; }
    if (i === 0) { return 0; }
    return /[a-z0-9]/.test(t.charAt(i - 1)) ? 2 : 1;
  }

  // nameScore and aliasScore place rank's answer on the scale above.
  var nameScore = [0, 1, 4], aliasScore = [2, 3, 5];

  function score(q, words, c) {
    var r0 = rank(q, c.name), best = r0 < 0 ? -1 : nameScore[r0], alias = "", aliases = c.aliases || [];
    for (var i = 0; i < aliases.length && best !== 0; i++) {
      var r = rank(q, aliases[i]);
      if (r >= 0 && (best < 0 || aliasScore[r] < best)) { best = aliasScore[r]; alias = aliases[i]; }
    }
    if (best < 0 && rank(q, c.slug) >= 0) { best = 6; }
    if (best < 0 && words.length > 1) {
      var all = fold([c.name, c.slug].concat(aliases).join(" "));
      if (words.every(function (w) { return all.indexOf(w) >= 0; })) { best = 7; }
    }
    return { rank: best, alias: alias };
  }

  // find returns {item, rank, alias} for each of items that query matches,
  // best first; fields(item) gives its {name, aliases, slug}.
  function find(query, items, fields) {
    var q = fold(query).trim().replace(/\s+/g, " ");
    var out = [];
    if (!q) { return out; }
    var words = q.split(" ");
    items.forEach(function (item) {
      var s = score(q, words, fields(item));
      if (s.rank >= 0) { out.push({ item: item, rank: s.rank, alias: s.alias }); }
    });
    out.sort(function (a, b) { return a.rank - b.rank; });
    return out;
  }

  return { find: find };
})();
