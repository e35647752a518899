import { api } from "./api.js";
import { $, $$, formatDate, show, showError, statusBadge } from "./dom.js";
import { untilSettled } from "./live.js";
import { renderSections } from "./sections.js";
import { setupSharing } from "./sharing.js";
import { setupComments } from "./comments.js";
import { currentSession } from "./session.js";

let watching = null; // AbortController of the status watch of the insight on screen
let shown = null;

export function leaveDetail() {
  if (watching) watching.abort();
  watching = null;
}

export async function showDetail(id, config, notify, section) {
  leaveDetail();
  showError($("#detail-error"), null);
  const insight = await api("GET", `/${encodeURIComponent(id)}`);
  shown = insight;
  render(insight, config);
  await setupComments(insight, config);
  if (section) focusSection(section);
  if (insight.status === "pending" || insight.status === "processing") {
    const controller = (watching = new AbortController());
    untilSettled(id, controller.signal, (status) => { statusBadge($("#detail-status"), status); progress(status); })
      .then(() => !controller.signal.aborted && showDetail(id, config, notify, section))
      .catch((error) => showError($("#detail-error"), error));
  }
  wireActions(notify);
}

function render(insight, config) {
  const me = currentSession().userId;
  $("#detail-title").textContent = insight.session_title || "Untitled session";
  const kind = insight.is_unpaired ? "Unpaired" : "Paired";
  $("#detail-meta").textContent = [formatDate(insight.session_date || insight.created_at), kind].join(" · ");
  statusBadge($("#detail-status"), insight.status);
  progress(insight.status, insight.processing_error);
  const done = insight.status === "completed";
  show($("#detail-actions"), done);
  show($("#detail-sections"), done);
  if (done) renderSections($("#detail-sections"), insight);
  const owner = insight.client_user_id === me;
  // `permissions` is present only for a coach the insight was shared with: their grant decides.
  show($("#export-group"), !insight.permissions || insight.permissions.export);
  show($("#share-open"), done && owner && insight.is_unpaired);
  show($("#delete-insight"), owner || insight.coach_user_id === me);
  show($("#sharing-panel"), owner && insight.is_unpaired);
  if (owner && insight.is_unpaired) setupSharing(insight, config).catch((error) => showError($("#detail-error"), error));
}

// A search hit opens the insight at its section.
function focusSection(section) {
  const target = $(`#detail-sections [data-section="${CSS.escape(section)}"]`);
  if (!target) return;
  for (const old of $$("#detail-sections .focused")) old.classList.remove("focused");
  target.classList.add("focused");
  target.scrollIntoView({ block: "start" });
}

function progress(status, error) {
  const busy = status === "pending" || status === "processing";
  show($("#detail-progress"), busy);
  $("#detail-progress-text").textContent = status === "processing" ? "Analysing the transcript…" : "Queued for analysis…";
  if (status === "failed") showError($("#detail-error"), new Error(`Analysis failed: ${error || "no reason given"}`));
}

function wireActions(notify) {
  for (const button of $$("[data-export]")) button.onclick = () => exportAs(button.dataset.export, notify);
  $("#delete-insight").onclick = async () => {
    if (!confirm("Delete this insight and its transcript? This cannot be undone.")) return;
    try {
      await api("DELETE", `/${encodeURIComponent(shown.id)}`);
      notify("Insight deleted.");
      location.hash = "#/insights";
    } catch (error) {
      showError($("#detail-error"), error);
    }
  };
}

// Export needs the bearer token, so a plain link cannot work: fetch it and save the blob.
async function exportAs(format, notify) {
  try {
    const response = await api("GET", `/${encodeURIComponent(shown.id)}/export?format=${format}`, { raw: true });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      if (response.status === 405 || (response.status === 404 && /^not found\.?$/i.test(problem.detail || ""))) {
        return notify("Export is not available on this server yet.");
      }
      throw new Error(problem.detail || `Export failed (${response.status})`);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement("a"), { href: url, download: `session-insight-${shown.id}.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    showError($("#detail-error"), error);
  }
}
