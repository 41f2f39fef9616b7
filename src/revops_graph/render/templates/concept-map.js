// The concept map page: sigma.js (WebGL) draws graphology's graph; positions come from Python.
// Every text from the data reaches the DOM through textContent (never as markup), and sigma
// draws labels on a canvas, so a label holding markup is shown, not run.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("map-data").textContent);
  var UI = {
    de: {
      search: "Begriff suchen …", kinds: "Arten", relations: "Beziehungen", groups: "Gruppen (nach Beziehungen)", fit: "Einpassen", language: "Sprache",
      hint: "Ziehen verschiebt, Mausrad zoomt, 0 passt die Karte ein. Ein Klick auf einen Begriff hebt seine Nachbarn hervor; ein Klick ins Leere hebt das auf.",
      pick: "Einen Begriff anklicken oder suchen, um Definition, Synonyme und Quellsätze zu sehen.",
      definition: "Definition", alt: "Auch genannt", sources: "Quelle", outgoing: "Beziehungen", incoming: "Eingehend",
      line: "Z.", none: "Keine Treffer", stats: "{n} von {N} Begriffen · {m} von {M} Beziehungen",
      hierarchy: "Hierarchie / Teil von", association: "Zuordnung", noDefinition: "Keine Definition.",
      open: "Seite öffnen", focus: "Mittelpunkt der Karte",
      noWebgl: "Dieser Browser kann kein WebGL: die Karte lässt sich nicht zeichnen. Suche und Details funktionieren."
    },
    en: {
      search: "Search a concept …", kinds: "Kinds", relations: "Relations", groups: "Groups (by relations)", fit: "Fit", language: "Language",
      hint: "Drag to pan, scroll to zoom, 0 fits the map. Click a concept to highlight its neighbours; click empty space to clear.",
      pick: "Click or search a concept to see its definition, alternative labels and source sentences.",
      definition: "Definition", alt: "Also called", sources: "Source", outgoing: "Relations", incoming: "Incoming",
      line: "l.", none: "No match", stats: "{n} of {N} concepts · {m} of {M} relations",
      hierarchy: "hierarchy / part of", association: "association", noDefinition: "No definition.",
      open: "Open page", focus: "centre of the map",
      noWebgl: "This browser has no WebGL, so the map cannot be drawn. Search and details still work."
    }
  };
  // BIG: restyle only what changes, no arrows or relation labels; MOVING_LOD: while the view
  // moves, draw nodes only (software WebGL draws 1,000 labelled nodes at a few frames a second)
  // JUMP: past 20,000 concepts a software-rendered frame takes long enough that a glide shows
  // two or three frames late: the camera jumps to where it is sent instead (focus, zoom, fit)
  var N = DATA.nodes.length, BIG = N > 2000, MOVING_LOD = N > 300, JUMP = N > 20000, DIM = "#e4e7eb";
  // LOD: past 20,000 concepts the renderer holds the relations worth drawing only: those of the
  // concepts in view once at most LOD_VIEW of them are (zoomed in far enough to follow a line), and
  // the selection's and the pointer's. Zoomed out, 200,000 relations are a grey haze that cost the
  // renderer more than all the concepts (at 100,000 the first frame came 2-3 times later with them).
  var LOD = N > 20000, LOD_VIEW = 3000, drawn = LOD ? new Uint8Array(DATA.edges.length) : null;
  var state = { lang: DATA.lang, hiddenKinds: {}, hiddenRelations: {}, hiddenGroups: {}, focus: null, near: {}, hover: null, zoomedIn: false };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  // the order of map_data.text_in: the language, its primary tag, the rest of the --lang
  // preference list, untagged, English, any
  var FALLBACK = DATA.fallback || [];
  function pick(texts, lang) {
    if (!texts) return "";
    var primary = lang.split("-")[0], order = [lang, primary].concat(FALLBACK, ["", "en"]);
    for (var k = 0; k < order.length; k++) if (Object.prototype.hasOwnProperty.call(texts, order[k])) return texts[order[k]];
    var keys = Object.keys(texts).sort();
    return keys.length ? texts[keys[0]] : "";
  }
  function t(key) { return (UI[state.lang] || UI[state.lang.split("-")[0]] || UI.en)[key]; }
  function other() { return state.lang === "en" ? "de" : "en"; }
  function fold(text) {
    // case and accents ignored in every script (NFD, combining marks removed), as on the command line
    return String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // -- adjacency, labels, search index ----------------------------------------------------
  var out = DATA.nodes.map(function () { return []; });
  var inc = DATA.nodes.map(function () { return []; });
  DATA.edges.forEach(function (e, i) { out[e.f].push(i); inc[e.t].push(i); });
  var labels = [];
  function relabel() { labels = DATA.nodes.map(function (n) { return pick(n.label, state.lang); }); }
  relabel();
  var index = null;
  function searchIndex() {
    // built on the first search, not before the first frame: folding 200,000 labels takes a while
    if (index === null) index = DATA.nodes.map(function (n) {
      var names = Object.keys(n.label).map(function (l) { return n.label[l]; });
      // alternative and hidden labels (misspellings, old names) find a concept too
      [n.alt, n.hid || {}].forEach(function (more) {
        Object.keys(more).forEach(function (l) { names = names.concat(more[l]); });
      });
      return names.map(fold);
    });
    return index;
  }
  function visibleNode(i) {
    var n = DATA.nodes[i];
    return !state.hiddenKinds[n.k] && !(DATA.groups && state.hiddenGroups[n.c]) && (!state.only || state.only[i] === true);
  }
  function visibleEdge(i) {
    var e = DATA.edges[i];
    return !state.hiddenRelations[e.r] && visibleNode(e.f) && visibleNode(e.t);
  }

  // -- the renderer --------------------------------------------------------------------------
  var map = document.getElementById("map"), renderer = null, graph = null, camera = null;
  var maxDegree = DATA.nodes.reduce(function (m, n) { return Math.max(m, n.d); }, 1);
  // At the first view the map fills ~800 px, so concepts are ~800/sqrt(N) px apart: a leaf gets a
  // fraction of that (never more than 5 px), so big maps are not a carpet of overlapping discs.
  var BASE = Math.min(5, 160 / Math.sqrt(N));
  function sizeOf(n) {
    // importance by number of relations: hubs stand out (up to 4x a leaf), leaves stay visible
    return BASE * (1 + 3 * Math.sqrt(n.d / maxDegree));
  }
  function nodeReducer(key, attr) {
    var i = +key, n = DATA.nodes[i], res = { x: attr.x, y: attr.y, size: attr.size, color: attr.color, shape: attr.shape, label: labels[i] };
    if (!visibleNode(i)) { res.hidden = true; return res; }
    if (state.focus !== null && !state.near[i] && !BIG) { res.color = DIM; res.label = null; }
    if (i === state.focus || i === DATA.focus) {
      res.highlighted = true; res.forceLabel = true; res.zIndex = 2; res.size = attr.size + 4;
    } else if (state.near[i]) { res.forceLabel = !BIG || state.focus !== null; res.zIndex = 1; }
    if (n.href) res.href = n.href;
    return res;
  }
  function edgeReducer(key, attr) {
    var i = +key.slice(1), e = DATA.edges[i], res = { size: attr.size, color: attr.color, type: attr.type };
    if (!visibleEdge(i)) { res.hidden = true; return res; }
    var touches = state.focus !== null && (e.f === state.focus || e.t === state.focus);
    var hovered = state.hover !== null && (e.f === state.hover || e.t === state.hover);
    if (touches) { res.color = "#1f2933"; res.size = attr.size + 1; res.zIndex = 1; }
    else if (state.focus !== null && !BIG) res.color = "#edf0f3";
    // edge labels only where they can be read: around the pointer or the selection, or zoomed in
    if (touches || hovered || (state.zoomedIn && !BIG)) res.label = pick(DATA.relations[e.r].label, state.lang);
    if (touches || hovered) res.forceLabel = true;
    return res;
  }
  function addEdge(i) {
    var e = DATA.edges[i], rel = DATA.relations[e.r];
    graph.addDirectedEdgeWithKey("e" + i, String(e.f), String(e.t), {
      size: rel.hierarchy ? 2 : 1, color: rel.hierarchy ? "#7b8794" : "#b8c2cc", type: BIG ? "line" : "arrow"
    });
    // (LOD) 2 until sigma has indexed it: only then may a partial refresh name it
    if (drawn) { drawn[i] = 2; fresh.push("e" + i); }
  }
  function showEdges(list) {
    // (LOD) the relations of these concepts join the renderer's graph, once
    if (!drawn || !graph) return;
    list.forEach(function (i) {
      out[i].forEach(function (k) { if (!drawn[k]) addEdge(k); });
      inc[i].forEach(function (k) { if (!drawn[k]) addEdge(k); });
    });
  }
  var lodTimer = null, fresh = [];
  function edgesInView() {
    // (LOD) once the view settles, after the answer to a click or search has been drawn (adding
    // relations makes sigma re-read the whole graph): the selection's and the pointer's, and
    // those of the concepts in view when few enough to follow their lines
    lodTimer = null;
    var d = renderer.getDimensions(), a = renderer.viewportToGraph({ x: 0, y: 0 }), b = renderer.viewportToGraph({ x: d.width, y: d.height });
    var x0 = Math.min(a.x, b.x), x1 = Math.max(a.x, b.x), y0 = Math.min(a.y, b.y), y1 = Math.max(a.y, b.y), inView = [];
    for (var i = 0; i < N && inView.length <= LOD_VIEW; i++) {
      var n = DATA.nodes[i];
      if (n.x >= x0 && n.x <= x1 && -n.y >= y0 && -n.y <= y1) inView.push(i);
    }
    showEdges([state.focus, state.hover].filter(function (k) { return k !== null; })
      .concat(inView.length <= LOD_VIEW ? inView : []));
  }
  function laterEdges() {
    if (LOD && renderer) {
      clearTimeout(lodTimer);
      lodTimer = setTimeout(function () { afterFrame().then(edgesInView); }, 150);
    }
  }
  function colourOf(n) { return DATA.groups ? DATA.groups[n.c].color : DATA.kinds[n.k].color; }
  function labelRank(edge) {
    // which relation labels win a contested place: the selection's and the pointer's, then hierarchy
    return edge.forceLabel ? 0 : DATA.relations[DATA.edges[+edge.key.slice(1)].r].hierarchy ? 1 : 2;
  }
  function build() {
    // loops stay (a property whose domain is its range): sigma draws them as nothing, the panel lists them
    graph = new graphology.Graph({ type: "directed", multi: true, allowSelfLoops: true });
    DATA.nodes.forEach(function (n, i) {
      // graphology's y grows upwards, the layout's downwards (as on the page)
      // the kind's shape (as in the legend) on the node itself, the colour of its kind or group
      graph.addNode(String(i), { x: n.x, y: -n.y, size: sizeOf(n), color: colourOf(n), shape: DATA.kinds[n.k].shape });
    });
    if (!LOD) DATA.edges.forEach(function (e, i) { addEdge(i); });
    var Renderer = ConceptMapDrawing.labelledSigma(labelRank);
    renderer = new Renderer(graph, map, {
      renderEdgeLabels: true, enableEdgeEvents: !BIG, zIndex: true,
      nodeProgramClasses: { shape: ConceptMapDrawing.shapeProgram() }, defaultNodeType: "shape",
      defaultDrawEdgeLabel: Renderer.drawEdgeLabel, defaultDrawNodeHover: Renderer.drawNodeHover,
      labelFont: "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif", labelSize: 14, labelWeight: "500",
      labelColor: { color: "#1f2933" }, edgeLabelSize: 12, edgeLabelColor: { color: "#52606d" },
      edgeLabelFont: "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif",
      // one label per grid cell, the most connected first: legible at any size, never piled up
      labelDensity: 0.8, labelGridCellSize: 140, labelRenderedSizeThreshold: 0,
      hideEdgesOnMove: MOVING_LOD, hideLabelsOnMove: MOVING_LOD, defaultEdgeType: BIG ? "line" : "arrow",
      minCameraRatio: 0.005, maxCameraRatio: 4, stagePadding: 40,
      nodeReducer: nodeReducer, edgeReducer: edgeReducer
    });
    renderer.on("afterProcess", function () {
      // (LOD) relations just added are indexed now: restyled for the state they missed
      if (!fresh.length) return;
      var keys = fresh;
      fresh = [];
      keys.forEach(function (k) { drawn[+k.slice(1)] = 1; });
      renderer.refresh({ partialGraph: { edges: keys }, skipIndexation: true, schedule: true });
    });
    camera = renderer.getCamera();
    camera.on("updated", function (s) {
      hideTip();
      laterEdges();
      var zoomedIn = s.ratio < 0.45;
      if (zoomedIn !== state.zoomedIn) {
        state.zoomedIn = zoomedIn;
        if (!BIG) renderer.refresh({ skipIndexation: true, schedule: true });
      }
    });
    renderer.on("enterNode", function (p) { hover(+p.node); });
    renderer.on("leaveNode", function () { hover(null); });
    renderer.on("clickNode", function (p) { setFocus(+p.node); });
    renderer.on("doubleClickNode", function (p) {
      var href = DATA.nodes[+p.node].href;
      if (href) { p.preventSigmaDefault(); window.location.href = href; }
    });
    renderer.on("clickStage", function () { setFocus(null); });
    renderer.on("enterEdge", function (p) { edgeTip(+p.edge.slice(1), p.event); });
    renderer.on("leaveEdge", hideTip);
  }
  function edgesOf(list) {
    var keys = [];
    list.forEach(function (i) {
      out[i].forEach(function (k) { if (!drawn || drawn[k] === 1) keys.push("e" + k); });
      inc[i].forEach(function (k) { if (!drawn || drawn[k] === 1) keys.push("e" + k); });
    });
    return keys;
  }
  function redraw(nodes) {
    if (!renderer) return;
    // a change around a few nodes re-reads only those (100,000 nodes re-read take a second)
    if (nodes) renderer.refresh({ partialGraph: { nodes: nodes.map(String), edges: edgesOf(nodes) }, skipIndexation: true });
    else renderer.refresh({ skipIndexation: true });
  }

  // -- details and tooltip ---------------------------------------------------------------
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
    shape.setAttribute("fill", kind.color); shape.setAttribute("stroke", "#1f2933"); shape.setAttribute("stroke-opacity", "0.4");
    svg.appendChild(shape);
    return svg;
  }
  function lineSample(rel) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", 26); svg.setAttribute("height", 10);
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", 1); line.setAttribute("y1", 5); line.setAttribute("x2", 25); line.setAttribute("y2", 5);
    line.setAttribute("stroke", rel.hierarchy ? "#7b8794" : "#b8c2cc");
    line.setAttribute("stroke-width", rel.hierarchy ? 2.6 : 1.4);
    svg.appendChild(line);
    return svg;
  }
  function quotes(parent, sentenceNumbers) {
    sentenceNumbers.forEach(function (k) {
      var s = DATA.sentences[k], q = el("blockquote");
      if (s.line !== null) q.appendChild(el("span", "line", t("line") + " " + s.line));
      q.appendChild(document.createTextNode(pick(s.text, state.lang)));
      parent.appendChild(q);
    });
  }
  function relationItem(edgeNumber, outward) {
    var e = DATA.edges[edgeNumber], there = outward ? e.t : e.f, li = el("li");
    li.appendChild(el("span", "rel", pick(DATA.relations[e.r].label, state.lang) + " "));
    var go = el("button", "link", labels[there]);
    go.type = "button";
    go.addEventListener("click", function () { focusNode(there); });
    li.appendChild(go);
    return li;
  }
  function showDetails(i) {
    var box = document.getElementById("details");
    box.replaceChildren();
    if (i === null) { box.appendChild(el("p", "hint", t("pick"))); return; }
    var n = DATA.nodes[i], kind = DATA.kinds[n.k], heading = el("h3");
    if (n.href) {
      var a = el("a", null, labels[i]);
      a.href = n.href; a.title = t("open");
      heading.appendChild(a);
    } else heading.textContent = labels[i];
    box.appendChild(heading);
    var second = pick(n.label, other());
    if (second !== labels[i]) box.appendChild(el("p", "other-label", second));
    var pill = el("span", "pill");
    pill.appendChild(swatch(kind, 12));
    pill.appendChild(document.createTextNode(pick(kind.label, state.lang)));
    box.appendChild(pill);
    if (i === DATA.focus) box.appendChild(el("span", "pill focus", t("focus")));
    box.appendChild(el("h2", null, t("definition")));
    box.appendChild(el("p", null, pick(n.def, state.lang) || t("noDefinition")));
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
      part[0].slice(0, 200).forEach(function (k) { ul.appendChild(relationItem(k, part[1])); });
      if (part[0].length > 200) ul.appendChild(el("li", "rel", "… +" + (part[0].length - 200)));
      box.appendChild(ul);
    });
    box.appendChild(el("h2", null, "IRI"));
    box.appendChild(el("p", "iri", n.iri));
  }
  var tip = document.getElementById("tip");
  function showTip(x, y, fill) {
    tip.replaceChildren();
    fill(tip);
    tip.hidden = false;
    // kept inside the map, so that it never covers the legend or the details panel
    var rect = map.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var left = rect.left + x + 16, top = rect.top + y + 16;
    if (left + w > rect.right - 8) left = rect.left + x - w - 16;
    left = Math.max(rect.left + 8, Math.min(left, rect.right - w - 8));
    if (top + h > rect.bottom - 8) top = Math.max(rect.top + 8, rect.bottom - h - 8);
    tip.style.left = left + "px"; tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; }
  function hover(i) {
    var before = state.hover;
    state.hover = i;
    if (!renderer) return;
    var touched = [before, i].filter(function (k) { return k !== null; });
    laterEdges();
    renderer.refresh({ partialGraph: { edges: edgesOf(touched) }, skipIndexation: true });
    if (i === null) { hideTip(); return; }
    var n = DATA.nodes[i], at = renderer.framedGraphToViewport(renderer.getNodeDisplayData(String(i)));
    showTip(at.x, at.y, function (box) {
      box.appendChild(el("strong", null, labels[i]));
      box.appendChild(el("span", "kind", pick(DATA.kinds[n.k].label, state.lang)));
      var definition = pick(n.def, state.lang);
      if (definition) box.appendChild(el("p", null, definition));
      var alt = n.alt[state.lang] || [];
      if (alt.length) box.appendChild(el("p", null, t("alt") + ": " + alt.join(" · ")));
      quotes(box, n.src.slice(0, 2));
    });
  }
  function edgeTip(i, event) {
    var e = DATA.edges[i];
    showTip(event.x, event.y, function (box) {
      box.appendChild(el("strong", null, labels[e.f] + " → " + labels[e.t]));
      box.appendChild(el("span", "kind", pick(DATA.relations[e.r].label, state.lang)));
      quotes(box, e.src);
    });
  }

  // -- neighbourhood, focus, camera ----------------------------------------------------------
  function setFocus(i) {
    var before = state.focus, was = Object.keys(state.near).map(Number);
    state.focus = i;
    state.near = {};
    laterEdges();
    if (i !== null) {
      state.near[i] = true;
      out[i].forEach(function (k) { state.near[DATA.edges[k].t] = true; });
      inc[i].forEach(function (k) { state.near[DATA.edges[k].f] = true; });
    }
    // small maps dim everything else (a full re-read is cheap); big ones touch only the neighbourhoods
    if (BIG) redraw(was.concat(Object.keys(state.near).map(Number), before === null ? [] : [before]));
    else redraw();
    showDetails(i);
  }
  function animate(target, ms) {
    if (!camera) return Promise.resolve();
    if (!(ms > 0) || JUMP) { camera.setState(target); return afterFrame(); }  // (0 ms would divide by zero in sigma)
    return camera.animate(target, { duration: ms, easing: "quadraticInOut" }).then(afterFrame);
  }
  function afterFrame() {
    // resolves once the frame that shows the final view has been drawn
    return new Promise(function (resolve) { requestAnimationFrame(function () { requestAnimationFrame(resolve); }); });
  }
  function focusNode(i) {
    if (state.hiddenKinds[DATA.nodes[i].k] || (DATA.groups && state.hiddenGroups[DATA.nodes[i].c])) {
      delete state.hiddenKinds[DATA.nodes[i].k];
      if (DATA.groups) delete state.hiddenGroups[DATA.nodes[i].c];
      syncChecks();
      redraw();
      counts();
    }
    setFocus(i);
    if (!renderer) return Promise.resolve(i);
    var at = renderer.getNodeDisplayData(String(i));
    return animate({ x: at.x, y: at.y, ratio: Math.min(camera.ratio, 0.5, 12 / Math.sqrt(N)) }, 300).then(function () { return i; });
  }
  function fit(ms) { return animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, ms === undefined ? 300 : ms); }
  document.getElementById("fit").addEventListener("click", function () { fit(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
    if (ev.key === "0" || ev.key === "Home") { ev.preventDefault(); fit(); }
    else if (ev.key === "Escape") setFocus(null);
  });

  // -- search ----------------------------------------------------------------------------
  var input = document.getElementById("search"), list = document.getElementById("results"), hits = [], active = 0;
  function find(text) {
    var q = fold(text);
    if (!q) return [];
    var found = [], index = searchIndex();
    for (var i = 0; i < N; i++) {
      var names = index[i], rank = 9;
      for (var k = 0; k < names.length; k++) {
        var at = names[k].indexOf(q);
        if (at === 0) rank = Math.min(rank, names[k].length === q.length ? 0 : 1);
        else if (at > 0) rank = Math.min(rank, 2);
      }
      if (rank < 9) found.push([rank, i]);
    }
    found.sort(function (a, b) {
      var x = a[0] - b[0];
      if (x) return x;
      var p = labels[a[1]].toLowerCase(), q2 = labels[b[1]].toLowerCase();
      return p < q2 ? -1 : p > q2 ? 1 : a[1] - b[1];
    });
    return found.slice(0, 12).map(function (f) { return f[1]; });
  }
  function showResults() {
    list.replaceChildren();
    if (!input.value.trim()) { list.hidden = true; return; }
    hits = find(input.value);
    active = 0;
    if (!hits.length) list.appendChild(el("li", "empty", t("none")));
    hits.forEach(function (i, k) {
      var n = DATA.nodes[i], li = el("li"), second = pick(n.label, other());
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", k === active ? "true" : "false");
      li.appendChild(swatch(DATA.kinds[n.k], 12));
      li.appendChild(el("span", null, labels[i]));
      if (second !== labels[i]) li.appendChild(el("span", "other", second));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = false;
  }
  function choose(i) {
    list.hidden = true;
    input.value = labels[i];
    input.blur();
    return focusNode(i);
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

  // -- legend, filters and counts -------------------------------------------------------------
  var checks = { kinds: [], relations: [], groups: [] };
  var hiddenOf = { kinds: state.hiddenKinds, relations: state.hiddenRelations, groups: state.hiddenGroups };
  function counts() {
    var n = 0, m = 0, i;
    for (i = 0; i < N; i++) if (visibleNode(i)) n++;
    for (i = 0; i < DATA.edges.length; i++) if (visibleEdge(i)) m++;
    document.getElementById("stats").textContent = t("stats").replace("{n}", n.toLocaleString(state.lang))
      .replace("{N}", N.toLocaleString(state.lang)).replace("{m}", m.toLocaleString(state.lang))
      .replace("{M}", DATA.edges.length.toLocaleString(state.lang));
    return { nodes: n, edges: m };
  }
  function filterItem(group, k, sample, count) {
    var li = el("li"), lab = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.group = group; box.dataset.index = k;
    box.addEventListener("change", function () {
      var hidden = hiddenOf[group];
      if (box.checked) delete hidden[k]; else hidden[k] = true;
      redraw();
      counts();
    });
    checks[group].push(box);
    lab.appendChild(box); lab.appendChild(sample);
    var name = el("span", "name"); name.dataset.label = group + ":" + k;
    lab.appendChild(name); lab.appendChild(el("span", "count", count));
    li.appendChild(lab);
    return li;
  }
  function syncChecks() {
    Object.keys(checks).forEach(function (group) {
      checks[group].forEach(function (box, k) { box.checked = !hiddenOf[group][k]; });
    });
  }
  DATA.kinds.forEach(function (kind, k) {
    // (coloured by groups, the map shows the kind's shape only: its swatch is neutral)
    var sample = DATA.groups ? swatch({ shape: kind.shape, color: "#9aa5b1" }) : swatch(kind);
    document.getElementById("kinds").appendChild(filterItem("kinds", k, sample, kind.count));
  });
  DATA.relations.forEach(function (rel, k) {
    document.getElementById("relations").appendChild(filterItem("relations", k, lineSample(rel), rel.count));
  });
  // a vocabulary of one kind is coloured by the communities of its relations (page.py)
  if (DATA.groups) {
    document.getElementById("groups-section").hidden = false;
    DATA.groups.forEach(function (g, k) {
      var sample = swatch({ shape: DATA.kinds[0].shape, color: g.color });
      document.getElementById("groups").appendChild(filterItem("groups", k, sample, g.count));
    });
  }

  // -- languages: buttons for a few, a menu for many ---------------------------------------------
  var langs = document.getElementById("langs");
  if (DATA.languages.length <= 5) {
    DATA.languages.forEach(function (tag) {
      var b = el("button", null, tag.toUpperCase());
      b.type = "button"; b.id = "lang-" + tag; b.dataset.lang = tag;
      b.addEventListener("click", function () { setLang(tag); });
      langs.appendChild(b);
    });
  } else {
    var menu = el("select");
    menu.id = "lang-menu";
    DATA.languages.forEach(function (tag) {
      var o = el("option", null, tag); o.value = tag; menu.appendChild(o);
    });
    menu.addEventListener("change", function () { setLang(menu.value); });
    langs.appendChild(menu);
  }
  function setLang(lang, first) {
    if (DATA.languages.indexOf(lang) < 0) throw new Error("the map has no language " + lang);
    state.lang = lang;
    if (!first) relabel();
    document.documentElement.lang = lang;
    document.title = pick(DATA.title, lang);
    document.getElementById("title").textContent = pick(DATA.title, lang);
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    input.placeholder = t("search");
    langs.setAttribute("aria-label", t("language"));
    langs.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", b.dataset.lang === lang ? "true" : "false"); });
    var menu = document.getElementById("lang-menu");
    if (menu) menu.value = lang;
    document.querySelectorAll("#legend .name").forEach(function (node) {
      var part = node.dataset.label.split(":"), item = { kinds: DATA.kinds, relations: DATA.relations, groups: DATA.groups }[part[0]][+part[1]];
      node.textContent = pick(item.label, lang);
      if (part[0] === "relations") node.title = item.hierarchy ? t("hierarchy") : t("association");
    });
    counts();
    if (!first) redraw();  // the renderer has just read every node in this language
    showDetails(state.focus);
    if (!list.hidden) showResults();
  }

  // -- start, and the page's API (tests, notebooks, embedding) ------------------------------------
  try {
    if (typeof Sigma !== "function") throw new Error(window.__sigmaError || "sigma.js did not load");
    build();
  } catch (error) {
    renderer = null;
    window.__mapError = String(error);
    document.getElementById("no-webgl").hidden = false;
    document.body.dataset.renderer = "none";
  }
  function byLabel(what) {
    if (typeof what === "number") return what;
    var found = find(what);
    if (!found.length) return Promise.reject(new Error("no concept is labelled " + what));
    return found[0];
  }
  var resolveReady;
  window.conceptMap = {
    ready: new Promise(function (resolve) { resolveReady = resolve; }),
    data: DATA, graph: graph, renderer: renderer,
    idOf: function (iri) { for (var i = 0; i < N; i++) if (DATA.nodes[i].iri === iri) return i; return null; },
    find: find,
    label: function (i) { return labels[i]; },
    focus: function (what) {
      var i = byLabel(what);
      return typeof i === "number" ? focusNode(i) : i;
    },
    selected: function () { return state.focus; },
    fit: function (ms) { return fit(ms); },
    zoom: function (ratio, ms) {
      var start = performance.now();
      return animate({ ratio: camera ? camera.ratio / ratio : 1 }, ms === undefined ? 500 : ms)
        .then(function () { return performance.now() - start; });
    },
    setLanguage: function (tag) { setLang(tag); return afterFrame(); },
    setLang: setLang,
    clear: function () { setFocus(null); },
    // Only the concept and those one relation away (a term page's neighbourhood map).
    neighbourhood: function (what) {
      var i = byLabel(what);
      if (typeof i !== "number") return i;
      var only = {}; only[i] = true;
      DATA.edges.forEach(function (e) { if (e.f === i) only[e.t] = true; if (e.t === i) only[e.f] = true; });
      state.only = only;
      redraw();
      counts();
      return focusNode(i);
    },
    counts: counts,
    lang: function () { return state.lang; },
    // the relation labels of the last frame, each with its box on the screen, and how many were left out
    edgeLabels: function () { return renderer ? renderer.drawnEdgeLabels() : { labels: [], skipped: 0 }; },
    // the concept labels of the last frame: each box [left, top, right, bottom] on the screen, node included
    nodeLabels: function () { return renderer ? renderer.drawnNodeLabels() : []; }
  };
  setLang(state.lang, true);
  if (DATA.focus !== null) showDetails(DATA.focus);
  afterFrame().then(function () {
    document.body.dataset.ready = "true";
    resolveReady(window.conceptMap);
    setTimeout(searchIndex, 0);  // once the map shows, so that the first search finds it ready
  });
})();
