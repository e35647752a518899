"""An insight as a downloadable report: Markdown, PDF (fpdf2) or JSON. Every section the
caller may see, in the spec's order, with its evidence quotes."""

import re
import unicodedata
from datetime import datetime
from typing import Any

import msgspec
from fpdf import FPDF

from insights.adapters.pdf_fonts import FAMILY, ITALIC, REGULAR, fallbacks_for
from insights.domain.model import InsightView

FORMATS = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf", "json": "application/json"}
TITLES = {
    "celebration": "Celebration", "intention": "Intention", "client_discoveries": "Client discoveries",
    "goal_progress": "Goal progress", "coaching_presence": "Coaching presence",
    "powerful_questions": "Powerful questions", "action_items": "Action items",
    "emotional_shifts": "Emotional shifts", "values_beliefs": "Values and beliefs",
    "communication_patterns": "Communication patterns", "coach_feedback": "Feedback on the coaching",
    "metadata": "Analysis",
}
LABELS = {"missing_smart": "Missing SMART elements", "pcc_marker": "PCC marker", "competency": "ICF competency"}
INLINE = {"missing_smart"}  # lists shown on one line ("measurable, time-bound")
FEEDBACK_PARTS = (("strengths", "Strengths"), ("missed_opportunities", "Missed opportunities"))
Block = tuple[str, str]  # (kind, text): h1 | h2 | h3 | p | field | bullet | quote


def filename(view: InsightView, fmt: str) -> str:
    """ASCII letters, digits and dashes only: safe in any header and on any disk."""
    title = unicodedata.normalize("NFKD", view.session_title or "session-insight").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "session-insight"
    return f"{slug}-{view.id[:8]}.{fmt}"


def label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def item_blocks(item: dict[str, Any], skip: tuple[str, ...] = ()) -> list[Block]:
    blocks: list[Block] = []
    for key, value in item.items():
        if key == "evidence" or key in skip or value in (None, [], ""):
            continue
        if key in INLINE:
            blocks.append(("field", f"{label(key)}: {', '.join(map(str, value))}"))
        elif isinstance(value, list):
            blocks.append(("field", f"{label(key)}:"))
            blocks.extend(("bullet", str(v)) for v in value)
        else:
            blocks.append(("field", f"{label(key)}: {value}"))
    blocks.extend(("quote", q) for q in item.get("evidence", []))
    return blocks


def feedback_blocks(feedback: dict[str, Any]) -> list[Block]:
    """Strengths and missed opportunities, each headed by its PCC marker, with the coach's
    own words as quotes. The quality rationale is shown beside the quality label instead."""
    blocks: list[Block] = []
    for key, title in FEEDBACK_PARTS:
        if not feedback.get(key):
            continue
        blocks.append(("h3", title))
        for item in feedback[key]:
            words = item.get("evidence") or []
            blocks.append(("field", f"PCC marker: {item['pcc_marker']}"))
            blocks.extend(item_blocks({**item, "evidence": []}, skip=("kind", "pcc_marker")))
            blocks.extend([("field", "In the coach's words:"), *(("quote", q) for q in words)] if words else [])
            blocks.append(("p", ""))
    return blocks


def report(view: InsightView, sections: dict[str, Any]) -> list[Block]:
    when = view.session_date or view.created_at
    rationale = (sections.get("coach_feedback") or {}).get("quality_rationale")
    blocks: list[Block] = [("h1", view.session_title or "Session insight"),
                           ("p", f"Session of {when:%Y-%m-%d}" + (" (unpaired)" if view.is_unpaired else "")),
                           ("h2", "Summary"), ("p", sections.get("session_summary", "")),
                           ("field", f"Overall session quality: {sections.get('overall_session_quality', '')}"),
                           *([("p", f"Why this rating: {rationale}")] if rationale else [])]
    if sections.get("key_themes"):
        blocks += [("field", "Key themes:"), *(("bullet", t) for t in sections["key_themes"])]
    for key, title in TITLES.items():
        value = sections.get(key)
        if key == "coach_feedback":
            found = feedback_blocks(value or {})
            blocks += [("h2", title), *found] if found else []
            continue
        if not value:
            continue
        blocks.append(("h2", title))
        for item in value if isinstance(value, list) else [value]:
            blocks.extend(item_blocks(item))
            blocks.append(("p", ""))
    return blocks


