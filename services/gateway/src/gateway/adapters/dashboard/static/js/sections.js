import { clear, el, humanize } from "./dom.js";
import { feedbackSection } from "./feedback.js";

// Every section of the detail response, in reading order; `lead` is the claim's headline.
const SECTIONS = [
  ["celebration", "Celebration", "Wins worth naming.", "description"],
  ["intention", "Intention", "The behaviour change the client set out.", "behavior_change"],
  ["client_discoveries", "Client discoveries", "What the client learned about themselves.", "insight"],
  ["goal_progress", "Goal progress", "Movement on stated goals.", "goal_area"],
  ["coaching_presence", "Coaching presence", "Engagement, rapport and partnership.", "partnership_dynamics"],
  ["powerful_questions", "Powerful questions", "Questions that opened new thinking.", "question"],
  ["action_items", "Action items", "Concrete next steps and commitments.", "action"],
  ["emotional_shifts", "Emotional shifts", "How the client's state changed.", "shift_description"],
  ["values_beliefs", "Values & beliefs", "Core values and beliefs that surfaced.", "description"],
  ["communication_patterns", "Communication patterns", "How the client processes and expresses.", "processing_style"],
];

export function renderSections(container, insight) {
  clear(container);
  container.append(overview(insight));
  for (const [key, title, blurb, lead] of SECTIONS) {
    const value = insight[key];
    const claims = Array.isArray(value) ? value : value ? [value] : [];
    const body = claims.length ? claims.map((claim) => claimNode(claim, lead))
      : [el("p", { class: "empty small", text: "Nothing found in this session." })];
    container.append(el("section", { class: "card section", attrs: { "data-section": key } }, [
      el("h2", { text: title }), el("p", { class: "muted small", text: blurb }), ...body,
    ]));
  }
  container.append(feedbackSection(insight));
  if (insight.metadata) container.append(metadataNode(insight.metadata));
}

function overview(insight) {
  const themes = el("div", { class: "chips" }, (insight.key_themes || []).map((t) => el("span", { class: "chip", text: t })));
  return el("section", { class: "card section overview", attrs: { "data-section": "session_summary" } }, [
    el("div", { class: "card-top" }, [
      el("h2", { text: "Session summary" }),
      insight.overall_session_quality
        ? el("span", { class: "badge quality", text: `Quality: ${insight.overall_session_quality}`,
                       attrs: { "data-section": "overall_session_quality" } })
        : null,
    ]),
    el("p", { class: "summary", text: insight.session_summary || "" }),
    el("div", { attrs: { "data-section": "key_themes" } }, [el("h3", { class: "small-caps", text: "Key themes" }), themes]),
  ]);
}

function claimNode(claim, lead) {
  const rows = el("dl", { class: "facts" });
  for (const [key, value] of Object.entries(claim)) {
    if (key === lead || key === "evidence" || value === null || value === "" || (Array.isArray(value) && !value.length)) continue;
    const special = SPECIAL[key];
    rows.append(el("dt", { text: special ? special.label : humanize(key) }), special ? special.node(value) : valueNode(value));
  }
  const quotes = (claim.evidence || []).map((q) => el("blockquote", { class: "evidence", text: q }));
  return el("article", { class: "claim" }, [
    el("p", { class: "claim-lead", text: claim[lead] ?? "" }),
    rows.childElementCount ? rows : null,
    quotes.length ? el("div", { class: "quotes" }, [el("h3", { class: "small-caps", text: "Evidence" }), ...quotes]) : null,
  ]);
}

// Fields that read better than their raw value: an action item's SMART gaps, a shift's direction.
const SPECIAL = {
  missing_smart: {
    label: "SMART",
    node: (gaps) => el("dd", { class: "smart-gaps" }, [el("span", { class: "badge gap", text: `missing: ${gaps.join(", ")}` })]),
  },
  direction: {
    label: "Direction",
    node: (direction) => el("dd", {}, [el("span", {
      class: `badge direction direction-${direction}`,
      text: `${direction === "improved" ? "\u2191" : direction === "declined" ? "\u2193" : ""} ${direction}`.trim(),
    })]),
  },
};

function valueNode(value) {
  if (!Array.isArray(value)) return el("dd", { text: value });
  return el("dd", {}, [el("ul", { class: "plain" }, value.map((v) => el("li", { text: v })))]);
}

function metadataNode(metadata) {
  const rows = el("dl", { class: "facts compact" });
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === "number" && !Number.isInteger(value) ? value.toFixed(2) : value;
    rows.append(el("dt", { text: humanize(key) }), el("dd", { text }));
  }
  return el("details", { class: "card section metadata", attrs: { "data-section": "metadata" } }, [
    el("summary", { text: "About this analysis" }), rows,
  ]);
}
