"""What search reads of an insight: one entry per piece a reader would look for (the summary,
each theme, each claim of each section, each evidence quote), so a hit can name its section
and claim and the dashboard can open the insight right there."""

from dataclasses import dataclass
from datetime import datetime

from contracts import InsightContent

# the sections search knows, in the detail page's reading order
SECTIONS = ("session_summary", "key_themes", "celebration", "intention", "client_discoveries", "goal_progress",
            "coaching_presence", "powerful_questions", "action_items", "emotional_shifts", "values_beliefs",
            "communication_patterns", "coach_feedback")
# the text fields of each claim, headline first; evidence quotes become entries of their own
CLAIM_TEXT = {
    "celebration": ("description", "significance"),
    "intention": ("behavior_change", "timeline"),
    "client_discoveries": ("insight", "emotional_response"),
    "goal_progress": ("goal_area", "progress_description"),
    "coaching_presence": ("partnership_dynamics", "rapport_quality"),
    "powerful_questions": ("question", "impact_description", "client_response_summary"),
    "action_items": ("action", "timeline", "accountability_measure"),
    "emotional_shifts": ("shift_description", "initial_state", "final_state", "catalyst"),
    "values_beliefs": ("description", "impact_on_goals"),
    "communication_patterns": ("expression_patterns", "communication_preferences"),
}


@dataclass(frozen=True)
class SearchEntry:
    section: str
    item: int  # which claim of the section (0 for single ones)
    kind: str  # "claim" | "quote" | "summary" | "theme" | "feedback"
    text: str


@dataclass(frozen=True)
class SearchFilters:
    relationship_id: str | None = None
    section: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class SearchHit:
    insight_id: str
    section: str
    item: int
    kind: str
    text: str
    match: str  # "words" (full text) | "meaning" (embeddings) | "listed" (no query: the filters' claims)
    score: float
    highlights: tuple[tuple[str, bool], ...] = ()  # the snippet as (text, is a hit) parts
    session_title: str | None = None
    session_date: datetime | None = None
    coaching_relationship_id: str | None = None


def _text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return str(value) if value else ""


def sentences(parts) -> str:
    """Fields as one readable text: a field that ends a sentence is not given another stop."""
    text = ""
    for part in (p.strip() for p in parts if p and p.strip()):
        text += part if not text else (" " if text[-1] in ".!?" else ". ") + part
    return text


def search_entries(content: InsightContent) -> list[SearchEntry]:
    entries = [SearchEntry("session_summary", 0, "summary", content.session_summary)]
    entries += [SearchEntry("key_themes", n, "theme", theme) for n, theme in enumerate(content.key_themes)]
    for section, fields in CLAIM_TEXT.items():
        value = getattr(content, section)
        claims = value if isinstance(value, list) else [value] if value is not None else []
        for n, claim in enumerate(claims):
            text = sentences(_text(getattr(claim, f)) for f in fields)
            entries.append(SearchEntry(section, n, "claim", text))
            entries += [SearchEntry(section, n, "quote", quote) for quote in claim.evidence]
    feedback = content.coach_feedback
    if feedback is not None:
        for n, item in enumerate([*feedback.strengths, *feedback.missed_opportunities]):
            text = sentences((item.observation, item.suggestion or "", item.pcc_marker))
            entries.append(SearchEntry("coach_feedback", n, "feedback", text))
            entries += [SearchEntry("coach_feedback", n, "quote", quote) for quote in item.evidence]
        if feedback.quality_rationale:
            entries.append(SearchEntry("coach_feedback", len(feedback.strengths) + len(feedback.missed_opportunities),
                                       "feedback", feedback.quality_rationale))
    return [e for e in entries if e.text.strip()]


# ts_headline marks hits with these; ingestion keeps control characters out of every text
HIT_START, HIT_END = "\x01", "\x02"


def highlight_parts(headline: str) -> tuple[tuple[str, bool], ...]:
    """Postgres's marked-up snippet as plain parts, so no one ever renders it as HTML."""
    parts: list[tuple[str, bool]] = []
    for n, chunk in enumerate(headline.split(HIT_START)):
        hit, _, rest = chunk.partition(HIT_END) if n else ("", "", chunk)
        if hit:
            parts.append((hit, True))
        if rest:
            parts.append((rest, False))
    return tuple(parts)
