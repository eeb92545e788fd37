// Overview: counts, latest documents, most active actors and state pairs.

import { api, h } from "../dom.js";
import { barChart } from "../charts.js";

function stat(label, value, href) {
  const body = [h("span", { class: "num" }, value ?? "–"), h("span", { class: "label" }, label)];
  return h("li", { class: "stat" }, href ? h("a", { href }, body) : body);
}

export async function render(view) {
  const data = await api("/api/overview?top=8");
  const s = data.stats;
  view.appendChild(h("h1", null, "Overview"));
  view.appendChild(h("ul", { class: "stats", "aria-label": "What the store holds" },
    stat("documents", s.documents, "#/documents"),
    stat("events", s.events, "#/timeline"),
    stat("actors", s.actors, "#/network"),
    stat("quantities", s.quantities),
    stat("claims", s.claims),
    stat("words", (s.words || 0).toLocaleString("en")),
  ));
  if (s.published_from) {
    view.appendChild(h("p", { class: "muted" }, `Articles published ${s.published_from} to ${s.published_to}.`));
  }
  if (!s.documents) {
    view.appendChild(h("p", { class: "empty" }, "The store is empty. ",
      h("a", { href: "#/add" }, "Add an article"), " or run ", h("code", null, "detente ingest"), "."));
    return;
  }
  const grid = h("div", { class: "grid" });
  view.appendChild(grid);

  grid.appendChild(h("section", { class: "card" },
    h("h2", null, "Latest documents"),
    h("ol", { class: "plain" }, data.latest_documents.map((d) => h("li", null,
      h("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title || d.id),
      h("span", { class: "muted" }, ` · ${d.source || "unknown source"} · ${d.published || "undated"}`)))),
  ));

  grid.appendChild(h("section", { class: "card" },
    h("h2", null, "Most active actors"),
    data.top_actors.length
      ? h("ol", { class: "plain" }, data.top_actors.map((a) => h("li", null,
        h("a", { href: `#/timeline?actor=${encodeURIComponent(a.id)}` }, a.name),
        h("span", { class: "muted" }, ` · ${a.events} events`))))
      : h("p", { class: "muted" }, "No events yet."),
  ));

  grid.appendChild(h("section", { class: "card" },
    h("h2", null, "Most active pairs of states"),
    data.top_pairs.length
      ? h("ol", { class: "plain" }, data.top_pairs.map((p) => h("li", null,
        h("a", { href: `#/relations?a=${encodeURIComponent(p.a)}&b=${encodeURIComponent(p.b)}` },
          `${p.a_name} – ${p.b_name}`),
        h("span", { class: "muted" }, ` · ${p.events} events`))))
      : h("p", { class: "muted" }, "No events between states yet."),
  ));

  const types = Object.entries(s.events_by_type || {});
  if (types.length) {
    grid.appendChild(h("section", { class: "card" },
      h("h2", null, "Events by type"),
      barChart(types.map(([label, value]) => ({ label, value, href: `#/timeline?type=${label}` })),
        { title: "Events by PLOVER type" })));
  }
}
