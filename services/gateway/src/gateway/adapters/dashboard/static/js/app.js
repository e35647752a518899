import { $, $$, show, showError } from "./dom.js";
import { currentSession, signOut } from "./session.js";
import { showInsights } from "./list.js";
import { showUpload } from "./upload.js";
import { leaveDetail, showDetail } from "./detail.js";
import { showRelationships } from "./relationships.js";
import { showShared } from "./shared.js";
import { showTrends } from "./trends.js";
import { showSearch } from "./search.js";

const config = JSON.parse($("#page-config").textContent);
const session = currentSession();
if (!session) location.replace("/sign-in");

function notify(message) {
  const box = $("#notice");
  box.textContent = message;
  show(box, Boolean(message));
  if (message) setTimeout(() => show(box, false), 5000);
}

// Hash routes: #/insights[/tab], #/upload, #/insight/<id>[/<section>], #/relationships, #/shared,
// #/trends[/<relationship id>], #/search
let routing = 0; // the latest route() call; an earlier one still loading must not mark the page ready
async function route() {
  const mine = ++routing;
  const [view = "insights", arg, part] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const name = view === "insight" ? "detail" : view;
  if (!$(`#view-${name}`)) return (location.hash = "#/insights");
  if (name !== "detail") leaveDetail();
  for (const section of $$(".view")) show(section, section.id === `view-${name}`);
  for (const link of $$("[data-nav]")) link.classList.toggle("active", link.dataset.nav === name);
  document.body.dataset.view = name;
  try {
    if (name === "insights") await showInsights(arg || "all");
    else if (name === "upload") await showUpload(config);
    else if (name === "detail") await showDetail(arg, config, notify, part);
    else if (name === "relationships") await showRelationships(config);
    else if (name === "shared") await showShared();
    else if (name === "trends") await showTrends(arg);
    else if (name === "search") await showSearch();
    if (mine === routing) document.body.dataset.ready = name; // lets tests wait for a rendered view
  } catch (error) {
    if (mine !== routing) return;
    const target = $(`#view-${name} .error`) || $("#notice");
    showError(target, error);
  }
}

if (session) {
  $("#who-name").textContent = session.name || session.userId;
  $("#who-avatar").textContent = (session.name || session.userId || "?").charAt(0).toUpperCase();
  $("#sign-out").addEventListener("click", signOut);
  window.addEventListener("hashchange", route);
  // Clicking the view you are on refreshes it (no hashchange fires for the same hash).
  for (const link of $$("[data-nav]")) link.addEventListener("click", () => link.hash === location.hash && route());
  route();
}
