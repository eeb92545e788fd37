// Positions: an actor's position on each issue as a dated step line, every step
// with the sources behind it.  A silence is shown as an absence the source
// reports ("made no reference to …"), never as something the actor said.

import { api, h, query, s } from "../dom.js";
import { actorId, actorInput, actorList } from "./timeline.js";

// stance groups from bottom to top of the step chart (issues.yaml groups)
const LEVEL = { opposes: 0, silent: 1, abandoned: 1, accepts: 2, supports: 3, demands: 3 };
const LEVELS = ["against", "dropped / silent", "accepts", "for"];

function year(day) {
  const y = parseInt(String(day).slice(0, 4), 10);
  const m = parseInt(String(day).slice(5, 7), 10) || 1;
  return y + (m - 1) / 12;
}

/** A small step chart: one horizontal segment per step, at its stance group, over its years. */
function stepChart(line) {
  const dated = line.steps.filter((st) => st.first !== "0000");
  if (!dated.length) return null;
  const xs = dated.flatMap((st) => [year(st.first), year(st.last)]);
  const x0 = Math.min(...xs) - 0.5, x1 = Math.max(...xs) + 0.5;
  const W = 560, H = 120, L = 110, R = 10, T = 10, B = 24;
  const x = (v) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const y = (lvl) => T + (3 - lvl) * ((H - T - B) / 3);
  const parts = [];
  LEVELS.forEach((name, i) => {
    parts.push(s("line", { x1: L, x2: W - R, y1: y(i), y2: y(i), class: "grid", stroke: "#d0d0d0", "stroke-width": 1 }));
    parts.push(s("text", { x: L - 6, y: y(i) + 4, "text-anchor": "end", class: "axis", "font-size": 11 }, name));
  });
  for (let yr = Math.ceil(x0); yr <= Math.floor(x1); yr += Math.max(1, Math.round((x1 - x0) / 6))) {
    parts.push(s("text", { x: x(yr), y: H - 6, "text-anchor": "middle", class: "axis", "font-size": 11 }, String(yr)));
  }
  let prev = null;
  dated.forEach((st, i) => {
    const lvl = LEVEL[st.stance] ?? 1;
    const a = x(year(st.first)), b = Math.max(x(year(st.last)) + 6, a + 6);
    if (prev) parts.push(s("line", { x1: prev.b, x2: a, y1: y(prev.lvl), y2: y(lvl), class: "step-join", stroke: "#888", "stroke-dasharray": "3 3" }));
    parts.push(s("line", { x1: a, x2: b, y1: y(lvl), y2: y(lvl), class: `step stance-${st.stance}`, stroke: "#1f4e79", "stroke-width": 4 },
      s("title", null, `${st.when}: ${st.text}`)));
    parts.push(s("circle", { cx: a, cy: y(lvl), r: 4, class: `step-dot stance-${st.stance}`, fill: "#1f4e79", "data-step": String(i) }));
    prev = { b, lvl };
  });
  return s("svg", { class: "chart steps", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `${line.holder_name} on ${line.issue_label}: ${line.steps.map((st) => `${st.when} ${st.stance}`).join(", ")}` },
  ...parts);
}

function evidenceList(step) {
  return h("ul", { class: "plain evidence" }, step.evidence.map((e) => h("li", null,
    h("a", { class: "cite", href: `#/doc/${encodeURIComponent(e.document)}?hl=${e.start}-${e.end}`,
      title: "open the article at this sentence" }, `${e.source || "publisher unknown"}, ${e.published || "date unknown"}`),
    " ", h("q", null, e.text))));
}

function lineCard(line) {
  const target = line.target_name ? ` (${line.target_name})` : "";
  return h("section", { class: "card position-line", "data-issue": line.issue },
    h("h2", null, `${line.holder_name} on ${line.issue_label}${target}`,
      line.shifts ? h("span", { class: "badge shift" }, ` ${line.shifts} shift${line.shifts > 1 ? "s" : ""}`) : null),
    stepChart(line),
    h("ol", { class: "steps" }, line.steps.map((st) => h("li", { class: `step stance-${st.stance}`, "data-stance": st.stance },
      h("span", { class: "when" }, st.when), " ", h("strong", null, st.text),
      h("span", { class: "muted" }, ` — read from ${st.origins.join(", ")}`),
      evidenceList(st)))));
}

export async function render(view, route, alive) {
  const p = route.params;
  const actor = p.get("actor") || "", issue = p.get("issue") || "";
  const actors = await actorList();
  if (!alive()) return;
  view.appendChild(h("h1", null, "Positions"));
  const form = h("form", { class: "filters row", "aria-label": "Choose an actor" },
    actorInput("actor", "Actor", actor, actors),
    h("label", { class: "field" }, "Issue", h("input", { name: "issue", type: "text", value: issue,
      placeholder: "all issues, or e.g. denuclearisation" })),
    h("div", { class: "buttons" }, h("button", { type: "submit" }, "Show")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    location.hash = `#/positions${query({ actor: actorId(fd.get("actor"), actors), issue: fd.get("issue") })}`;
  });
  view.appendChild(form);
  if (!actor) {
    view.appendChild(h("p", null, "Choose an actor to see its position on each issue through time, "
      + "with the sources behind every step."));
    return;
  }
  const data = await api(`/api/positions${query({ actor, issue })}`);
  if (!alive()) return;
  if (!data.lines.length) {
    view.appendChild(h("p", { class: "muted" }, "No positions of this actor in the stored reports."));
    return;
  }
  data.lines.forEach((line) => view.appendChild(lineCard(line)));
}
