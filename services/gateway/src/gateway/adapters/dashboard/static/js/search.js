import { api } from "./api.js";
import { $, clear, el, formatDate, humanize, show } from "./dom.js";

let filled = false;

// #/search: words and meaning across every session the caller may read.
export async function showSearch() {
  if (!filled) {
    const mine = await api("GET", "/relationships");
    const select = $("#search-relationship");
    for (const r of mine.relationships || []) {
      const names = [r.coach_name, r.client_name].filter(Boolean).join(" & ") || r.relationship_id;
      select.append(el("option", { text: names, attrs: { value: r.relationship_id } }));
    }
    $("#search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      run().catch((error) => showProblem(error));
    });
    filled = true;
  }
}

function showProblem(error) {
  const box = $("#search-error");
  box.textContent = error.message || String(error);
  show(box, true);
}

async function run() {
  show($("#search-error"), false);
  const params = new URLSearchParams();
  for (const [name, id] of [["q", "#search-q"], ["relationship_id", "#search-relationship"], ["section", "#search-section"],
                            ["since", "#search-since"], ["until", "#search-until"]]) {
    const value = $(id).value.trim();
    if (value) params.set(name, value);
  }
  params.set("limit", "50");
  const found = await api("GET", `/search?${params}`);
  const list = clear($("#search-results"));
  for (const hit of found.results) list.append(result(hit));
  $("#search-count").textContent = `${found.count} result${found.count === 1 ? "" : "s"}`;
  show($("#search-empty"), found.count === 0);
  document.body.dataset.searched = String(Date.now());
}

function result(hit) {
  const snippet = el("p", { class: "snippet" }, hit.snippet.map((part) => (part.hit ? el("mark", { text: part.text }) : document.createTextNode(part.text))));
  const meta = [formatDate(hit.session_date), humanize(hit.section), hit.kind === "quote" ? "quote" : ""].filter(Boolean).join(" · ");
  return el("li", {}, [el("a", {
    class: "insight-card search-hit",
    attrs: { href: `#/insight/${encodeURIComponent(hit.insight_id)}/${hit.section}`, "data-match": hit.match },
  }, [
    el("span", { class: "card-top" }, [
      el("span", { class: "insight-title", text: hit.session_title || "Untitled session" }),
      hit.match === "listed" ? null
        : el("span", { class: `badge match-${hit.match}`, text: hit.match === "words" ? "words" : "similar meaning" }),
    ]),
    el("span", { class: "card-meta muted", text: meta }),
    snippet,
  ])]);
}
