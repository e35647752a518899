import { api } from "./api.js";
import { $, clear, el, formatDate, show, showError } from "./dom.js";

const dialog = $("#share-dialog");
let current = null;
let people = [];

export async function setupSharing(insight, config) {
  current = insight;
  people = config.users || [];
  $("#share-open").onclick = openDialog;
  await refreshGrants();
}

function nameOf(userId) {
  const person = people.find((p) => p.id === userId);
  return person ? `${person.name} (${userId})` : userId;
}

async function refreshGrants() {
  const list = clear($("#grant-list"));
  // 404 for the owner's own upload: the sharing service has not heard of it yet, so it has no grants
  const found = await api("GET", `/${encodeURIComponent(current.id)}/shares`).catch((error) => {
    if (error.status === 404) return {};
    throw error;
  });
  const { grants = [] } = found || {};
  for (const grant of grants) {
    const allowed = Object.entries(grant.permissions || {}).filter(([, on]) => on).map(([p]) => p).join(", ");
    const until = grant.expires_at ? ` · until ${formatDate(grant.expires_at)}` : "";
    const revoke = el("button", { class: "link-button danger", text: "Revoke",
                                  attrs: { type: "button", "data-revoke": grant.coach_user_id } });
    revoke.onclick = () => revokeGrant(grant.coach_user_id);
    list.append(el("li", { class: "grant" }, [
      el("span", {}, [el("strong", { text: nameOf(grant.coach_user_id) }),
                      el("span", { class: "muted small", text: ` ${allowed}${until}` })]),
      revoke,
    ]));
  }
  show($("#grant-empty"), grants.length === 0);
}

async function revokeGrant(coachId) {
  try {
    await api("DELETE", `/${encodeURIComponent(current.id)}/share/${encodeURIComponent(coachId)}`);
    await refreshGrants();
  } catch (error) {
    showError($("#detail-error"), error);
  }
}

function openDialog() {
  const select = clear($("#share-coach"));
  for (const coach of people.filter((p) => p.role === "coach")) {
    select.append(el("option", { text: `${coach.name} (${coach.id})`, attrs: { value: coach.id } }));
  }
  select.append(el("option", { text: "Someone else…", attrs: { value: "" } }));
  select.onchange = () => show($("#share-coach-other-field"), select.value === "");
  show($("#share-coach-other-field"), select.value === "");
  showError($("#share-error"), null);
  dialog.showModal();
}

async function share(event) {
  event.preventDefault();
  const coach = $("#share-coach").value || $("#share-coach-other").value.trim();
  if (!coach) return showError($("#share-error"), new Error("Choose a coach."));
  const permissions = { view: true, comment: $("#perm-comment").checked, export: $("#perm-export").checked };
  const body = { coach_user_id: coach, permissions };
  if ($("#share-expires").value) body.expires_at = `${$("#share-expires").value}T23:59:59Z`;
  try {
    await api("POST", `/${encodeURIComponent(current.id)}/share`, { json: body });
    dialog.close();
    await refreshGrants();
  } catch (error) {
    showError($("#share-error"), error);
  }
}

$("#share-form").addEventListener("submit", share);
$("#share-cancel").addEventListener("click", () => dialog.close());
