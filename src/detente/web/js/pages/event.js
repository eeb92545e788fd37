// One event: what, who, when, how sure, and every source with its evidence
// highlighted in the surrounding text of the article.

import { api, fmtDate, h, names, ontology, typeBadge, who } from "../dom.js";

function field(label, value) {
  return [h("dt", null, label), h("dd", null, value)];
}

export async function render(view, route) {
  const [ev, kinds] = await Promise.all([api(`/api/events/${encodeURIComponent(route.id)}`), ontology()]);
  const quad = (kinds.quad_classes.find((q) => q.id === ev.quad_class) || {}).name || "";
  const actors = ev.actors;
  view.appendChild(h("p", { class: "crumbs" }, h("a", { href: "#/timeline" }, "Timeline"), " › event"));
  view.appendChild(h("h1", null, typeBadge(ev), " ", who(ev, actors)));
  const date = ev.date || {};
  view.appendChild(h("dl", { class: "facts" },
    field("Type", `${ev.type}${ev.mode ? ` (${ev.mode})` : ""} — ${quad}`),
    field("Who acts", ev.source.map((a, i) => [i ? ", " : "", h("a", { href: `#/actor/${encodeURIComponent(a)}` }, names([a], actors))])),
    field("Acted upon", ev.target.length ? ev.target.map((a, i) => [i ? ", " : "",
      h("a", { href: `#/actor/${encodeURIComponent(a)}` }, names([a], actors))]) : "—"),
    field("When", `${fmtDate(date)}${date.start && date.end && date.start !== date.end ? ` (${date.start} to ${date.end})` : ""}${date.basis && date.basis !== "explicit" ? ` · dated from ${date.basis}` : ""}`),
    ev.location ? field("Where", ev.location.name) : null,
    field("Modality", ev.modality),
    ev.attribution ? field("According to", names([ev.attribution], actors)) : null,
    field("Intensity", String(ev.intensity)),
    field("Confidence", `${Math.round((ev.confidence || 0) * 100)}%`),
    ev.disputed && ev.disputed.length ? field("Disputed", ev.disputed.join(", ")) : null,
  ));
  view.appendChild(h("h2", null, `Sources (${ev.evidence.length})`));
  const list = h("ol", { class: "sources-list" });
  for (const src of ev.evidence) {
    const link = `#/doc/${encodeURIComponent(src.document)}?hl=${src.start}-${src.end}`;
    list.appendChild(h("li", { class: "source" },
      h("h3", null, h("a", { href: link, class: "source-link" }, src.title || src.document)),
      h("p", { class: "muted" }, `${src.source || "unknown publisher"} · published ${src.published || "?"}`),
      h("blockquote", { class: "context" },
        src.clipped_before ? "… " : "", src.before,
        h("mark", { class: "evidence" }, src.evidence),
        src.after, src.clipped_after ? " …" : "")));
  }
  view.appendChild(list);
}
