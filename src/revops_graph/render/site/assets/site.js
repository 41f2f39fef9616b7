/* Every page: the language switch (remembered in localStorage, or ?lang= in the address)
   and the page words. Loaded in <head> so the page never flashes in the wrong language.
   SITE_LANGS, SITE_DEFAULT and SITE_WORDS are prepended by the site writer. */
(function () {
  "use strict";
  var KEY = "revops-graph-site-lang", root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(lang) { try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode: the address keeps it */ } }
  function chosen() {
    var asked = new URLSearchParams(location.search).get("lang");
    if (asked && SITE_LANGS.indexOf(asked) >= 0) { store(asked); return asked; }
    var kept = stored();
    return kept && SITE_LANGS.indexOf(kept) >= 0 ? kept : SITE_DEFAULT;
  }
  function words(lang) {
    var base = lang.split("-")[0];
    return SITE_WORDS[lang] ? [SITE_WORDS[lang], lang] : SITE_WORDS[base] ? [SITE_WORDS[base], base] : [SITE_WORDS.en, "en"];
  }
  function apply(lang) {
    root.lang = lang;
    root.setAttribute("data-lang", lang);
    if (document.readyState === "loading") return;
    var w = words(lang);
    document.querySelectorAll("[data-w]").forEach(function (el) {
      var text = w[0][el.getAttribute("data-w")];
      if (text !== undefined) { el.textContent = text; el.lang = w[1]; }
    });
    document.querySelectorAll("[data-set-lang]").forEach(function (a) {
      if (a.getAttribute("data-set-lang") === lang) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    document.dispatchEvent(new CustomEvent("site-lang", { detail: lang }));
  }
  var current = chosen();
  apply(current);
  document.addEventListener("DOMContentLoaded", function () {
    apply(current);
    document.querySelectorAll("[data-set-lang]").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        current = a.getAttribute("data-set-lang");
        store(current);
        apply(current);
      });
    });
  });
  window.siteLang = {
    get: function () { return current; },
    set: function (lang) { current = lang; store(lang); apply(lang); },
    word: function (key) { var w = words(current)[0]; return w[key] !== undefined ? w[key] : SITE_WORDS.en[key]; },
    langs: SITE_LANGS
  };
})();
