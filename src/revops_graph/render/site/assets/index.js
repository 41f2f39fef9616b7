/* The index page's search: the prebuilt MiniSearch index (assets/search.js) over the labels
   of every language; hits show the label in the chosen language. */
(function () {
  "use strict";
  var index = MiniSearch.loadJSON(JSON.stringify(SITE_SEARCH), { fields: ["label", "alt"], storeFields: ["p", "l", "s"] });
  var input = document.getElementById("search"), list = document.getElementById("results"),
      status = document.getElementById("search-status");
  function label(hit) {
    var lang = siteLang.get(), l = hit.l;
    if (l[lang] !== undefined) return [l[lang], lang];
    var base = lang.split("-")[0];
    if (l[base] !== undefined) return [l[base], base];
    if (l.en !== undefined) return [l.en, "en"];
    if (l[""] !== undefined) return [l[""], ""];
    var keys = Object.keys(l).sort();
    return keys.length ? [l[keys[0]], keys[0]] : [hit.p, ""];
  }
  function show() {
    var text = input.value.trim();
    list.replaceChildren();
    if (!text) { status.textContent = ""; return; }
    var hits = index.search(text, { prefix: true, fuzzy: 0.2, boost: { label: 2 } }).slice(0, 50);
    status.textContent = hits.length ? hits.length + " " + siteLang.word("found") : siteLang.word("noResults");
    hits.forEach(function (hit) {
      var li = document.createElement("li"), a = document.createElement("a"), shown = label(hit);
      a.href = hit.p; a.textContent = shown[0]; a.lang = shown[1];
      var sort = document.createElement("span");
      sort.className = "sort"; sort.textContent = " · " + siteLang.word(hit.s);
      li.appendChild(a); li.appendChild(sort); list.appendChild(li);
    });
  }
  input.addEventListener("input", show);
  document.addEventListener("site-lang", show);
  window.siteSearch = { search: function (text) { input.value = text; show(); return list.querySelectorAll("a").length; } };
  document.body.setAttribute("data-ready", "true");
})();
