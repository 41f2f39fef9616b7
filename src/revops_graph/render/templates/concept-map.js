// The concept map page. Every text from the data reaches the DOM through textContent
// (never as markup), so a label holding markup is shown, not run.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("map-data").textContent);
  var UI = {
    de: {
      search: "Begriff suchen (Deutsch oder Englisch) …", kinds: "Arten", relations: "Beziehungen",
      hint: "Ziehen verschiebt, Mausrad zoomt. Ein Klick auf einen Begriff hebt seine Nachbarn hervor; ein Klick ins Leere hebt das auf.",
      pick: "Einen Begriff anklicken oder suchen, um Definition, Synonyme und Quellsätze zu sehen.",
      definition: "Definition", alt: "Auch genannt", sources: "Quelle", outgoing: "Beziehungen", incoming: "Eingehend",
      line: "Z.", none: "Keine Treffer", stats: "{n} Begriffe · {m} Beziehungen", hierarchy: "Hierarchie / Teil von",
      association: "Zuordnung", noDefinition: "Keine Definition."
    },
    en: {
      search: "Search a concept (English or German) …", kinds: "Kinds", relations: "Relations",
      hint: "Drag to pan, scroll to zoom. Click a concept to highlight its neighbours; click empty space to clear.",
      pick: "Click or search a concept to see its definition, alternative labels and source sentences.",
      definition: "Definition", alt: "Also called", sources: "Source", outgoing: "Relations", incoming: "Incoming",
      line: "l.", none: "No match", stats: "{n} concepts · {m} relations", hierarchy: "hierarchy / part of",
      association: "association", noDefinition: "No definition."
    }
  };
  var state = { lang: DATA.lang, hiddenKinds: {}, hiddenRelations: {}, focus: null };
  var big = DATA.nodes.length > 1500;
  var DIM = "#e4e7eb";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function t(key) { return UI[state.lang][key]; }
  function fold(text) {
    // accents and case ignored, as the command line does (NFD, combining marks removed)
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function shade(hex, f) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    function c(v) { return Math.max(0, Math.min(255, Math.round(v * f))); }
    return "#" + ((1 << 24) | (c(r) << 16) | (c(g) << 8) | c(b)).toString(16).slice(1);
  }

  // -- adjacency, search index ---------------------------------------------------------
  var out = DATA.nodes.map(function () { return []; });
  var inc = DATA.nodes.map(function () { return []; });
  DATA.edges.forEach(function (e, i) { out[e.f].push(i); inc[e.t].push(i); });
  var index = DATA.nodes.map(function (n) {
    var names = [n.label.de, n.label.en];
    Object.keys(n.alt).forEach(function (l) { names = names.concat(n.alt[l]); });
    return names.map(fold);
  });

  // -- vis data ------------------------------------------------------------------------
  // Kinds are vis groups (a bright and a dimmed one each), so that an update sends only
  // what changed: a label, a group, a hidden flag. At 10,000 concepts that is the
  // difference between a switch in a blink and one in seconds.
  var groups = {};
  DATA.kinds.forEach(function (kind, k) {
    var size = kind.shape === "star" || kind.shape === "triangleDown" ? 16 : 13;
    groups["k" + k] = {
      shape: kind.shape, size: size,
      color: { background: kind.color, border: shade(kind.color, 0.7),
               highlight: { background: kind.color, border: "#1f2933" }, hover: { background: kind.color, border: "#1f2933" } }
    };
    groups["h" + k] = {
      shape: kind.shape, size: size + 5, borderWidth: 3, font: { size: 16 },
      color: { background: kind.color, border: "#1f2933", highlight: { background: kind.color, border: "#1f2933" },
               hover: { background: kind.color, border: "#1f2933" } }
    };
    groups["d" + k] = {
      shape: kind.shape, size: size, font: { color: "#9aa5b1" },
      color: { background: DIM, border: "#cbd2d9", highlight: { background: kind.color, border: "#1f2933" },
               hover: { background: DIM, border: "#1f2933" } }
    };
  });
  function nodeView(n, i) {
    // A small map dims everything but the neighbourhood; a big one only enlarges the
    // neighbourhood, because restyling 10,000 nodes takes vis seconds.
    var group = big ? (state.focus !== null && state.near[i] ? "h" : "k")
                    : (state.focus === null || state.near[i] ? "k" : "d");
    return { id: i, label: n.label[state.lang], group: group + n.k, hidden: !!state.hiddenKinds[n.k] };
  }
  function edgeView(e, i) {
    var rel = DATA.relations[e.r];
    var hidden = !!state.hiddenRelations[e.r] || !!state.hiddenKinds[DATA.nodes[e.f].k] || !!state.hiddenKinds[DATA.nodes[e.t].k];
    var touches = e.f === state.focus || e.t === state.focus, near = big || state.focus === null || touches;
    // Thousands of edge labels cost vis seconds per frame (even unreadably small ones), and
    // a label once set cannot be removed again: a big map names relations only in the
    // tooltip and the details panel.
    return {
      id: i, label: big ? undefined : rel.label[state.lang], hidden: hidden,
      color: { color: big && touches ? "#1f2933" : near ? (rel.hierarchy ? "#52606d" : "#9aa5b1") : "#edf0f3",
               highlight: "#1f2933", hover: "#1f2933" },
      font: { color: near ? "#52606d" : "rgba(0,0,0,0)" }
    };
  }
  function key(view) { return String(view.label) + "|" + view.group + "|" + view.hidden + "|" + (view.color ? view.color.color : ""); }
  var nodeKeys = [], edgeKeys = [];
  var nodes = new vis.DataSet(DATA.nodes.map(function (n, i) {
    var view = nodeView(n, i);
    nodeKeys[i] = key(view);
    view.x = n.x; view.y = n.y;
    return view;
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e, i) {
    var view = edgeView(e, i), rel = DATA.relations[e.r];
    edgeKeys[i] = key(view);
    view.from = e.f; view.to = e.t;
    view.dashes = rel.hierarchy ? false : [6, 5];
    view.width = rel.hierarchy ? 2.6 : 1.2;
    return view;
  }));
  function refresh() {
    // send vis only the items whose look changed
    var changedNodes = [], changedEdges = [];
    DATA.nodes.forEach(function (n, i) {
      var view = nodeView(n, i), k = key(view);
      if (k !== nodeKeys[i]) { nodeKeys[i] = k; changedNodes.push(view); }
    });
    DATA.edges.forEach(function (e, i) {
      var view = edgeView(e, i), k = key(view);
      if (k !== edgeKeys[i]) { edgeKeys[i] = k; changedEdges.push(view); }
    });
    if (changedNodes.length) nodes.update(changedNodes);
    if (changedEdges.length) edges.update(changedEdges);
  }

  var network = new vis.Network(document.getElementById("map"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: false,
    groups: groups,
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 100, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
    nodes: { font: { size: 14, face: "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif", color: "#1f2933", strokeWidth: 4, strokeColor: "#ffffff" }, borderWidth: 1.5 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      smooth: big ? false : { enabled: true, type: "continuous", roundness: 0.25 },
      font: { size: 11, face: "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif", align: "middle", strokeWidth: 4, strokeColor: "#f5f7fa" },
      selectionWidth: 1.5, hoverWidth: 0.5
    }
  });
  window.network = network;

  // -- details and tooltip -----------------------------------------------------------
  function swatch(kind, size) {
    var ns = "http://www.w3.org/2000/svg", s = size || 14, h = s / 2, r = s / 2 - 1.5;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", s); svg.setAttribute("height", s); svg.setAttribute("viewBox", "0 0 " + s + " " + s);
    var shape;
    var pts = {
      diamond: [[h, 1], [s - 1, h], [h, s - 1], [1, h]],
      triangle: [[h, 1], [s - 1, s - 2], [1, s - 2]],
      triangleDown: [[1, 2], [s - 1, 2], [h, s - 1]],
      hexagon: [0, 1, 2, 3, 4, 5].map(function (k) { var a = Math.PI / 3 * k; return [h + r * Math.cos(a), h + r * Math.sin(a)]; }),
      star: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (k) {
        var a = Math.PI / 5 * k - Math.PI / 2, q = k % 2 ? r * 0.45 : r; return [h + q * Math.cos(a), h + q * Math.sin(a)]; })
    }[kind.shape];
    if (kind.shape === "square") {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", 1.5); shape.setAttribute("y", 1.5); shape.setAttribute("width", s - 3); shape.setAttribute("height", s - 3);
    } else if (pts) {
      shape = document.createElementNS(ns, "polygon");
      shape.setAttribute("points", pts.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "));
    } else {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", h); shape.setAttribute("cy", h); shape.setAttribute("r", r);
    }
    shape.setAttribute("fill", kind.color); shape.setAttribute("stroke", shade(kind.color, 0.7));
    svg.appendChild(shape);
    return svg;
  }
  function lineSample(rel) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", 26); svg.setAttribute("height", 10);
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", 1); line.setAttribute("y1", 5); line.setAttribute("x2", 25); line.setAttribute("y2", 5);
    line.setAttribute("stroke", rel.hierarchy ? "#52606d" : "#9aa5b1");
    line.setAttribute("stroke-width", rel.hierarchy ? 2.6 : 1.4);
    if (!rel.hierarchy) line.setAttribute("stroke-dasharray", "4 3");
    svg.appendChild(line);
    return svg;
  }
  function quotes(parent, sentenceNumbers) {
    sentenceNumbers.forEach(function (k) {
      var s = DATA.sentences[k], q = el("blockquote");
      if (s.line !== null) q.appendChild(el("span", "line", t("line") + " " + s.line));
      q.appendChild(document.createTextNode(s.text[state.lang]));
      parent.appendChild(q);
    });
  }
  function relationItem(edgeNumber, outward) {
    var e = DATA.edges[edgeNumber], other = outward ? e.t : e.f, li = el("li");
    li.appendChild(el("span", "rel", DATA.relations[e.r].label[state.lang] + " "));
    var go = el("button", "link", DATA.nodes[other].label[state.lang]);
    go.type = "button";
    go.addEventListener("click", function () { focusNode(other); });
    li.appendChild(go);
    return li;
  }
  function showDetails(i) {
    var box = document.getElementById("details");
    box.replaceChildren();
    if (i === null) { box.appendChild(el("p", "hint", t("pick"))); return; }
    var n = DATA.nodes[i], kind = DATA.kinds[n.k], other = state.lang === "de" ? "en" : "de";
    box.appendChild(el("h3", null, n.label[state.lang]));
    if (n.label[other] !== n.label[state.lang]) box.appendChild(el("p", "other-label", n.label[other]));
    var pill = el("span", "pill");
    pill.appendChild(swatch(kind, 12));
    pill.appendChild(document.createTextNode(kind.label[state.lang]));
    box.appendChild(pill);
    box.appendChild(el("h2", null, t("definition")));
    box.appendChild(el("p", null, n.def[state.lang] || t("noDefinition")));
    var alt = n.alt[state.lang] || [];
    if (alt.length) {
      box.appendChild(el("h2", null, t("alt")));
      box.appendChild(el("p", null, alt.join(" · ")));
    }
    if (n.src.length) {
      box.appendChild(el("h2", null, t("sources")));
      quotes(box, n.src);
    }
    [[out[i], true, "outgoing"], [inc[i], false, "incoming"]].forEach(function (part) {
      if (!part[0].length) return;
      box.appendChild(el("h2", null, t(part[2])));
      var ul = el("ul");
      part[0].forEach(function (k) { ul.appendChild(relationItem(k, part[1])); });
      box.appendChild(ul);
    });
    box.appendChild(el("h2", null, "IRI"));
    box.appendChild(el("p", "iri", n.iri));
  }
  var tip = document.getElementById("tip");
  function showTip(pointer, fill) {
    tip.replaceChildren();
    fill(tip);
    var rect = document.getElementById("map").getBoundingClientRect();
    tip.hidden = false;
    var x = rect.left + pointer.x + 16, y = rect.top + pointer.y + 16;
    if (x + tip.offsetWidth > window.innerWidth - 8) x = rect.left + pointer.x - tip.offsetWidth - 16;
    if (y + tip.offsetHeight > window.innerHeight - 8) y = Math.max(8, window.innerHeight - tip.offsetHeight - 8);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  network.on("hoverNode", function (p) {
    var n = DATA.nodes[p.node];
    showTip(p.pointer.DOM, function (box) {
      box.appendChild(el("strong", null, n.label[state.lang]));
      box.appendChild(el("span", "kind", DATA.kinds[n.k].label[state.lang]));
      if (n.def[state.lang]) box.appendChild(el("p", null, n.def[state.lang]));
      var alt = n.alt[state.lang] || [];
      if (alt.length) box.appendChild(el("p", null, t("alt") + ": " + alt.join(" · ")));
      quotes(box, n.src.slice(0, 2));
    });
  });
  network.on("hoverEdge", function (p) {
    var e = DATA.edges[p.edge];
    showTip(p.pointer.DOM, function (box) {
      box.appendChild(el("strong", null, DATA.nodes[e.f].label[state.lang] + " → " + DATA.nodes[e.t].label[state.lang]));
      box.appendChild(el("span", "kind", DATA.relations[e.r].label[state.lang]));
      quotes(box, e.src);
    });
  });
  function hideTip() { tip.hidden = true; }
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // -- neighbourhood, focus ------------------------------------------------------------
  function setFocus(i) {
    state.focus = i;
    state.near = {};
    if (i !== null) {
      state.near[i] = true;
      out[i].forEach(function (k) { state.near[DATA.edges[k].t] = true; });
      inc[i].forEach(function (k) { state.near[DATA.edges[k].f] = true; });
    }
    refresh();
    showDetails(i);
  }
  function focusNode(i) {
    if (state.hiddenKinds[DATA.nodes[i].k]) {
      delete state.hiddenKinds[DATA.nodes[i].k];
      syncChecks();
    }
    setFocus(i);
    network.selectNodes([i]);
    // every frame of a big map costs a redraw of all of it: jump instead of gliding
    network.focus(i, { scale: Math.max(network.getScale(), 1.1),
                       animation: big ? false : { duration: 450, easingFunction: "easeInOutQuad" } });
  }
  network.on("click", function (p) {
    if (p.nodes.length) setFocus(p.nodes[0]);
    else if (!p.edges.length) setFocus(null);
  });

  // -- search ----------------------------------------------------------------------------
  var input = document.getElementById("search"), list = document.getElementById("results"), hits = [], active = 0;
  function find(text) {
    var q = fold(text);
    if (!q) return [];
    var found = [];
    index.forEach(function (names, i) {
      var rank = 9;
      names.forEach(function (name) {
        if (name === q) rank = Math.min(rank, 0);
        else if (name.indexOf(q) === 0) rank = Math.min(rank, 1);
        else if (name.indexOf(q) > 0) rank = Math.min(rank, 2);
      });
      if (rank < 9) found.push([rank, fold(DATA.nodes[i].label[state.lang]), i]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]); });
    return found.slice(0, 12).map(function (f) { return f[2]; });
  }
  function showResults() {
    list.replaceChildren();
    if (!input.value.trim()) { list.hidden = true; return; }
    hits = find(input.value);
    active = 0;
    if (!hits.length) list.appendChild(el("li", "empty", t("none")));
    hits.forEach(function (i, k) {
      var n = DATA.nodes[i], li = el("li"), other = state.lang === "de" ? "en" : "de";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", k === active ? "true" : "false");
      li.appendChild(swatch(DATA.kinds[n.k], 12));
      li.appendChild(el("span", null, n.label[state.lang]));
      if (n.label[other] !== n.label[state.lang]) li.appendChild(el("span", "other", n.label[other]));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = false;
  }
  function choose(i) {
    list.hidden = true;
    input.value = DATA.nodes[i].label[state.lang];
    input.blur();
    focusNode(i);
  }
  input.addEventListener("input", showResults);
  input.addEventListener("focus", showResults);
  input.addEventListener("blur", function () { list.hidden = true; });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      if (!hits.length) hits = find(input.value);
      if (hits.length) choose(hits[active] === undefined ? hits[0] : hits[active]);
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!hits.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      Array.prototype.forEach.call(list.children, function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
    } else if (ev.key === "Escape") {
      list.hidden = true;
    }
  });

  // -- legend and filters ----------------------------------------------------------------
  var checks = { kinds: [], relations: [] };
  function filterItem(group, k, sample, label, count) {
    var li = el("li"), lab = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.group = group; box.dataset.index = k;
    box.addEventListener("change", function () {
      var hidden = group === "kinds" ? state.hiddenKinds : state.hiddenRelations;
      if (box.checked) delete hidden[k]; else hidden[k] = true;
      refresh();
    });
    checks[group].push(box);
    lab.appendChild(box); lab.appendChild(sample);
    var name = el("span", "name"); name.dataset.label = group + ":" + k;
    lab.appendChild(name); lab.appendChild(el("span", "count", count));
    li.appendChild(lab);
    return li;
  }
  function syncChecks() {
    checks.kinds.forEach(function (box, k) { box.checked = !state.hiddenKinds[k]; });
    checks.relations.forEach(function (box, k) { box.checked = !state.hiddenRelations[k]; });
  }
  DATA.kinds.forEach(function (kind, k) {
    document.getElementById("kinds").appendChild(filterItem("kinds", k, swatch(kind), kind.label, kind.count));
  });
  DATA.relations.forEach(function (rel, k) {
    document.getElementById("relations").appendChild(filterItem("relations", k, lineSample(rel), rel.label, rel.count));
  });

  // -- language ----------------------------------------------------------------------------
  function setLang(lang) {
    state.lang = lang;
    document.documentElement.lang = lang;
    document.title = DATA.title[lang];
    document.getElementById("title").textContent = DATA.title[lang];
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    input.placeholder = t("search");
    document.querySelectorAll(".langs button").forEach(function (b) { b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false"); });
    document.querySelectorAll("#legend .name").forEach(function (node) {
      var part = node.dataset.label.split(":"), item = (part[0] === "kinds" ? DATA.kinds : DATA.relations)[+part[1]];
      node.textContent = item.label[lang];
      if (part[0] === "relations") node.title = item.hierarchy ? t("hierarchy") : t("association");
    });
    document.getElementById("stats").textContent = t("stats").replace("{n}", DATA.nodes.length).replace("{m}", DATA.edges.length);
    refresh();
    showDetails(state.focus);
    if (!list.hidden) showResults();
  }
  document.querySelectorAll(".langs button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.dataset.lang); });
  });

  // for scripting and tests: the data, lookups and the actions the page's controls use
  window.conceptMap = {
    data: DATA, ready: false, nodes: nodes, edges: edges,
    idOf: function (iri) { for (var i = 0; i < DATA.nodes.length; i++) if (DATA.nodes[i].iri === iri) return i; return null; },
    find: find, focus: focusNode, setLang: setLang,
    clear: function () { network.unselectAll(); setFocus(null); },
    lang: function () { return state.lang; }
  };
  state.near = {};
  setLang(state.lang);
  network.once("afterDrawing", function () {
    window.conceptMap.ready = true;
    document.body.dataset.ready = "true";
  });
  network.redraw();
})();
