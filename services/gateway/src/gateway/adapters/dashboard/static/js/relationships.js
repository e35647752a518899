import { api, ApiError } from "./api.js";
import { $, clear, el, show } from "./dom.js";
import { insightCard } from "./cards.js";

// The caller's relationships (as coach or client), each with its timeline.
export async function findRelationships() {
  const mine = await api("GET", "/relationships");
  const found = await Promise.all((mine.relationships || []).map(async (r) => {
    try {
      return await api("GET", `/relationship/${encodeURIComponent(r.relationship_id)}?limit=100`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }));
  return found.filter(Boolean);
}

export function relationshipLabel(timeline) {
  const names = [timeline.coach_name, timeline.client_name].filter(Boolean).join(" & ");
  return names || timeline.relationship_id || "Relationship";
}

export async function showRelationships(config) {
  const timelines = await findRelationships();
  const list = clear($("#relationship-list"));
  for (const timeline of timelines) {
    const items = el("ul", { class: "insight-list timeline" });
    for (const insight of timeline.insights || []) items.append(insightCard(insight, { showType: false }));
    const count = timeline.total_count ?? (timeline.insights || []).length;
    list.append(el("section", { class: "card relationship" }, [
      el("div", { class: "card-top" }, [
        el("h2", { text: relationshipLabel(timeline) }),
        el("span", { class: "chip quiet", text: `${count} session${count === 1 ? "" : "s"}` }),
      ]),
      el("a", { class: "button secondary small trends-link", text: "Trends",
                attrs: { href: `#/trends/${encodeURIComponent(timeline.relationship_id)}` } }),
      el("p", { class: "muted small", text: `Coach ${timeline.coach_name || "—"} · Client ${timeline.client_name || "—"}` }),
      count ? items : el("p", { class: "empty small", text: "No sessions yet." }),
    ]));
  }
  show($("#relationship-empty"), timelines.length === 0);
}
