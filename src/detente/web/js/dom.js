// DOM helpers.  Article text is untrusted: everything is built with DOM APIs and
// textContent; nothing here ever assigns innerHTML, and event handlers are
// attached with addEventListener, never as attributes.

const SVG_NS = "http://www.w3.org/2000/svg";
const SAFE_ATTR = /^(?!on)[a-z][a-z0-9-]*$/i;

function append(el, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(el, c)); return; }
  el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (key === "class") {
      el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "href") {
      el.setAttribute("href", safeHref(String(value)));
    } else if (SAFE_ATTR.test(key)) {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

/** An HTML element: h("a", {href: "#/x"}, "text", child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Only in-app, http(s) and mailto links; anything else (javascript:, data:) becomes inert.
 * A path is in-app only when it names this origin: "//host/x" and "/\\host/x" are links to
 * another host in disguise (protocol-relative), so they become inert too. */
export function safeHref(raw) {
  const href = raw.replace(/[\t\n\r]/g, ""); // browsers drop these inside URLs: "/\t/host" is "//host"
  if (href.startsWith("#")) return href;
  if (href.startsWith("/")) return /^\/[\/\\]/.test(href) ? "#" : href;
  try {
    const url = new URL(href);
    if (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:") return url.href;
  } catch (_) { /* not a URL */ }
  return "#";
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Problem details thrown by api(). */
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || "request failed");
    this.problem = problem;
    this.status = problem.status;
  }
}

export function token() {
  return sessionStorage.getItem("detente-token") || "";
}

/** Fetch JSON from the API; errors arrive as RFC 9457 problem documents.
 * Writes carry X-Requested-With, which no form on another site can send (the server refuses
 * form-like writes without it); the token, when one was entered, goes with every request
 * (ingest jobs are shown only to writers). */
export async function api(path, options = {}) {
  const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
  if (options.method && options.method !== "GET") headers["X-Requested-With"] = "detente";
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch(path, Object.assign({}, options, { headers }));
  } catch (err) {
    throw new ApiError({ status: 0, title: "Network error", detail: "the server cannot be reached" });
  }
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(body || { status: response.status, title: response.statusText });
  return body;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => q.append(key, v));
    else q.append(key, value);
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

export function errorBox(err) {
  const p = err.problem || {};
  return h("div", { class: "error", role: "alert" },
    h("strong", null, p.title || "Error"), " ", err.message || String(err));
}

export function fmtDate(date) {
  if (!date) return "undated";
  if (typeof date === "string") return date;
  if (date.value) return date.value;
  return date.start || "undated";
}

// Event types, quad classes and modalities come from the server (detente.model), never a copy here.
let ontologyCache = null;
const quadNames = {}; // quad class -> name, for badges' tooltips; filled by the first ontology()
export async function ontology() {
  if (!ontologyCache) {
    ontologyCache = await api("/api/ontology");
    for (const q of ontologyCache.quad_classes) quadNames[q.id] = q.name;
  }
  return ontologyCache;
}

export function names(ids, actors) {
  return (ids || []).map((id) => (actors && actors[id] ? actors[id].name : id)).join(", ") || "—";
}

/** "A → B", or just "A" for an event with no one acted upon. */
export function who(ev, actors) {
  const src = names(ev.source, actors);
  return ev.target && ev.target.length ? `${src} → ${names(ev.target, actors)}` : src;
}

export function typeBadge(ev) {
  return h("span", { class: `badge q${ev.quad_class}`, title: quadNames[ev.quad_class] || "" }, ev.type);
}

export function loading(text = "Loading…") {
  return h("p", { class: "muted loading" }, text);
}
