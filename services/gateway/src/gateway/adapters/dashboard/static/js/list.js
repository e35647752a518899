import { api } from "./api.js";
import { $, $$, clear, show } from "./dom.js";
import { insightCard } from "./cards.js";

const PAGE = 100;

export async function showInsights(tab = "all") {
  const data = await api("GET", `/my-insights?include_paired=true&include_unpaired=true&limit=${PAGE}&offset=0`);
  const paired = data.paired_insights || [];
  const unpaired = data.unpaired_insights || [];
  const counts = { all: data.total_count ?? paired.length + unpaired.length, paired: paired.length, unpaired: unpaired.length };
  for (const node of $$("[data-count]")) node.textContent = counts[node.dataset.count];
  for (const button of $$("[data-tab]")) {
    const active = button.dataset.tab === tab;
    button.setAttribute("aria-selected", String(active));
    button.onclick = () => { location.hash = `#/insights/${button.dataset.tab}`; };
  }
  const shown = tab === "paired" ? paired : tab === "unpaired" ? unpaired : newestFirst([...paired, ...unpaired]);
  const list = clear($("#insight-list"));
  for (const insight of shown) list.append(insightCard(insight, { showType: tab === "all" }));
  show($("#insight-empty"), shown.length === 0);
  return data;
}

export function newestFirst(insights) {
  const key = (i) => i.session_date || i.created_at || "";
  return insights.sort((a, b) => key(b).localeCompare(key(a)));
}
