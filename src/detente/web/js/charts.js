// Small SVG charts written for detente (no library): bars, a two-series line
// chart over time, and a force-directed network layout.

import { h, s } from "./dom.js";

/** Horizontal bars: [{label, value, href?}]. */
export function barChart(rows, { title = "", width = 420 } = {}) {
  const barH = 20, gap = 6, labelW = 110, max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * (barH + gap);
  const svg = s("svg", { class: "chart bars", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": title, width: "100%" });
  rows.forEach((r, i) => {
    const y = i * (barH + gap);
    const w = Math.max(2, ((width - labelW - 40) * r.value) / max);
    const g = s("g", null,
      s("text", { x: labelW - 6, y: y + barH * 0.72, "text-anchor": "end", class: "label" }, r.label),
      s("rect", { x: labelW, y, width: w, height: barH, class: "bar" }),
      s("text", { x: labelW + w + 4, y: y + barH * 0.72, class: "value" }, String(r.value)));
    g.appendChild(s("title", null, `${r.label}: ${r.value}`));
    if (r.href) {
      const a = s("a", { href: r.href });
      a.appendChild(g);
      svg.appendChild(a);
    } else svg.appendChild(g);
  });
  return svg;
}

/**
 * Lines over time: series = [{name, cls, points: [{x: "YYYY-MM", y}]}]; xs is the ordered x labels.
 * Drawn with an accessible table fallback (the same numbers) for screen readers.
 */
export function lineChart(xs, series, { title = "", width = 760, height = 240, yLabel = "" } = {}) {
  const pad = { l: 44, r: 34, t: 12, b: 34 };  // r: room for half of the last date label
  const all = series.flatMap((se) => se.points.map((p) => p.y));
  const [lo, hi, stepY] = niceRange(Math.min(0, ...all), Math.max(1, ...all));
  const X = (i) => pad.l + (xs.length <= 1 ? (width - pad.l - pad.r) / 2 : (i * (width - pad.l - pad.r)) / (xs.length - 1));
  const Y = (v) => pad.t + ((hi - v) * (height - pad.t - pad.b)) / (hi - lo || 1);
  const svg = s("svg", { class: "chart lines", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title,
    width: "100%" });
  // axes and grid
  for (let v = lo; v <= hi + stepY / 2; v += stepY) {
    svg.appendChild(s("line", { x1: pad.l, x2: width - pad.r, y1: Y(v), y2: Y(v), class: "grid" }));
    svg.appendChild(s("text", { x: pad.l - 6, y: Y(v) + 4, "text-anchor": "end", class: "tick" },
      String(Math.round(v * 100) / 100)));
  }
  if (lo < 0) svg.appendChild(s("line", { x1: pad.l, x2: width - pad.r, y1: Y(0), y2: Y(0), class: "zero" }));
  const step = Math.max(1, Math.ceil(xs.length / 10));
  xs.forEach((x, i) => {
    if (i % step === 0 || i === xs.length - 1) {
      svg.appendChild(s("text", { x: X(i), y: height - pad.b + 16, "text-anchor": "middle", class: "tick" }, x));
    }
  });
  if (yLabel) svg.appendChild(s("text", { x: 4, y: pad.t + 2, class: "tick" }, yLabel));
  for (const se of series) {
    const index = new Map(se.points.map((p) => [p.x, p.y]));
    const pts = xs.map((x, i) => [X(i), Y(index.get(x) ?? 0)]);
    svg.appendChild(s("polyline", { points: pts.map((p) => p.join(",")).join(" "), class: `series ${se.cls}` }));
    pts.forEach(([px, py], i) => {
      const dot = s("circle", { cx: px, cy: py, r: 3, class: `dot ${se.cls}` });
      dot.appendChild(s("title", null, `${se.name}, ${xs[i]}: ${index.get(xs[i]) ?? 0}`));
      svg.appendChild(dot);
    });
  }
  const legend = h("ul", { class: "legend" }, series.map((se) => h("li", null,
    h("span", { class: `swatch ${se.cls}`, "aria-hidden": "true" }), se.name)));
  const table = h("table", { class: "sr-only" },
    h("caption", null, title),
    h("tr", null, h("th", null, "period"), series.map((se) => h("th", null, se.name))),
    xs.map((x) => h("tr", null, h("td", null, x), series.map((se) => {
      const p = se.points.find((q) => q.x === x);
      return h("td", null, String(p ? p.y : 0));
    }))));
  return h("figure", { class: "chart-figure" }, svg, legend, table);
}

/** Axis bounds and a step of 1, 2 or 5 times a power of ten, about four steps in all. */
export function niceRange(lo, hi) {
  const raw = (hi - lo) / 4 || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= raw);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step];
}

/** Monthly counts of events as a strip of bars (the timeline's overview). */
export function histogram(counts, { title = "", width = 760, height = 70 } = {}) {
  const keys = Object.keys(counts).sort();
  const svg = s("svg", { class: "chart histogram", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": title, width: "100%" });
  if (!keys.length) return svg;
  const max = Math.max(...Object.values(counts));
  const bw = (width - 20) / keys.length;
  keys.forEach((k, i) => {
    const bh = ((height - 18) * counts[k]) / max;
    const rect = s("rect", { x: 10 + i * bw + 1, y: height - 16 - bh, width: Math.max(1, bw - 2), height: bh,
      class: "bar" });
    rect.appendChild(s("title", null, `${k}: ${counts[k]} events`));
    svg.appendChild(rect);
  });
  const step = Math.max(1, Math.ceil(keys.length / 8));
  keys.forEach((k, i) => {
    if (i % step === 0) svg.appendChild(s("text", { x: 10 + i * bw, y: height - 3, class: "tick" }, k));
  });
  return svg;
}

/**
 * A force-directed layout: nodes [{id}], links [{source, target, weight}] -> positions {id: [x, y]}.
 * Deterministic (seeded start on a circle), O(n^2) per step: fine for a few hundred actors.
 */
export function layout(nodes, links, width, height, steps = 300) {
  const n = nodes.length;
  const pos = new Map();
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    pos.set(node.id, { x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a), dx: 0, dy: 0 });
  });
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.75;
  let temp = width / 8;
  for (let step = 0; step < steps; step++) {
    for (const p of pos.values()) { p.dx = 0; p.dy = 0; }
    const list = [...pos.values()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i], b = list[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const l of links) {
      const a = pos.get(l.source), b = pos.get(l.target);
      if (!a || !b || a === b) continue;
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = ((d * d) / k) * Math.min(3, 0.5 + Math.log1p(l.weight || 1) / 2);
      dx /= d; dy /= d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const p of pos.values()) {
      // gravity keeps disconnected parts on screen
      p.dx += (width / 2 - p.x) * 0.05 * k / 50;
      p.dy += (height / 2 - p.y) * 0.05 * k / 50;
      const d = Math.max(0.01, Math.hypot(p.dx, p.dy));
      p.x += (p.dx / d) * Math.min(d, temp);
      p.y += (p.dy / d) * Math.min(d, temp);
      // margins leave room for the labels drawn above each node
      p.x = Math.min(width - 70, Math.max(70, p.x));
      p.y = Math.min(height - 30, Math.max(45, p.y));
    }
    temp = Math.max(0.5, temp * 0.985);
  }
  return pos;
}
