// The list of stored documents, newest first, paged.

import { api, h, query } from "../dom.js";

const PAGE = 50;

export async function render(view, route) {
  const offset = Math.max(0, parseInt(route.params.get("offset") || "0", 10) || 0);
  const data = await api(`/api/documents${query({ limit: PAGE, offset })}`);
  view.appendChild(h("h1", null, "Documents"));
  view.appendChild(h("p", { class: "summary" }, `${data.total} stored`));
  view.appendChild(h("table", { class: "table" },
    h("thead", null, h("tr", null, ["Published", "Title", "Publisher", "Words"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", null, data.items.map((d) => h("tr", null,
      h("td", null, `${d.published || "?"}${d.published_basis === "inferred" ? "*" : ""}`),
      h("td", null, h("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title || d.id)),
      h("td", null, d.source || ""),
      h("td", { class: "num" }, String(d.words)))))));
  const nav = h("p", { class: "pager" });
  if (offset > 0) nav.appendChild(h("a", { href: `#/documents?offset=${Math.max(0, offset - PAGE)}` }, "← newer"));
  if (offset + PAGE < data.total) nav.appendChild(h("a", { href: `#/documents?offset=${offset + PAGE}` }, "older →"));
  view.appendChild(nav);
}
