import { api, ApiError } from "./api.js";
import { $, clear, show } from "./dom.js";
import { insightCard } from "./cards.js";

// GET /shared-with-me is newer than the rest of the API; its list may be named either way.
export async function showShared() {
  const list = clear($("#shared-list"));
  let data;
  try {
    data = await api("GET", "/shared-with-me?limit=100");
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      $("#shared-empty").textContent = "“Shared with me” is not available on this server yet.";
      show($("#shared-empty"));
      return;
    }
    throw error;
  }
  const insights = data.insights || data.shared_insights || data.items || [];
  for (const insight of insights) {
    const permissions = insight.permissions || (insight.grant && insight.grant.permissions) || {};
    const may = ["view", "comment", "export"].filter((p) => permissions[p]).join(", ");
    list.append(insightCard(insight, { showType: false, extra: may ? `You may ${may}` : "" }));
  }
  $("#shared-empty").textContent = "Nothing has been shared with you.";
  show($("#shared-empty"), insights.length === 0);
}
