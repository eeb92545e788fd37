// One article: its text with actors, events, times, quantities and quotes
// highlighted, and side lists linking each item to its place in the text.

import { api, fmtDate, h, names, typeBadge, who } from "../dom.js";

const KINDS = ["event", "actor", "time", "quantity", "quote", "focus"];

/**
 * Split text into segments at every span boundary; each segment knows the spans covering it.
 * Spans: [{start, end, kind, title, key, href?}] with character offsets into text.
 */
export function segments(text, spans) {
  const n = text.length;
  const clean = spans
    .map((sp) => ({ ...sp, start: Math.max(0, Math.min(n, sp.start | 0)), end: Math.max(0, Math.min(n, sp.end | 0)) }))
    .filter((sp) => sp.end > sp.start);
  const cuts = new Set([0, n]);
  clean.forEach((sp) => { cuts.add(sp.start); cuts.add(sp.end); });
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    out.push({ start: a, end: b, spans: clean.filter((sp) => sp.start <= a && sp.end >= b) });
  }
  return out;
}

function renderText(container, text, spans) {
  const first = new Set();
  for (const seg of segments(text, spans)) {
    const piece = text.slice(seg.start, seg.end);
    if (!seg.spans.length) { container.appendChild(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(seg.spans.map((sp) => sp.kind))].sort((x, y) => KINDS.indexOf(x) - KINDS.indexOf(y));
    const el = h("span", { class: ["hl", ...kinds.map((k) => `k-${k}`)],
      title: seg.spans.filter((sp) => sp.title).map((sp) => sp.title).join("\n") || null }, piece);
    for (const sp of seg.spans) {
      if (first.has(sp.key)) continue;
      first.add(sp.key);
      // one id per element: further items starting here get an empty anchor just before it
      if (!el.id) el.id = sp.key;
      else container.appendChild(h("span", { id: sp.key, class: "anchor" }));
    }
    const link = seg.spans.find((sp) => sp.href && sp.kind === "actor") || seg.spans.find((sp) => sp.href);
    if (link) {
      el.classList.add("clickable");
      el.addEventListener("click", () => { location.hash = link.href; });
    }
    container.appendChild(el);
  }
}

function reveal(key) {
  let el = document.getElementById(key);
  if (el && el.classList.contains("anchor")) el = el.nextElementSibling;
  if (!el) return;
  el.scrollIntoView({ block: "center" });
  el.classList.remove("flash");
  void el.offsetWidth; // restart the animation
  el.classList.add("flash");
}

function showButton(key, label) {
  return h("button", { type: "button", class: "link-button", "aria-label": `Show ${label} in the text`,
    on: { click: () => reveal(key) } }, "show");
}

export async function render(view, route) {
  const data = await api(`/api/documents/${encodeURIComponent(route.id)}`);
  const doc = data.document;
  const actors = Object.fromEntries(data.actors.map((a) => [a.id, a]));
  const spans = [];
  data.actor_mentions.forEach((m, i) => spans.push({ start: m.start, end: m.end, kind: "actor", key: `a-${i}`,
    title: `${actors[m.actor] ? actors[m.actor].name : m.actor} (${m.how})`, href: `#/actor/${encodeURIComponent(m.actor)}` }));
  data.times.forEach((t, i) => spans.push({ start: t.start, end: t.end, kind: "time", key: `t-${i}`,
    title: `time: ${t.value || "?"} (${t.granularity})` }));
  data.quantities.forEach((q, i) => (q.mentions || []).filter((m) => m.document === doc.id).forEach((m, j) =>
    spans.push({ start: m.start, end: m.end, kind: "quantity", key: `q-${i}-${j}`,
      title: `${q.measure}: ${q.value.toLocaleString("en")} ${q.unit}` })));
  data.claims.forEach((c, i) => (c.mentions || []).filter((m) => m.document === doc.id).forEach((m, j) =>
    spans.push({ start: m.start, end: m.end, kind: c.kind === "quote" ? "quote" : "claim", key: `c-${i}-${j}`,
      title: `${c.kind}${c.speaker ? ` by ${names([c.speaker], actors)}` : ""}` })));
  data.events.forEach((e, i) => (e.mentions || []).filter((m) => m.document === doc.id).forEach((m, j) =>
    spans.push({ start: m.start, end: m.end, kind: "event", key: `e-${i}-${j}`,
      title: `event: ${e.type} ${who(e, actors)}`,
      href: `#/event/${encodeURIComponent(e.id)}` })));
  const hl = /^(\d+)-(\d+)$/.exec(route.params.get("hl") || "");
  if (hl) spans.push({ start: +hl[1], end: +hl[2], kind: "focus", key: "focus", title: "the evidence you came from" });

  view.appendChild(h("p", { class: "crumbs" }, h("a", { href: "#/documents" }, "Documents"), " › article"));
  view.appendChild(h("h1", null, doc.title || doc.id));
  view.appendChild(h("p", { class: "byline muted" },
    [doc.source || "unknown publisher", `published ${doc.published || "?"}${doc.published_basis === "inferred" ? " (inferred)" : ""}`,
      doc.authors && doc.authors.length ? `by ${doc.authors.join(", ")}` : null, `id ${doc.id}`].filter(Boolean).join(" · "),
    doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null));

  const legend = h("p", { class: "hl-legend" }, "Highlighted: ",
    h("span", { class: "hl k-actor" }, "actors"), " ", h("span", { class: "hl k-event" }, "events"), " ",
    h("span", { class: "hl k-time" }, "times"), " ", h("span", { class: "hl k-quantity" }, "quantities"), " ",
    h("span", { class: "hl k-quote" }, "quotes"));
  const article = h("article", { class: "article-text", "aria-label": "Article text" });
  renderText(article, doc.text, spans);

  const aside = h("aside", { class: "doc-side", "aria-label": "Extracted from this article" });
  const counts = {};
  data.actor_mentions.forEach((m) => { counts[m.actor] = (counts[m.actor] || 0) + 1; });
  const firstKey = {};
  data.actor_mentions.forEach((m, i) => { if (!(m.actor in firstKey)) firstKey[m.actor] = `a-${i}`; });
  aside.appendChild(h("section", null, h("h2", null, `Actors (${Object.keys(counts).length})`),
    h("ul", { class: "plain" }, Object.keys(counts).sort((x, y) => counts[y] - counts[x]).map((id) => h("li", null,
      h("a", { href: `#/actor/${encodeURIComponent(id)}` }, actors[id] ? actors[id].name : id),
      h("span", { class: "muted" }, ` ×${counts[id]} `), showButton(firstKey[id], actors[id] ? actors[id].name : id))))));
  aside.appendChild(h("section", null, h("h2", null, `Events (${data.events.length})`),
    h("ul", { class: "plain" }, data.events.map((e, i) => h("li", null, typeBadge(e), " ",
      h("a", { href: `#/event/${encodeURIComponent(e.id)}` }, who(e, actors)),
      h("span", { class: "muted" }, ` ${fmtDate(e.date)}${e.modality !== "asserted" ? `, ${e.modality}` : ""} `),
      (e.mentions || []).some((m) => m.document === doc.id) ? showButton(`e-${i}-0`, `event ${e.type}`) : null)))));
  aside.appendChild(h("section", null, h("h2", null, `Times (${data.times.length})`),
    h("ul", { class: "plain" }, data.times.map((t, i) => h("li", null, `${t.text} → ${t.value || "?"} `, showButton(`t-${i}`, t.text))))));
  if (data.quantities.length) {
    aside.appendChild(h("section", null, h("h2", null, `Quantities (${data.quantities.length})`),
      h("ul", { class: "plain" }, data.quantities.map((q, i) => h("li", null,
        `${q.measure}: ${q.value.toLocaleString("en")} ${q.unit} `, showButton(`q-${i}-0`, q.measure))))));
  }
  if (data.claims.length) {
    aside.appendChild(h("section", null, h("h2", null, `Quotes and claims (${data.claims.length})`),
      h("ul", { class: "plain" }, data.claims.map((c, i) => h("li", null,
        h("q", null, c.text), c.speaker ? ` — ${names([c.speaker], actors)} ` : " ", showButton(`c-${i}-0`, "the quote"))))));
  }
  view.appendChild(legend);
  view.appendChild(h("div", { class: "doc-layout" }, article, aside));
  if (hl) requestAnimationFrame(() => reveal("focus"));
}

