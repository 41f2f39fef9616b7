/* The SPARQL page: Oxigraph's WebAssembly build, started from bytes carried in
   assets/oxigraph.js (file:// allows neither fetch() nor module scripts by src), the
   vocabulary from assets/data.js, the named queries from assets/queries.js as examples.
   Read-only: Store.query() runs no update, and SERVICE is refused before it runs. */
(function () {
  "use strict";
  var status = document.getElementById("status"), form = document.getElementById("query-form"),
      text = document.getElementById("query"), examples = document.getElementById("examples"),
      table = document.getElementById("answer"), mapBox = document.getElementById("answer-map"),
      mapButton = document.getElementById("show-map"), store = null, ox = null, lastTerms = [];
  var terms = {};
  SITE_SEARCH.index && Object.keys(SITE_SEARCH.storedFields).forEach(function (k) {
    var f = SITE_SEARCH.storedFields[k]; terms[f.i] = f;
  });
  function say(key, extra) { status.textContent = siteLang.word(key) + (extra ? " " + extra : ""); }
  function title(q) { return (siteLang.get() === "de" && q.titel) ? q.titel : q.title; }
  function fillExamples() {
    var chosen = examples.value;
    examples.replaceChildren();
    SITE_QUERIES.forEach(function (q, i) {
      var o = document.createElement("option"); o.value = String(i); o.textContent = title(q) + " (" + q.name + ")";
      examples.appendChild(o);
    });
    if (chosen) examples.value = chosen;
  }
  function label(iri) {
    var t = terms[iri];
    if (!t) return [iri, ""];
    var l = t.l, lang = siteLang.get();
    if (l[lang] !== undefined) return [l[lang], lang];
    if (l.en !== undefined) return [l.en, "en"];
    var keys = Object.keys(l).sort();
    return keys.length ? [l[keys[0]], keys[0]] : [iri, ""];
  }
  function refuse(q) {
    var bare = q.replace(/#[^\n]*/g, " ").replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').replace(/<[^>\s]*>/g, "<>");
    return /\bSERVICE\b/i.test(bare) ? "SERVICE" : null;
  }
  function variables(q, rows) {
    var m = /SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?((?:\?\w+\s*)+)(?:WHERE|FROM|\{)/i.exec(q.replace(/#[^\n]*/g, " "));
    if (m) return m[1].trim().split(/\s+/).map(function (v) { return v.slice(1); });
    var seen = [];
    rows.forEach(function (r) { r.forEach(function (_, k) { if (seen.indexOf(k) < 0) seen.push(k); }); });
    return seen;
  }
  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.termType === "NamedNode") {
      var shown = label(term.value), t = terms[term.value];
      var el = document.createElement(t ? "a" : "code");
      if (t) { el.href = t.p; el.title = term.value; el.lang = shown[1]; lastTerms.push(term.value); }
      el.textContent = shown[0];
      td.appendChild(el);
    } else if (term.termType === "Literal") {
      td.textContent = term.value;
      if (term.language) td.lang = term.language;
    } else {
      td.textContent = "_:" + term.value;
    }
    return td;
  }
  function run(q) {
    if (refuse(q)) throw new Error("SERVICE is not allowed: this page makes no network request");
    var answer = store.query(q);
    table.replaceChildren(); lastTerms = [];
    if (typeof answer === "boolean") {
      table.innerHTML = "<tbody><tr><td></td></tr></tbody>";
      table.querySelector("td").textContent = String(answer);
      return [[String(answer)]];
    }
    var out = [], head = document.createElement("thead"), body = document.createElement("tbody"), tr = document.createElement("tr");
    if (answer.length && answer[0] instanceof Map || !answer.length) {
      var vars = variables(q, answer);
      vars.forEach(function (v) { var th = document.createElement("th"); th.scope = "col"; th.textContent = v; tr.appendChild(th); });
      answer.forEach(function (row) {
        var r = document.createElement("tr"), values = [];
        vars.forEach(function (v) { var t = row.get(v); r.appendChild(cell(t)); values.push(t ? t.value : null); });
        body.appendChild(r); out.push(values);
      });
    } else {
      ["subject", "predicate", "object"].forEach(function (v) { var th = document.createElement("th"); th.scope = "col"; th.textContent = v; tr.appendChild(th); });
      answer.forEach(function (quad) {
        var r = document.createElement("tr");
        [quad.subject, quad.predicate, quad.object].forEach(function (t) { r.appendChild(cell(t)); });
        body.appendChild(r); out.push([quad.subject.value, quad.predicate.value, quad.object.value]);
      });
    }
    head.appendChild(tr); table.appendChild(head); table.appendChild(body);
    mapButton.hidden = lastTerms.length === 0;
    mapBox.replaceChildren();
    say("results", out.length + " " + siteLang.word("rows"));
    return out;
  }
  function drawMap() {
    /* The answer's terms on a circle, with the relations the vocabulary has between them. */
    var iris = Array.from(new Set(lastTerms)).sort().slice(0, 200), n = iris.length, ns = "http://www.w3.org/2000/svg";
    var size = 520, c = size / 2, r = n > 1 ? size / 2 - 90 : 0, pos = {};
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size); svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", siteLang.word("showMap"));
    iris.forEach(function (iri, i) {
      var a = 2 * Math.PI * i / Math.max(n, 1);
      pos[iri] = [c + r * Math.cos(a), c + r * Math.sin(a)];
    });
    if (n > 1) {
      var values = iris.map(function (i) { return "<" + i + ">"; }).join(" ");
      store.query("SELECT ?s ?o WHERE { VALUES ?s { " + values + " } VALUES ?o { " + values + " } ?s ?p ?o FILTER (?s != ?o) }")
        .forEach(function (row) {
          var a = pos[row.get("s").value], b = pos[row.get("o").value], line = document.createElementNS(ns, "line");
          line.setAttribute("x1", a[0]); line.setAttribute("y1", a[1]); line.setAttribute("x2", b[0]); line.setAttribute("y2", b[1]);
          line.setAttribute("class", "edge"); svg.appendChild(line);
        });
    }
    iris.forEach(function (iri) {
      var link = document.createElementNS(ns, "a"), dot = document.createElementNS(ns, "circle"), t = document.createElementNS(ns, "text");
      link.setAttribute("href", terms[iri].p);
      dot.setAttribute("cx", pos[iri][0]); dot.setAttribute("cy", pos[iri][1]); dot.setAttribute("r", 6);
      t.setAttribute("x", pos[iri][0] + 8); t.setAttribute("y", pos[iri][1] + 4); t.textContent = label(iri)[0];
      link.appendChild(dot); link.appendChild(t); svg.appendChild(link);
    });
    mapBox.replaceChildren(svg);
  }
  examples.addEventListener("change", function () { text.value = SITE_QUERIES[Number(examples.value)].text; });
  mapButton.addEventListener("click", drawMap);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    try { run(text.value); } catch (e) { status.textContent = String(e.message || e); }
  });
  document.addEventListener("site-lang", fillExamples);
  fillExamples();
  text.value = SITE_QUERIES.length ? SITE_QUERIES[0].text : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  say("loading");
  (async function () {
    var bytes = Uint8Array.from(atob(OXIGRAPH_WASM), function (ch) { return ch.charCodeAt(0); });
    ox = await import(URL.createObjectURL(new Blob([OXIGRAPH_JS], { type: "text/javascript" })));
    await ox.default({ module_or_path: bytes });
    store = new ox.Store();
    store.load(SITE_DATA, { format: "application/n-triples" });
    document.getElementById("run").disabled = false;
    say("ready");
    window.sparqlPage.ready = true;
    document.body.setAttribute("data-ready", "true");
  })().catch(function (e) { status.textContent = String(e.message || e); });
  window.sparqlPage = { ready: false, run: function (q) { text.value = q; return run(q); }, drawMap: drawMap };
})();
