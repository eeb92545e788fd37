// Add an article: paste text, upload a file or give a URL; the ingest runs as a
// job on the server and this page shows its progress until the article is stored.

import { api, ApiError, h, token } from "../dom.js";

function meta(prefix) {
  return h("div", { class: "row" },
    h("label", { class: "field" }, "Title", h("input", { name: "title", id: `${prefix}-title`, maxlength: 1000 })),
    h("label", { class: "field" }, "Publisher", h("input", { name: "source", id: `${prefix}-source`, maxlength: 300 })),
    h("label", { class: "field" }, "Published", h("input", { name: "published", id: `${prefix}-published`, type: "date" })),
    h("label", { class: "field" }, "Authors", h("input", { name: "authors", id: `${prefix}-authors`, placeholder: "comma-separated" })));
}

function metaJson(fd) {
  const out = {};
  for (const key of ["title", "source", "published"]) if (fd.get(key)) out[key] = fd.get(key);
  const authors = String(fd.get("authors") || "").split(",").map((x) => x.trim()).filter(Boolean);
  if (authors.length) out.authors = authors;
  return out;
}

const STAGES = { queued: 10, running: 25, "loading language model": 35, extracting: 60, stored: 90, done: 100, failed: 100 };

async function follow(job, status) {
  const bar = h("progress", { max: 100, value: STAGES[job.stage] || 5, "aria-label": "Ingest progress" });
  const line = h("p", { role: "status" }, `${job.label}: ${job.stage}`);
  status.replaceChildren(h("div", { class: "job" }, line, bar));
  while (job.status === "queued" || job.status === "running") {
    await new Promise((r) => setTimeout(r, 700));
    job = await api(`/api/jobs/${encodeURIComponent(job.id)}`);
    bar.value = STAGES[job.stage] || bar.value;
    line.textContent = `${job.label}: ${job.stage}`;
  }
  bar.value = 100;
  const result = h("div", { class: job.status === "done" ? "ok" : "error", role: "alert" });
  if (job.status === "done") {
    result.appendChild(h("p", null, `Done in ${job.seconds.toFixed(1)} s: ${job.added.length} added, ${job.skipped.length} already stored, ${job.duplicates.length} duplicates.`));
  } else {
    result.appendChild(h("p", null, h("strong", null, "Failed. ")));
  }
  for (const e of job.errors) result.appendChild(h("p", null, e.message));
  if (job.documents.length) {
    result.appendChild(h("ul", null, job.documents.map((d) => h("li", null,
      h("a", { href: `#/doc/${encodeURIComponent(d)}`, class: "open-doc" }, `Open ${d}`)))));
  }
  status.appendChild(result);
  return job;
}

async function submit(status, request) {
  status.replaceChildren(h("p", { role: "status" }, "Sending…"));
  try {
    const job = await request();
    await follow(job, status);
  } catch (err) {
    const p = err instanceof ApiError ? err.problem : {};
    status.replaceChildren(h("div", { class: "error", role: "alert" }, h("strong", null, p.title || "Error"), " ",
      err.message, err.status === 401 || err.status === 403 ? " — enter the server's token below." : ""));
  }
}

export async function render(view) {
  view.appendChild(h("h1", null, "Add an article"));
  view.appendChild(h("p", { class: "muted" }, "Paste text, upload a file (.txt, .md, .html, RSS/Atom, PDF, DOCX) or give an http(s) URL. " +
    "The article is read, analysed and stored; metadata you give wins over what the article says."));
  const status = h("div", { class: "job-status", id: "job-status" });

  const pasteForm = h("form", { class: "card", id: "paste-form" },
    h("h2", null, "Paste text"), meta("paste"),
    h("label", { class: "field wide" }, "Text", h("textarea", { name: "text", rows: 10, required: true, id: "paste-text" })),
    h("label", { class: "field" }, "Format", h("select", { name: "format" },
      h("option", { value: "text" }, "plain text"), h("option", { value: "markdown" }, "Markdown"),
      h("option", { value: "html" }, "HTML"))),
    h("button", { type: "submit" }, "Add text"));
  pasteForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(pasteForm);
    const body = { ...metaJson(fd), text: fd.get("text"), format: fd.get("format") };
    submit(status, () => api("/api/documents", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body) }));
  });

  const fileForm = h("form", { class: "card", id: "file-form" },
    h("h2", null, "Upload a file"), meta("file"),
    h("label", { class: "field wide" }, "File", h("input", { type: "file", name: "file", required: true,
      accept: ".txt,.md,.markdown,.html,.htm,.xml,.rss,.atom,.pdf,.docx" })),
    h("button", { type: "submit" }, "Upload"));
  fileForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(fileForm);
    for (const key of ["title", "source", "published", "authors"]) if (!fd.get(key)) fd.delete(key);
    submit(status, () => api("/api/documents/upload", { method: "POST", body: fd }));
  });

  const urlForm = h("form", { class: "card", id: "url-form" },
    h("h2", null, "Fetch a URL"), meta("url"),
    h("label", { class: "field wide" }, "URL", h("input", { type: "url", name: "url", required: true,
      placeholder: "https://…" })),
    h("button", { type: "submit" }, "Fetch"));
  urlForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(urlForm);
    submit(status, () => api("/api/documents/url", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...metaJson(fd), url: fd.get("url") }) }));
  });

  const tokenInput = h("input", { type: "password", value: token(), autocomplete: "off", id: "token" });
  tokenInput.addEventListener("change", () => sessionStorage.setItem("detente-token", tokenInput.value.trim()));
  view.appendChild(status);
  view.appendChild(h("div", { class: "grid add" }, pasteForm, fileForm, urlForm));
  view.appendChild(h("details", { class: "token" }, h("summary", null, "Write token"),
    h("label", { class: "field" }, "Token (only if the server was started with --token; kept for this tab only)", tokenInput)));
}
