// The single-page app: a hash router over page modules.  Each page exports
// render(view, route) and builds its DOM from API data with dom.js helpers.

import { clear, errorBox, h, ontology } from "./dom.js";
import * as overview from "./pages/overview.js";
import * as timeline from "./pages/timeline.js";
import * as eventPage from "./pages/event.js";
import * as documentPage from "./pages/document.js";
import * as documents from "./pages/documents.js";
import * as network from "./pages/network.js";
import * as relations from "./pages/relations.js";
import * as briefing from "./pages/briefing.js";
import * as search from "./pages/search.js";
import * as add from "./pages/add.js";
import * as actor from "./pages/actor.js";
import * as positions from "./pages/positions.js";

const ROUTES = {
  "": overview, timeline, event: eventPage, doc: documentPage, documents, network, relations, briefing,
  search, add, actor, positions,
};

// pages about one item: without an id there is nothing to show
const NEEDS_ID = new Set(["event", "doc", "actor"]);

/** The route in location.hash: {name, id, params}. "#/doc/ID?hl=1-5" -> {name: "doc", id: "ID", ...}. */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#\/?/, "");
  const [path, qs] = raw.split("?", 2);
  const [name, ...rest] = path.split("/");
  let id = null;
  if (rest.length) {
    try { id = decodeURIComponent(rest.join("/")); } catch (_) { id = rest.join("/"); }
  }
  return { name: name || "", id, params: new URLSearchParams(qs || "") };
}

let generation = 0;
const LOADING_AFTER_MS = 300; // a page not drawn by then shows "Loading…" until it is

async function route(event) {
  const view = document.getElementById("view");
  const current = parseHash(location.hash);
  const page = ROUTES[current.name];
  const mine = ++generation;
  document.querySelectorAll("nav a[data-route]").forEach((a) => {
    const active = a.dataset.route === (current.name || "overview")
      || (current.name === "event" && a.dataset.route === "timeline")
      || (current.name === "doc" && a.dataset.route === "documents");
    if (active) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  });
  clear(view);
  view.dataset.page = current.name || "overview";
  view.removeAttribute("data-ready");
  if (!page || (NEEDS_ID.has(current.name) && !current.id)) {
    view.appendChild(h("h1", null, "Not found"));
    view.appendChild(h("p", null, "There is no page here. ", h("a", { href: "#/" }, "Go to the overview.")));
    view.dataset.ready = "1";
    return;
  }
  // a page that takes a while (a briefing of all of a state's time on a large store) says it is working
  const status = h("p", { class: "muted loading", role: "status" }, "Loading…");
  const slow = setTimeout(() => { if (mine === generation) { view.setAttribute("aria-busy", "true"); view.appendChild(status); } },
    LOADING_AFTER_MS);
  try {
    await ontology().catch(() => null); // once per session: badges name their quad class from it
    await page.render(view, current, () => mine === generation);
  } catch (err) {
    if (mine !== generation) return;
    console.error(err);
    view.appendChild(errorBox(err));
  } finally {
    clearTimeout(slow);
    status.remove();
    if (mine === generation) view.removeAttribute("aria-busy");
  }
  if (mine !== generation) return;
  view.dataset.ready = "1";
  const heading = view.querySelector("h1");
  if (heading) {
    document.title = `${heading.textContent} · detente`;
    // after a navigation, keyboard focus moves to the new content (not on first load:
    // then Tab starts at the skip link as usual)
    if (event && event.type === "hashchange" && !current.params.get("hl")) view.focus({ preventScroll: true });
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
