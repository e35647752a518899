import { api } from "./api.js";
import { $, clear, el, formatDate } from "./dom.js";
import { commitmentChart, lineChart } from "./charts.js";

const EMOTIONS = ["Distressed", "Uneasy", "Neutral", "Positive", "Optimistic"];
const QUALITY = ["", "Needs improvement", "Average", "Good", "Excellent"];
const percent = (v) => (v === null || v === undefined ? null : Math.round(v * 100));

// #/trends/<relationship id>, or #/trends for the caller's own unpaired sessions.
export async function showTrends(relationshipId) {
  const data = relationshipId
    ? await api("GET", `/relationship/${encodeURIComponent(relationshipId)}/trends`)
    : await api("GET", "/my-trends");
  const names = [data.coach_name, data.client_name].filter(Boolean).join(" & ");
  $("#trends-title").textContent = relationshipId ? `Trends · ${names || relationshipId}` : "Trends · my unpaired sessions";
  const body = clear($("#trends-body"));
  const sessions = data.sessions || [];
  if (!sessions.length) {
    body.append(el("p", { class: "empty", text: "No completed sessions yet: trends appear once a session is analysed." }));
    return;
  }
  const labels = sessions.map((s) => formatDate(s.session_date));
  const rate = data.follow_through_rate === null ? "—" : `${percent(data.follow_through_rate)}%`;
  body.append(el("div", { class: "tiles" }, [
    tile(String(sessions.length), "sessions"),
    tile(`${data.followed_through}/${data.commitments}`, "commitments reported done later"),
    tile(rate, "follow-through", "trend-follow-through"),
  ]));
  body.append(chartCard("Session quality", "The analysis's overall label per session.", lineChart({
    title: "Session quality per session", labels, min: 1, max: 4,
    ticks: [1, 2, 3, 4].map((v) => ({ value: v, text: QUALITY[v] })),
    series: [{ name: "quality", kind: "quality", values: sessions.map((s) => s.quality_score) }],
  }), [["quality", "Quality"]]));
  body.append(chartCard("Talk and questions", "Share of the words the client spoke, and of the coach's questions that were open.", lineChart({
    title: "Client talk share and open-question ratio", labels, min: 0, max: 100,
    ticks: [0, 50, 100].map((v) => ({ value: v, text: `${v}%` })),
    series: [{ name: "client talk %", kind: "talk", values: sessions.map((s) => percent(s.client_talk_share)) },
             { name: "open questions %", kind: "open", values: sessions.map((s) => percent(s.open_question_ratio)) }],
  }), [["talk", "Client talk share"], ["open", "Open questions"]]));
  body.append(chartCard("Commitments and follow-through", "Action items per session; the darker part was reported done in a later session.",
    commitmentChart({ title: "Commitments per session and how many were followed through", labels,
                      made: sessions.map((s) => s.commitments), done: sessions.map((s) => s.followed_through) }),
    [["made", "Committed"], ["done", "Reported done later"]]));
  body.append(chartCard("Emotional start and end", "The client's state at the start and the end of each session.", lineChart({
    title: "Emotional state at the start and end of each session", labels, min: 0, max: 4,
    ticks: EMOTIONS.map((text, value) => ({ value, text })),
    series: [{ name: "start", kind: "start", values: sessions.map((s) => s.emotional_start_level) },
             { name: "end", kind: "end", values: sessions.map((s) => s.emotional_end_level) }],
  }), [["start", "Start"], ["end", "End"]]));
  body.append(el("section", { class: "card" }, [
    el("h2", { text: "Recurring themes and values" }),
    recurring("Themes", data.recurring_themes), recurring("Values", data.recurring_values),
  ]));
  body.append(followThrough(sessions));
}

function tile(value, text, id) {
  return el("div", { class: "tile", attrs: id ? { id } : {} }, [el("strong", { text: value }), el("span", { class: "muted small", text })]);
}

function chartCard(title, blurb, chart, legend) {
  return el("section", { class: "card chart-card" }, [
    el("h2", { text: title }), el("p", { class: "muted small", text: blurb }), chart,
    el("div", { class: "legend" }, legend.map(([kind, text]) => el("span", { class: `key ${kind}`, text }))),
  ]);
}

function recurring(title, items) {
  const chips = (items || []).map((r) => el("span", { class: "chip", text: `${r.label} · ${r.sessions} sessions` }));
  return el("div", {}, [el("h3", { class: "small-caps", text: title }),
    chips.length ? el("div", { class: "chips" }, chips) : el("p", { class: "empty small", text: "None in two or more sessions yet." })]);
}

function followThrough(sessions) {
  const byId = Object.fromEntries(sessions.map((s) => [s.insight_id, s]));
  const rows = sessions.flatMap((s) => s.follow_through.map((f) => el("li", {}, [
    el("p", { class: "claim-lead", text: f.commitment }),
    el("p", { class: "muted small", text: `Committed ${formatDate(s.session_date)} · reported done ${formatDate(byId[f.done_in_insight_id]?.session_date)}` }),
    el("blockquote", { class: "evidence", text: f.statement }),
    el("a", { text: "Open that session", attrs: { href: `#/insight/${encodeURIComponent(f.done_in_insight_id)}` } }),
  ])));
  return el("section", { class: "card", attrs: { id: "follow-through" } }, [
    el("h2", { text: "Followed through" }),
    rows.length ? el("ul", { class: "plain follow-list" }, rows)
      : el("p", { class: "empty small", text: "No commitment has been reported done in a later session yet." }),
  ]);
}
