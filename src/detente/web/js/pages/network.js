// Network of actors: sized by activity, coloured by community, edges by how
// much the two cooperate or clash; a date window narrows it.

import { api, h, query, s } from "../dom.js";
import { layout } from "../charts.js";

const W = 900, H = 560;

export async function render(view, route, alive) {
  const p = route.params;
  const params = { from: p.get("from") || "", to: p.get("to") || "", level: p.get("level") || "state",
    max_edges: p.get("max_edges") || "" };
  view.appendChild(h("h1", null, "Network"));
  const form = h("form", { class: "filters row", "aria-label": "Network window" },
    h("label", { class: "field" }, "From", h("input", { type: "date", name: "from", value: params.from })),
    h("label", { class: "field" }, "To", h("input", { type: "date", name: "to", value: params.to })),
    h("label", { class: "field" }, "Nodes", h("select", { name: "level" },
      h("option", { value: "state", selected: params.level === "state" }, "states (people counted with their state)"),
      h("option", { value: "actor", selected: params.level === "actor" }, "every actor"))),
    h("label", { class: "field" }, "Edges drawn (the heaviest)",
      h("input", { type: "number", name: "max_edges", min: "0", max: "1000000", step: "1", placeholder: "2000",
        value: params.max_edges })),
    h("div", { class: "buttons" }, h("button", { type: "submit" }, "Apply")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    location.hash = `#/network${query({ from: fd.get("from"), to: fd.get("to"), level: fd.get("level"),
      max_edges: fd.get("max_edges") })}`;
  });
  view.appendChild(form);
  const net = await api(`/api/network${query(params)}`);
  if (!alive()) return;
  if (!net.nodes.length) { view.appendChild(h("p", { class: "empty" }, "No asserted events in this window.")); return; }
  const pos = layout(net.nodes, net.edges.map((e) => ({ source: e.a, target: e.b, weight: e.events })), W, H);
  const maxEvents = Math.max(...net.nodes.map((n) => n.events));
  const maxEdge = Math.max(...net.edges.map((e) => e.events), 1);
  const svg = s("svg", { class: "network", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "group",
    "aria-label": "Network of actors; each node links to its events" });
  for (const e of net.edges) {
    const a = pos.get(e.a), b = pos.get(e.b);
    const tone = e.conflict > e.cooperation ? "conflict" : e.cooperation > e.conflict ? "coop" : "mixed";
    const line = s("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge ${tone}`,
      "stroke-width": 1 + (5 * e.events) / maxEdge });
    line.appendChild(s("title", null, `${e.a}–${e.b}: ${e.events} events (${e.cooperation} cooperative, ${e.conflict} conflictual)`));
    const link = s("a", { href: `#/relations${query({ a: e.a, b: e.b })}` }, line);
    svg.appendChild(link);
  }
  for (const n of net.nodes) {
    const pt = pos.get(n.id);
    const r = 6 + 18 * Math.sqrt(n.events / maxEvents);
    const g = s("a", { href: `#/timeline${query({ actor: n.id })}`, class: "node-link" },
      s("circle", { cx: pt.x, cy: pt.y, r, class: `node c${n.community % 8}` }),
      s("text", { x: pt.x, y: pt.y - r - 4, "text-anchor": "middle", class: "node-label" }, n.name),
      s("title", null, `${n.name}: ${n.events} events, ${n.degree} partners, community ${n.community + 1}`));
    svg.appendChild(g);
  }
  view.appendChild(h("figure", { class: "network-figure" }, svg,
    h("figcaption", { class: "muted" }, "Node size: events taken part in. Colour: community (cooperative ties). ",
      "Edges: ", h("span", { class: "swatch coop" }), " mostly cooperation, ", h("span", { class: "swatch conflict" }),
      " mostly conflict. Select a node for its timeline, an edge for the relation.",
      net.edges_total > net.edges.length
        ? ` The ${net.edges.length.toLocaleString("en")} heaviest of ${net.edges_total.toLocaleString("en")} edges are drawn; partners and communities count them all.`
        : "")));
  view.appendChild(h("h2", null, "Actors"));
  view.appendChild(h("table", { class: "table" },
    h("thead", null, h("tr", null, ["Actor", "Events", "Partners", "Community"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", null, net.nodes.map((n) => h("tr", null,
      h("td", null, h("a", { href: `#/timeline${query({ actor: n.id })}` }, n.name)),
      h("td", { class: "num" }, String(n.events)), h("td", { class: "num" }, String(n.degree)),
      h("td", null, h("span", { class: `swatch node c${n.community % 8}` }), ` ${n.community + 1}`))))));
}
