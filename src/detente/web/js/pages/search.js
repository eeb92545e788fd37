// Search: documents, quotes and event evidence (full text), and actors by name.

import { api, h, query } from "../dom.js";

function snippet(parts) {
  return h("span", { class: "snippet" }, parts.map((p) => (p.match ? h("mark", null, p.text) : p.text)));
}

function hitLink(hit) {
  if (hit.kind === "event") return `#/event/${encodeURIComponent(hit.id)}`;
  return `#/doc/${encodeURIComponent(hit.document)}`;
}

export async function render(view, route, alive) {
  const q = route.params.get("q") || "";
  view.appendChild(h("h1", null, "Search"));
  const input = h("input", { type: "search", name: "q", value: q, "aria-label": "Search words",
    placeholder: "words, names, a phrase in quotes", required: true });
  const form = h("form", { class: "search-form", role: "search" }, input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/search${query({ q: input.value.trim() })}`;
  });
  view.appendChild(form);
  if (!q) { input.focus(); return; }
  const data = await api(`/api/search${query({ q, limit: 50 })}`);
  if (!alive()) return;
  if (data.actors.length) {
    view.appendChild(h("section", null, h("h2", null, `Actors (${data.actors.length})`),
      h("ul", { class: "plain inline" }, data.actors.map((a) => h("li", null,
        h("a", { href: `#/actor/${encodeURIComponent(a.id)}` }, a.name), h("span", { class: "muted" }, ` ${a.kind}`))))));
  }
  view.appendChild(h("h2", null, `Matches in text (${data.hits.length})`));
  if (!data.hits.length) { view.appendChild(h("p", { class: "empty" }, "Nothing found.")); return; }
  view.appendChild(h("ol", { class: "hits" }, data.hits.map((hit) => h("li", null,
    h("span", { class: `kind ${hit.kind}` }, hit.kind === "claim" ? "quote" : hit.kind), " ",
    h("a", { href: hitLink(hit) }, hit.title || hit.document), h("br"), snippet(hit.parts)))));
}
