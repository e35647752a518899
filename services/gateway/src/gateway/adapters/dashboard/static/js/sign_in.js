import { $, $$, showError } from "./dom.js";
import { saveSession } from "./session.js";

const errorBox = $("#sign-in-error");

async function signInAs(userId) {
  const response = await fetch("/dashboard/sign-in", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ user_id: userId }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `Sign-in failed (${response.status})`);
  saveSession(body.token, body);
  location.assign("/#/insights");
}

for (const button of $$(".user-option")) {
  button.addEventListener("click", () => signInAs(button.dataset.userId).catch((e) => showError(errorBox, e)));
}

$("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $("#token-input").value.trim();
  if (token.split(".").length !== 3) return showError(errorBox, new Error("That does not look like a JWT."));
  saveSession(token);
  location.assign("/#/insights");
});
