import { api, ApiError } from "./api.js";
import { $, clear, el, formatDate, show, showError } from "./dom.js";
import { currentSession } from "./session.js";

let insightId = null;
let names = {};

// The comment thread of the insight on screen: read by whoever may comment on it (the client,
// the relationship's coach, a coach whose grant includes comment); the sharing service decides.
export async function setupComments(insight, config) {
  insightId = insight.id;
  names = Object.fromEntries(((config && config.users) || []).map((u) => [u.id, u.name]));
  const panel = $("#comments-panel");
  const allowed = !insight.permissions || insight.permissions.comment;
  show(panel, allowed && insight.status === "completed");
  if (!allowed || insight.status !== "completed") return;
  showError($("#comment-error"), null);
  $("#comment-form").onsubmit = async (event) => {
    event.preventDefault();
    const body = $("#comment-body").value.trim();
    if (!body) return;
    try {
      await api("POST", `/${encodeURIComponent(insightId)}/comments`, { json: { body } });
      $("#comment-body").value = "";
      await load();
    } catch (error) {
      showError($("#comment-error"), error);
    }
  };
  try {
    await load();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return show(panel, false);
    showError($("#comment-error"), error);
  }
}

async function load() {
  const thread = await api("GET", `/${encodeURIComponent(insightId)}/comments?limit=100`);
  const me = currentSession().userId;
  const list = clear($("#comment-list"));
  for (const c of thread.comments || []) {
    list.append(el("li", { class: "comment" }, [
      el("p", { class: "muted small", text: `${c.author_user_id === me ? "You" : names[c.author_user_id] || c.author_user_id} · ${formatDate(c.created_at)}` }),
      el("p", { class: "comment-body", text: c.body }),
    ]));
  }
  show($("#comment-empty"), !(thread.comments || []).length);
  $("#comment-count").textContent = String(thread.total_count ?? (thread.comments || []).length);
}
