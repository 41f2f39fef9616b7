// Drawing for the concept map beyond sigma's defaults: every node in its kind's shape (the legend's
// shapes, so that kinds differ by more than colour), and relation labels that never overlap.
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

  // -- relation labels: gathered while sigma walks the edges, then placed without overlap -------
  // sigma draws every eligible relation label where it falls (at a hub they pile into a smear).
  // Here sigma's walk only collects them; place() then draws the most important first
  // (those touching the selection or the pointer, then hierarchy) and leaves out any label
  // whose box would cross one already drawn. `placed` keeps the boxes (the page API shows them).
  function labelledSigma(priority) {
    var pending = [], placed = [], skipped = 0;
    function collect(context, edge, source, target, settings) {
      if (edge.label) pending.push([edge, source, target, settings]);
    }
    function geometry(context, edge, s, t, settings) {
      // sigma's own placement (drawStraightEdgeLabel): along the edge, between the two discs
      var size = settings.edgeLabelSize, label = edge.label;
      var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy);
      if (d < s.size + t.size) return null;
      var sx = s.x + dx * s.size / d, sy = s.y + dy * s.size / d, tx = t.x - dx * t.size / d, ty = t.y - dy * t.size / d;
      var cx = (sx + tx) / 2, cy = (sy + ty) / 2;
      dx = tx - sx; dy = ty - sy; d = Math.sqrt(dx * dx + dy * dy);
      var width = context.measureText(label).width;
      if (width > d) {
        label += "…";
        width = context.measureText(label).width;
        while (width > d && label.length > 1) { label = label.slice(0, -2) + "…"; width = context.measureText(label).width; }
        if (label.length < 4) return null;
      }
      // text kept upright: the angle of the edge, turned half round when it would read upside down
      var angle = Math.atan2(dy, dx);
      if (angle > Math.PI / 2) angle -= Math.PI; else if (angle < -Math.PI / 2) angle += Math.PI;
      var top = edge.size / 2, bottom = edge.size / 2 + size * 1.3, left = -width / 2 - 2, right = width / 2 + 2;
      var cos = Math.cos(angle), sin = Math.sin(angle);
      var box = [[left, top], [right, top], [right, bottom], [left, bottom]].map(function (p) {
        return [cx + p[0] * cos - p[1] * sin, cy + p[0] * sin + p[1] * cos];
      });
      return { label: label, width: width, x: cx, y: cy, angle: angle, baseline: edge.size / 2 + size, box: box };
    }
    function place(context) {
      placed = []; skipped = 0;
      pending.sort(function (a, b) { return priority(a[0]) - priority(b[0]) || (a[0].key < b[0].key ? -1 : 1); });
      pending.forEach(function (item) {
        var settings = item[3];
        context.font = settings.edgeLabelWeight + " " + settings.edgeLabelSize + "px " + settings.edgeLabelFont;
        var g = geometry(context, item[0], item[1], item[2], settings);
        if (!g) return;
        if (placed.some(function (p) { return overlap(p.box, g.box); })) { skipped++; return; }
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
    // sigma calls renderEdgeLabels from its full frames and from its hover-only frames alike
    class LabelledSigma extends Sigma {
      renderEdgeLabels() {
        pending = [];
        super.renderEdgeLabels();
        if (this.settings.renderEdgeLabels) place(this.getCanvases().edgeLabels.getContext("2d"));
        return this;
      }
      drawnEdgeLabels() { return { labels: placed.slice(), skipped: skipped }; }
    }
    LabelledSigma.drawEdgeLabel = collect;
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
