// Timeline: events in date order with filters (actors, types, modality, dates);
// each event links to its page, which shows its sources.

import { api, errorBox, fmtDate, h, ontology, query, typeBadge, who } from "../dom.js";
import { histogram } from "../charts.js";

const PAGE = 100;  // events asked of the server at a time

let actorCache = null;
export async function actorList() {
  if (!actorCache) actorCache = (await api("/api/actors?limit=1000&sort=mentions")).items;
  return actorCache;
}

/** An actor input: type a name (suggested from the store) or an id / state code. */
export function actorInput(id, label, value, actors) {
  const listId = `${id}-list`;
  const shown = actors.find((a) => a.id === value);
  return h("label", { class: "field" }, label,
    h("input", { id, name: id, type: "text", list: listId, value: shown ? shown.name : (value || ""),
      autocomplete: "off", placeholder: "name or code" }),
    h("datalist", { id: listId }, actors.map((a) => h("option", { value: a.name }, a.kind))));
}

export function actorId(text, actors) {
  const t = (text || "").trim();
  if (!t) return "";
  const folded = t.toLowerCase();
  const hit = actors.find((a) => a.name.toLowerCase() === folded || a.id.toLowerCase() === folded)
    || actors.find((a) => (a.aliases || []).some((x) => x.toLowerCase() === folded));
  return hit ? hit.id : t;
}

function checks(name, legend, options, chosen, labelOf = (o) => o) {
  return h("fieldset", { class: `checks ${name}` }, h("legend", null, legend),
    options.map((o) => h("label", null,
      h("input", { type: "checkbox", name, value: String(o), checked: chosen.includes(String(o)) }), labelOf(o))));
}

export function eventRow(ev, actors) {
  const evidence = ev.mentions && ev.mentions[0] ? ev.mentions[0].text : "";
  return h("li", { class: "event-row" },
    h("a", { href: `#/event/${encodeURIComponent(ev.id)}`, class: "event-link" },
      h("span", { class: "date" }, fmtDate(ev.date)),
      typeBadge(ev),
      h("span", { class: "who" }, who(ev, actors)),
      ev.modality !== "asserted" ? h("span", { class: `modality ${ev.modality}` }, ev.modality) : null,
      h("span", { class: "sources muted" }, `${(ev.mentions || []).length} source${(ev.mentions || []).length === 1 ? "" : "s"}`),
      h("span", { class: "evidence" }, evidence)));
}

export async function render(view, route, alive) {
  const p = route.params;
  const actors = await actorList();
  const kinds = await ontology();
  const quadName = Object.fromEntries(kinds.quad_classes.map((q) => [q.id, q.name]));
  const chosen = {
    actor: p.get("actor") || "", type: p.getAll("type"), modality: p.getAll("modality"),
    quad_class: p.getAll("quad_class"), from: p.get("from") || "", to: p.get("to") || "",
  };
  view.appendChild(h("h1", null, "Timeline"));
  const form = h("form", { class: "filters", "aria-label": "Filter events" },
    h("div", { class: "row" },
      actorInput("actor", "Actor", chosen.actor, actors),
      h("label", { class: "field" }, "From", h("input", { type: "date", name: "from", value: chosen.from })),
      h("label", { class: "field" }, "To", h("input", { type: "date", name: "to", value: chosen.to })),
      h("div", { class: "buttons" },
        h("button", { type: "submit" }, "Apply"),
        h("button", { type: "button", class: "secondary", on: { click: () => { location.hash = "#/timeline"; } } },
          "Reset"))),
    checks("type", "Event types", kinds.types.map((t) => t.name), chosen.type),
    h("div", { class: "row" },
      checks("modality", "Modality", kinds.modalities, chosen.modality),
      checks("quad_class", "Quad class", kinds.quad_classes.map((q) => q.id), chosen.quad_class,
        (c) => quadName[c])),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const params = {
      actor: actorId(fd.get("actor"), actors), from: fd.get("from"), to: fd.get("to"),
      type: fd.getAll("type"), modality: fd.getAll("modality"), quad_class: fd.getAll("quad_class"),
    };
    location.hash = `#/timeline${query(params)}`;
  });
  view.appendChild(h("details", { class: "filter-box", open: true }, h("summary", null, "Filters"), form));

  const params = { actor: chosen.actor, type: chosen.type, modality: chosen.modality,
    quad_class: chosen.quad_class, from: chosen.from, to: chosen.to };
  // one page at a time from the server ("Show more" asks for the next): the store may hold a million
  const first = await api(`/api/events${query({ ...params, limit: PAGE, offset: 0 })}`);
  if (!alive()) return;
  const total = first.total;
  const counts = {};
  const status = h("p", { class: "summary", role: "status" });
  const chart = h("div", { class: "chart-box" });
  const list = h("ol", { class: "events" });
  const more = h("button", { type: "button", class: "secondary more" }, "Show more");
  view.appendChild(status);
  view.appendChild(chart);
  view.appendChild(list);
  let shown = 0;
  const show = (page) => {
    for (const ev of page.items) {
      const d = ev.date && ev.date.start;
      if (d) counts[d.slice(0, 7)] = (counts[d.slice(0, 7)] || 0) + 1;
      list.appendChild(eventRow(ev, page.actors));
    }
    shown += page.items.length;
    status.textContent = `${total} event${total === 1 ? "" : "s"}`
      + (total > shown ? ` (first ${shown} shown and charted)` : "");
    chart.replaceChildren(...(Object.keys(counts).length ? [histogram(counts, { title: "Events per month" })] : []));
    if (shown >= total || !page.items.length) more.remove();
  };
  more.addEventListener("click", async () => {
    more.disabled = true;
    let page;
    try {
      page = await api(`/api/events${query({ ...params, limit: PAGE, offset: shown })}`);
    } catch (err) {
      more.replaceWith(errorBox(err));  // the events shown so far stay
      return;
    }
    if (!alive()) return;
    more.disabled = false;
    show(page);
  });
  show(first);
  if (shown < total) view.appendChild(more);
  if (!total) view.appendChild(h("p", { class: "empty" }, "No events match these filters."));
}
