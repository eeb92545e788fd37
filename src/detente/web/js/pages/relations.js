// Relations between two actors: cooperation and conflict over time, standing
// ties with their evidence, and the key events.

import { api, fmtDate, h, query } from "../dom.js";
import { lineChart } from "../charts.js";
import { actorId, actorInput, actorList, eventRow } from "./timeline.js";

export async function render(view, route, alive) {
  const p = route.params;
  const a = p.get("a") || "", b = p.get("b") || "", by = p.get("by") || "month";
  const actors = await actorList();
  const states = actors.filter((x) => x.kind === "state");
  view.appendChild(h("h1", null, "Relations"));
  const form = h("form", { class: "filters row", "aria-label": "Choose two actors" },
    actorInput("a", "Between", a, states.length ? states : actors),
    actorInput("b", "and", b, states.length ? states : actors),
    h("label", { class: "field" }, "By", h("select", { name: "by" },
      h("option", { value: "month", selected: by === "month" }, "month"),
      h("option", { value: "year", selected: by === "year" }, "year"))),
    h("div", { class: "buttons" }, h("button", { type: "submit" }, "Show")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    location.hash = `#/relations${query({ a: actorId(fd.get("a"), actors), b: actorId(fd.get("b"), actors), by: fd.get("by") })}`;
  });
  view.appendChild(form);
  if (!a || !b) {
    const top = (await api("/api/overview?top=8")).top_pairs;
    if (!alive()) return;
    view.appendChild(h("p", null, "Choose two actors, or one of the most active pairs:"));
    view.appendChild(h("ul", { class: "plain inline" }, top.map((t) => h("li", null,
      h("a", { href: `#/relations${query({ a: t.a, b: t.b })}` }, `${t.a_name} – ${t.b_name}`)))));
    return;
  }
  const rel = await api(`/api/relations${query({ a, b, by })}`);
  if (!alive()) return;
  view.querySelector("h1").textContent = `Relations: ${rel.a.name} – ${rel.b.name}`;
  view.appendChild(h("p", { class: "summary" },
    `${rel.events} asserted events: ${rel.cooperation} cooperative, ${rel.conflict} conflictual`,
    rel.undated ? ` (${rel.undated} undated, not charted)` : ""));
  if (rel.periods.length) {
    const xs = rel.periods.map((x) => x.period);
    const series = [
      { name: "cooperation (events)", cls: "coop", points: rel.periods.map((x) => ({ x: x.period, y: (x.counts[1] || 0) + (x.counts[2] || 0) })) },
      { name: "conflict (events)", cls: "conflict", points: rel.periods.map((x) => ({ x: x.period, y: (x.counts[3] || 0) + (x.counts[4] || 0) })) },
    ];
    view.appendChild(h("section", { class: "card" }, h("h2", null, "Cooperation and conflict over time"),
      lineChart(xs, series, { title: `Events between ${rel.a.name} and ${rel.b.name} per ${rel.by}` }),
      lineChart(xs, [{ name: "net intensity (cooperation +, conflict −)", cls: "net",
        points: rel.periods.map((x) => ({ x: x.period, y: x.intensity })) }],
      { title: "Summed intensity per period", height: 160 })));
  }
  view.appendChild(h("section", { class: "card" }, h("h2", null, `Standing ties (${rel.ties.length})`),
    rel.ties.length ? h("ul", { class: "plain" }, rel.ties.map((t) => h("li", null,
      h("span", { class: "badge tie" }, t.kind), " ", t.summary, t.date ? h("span", { class: "muted" }, ` ${fmtDate(t.date)}`) : null,
      t.events > 1 ? h("span", { class: "muted" }, ` (the first of ${t.events} events naming it)`) : null,
      " ", (t.mentions || []).slice(0, 3).map((m, i) => h("a", { class: "cite", href: `#/doc/${encodeURIComponent(m.document)}?hl=${m.start}-${m.end}`,
        title: m.text }, `[source ${i + 1}]`)))))
      : h("p", { class: "muted" }, "No treaties, alliances or trade figures linking them in the stored reports.")));
  view.appendChild(h("section", { class: "card" }, h("h2", null, "Key events"),
    rel.key_events.length ? h("ol", { class: "events" }, rel.key_events.map((ev) => eventRow(ev, Object.fromEntries(
      [[rel.a.id, rel.a], [rel.b.id, rel.b]].concat(ev.source.map((id, i) => [id, { name: ev.source_names[i] }]),
        ev.target.map((id, i) => [id, { name: ev.target_names[i] }]))))))
      : h("p", { class: "muted" }, "No events between them."),
    h("p", null, h("a", { href: `#/timeline${query({ actor: a })}` }, `All events of ${rel.a.name}`))));
}
