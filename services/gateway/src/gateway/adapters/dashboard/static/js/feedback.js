import { el } from "./dom.js";

// Feedback on the coaching: the quality label with its rationale, then strengths and missed
// opportunities, each with its PCC marker, observation, suggestion and the coach's own words.
// Insights analysed before this existed have no coach_feedback: the section says so.
const PARTS = [
  ["strengths", "Strengths", "What the coaching did well."],
  ["missed_opportunities", "Missed opportunities", "Where the coaching could have gone further."],
];

export function feedbackSection(insight) {
  const feedback = insight.coach_feedback;
  const items = feedback ? PARTS.flatMap(([key]) => feedback[key] || []) : [];
  const body = items.length ? PARTS.map(([key, title, blurb]) => part(key, title, blurb, feedback[key] || []))
    : [el("p", { class: "empty small", text: "No feedback on the coaching for this session." })];
  return el("section", { class: "card section feedback", attrs: { "data-section": "coach_feedback" } }, [
    el("h2", { text: "Feedback on the coaching" }),
    el("p", { class: "muted small", text: "The coaching against the ICF PCC markers, in the coach's own words." }),
    quality(insight, feedback),
    ...body,
  ]);
}

function quality(insight, feedback) {
  const label = insight.overall_session_quality;
  const rationale = feedback && feedback.quality_rationale;
  if (!label && !rationale) return null;
  return el("div", { class: "quality-rationale", attrs: { "data-section": "quality_rationale" } }, [
    label ? el("span", { class: "badge quality", text: `Quality: ${label}` }) : null,
    rationale ? el("p", { text: rationale }) : null,
  ]);
}

function part(key, title, blurb, items) {
  if (!items.length) return null;
  return el("div", { class: "feedback-part", attrs: { "data-feedback": key } }, [
    el("h3", { text: title }), el("p", { class: "muted small", text: blurb }), ...items.map(item),
  ]);
}

function item(found) {
  const words = (found.evidence || []).map((q) => el("blockquote", { class: "evidence coach-words", text: q }));
  return el("article", { class: `feedback-item ${found.kind || ""}`.trim() }, [
    el("p", { class: "pcc-marker", text: `PCC marker ${found.pcc_marker}` }),
    found.competency ? el("p", { class: "competency muted small", text: found.competency }) : null,
    el("p", { class: "observation", text: found.observation }),
    found.suggestion ? el("p", { class: "suggestion" }, [el("strong", { text: "Try: " }), found.suggestion]) : null,
    words.length ? el("div", { class: "quotes" }, [el("h4", { class: "small-caps", text: "The coach's words" }), ...words])
      : null,
  ]);
}
