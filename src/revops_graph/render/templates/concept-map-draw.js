// Drawing for the concept map beyond sigma's defaults: every node in its kind's shape (the legend's
// shapes, so that kinds differ by more than colour), node labels that stay inside the map and never
// overlap, and relation labels that never overlap each other or a node's label.
var ConceptMapDrawing = (function () {
  "use strict";
  // The order of page.py's _SHAPES: a kind's shape travels as its index into this list.
  var SHAPES = ["dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon"];

  // One WebGL program for every shape (a program per shape would draw kind by kind and lose the
  // order that puts the selection above its neighbours). Like sigma's circle program, each node
  // is a triangle around a disc of its size; the fragment shader cuts the kind's shape out of it
  // with a signed distance (negative inside), in units of the node's radius.
  var FRAGMENT = [
    "precision highp float;",
    "varying vec4 v_color;",
    "varying vec2 v_diffVector;",
    "varying float v_radius;",
    "varying float v_shape;",
    "uniform float u_correctionRatio;",
    "float poly(vec2 p, float n, float start, float inner) {",
    "  float d = -1e3;",
    "  for (int k = 0; k < 6; k++) {",
    "    if (float(k) >= n) break;",
    "    float a = start + 6.2831853 * float(k) / n;",
    "    d = max(d, dot(p, vec2(cos(a), sin(a))) - inner);",
    "  }",
    "  return d;",
    "}",
    "float star(vec2 p) {",  // a five-pointed star, point up (after Inigo Quilez's sdStar5)
    "  const vec2 k1 = vec2(0.809016994375, -0.587785252292);",
    "  const vec2 k2 = vec2(-0.809016994375, -0.587785252292);",
    "  p.x = abs(p.x);",
    "  p -= 2.0 * max(dot(k1, p), 0.0) * k1;",
    "  p -= 2.0 * max(dot(k2, p), 0.0) * k2;",
    "  p.x = abs(p.x);",
    "  p.y -= 1.05;",
    "  vec2 ba = 0.45 * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);",
    "  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, 1.05);",
    "  return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);",
    "}",
    "float shape(vec2 p, float s) {",
    "  if (s < 0.5) return length(p) - 1.0;",
    "  if (s < 1.5) return (abs(p.x) + abs(p.y) - 1.0) * 0.7071;",
    "  if (s < 2.5) return max(abs(p.x), abs(p.y)) - 0.78;",
    "  if (s < 3.5) return poly(p + vec2(0.0, 0.2), 3.0, -1.5707963, 0.52);",
    "  if (s < 4.5) return star(p);",
    "  if (s < 5.5) return poly(p - vec2(0.0, 0.2), 3.0, 1.5707963, 0.52);",
    "  return poly(p, 6.0, 0.5235988, 0.9);",
    "}",
    "void main(void) {",
    "  float border = u_correctionRatio * 2.0 / v_radius;",
    "  float dist = shape(v_diffVector / v_radius, v_shape) + border;",
    "  #ifdef PICKING_MODE",
    "  gl_FragColor = dist > border ? vec4(0.0) : v_color;",
    "  #else",
    "  float t = dist > border ? 1.0 : dist > 0.0 ? dist / border : 0.0;",
    "  gl_FragColor = mix(v_color, vec4(0.0), t);",
    "  #endif",
    "}"
  ].join("\n");
  var VERTEX = [
    "attribute vec4 a_id;",
    "attribute vec4 a_color;",
    "attribute vec2 a_position;",
    "attribute float a_size;",
    "attribute float a_shape;",
    "attribute float a_angle;",
    "uniform mat3 u_matrix;",
    "uniform float u_sizeRatio;",
    "uniform float u_correctionRatio;",
    "varying vec4 v_color;",
    "varying vec2 v_diffVector;",
    "varying float v_radius;",
    "varying float v_shape;",
    "const float bias = 255.0 / 254.0;",
    "void main() {",
    "  float size = a_size * u_correctionRatio / u_sizeRatio * 4.0;",
    "  vec2 diffVector = size * vec2(cos(a_angle), sin(a_angle));",
    "  gl_Position = vec4((u_matrix * vec3(a_position + diffVector, 1)).xy, 0, 1);",
    "  v_diffVector = diffVector;",
    "  v_radius = size / 2.0;",
    "  v_shape = a_shape;",
    "  #ifdef PICKING_MODE",
    "  v_color = a_id;",
    "  #else",
    "  v_color = a_color;",
    "  #endif",
    "  v_color.a *= bias;",
    "}"
  ].join("\n");

  function shapeProgram() {
    var R = Sigma.rendering, GL = WebGLRenderingContext, floatColor = Sigma.utils.floatColor;
    class NodeShapeProgram extends R.NodeProgram {
      getDefinition() {
        return {
          VERTICES: 3, VERTEX_SHADER_SOURCE: VERTEX, FRAGMENT_SHADER_SOURCE: FRAGMENT, METHOD: GL.TRIANGLES,
          UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
          ATTRIBUTES: [
            { name: "a_position", size: 2, type: GL.FLOAT },
            { name: "a_size", size: 1, type: GL.FLOAT },
            { name: "a_color", size: 4, type: GL.UNSIGNED_BYTE, normalized: true },
            { name: "a_id", size: 4, type: GL.UNSIGNED_BYTE, normalized: true },
            { name: "a_shape", size: 1, type: GL.FLOAT }
          ],
          CONSTANT_ATTRIBUTES: [{ name: "a_angle", size: 1, type: GL.FLOAT }],
          CONSTANT_DATA: [[0], [2 * Math.PI / 3], [4 * Math.PI / 3]]
        };
      }
      processVisibleItem(nodeIndex, start, data) {
        var a = this.array, shape = SHAPES.indexOf(data.shape);
        a[start++] = data.x; a[start++] = data.y; a[start++] = data.size;
        a[start++] = floatColor(data.color); a[start++] = nodeIndex; a[start] = shape < 0 ? 0 : shape;
      }
      setUniforms(params, program) {
        var gl = program.gl, at = program.uniformLocations;
        gl.uniform1f(at.u_correctionRatio, params.correctionRatio);
        gl.uniform1f(at.u_sizeRatio, params.sizeRatio);
        gl.uniformMatrix3fv(at.u_matrix, false, params.matrix);
      }
    }
    return NodeShapeProgram;
  }

  // -- node labels: right of the node, or left of it where the right would run off the map --------
  var MARGIN = 4;  // px kept free between a label and the map's edge
  var widths = new Map();  // font + text -> width: every frame measures the same labels again
  // ``context.font`` set to ``font`` by the caller (reading it back costs more than the measure)
  function textWidth(context, text, font) {
    var key = font + "\u0000" + text, width = widths.get(key);
    if (width === undefined) {
      if (widths.size > 50000) widths.clear();
      width = context.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  }
  // The box [left, top, right, bottom] a label takes in the viewport, the node's disc included.
  function labelBox(x, y, size, width, settings, onLeft) {
    var half = Math.max(size, settings.labelSize / 2 + 3), reach = Math.max(size, settings.labelSize / 2) + 2;
    return onLeft ? [x - reach - width - 6, y - half, x + size + 1, y + half]
                  : [x - size - 1, y - half, x + reach + width + 6, y + half];
  }
  function inside(box, width, height) {
    return box[0] >= MARGIN && box[2] <= width - MARGIN && box[1] >= 0 && box[3] <= height;
  }
  // the right side where the label fits there, else the left where it fits, else the roomier side
  function leftward(x, y, size, width, settings, viewWidth) {
    if (labelBox(x, y, size, width, settings, false)[2] <= viewWidth - MARGIN) return false;
    return labelBox(x, y, size, width, settings, true)[0] >= MARGIN || x > viewWidth - x;
  }
  function drawText(context, text, x, y, size, width, settings, onLeft) {
    var reach = Math.max(size, settings.labelSize / 2) + 2;
    context.fillText(text, onLeft ? x - reach - width - 2 : x + reach + 2, y + settings.labelSize / 3);
  }
  function font(settings) { return settings.labelWeight + " " + settings.labelSize + "px " + settings.labelFont; }
  function edgeFont(settings) { return settings.edgeLabelWeight + " " + settings.edgeLabelSize + "px " + settings.edgeLabelFont; }
  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function corners(b) { return [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]; }

  // Boxes already taken, bucketed on a grid so that a frame of hundreds of labels stays linear.
  var CELL = 64;
  function Taken() { this.cells = new Map(); }
  Taken.prototype.each = function (box, visit) {
    for (var i = Math.floor(box[0] / CELL); i <= Math.floor(box[2] / CELL); i++) {
      for (var j = Math.floor(box[1] / CELL); j <= Math.floor(box[3] / CELL); j++) {
        if (visit(i + ":" + j) === true) return true;
      }
    }
    return false;
  };
  Taken.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (k) { var list = cells.get(k); if (list) list.push(box); else cells.set(k, [box]); });
  };
  // whether ``box`` (an axis-aligned box, or a turned one given by ``polygon``) crosses a taken box
  // other than those of the nodes in ``except``
  Taken.prototype.hits = function (box, polygon, except) {
    var cells = this.cells;
    return this.each(box, function (k) {
      var list = cells.get(k) || [];
      for (var n = 0; n < list.length; n++) {
        var other = list[n];
        if (except && except.indexOf(other.node) >= 0) continue;
        if (overlaps(box, other) && (!polygon || overlap(polygon, other.polygon || corners(other)))) return true;
      }
    });
  };
  function owned(box, node) { box.node = node; return box; }

  // -- relation labels: gathered while sigma walks the edges, then placed without overlap -------
  // sigma draws every eligible relation label where it falls (at a hub they pile into a smear).
  // Here sigma's walk only collects them; place() then draws the most important first
  // (those touching the selection or the pointer, then hierarchy) and leaves out any label
  // whose box would cross one already drawn. `placed` keeps the boxes (the page API shows them).
  function labelledSigma(priority) {
    var pending = [], placed = [], skipped = 0, nodeBoxes = [], taken = new Taken(), viewWidth = 0;
    function collect(context, edge, source, target, settings) {
      if (edge.label) pending.push([edge, source, target, settings]);
    }
    // Where along the edge (a fraction of the stretch between the discs) and on which side of it a
    // label may go: sigma's place first (the middle, below the line), then others, so that a
    // concept's label in the middle does not cost the relation its label.
    var SPOTS = [[0.5, 1], [0.5, -1], [0.3, 1], [0.7, 1], [0.3, -1], [0.7, -1], [0.2, 1], [0.8, 1], [0.2, -1], [0.8, -1]];
    function geometry(context, edge, s, t, settings, spot) {
      // sigma's own placement (drawStraightEdgeLabel): along the edge, between the two discs
      var size = settings.edgeLabelSize, label = edge.label, at = spot[0], below = spot[1] > 0;
      var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy);
      if (d < s.size + t.size) return null;
      var sx = s.x + dx * s.size / d, sy = s.y + dy * s.size / d, tx = t.x - dx * t.size / d, ty = t.y - dy * t.size / d;
      var cx = sx + (tx - sx) * at, cy = sy + (ty - sy) * at;
      dx = tx - sx; dy = ty - sy; d = Math.sqrt(dx * dx + dy * dy);
      var width = textWidth(context, label, edgeFont(settings));
      if (at !== 0.5 && width > 2 * Math.min(at, 1 - at) * d) return null;  // (only the middle shortens a label)
      if (width > d) {
        label += "…";
        width = textWidth(context, label, edgeFont(settings));
        while (width > d && label.length > 1) { label = label.slice(0, -2) + "…"; width = textWidth(context, label, edgeFont(settings)); }
        if (label.length < 4) return null;
      }
      // text kept upright: the angle of the edge, turned half round when it would read upside down
      var angle = Math.atan2(dy, dx);
      if (angle > Math.PI / 2) angle -= Math.PI; else if (angle < -Math.PI / 2) angle += Math.PI;
      var top = below ? edge.size / 2 : -edge.size / 2 - size * 1.3, bottom = top + size * 1.3;
      var left = -width / 2 - 2, right = width / 2 + 2;
      var cos = Math.cos(angle), sin = Math.sin(angle);
      var box = [[left, top], [right, top], [right, bottom], [left, bottom]].map(function (p) {
        return [cx + p[0] * cos - p[1] * sin, cy + p[0] * sin + p[1] * cos];
      });
      return { label: label, width: width, x: cx, y: cy, angle: angle, baseline: top + size, box: box };
    }
    function place(context, cards) {
      placed = []; skipped = 0;
      var drawn = new Taken();  // the relation labels placed so far
      // a crowd (a big hub selected) tries the middle of each edge only: ten places for each of
      // hundreds of labels would slow every frame, and most of them have no room anywhere
      var spots = pending.length > 100 ? 2 : SPOTS.length, width = context.canvas.width, height = context.canvas.height;
      pending.sort(function (a, b) { return priority(a[0]) - priority(b[0]) || (a[0].key < b[0].key ? -1 : 1); });
      pending.forEach(function (item) {
        var settings = item[3];
        context.font = edgeFont(settings);
        // a relation label gives way to the concept labels of the frame, the pointer's or selection's
        // card, and the relation labels placed before it
        var ends = [item[1].key, item[2].key], g = null, s = item[1], t = item[2];
        if (Math.max(s.x, t.x) < 0 || Math.min(s.x, t.x) > width || Math.max(s.y, t.y) < 0 || Math.min(s.y, t.y) > height) {
          skipped++;  // the whole edge is off the map
          return;
        }
        for (var k = 0; k < spots && !g; k++) {
          g = geometry(context, item[0], item[1], item[2], settings, SPOTS[k]);
          if (!g) continue;
          var xs = g.box.map(function (p) { return p[0]; }), ys = g.box.map(function (p) { return p[1]; });
          var bounds = [Math.min.apply(null, xs), Math.min.apply(null, ys), Math.max.apply(null, xs), Math.max.apply(null, ys)];
          if (taken.hits(bounds, g.box) || cards.hits(bounds, g.box, ends) || drawn.hits(bounds, g.box)) g = null;
        }
        if (!g) { skipped++; return; }
        bounds.polygon = g.box;
        drawn.add(bounds);
        context.fillStyle = settings.edgeLabelColor.color;
        context.save();
        context.translate(g.x, g.y);
        context.rotate(g.angle);
        context.fillText(g.label, -g.width / 2, g.baseline);
        context.restore();
        placed.push({ edge: item[0].key, label: g.label, box: g.box });
      });
      pending = [];
    }
    // The hovered or selected concept's label, on a white card (sigma's drawDiscNodeHover), on the
    // side where it stays inside the map.
    function drawHover(context, data, settings) {
      if (typeof data.label !== "string") return;
      context.font = font(settings);
      var width = textWidth(context, data.label, font(settings)), onLeft = leftward(data.x, data.y, data.size, width, settings, viewWidth);
      var box = labelBox(data.x, data.y, data.size, width, settings, onLeft), r = Math.max(data.size, settings.labelSize / 2) + 2;
      context.fillStyle = "#FFF";
      context.shadowOffsetX = 0; context.shadowOffsetY = 0; context.shadowBlur = 8; context.shadowColor = "#000";
      context.beginPath();
      context.arc(data.x, data.y, r, 0, Math.PI * 2);
      context.rect(box[0] + (onLeft ? 0 : data.size), data.y - settings.labelSize / 2 - 2, box[2] - box[0] - data.size - 2, settings.labelSize + 4);
      context.fill();
      context.shadowBlur = 0;
      context.fillStyle = settings.labelColor.color;
      drawText(context, data.label, data.x, data.y, data.size, width, settings, onLeft);
    }
    function hoverBoxes(renderer, context) {
      var keys = [], cards = new Taken();
      if (renderer.hoveredNode) keys.push(renderer.hoveredNode);
      renderer.highlightedNodes.forEach(function (k) { keys.push(k); });
      context.font = font(renderer.settings);
      keys.forEach(function (key) {
        var d = renderer.nodeDataCache[key];
        if (!d || d.hidden || typeof d.label !== "string") return;
        var p = renderer.framedGraphToViewport(d), size = renderer.scaleSize(d.size), width = textWidth(context, d.label, font(renderer.settings));
        cards.add(labelBox(p.x, p.y, size, width, renderer.settings, leftward(p.x, p.y, size, width, renderer.settings, viewWidth)));
      });
      return cards;
    }
    // On a small map a relation label does not hide under a concept drawn without its label
    // either (nodes are drawn above relation labels); a big map labels only the selection's.
    var DISCS = 5000;
    var ALL_LABELS = 200;  // up to this many concepts, each label is drawn wherever it fits
    function discs(renderer, cards) {
      var width = renderer.width, height = renderer.height;
      renderer.graph.forEachNode(function (key) {
        var d = renderer.nodeDataCache[key];
        if (!d || d.hidden) return;
        var p = renderer.framedGraphToViewport(d), r = renderer.scaleSize(d.size) + 1;
        if (p.x < -r || p.x > width + r || p.y < -r || p.y > height + r) return;
        cards.add(owned([p.x - r, p.y - r, p.x + r, p.y + r], key));
      });
    }
    // sigma calls renderEdgeLabels from its full frames and from its hover-only frames alike
    class LabelledSigma extends Sigma {
      // sigma's renderLabels (on a big map the label grid's choice, then the forced labels) with each label kept
      // inside the map and drawn only where it overlaps no label drawn before it: the selection's
      // first, then the bigger (more connected) concepts. Less important labels wait for a zoom.
      renderLabels() {
        if (!this.settings.renderLabels) return this;
        var settings = this.settings, context = this.canvasContexts.labels, width = this.width, height = this.height;
        // a small map offers every label (the grid hid some of ten concepts far apart); a big one
        // the label grid's choice, so that a dense map is not a wall of text
        var keys = this.graph.order <= ALL_LABELS ? this.graph.nodes()
          : this.labelGrid.getLabelsToDisplay(this.camera.ratio, settings.labelDensity);
        var items = [], seen = new Set();
        this.nodesWithForcedLabels.forEach(function (k) { keys.push(k); });
        this.displayedNodeLabels = new Set();
        viewWidth = width;
        for (var n = 0; n < keys.length; n++) {
          var key = keys[n], d = this.nodeDataCache[key];
          if (seen.has(key) || d.hidden) continue;
          seen.add(key);
          var p = this.framedGraphToViewport(d), size = this.scaleSize(d.size);
          if (!d.forceLabel && size < settings.labelRenderedSizeThreshold) continue;
          if (p.x < -150 || p.x > width + 150 || p.y < -50 || p.y > height + 50) continue;
          if (typeof d.label !== "string") { this.displayedNodeLabels.add(key); continue; }
          items.push({ key: key, d: d, x: p.x, y: p.y, size: size, rank: d.highlighted ? 0 : d.forceLabel ? 1 : 2 });
        }
        items.sort(function (a, b) { return a.rank - b.rank || b.size - a.size || a.key - b.key; });
        context.font = font(settings);
        context.fillStyle = settings.labelColor.color;
        taken = new Taken(); nodeBoxes = [];
        for (n = 0; n < items.length; n++) {
          var it = items[n], w = textWidth(context, it.d.label, font(settings)), onLeft = leftward(it.x, it.y, it.size, w, settings, width);
          var box = labelBox(it.x, it.y, it.size, w, settings, onLeft);
          if (taken.hits(box)) {
            var other = labelBox(it.x, it.y, it.size, w, settings, !onLeft);
            if (!inside(other, width, height) || taken.hits(other)) { if (it.rank > 0) continue; } else { onLeft = !onLeft; box = other; }
          }
          taken.add(box);
          nodeBoxes.push({ node: it.key, label: it.d.label, box: box, left: onLeft });
          this.displayedNodeLabels.add(it.key);
          if (!it.d.highlighted) drawText(context, it.d.label, it.x, it.y, it.size, w, settings, onLeft);  // (its card draws it)
        }
        return this;
      }
      renderHighlightedNodes() { viewWidth = this.width; return super.renderHighlightedNodes(); }
      renderEdgeLabels() {
        pending = [];
        super.renderEdgeLabels();
        if (this.settings.renderEdgeLabels) {
          var context = this.getCanvases().edgeLabels.getContext("2d");
          var cards = hoverBoxes(this, context);
          if (pending.length && this.graph.order <= DISCS) discs(this, cards);
          place(context, cards);
        }
        return this;
      }
      drawnEdgeLabels() { return { labels: placed.slice(), skipped: skipped }; }
      drawnNodeLabels() { return nodeBoxes.slice(); }
    }
    LabelledSigma.drawEdgeLabel = collect;
    LabelledSigma.drawNodeHover = drawHover;
    return LabelledSigma;
  }

  // Two convex boxes overlap unless some edge of one separates them (separating axis theorem).
  function overlap(a, b) {
    var polys = [a, b];
    for (var p = 0; p < 2; p++) {
      var poly = polys[p];
      for (var i = 0; i < poly.length; i++) {
        var q = poly[(i + 1) % poly.length], nx = q[1] - poly[i][1], ny = poly[i][0] - q[0];
        var range = polys.map(function (r) {
          var lo = Infinity, hi = -Infinity;
          r.forEach(function (v) { var x = v[0] * nx + v[1] * ny; lo = Math.min(lo, x); hi = Math.max(hi, x); });
          return [lo, hi];
        });
        if (range[0][1] <= range[1][0] || range[1][1] <= range[0][0]) return false;
      }
    }
    return true;
  }

  return { SHAPES: SHAPES, shapeProgram: shapeProgram, labelledSigma: labelledSigma, overlap: overlap };
})();