def markdown(blocks: list[Block]) -> bytes:
    """A claim's fields are one paragraph, a line each (hard breaks); headings, quotes and
    lists are blocks of their own, so a quote never swallows the line after it."""
    prefix = {"h1": "# ", "h2": "## ", "h3": "### ", "p": "", "field": "", "bullet": "- ", "quote": "> "}
    out = ""
    previous = None
    for kind, text in blocks:
        if not text:  # the end of a claim
            previous = None
            continue
        if previous in ("field", "p") and kind in ("field", "p"):
            out += "  \n"
        elif previous == kind == "bullet":
            out += "\n"
        elif out:
            out += "\n\n"
        text = _escaped(text)
        out += prefix[kind] + (f"\u201c{text}\u201d" if kind == "quote" else text)
        previous = kind
    return (out + "\n").encode()


# A transcript's words and a session's title are the uploader's: in a Markdown viewer, "![x](url)"
# would load a tracking image, "<img onerror=...>" or "[Log in](javascript:...)" would run or lure,
# a line break then "# ..." would forge a heading. They are written as text: on one line, with
# the characters that open markup (inline, or a block at the start) backslash-escaped, as
# CommonMark allows for any ASCII punctuation.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\d{0,9})([#+=>-]|(?<=\d)[.)](?=\s|$))")  # "# ", "- ", "1. ", "2) "


def _escaped(text: str) -> str:
    return _BLOCK_START.sub(r"\1\\\2", _INLINE_MARKUP.sub(r"\\\1", " ".join(text.split())))


def pdf(blocks: list[Block]) -> bytes:
    """Every character as written: Noto Sans, with the fallback faces the text needs
    (pdf_fonts). Headings are Noto Sans drawn with a hairline outline (a variable font's bold
    instance takes fontTools seconds to cut; the outline costs nothing)."""
    doc = FPDF(format="A4")
    doc.set_auto_page_break(True, margin=15)
    doc.add_font(FAMILY, "", REGULAR.path)
    doc.add_font(FAMILY, "I", ITALIC.path)
    fallbacks = fallbacks_for("".join(text for _, text in blocks))
    for face in fallbacks:
        doc.add_font(face.family, "", face.path, collection_font_number=face.index)
    doc.set_fallback_fonts([face.family for face in fallbacks], exact_match=False)
    doc.add_page()
    style = {"h1": ("", 18, 10), "h2": ("", 14, 8), "h3": ("", 12, 7), "p": ("", 11, 6), "field": ("", 11, 6),
             "bullet": ("", 11, 6), "quote": ("I", 10, 5)}
    for kind, text in blocks:
        font, size, height = style[kind]
        doc.set_font(FAMILY, font, size)
        if kind in ("h2", "h3"):
            doc.ln(3 if kind == "h2" else 1)
        indent = {"bullet": 6, "quote": 10}.get(kind, 0)
        doc.set_x(doc.l_margin + indent)
        shown = {"bullet": f"\u2022 {text}", "quote": f"\u201c{text}\u201d"}.get(kind, text)
        heading = kind in ("h1", "h2", "h3")
        with doc.local_context(text_mode="FILL_STROKE" if heading else "FILL", line_width=0.25 if heading else 0.2):
            doc.multi_cell(doc.epw - indent, height, shown, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def render(view: InsightView, sections: dict[str, Any], fmt: str, exported_at: datetime) -> bytes:
    if fmt == "json":
        head = {k: v for k, v in msgspec.to_builtins(view).items() if k not in ("content", "overview", "grants")}
        return msgspec.json.encode({**head, **sections, "exported_at": exported_at})
    blocks = report(view, sections)
    return markdown(blocks) if fmt == "md" else pdf(blocks)
