// Briefing: a cited summary about some actors.  Every [n] links to the exact
// evidence in the stored article; references are listed at the end.

import { api, h, query } from "../dom.js";
import { actorId, actorList } from "./timeline.js";

function evidenceHref(ref) {
  return `#/doc/${encodeURIComponent(ref.document)}?hl=${ref.start}-${ref.end}`;
}

export async function render(view, route, alive) {
  const p = route.params;
  const about = p.get("about") || "", from = p.get("from") || "", to = p.get("to") || "";
  const actors = await actorList();
  view.appendChild(h("h1", null, "Briefing"));
  const listId = "brief-actors";
  const form = h("form", { class: "filters row", "aria-label": "Briefing subject" },
    h("label", { class: "field wide" }, "About (actors, comma-separated)",
      h("input", { name: "about", value: about, required: true, list: listId, placeholder: "e.g. China, North Korea" }),
      h("datalist", { id: listId }, actors.map((a) => h("option", { value: a.name })))),
    h("label", { class: "field" }, "From", h("input", { type: "date", name: "from", value: from })),
    h("label", { class: "field" }, "To", h("input", { type: "date", name: "to", value: to })),
    h("div", { class: "buttons" }, h("button", { type: "submit" }, "Write briefing")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const ids = String(fd.get("about")).split(",").map((x) => actorId(x, actors)).filter(Boolean);
    location.hash = `#/briefing${query({ about: ids.join(","), from: fd.get("from"), to: fd.get("to") })}`;
  });
  view.appendChild(form);
  if (!about) {
    view.appendChild(h("p", { class: "muted" }, "Name one or more actors; the briefing lists key events, numbers, " +
      "quotes, what changed and what is disputed, each sentence with its sources."));
    return;
  }
  const params = { about, from, to };
  const data = await api(`/api/brief${query(params)}`);
  if (!alive()) return;
  const refs = new Map(data.references.map((r) => [r.n, r]));
  const doc = h("article", { class: "briefing" }, h("h2", null, data.title),
    h("p", { class: "muted" }, `Window: ${data.window}. `,
      h("a", { href: `/api/brief${query({ ...params, format: "md" })}` }, "Markdown"), " · ",
      h("a", { href: `/api/brief${query({ ...params, format: "html" })}` }, "HTML")));
  for (const section of data.sections) {
    doc.appendChild(h("h3", null, section.name));
    if (!section.lines.length) { doc.appendChild(h("p", { class: "muted" }, "Nothing in the stored reports for this section.")); continue; }
    doc.appendChild(h("ul", null, section.lines.map((parts) => h("li", null, parts.map((part) => [part.text,
      part.cites.map((n) => {
        const ref = refs.get(n);
        return ref ? h("a", { class: "cite", href: evidenceHref(ref), title: ref.evidence }, `[${n}]`) : `[${n}]`;
      })])))));
  }
  doc.appendChild(h("h3", null, "References"));
  doc.appendChild(h("ol", { class: "references" }, data.references.map((r) => h("li", { value: r.n, id: `ref-${r.n}` },
    h("a", { href: evidenceHref(r) }, `“${r.evidence}”`), h("span", { class: "muted" },
      ` — ${r.publisher || "publisher unknown"}, ${r.published || "date unknown"} (${r.document} ${r.start}–${r.end})`)))));
  view.appendChild(doc);
}
