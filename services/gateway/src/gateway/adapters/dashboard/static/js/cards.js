import { $, el, formatDate, statusBadge } from "./dom.js";

// One insight summary as a card linking to its detail view.
export function insightCard(insight, { showType = true, extra } = {}) {
  const item = $("#tpl-insight").content.firstElementChild.cloneNode(true);
  const link = $("a", item);
  link.href = `#/insight/${encodeURIComponent(insight.id)}`;
  $(".insight-title", link).textContent = insight.session_title || "Untitled session";
  statusBadge($(".status", link), insight.status);
  const meta = [formatDate(insight.session_date || insight.created_at)];
  if (showType) meta.push(insight.is_unpaired ? "Unpaired" : "Paired");
  if (insight.overall_session_quality) meta.push(`Quality: ${insight.overall_session_quality}`);
  if (extra) meta.push(extra);
  $(".card-meta", link).textContent = meta.filter(Boolean).join(" · ");
  const summary = insight.status === "failed" ? (insight.processing_error || "Analysis failed.")
    : insight.session_summary || (insight.status === "completed" ? "" : "Analysis in progress…");
  $(".insight-summary", link).textContent = summary;
  const chips = $(".chips", link);
  for (const theme of (insight.key_themes || []).slice(0, 4)) chips.append(el("span", { class: "chip", text: theme }));
  if (insight.action_item_count) chips.append(el("span", { class: "chip quiet", text: `${insight.action_item_count} actions` }));
  return item;
}
