/* Added to the site's copy of the concept map: focus the term named in the address's
   fragment (map.html#IRI, how a term page shows its neighbourhood), follow the site's
   language, and link the focused concept to its term page. SITE_PATHS (IRI -> page) is
   prepended by the site writer. */
(function () {
  "use strict";
  var link = document.createElement("a");
  link.id = "site-term-link"; link.hidden = true;
  link.style.cssText = "position:fixed;left:12px;bottom:12px;z-index:10;background:#fff;padding:4px 8px;border:1px solid #888;border-radius:4px;color:#0b4f8a";
  document.body.appendChild(link);
  var home = document.createElement("a");
  home.href = "index.html"; home.textContent = "⌂ index"; home.id = "site-home-link";
  home.style.cssText = "position:fixed;right:12px;bottom:12px;z-index:10;background:#fff;padding:4px 8px;border:1px solid #888;border-radius:4px;color:#0b4f8a";
  document.body.appendChild(home);
  function api() { return window.conceptMap && window.conceptMap.ready ? window.conceptMap : null; }
  function showLink(iri) {
    var path = iri && SITE_PATHS[iri];
    link.hidden = !path;
    if (path) { link.href = path; link.textContent = "→ " + (document.querySelector("#details h3") || {}).textContent; }
  }
  function focusFragment() {
    var map = api(), iri = decodeURIComponent(location.hash.slice(1));
    if (!map || !iri) return;
    var i = map.idOf(iri);
    if (i === null || i === undefined) return;
    // map.html?near#IRI (a term page's frame): only the term and its neighbours
    if (/(^|[?&])near\b/.test(location.search.slice(1))) map.neighbourhood(i); else map.focus(i);
    showLink(iri);
  }
  function start() {
    var map = api();
    if (!map) { setTimeout(start, 50); return; }
    try {
      var lang = localStorage.getItem("revops-graph-site-lang");
      if (lang && map.setLang && (lang === "de" || lang === "en")) map.setLang(lang);
    } catch (e) { /* no storage: keep the map's language */ }
    focusFragment();
    var details = document.getElementById("details");
    if (details && window.MutationObserver) {
      new MutationObserver(function () {
        var title = details.querySelector("h3"), lang = map.lang ? map.lang() : "en", found = null;
        if (title) map.data.nodes.some(function (n) { if (n.label[lang] === title.textContent) { found = n.iri; return true; } return false; });
        showLink(found);
      }).observe(details, { childList: true });
    }
  }
  window.addEventListener("hashchange", focusFragment);
  start();
})();
