import { api, ApiError } from "./api.js";
import { $, clear, el, show } from "./dom.js";
import { insightCard } from "./cards.js";

// There is no "list my relationships" endpoint: probe the configured demo ids and any
// relationship seen on the caller's paired insights; a timeline that answers 200 is ours.
export async function findRelationships(config) {
  const candidates = new Set(config.relationships || []);
  try {
    const mine = await api("GET", "/my-insights?include_paired=true&include_unpaired=false&limit=100");
    for (const insight of mine.paired_insights || []) {
      if (insight.coaching_relationship_id) candidates.add(insight.coaching_relationship_id);
    }
  } catch (_) { /* the list is a hint only */ }
  const found = await Promise.all([...candidates].map(async (id) => {
    try {
      return await api("GET", `/relationship/${encodeURIComponent(id)}?limit=100`);
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
  const timelines = await findRelationships(config);
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
      el("p", { class: "muted small", text: `Coach ${timeline.coach_name || "—"} · Client ${timeline.client_name || "—"}` }),
      count ? items : el("p", { class: "empty small", text: "No sessions yet." }),
    ]));
  }
  show($("#relationship-empty"), timelines.length === 0);
}
