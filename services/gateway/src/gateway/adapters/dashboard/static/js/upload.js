import { api, isMissingRoute } from "./api.js";
import { $, $$, clear, el, show, showError } from "./dom.js";
import { findRelationships, relationshipLabel } from "./relationships.js";

const TEXT_FILES = /\.(txt|md|vtt|srt)$/i;
const form = $("#upload-form");

// One key per upload the user means: sending the same form again after an error or a timeout
// (the first request may have been stored all the same) reuses it, so ingestion answers with
// the first upload instead of storing a second. Any change to the form, or a success, starts anew.
let idempotencyKey = null;

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function keyed() {
  idempotencyKey = idempotencyKey || newKey();
  return { "Idempotency-Key": idempotencyKey };
}

export async function showUpload(config) {
  showError($("#upload-error"), null);
  if (!$("#session-date").value) $("#session-date").value = new Date().toISOString().slice(0, 10);
  const select = clear($("#relationship-select"));
  const timelines = await findRelationships().catch(() => []);
  for (const t of timelines) select.append(el("option", { text: relationshipLabel(t), attrs: { value: t.relationship_id } }));
  $("#relationship-hint").textContent = timelines.length ? "" : "You have no coaching relationships yet.";
  $('input[name="kind"][value="paired"]').disabled = timelines.length === 0;
  syncFields();
}

function choice(name) {
  return $(`input[name="${name}"]:checked`).value;
}

function syncFields() {
  show($("#relationship-field"), choice("kind") === "paired");
  show($("#text-field"), choice("source") === "text");
  show($("#file-field"), choice("source") === "file");
}

function details() {
  const body = {};
  const title = $("#session-title").value.trim();
  if (title) body.session_title = title;
  if ($("#session-date").value) body.session_date = $("#session-date").value;
  if (choice("kind") === "paired") body.coaching_relationship_id = $("#relationship-select").value;
  return body;
}

async function sendText(text) {
  const paired = choice("kind") === "paired";
  return api("POST", paired ? "/from-text" : "/unpaired/from-text",
    { json: { ...details(), transcript_text: text }, headers: keyed() });
}

async function sendFile(file) {
  const form = new FormData();
  for (const [key, value] of Object.entries(details())) form.append(key, value);
  form.append("transcript_file", file);
  try {
    return await api("POST", choice("kind") === "paired" ? "" : "/unpaired", { form, headers: keyed() });
  } catch (error) {
    // File upload routes may not be deployed yet: plain-text files still work through from-text.
    if (isMissingRoute(error) && TEXT_FILES.test(file.name)) return sendText(await file.text());
    if (isMissingRoute(error)) throw new Error("File upload is not available here yet: paste the text instead.");
    throw error;
  }
}

async function submit(event) {
  event.preventDefault();
  showError($("#upload-error"), null);
  const button = $("#upload-submit");
  button.disabled = true;
  try {
    let created;
    if (choice("source") === "file") {
      const file = $("#transcript-file").files[0];
      if (!file) throw new Error("Choose a transcript file.");
      created = await sendFile(file);
    } else {
      const text = $("#transcript-text").value;
      if (!text.trim()) throw new Error("Paste the transcript text.");
      created = await sendText(text);
    }
    form.reset();
    idempotencyKey = null;
    location.hash = `#/insight/${encodeURIComponent(created.id)}`;
  } catch (error) {
    showError($("#upload-error"), error);
  } finally {
    button.disabled = false;
  }
}

for (const input of $$('input[name="kind"], input[name="source"]', form)) input.addEventListener("change", syncFields);
for (const type of ["input", "change"]) form.addEventListener(type, () => { idempotencyKey = null; });
form.addEventListener("submit", submit);
