// One actor: who it is, where it is mentioned, and links to its events and relations.

import { api, h, query } from "../dom.js";

const PAGE = 100; // documents listed at once: a state may be mentioned in tens of thousands

export async function render(view, route) {
  const offset = Math.max(0, parseInt(route.params.get("offset") || "0", 10) || 0);
  const a = await api(`/api/actors/${encodeURIComponent(route.id)}${query({ documents_limit: PAGE, documents_offset: offset })}`);
  view.appendChild(h("p", { class: "crumbs" }, h("a", { href: "#/network" }, "Actors"), " › actor"));
  view.appendChild(h("h1", null, a.name));
  const facts = [a.kind, a.code ? `code ${a.code}` : null, a.country && a.country !== a.code ? `of ${a.country}` : null,
    a.affiliation].filter(Boolean).join(" · ");
  view.appendChild(h("p", { class: "muted" }, facts));
  view.appendChild(h("p", null,
    h("a", { class: "button", href: `#/timeline${query({ actor: a.id })}` }, "Events on the timeline"), " ",
    a.kind === "state" ? h("a", { class: "button secondary", href: `#/relations${query({ a: a.code || a.id })}` }, "Relations with…") : null));
  if (a.roles && a.roles.length) {
    view.appendChild(h("h2", null, "Roles"));
    view.appendChild(h("ul", null, a.roles.map((r) => h("li", null,
      `${r.title}${r.of ? ` of ${r.of}` : ""}${r.start ? ` from ${r.start}` : ""}${r.end ? ` to ${r.end}` : ""}`))));
  }
  if (a.aliases && a.aliases.length) {
    view.appendChild(h("h2", null, "Also called"));
    view.appendChild(h("p", null, a.aliases.join(" · ")));
  }
  const byDoc = new Map();
  for (const m of a.mentions || []) {
    if (!byDoc.has(m.document)) byDoc.set(m.document, []);
    byDoc.get(m.document).push(m);
  }
  const total = a.document_count;
  view.appendChild(h("h2", null, `Mentioned in ${total} document${total === 1 ? "" : "s"}`));
  if (total > PAGE) {
    view.appendChild(h("p", { class: "muted" }, `Documents ${offset + 1}–${offset + byDoc.size} of ${total}, by id.`));
  }
  view.appendChild(h("ul", { class: "plain" }, [...byDoc.entries()].map(([doc, ms]) => h("li", null,
    h("a", { href: `#/doc/${encodeURIComponent(doc)}?hl=${ms[0].start}-${ms[0].end}` }, doc),
    h("span", { class: "muted" }, ` ×${ms.length}: ${[...new Set(ms.map((m) => m.text))].slice(0, 4).join(", ")}`)))));
  const here = `#/actor/${encodeURIComponent(a.id)}`;
  const nav = h("p", { class: "pager" });
  if (offset > 0) nav.appendChild(h("a", { href: `${here}${query({ offset: Math.max(0, offset - PAGE) })}` }, "← previous"));
  if (offset + PAGE < total) nav.appendChild(h("a", { href: `${here}${query({ offset: offset + PAGE })}` }, "next →"));
  if (nav.childNodes.length) view.appendChild(nav);
}
