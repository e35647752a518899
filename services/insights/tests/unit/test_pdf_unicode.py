"""The PDF export keeps every character: names and quotes in any script come back out of
the PDF as they went in (accents, CJK, Hangul, emoji, Arabic, Cyrillic, symbols)."""

import re
from datetime import UTC, datetime

import msgspec
import pypdfium2
from contracts.insight import ActionItem, Celebration, InsightContent, SessionMetadata
from insights.adapters import export
from insights.adapters.pdf_fonts import fallbacks_for
from insights.domain.model import InsightView

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TITLE = "Séance avec Zoë Łukasiewicz — 田中さん"
QUOTES = [
    "J’ai enfin dit « non » à mon équipe, ça m’a soulagée.",
    "来週までに報告書を書きます。",  # Japanese
    "我会每周和团队沟通一次。",  # Chinese
    "다음 주까지 끝낼게요.",  # Korean
    "Я буду говорить «нет» чаще.",  # Cyrillic
    "سأتحدث مع مديري غدا",  # Arabic
    "This made me so happy 🎉🙏👍",  # emoji
    "Progress ★ ✓ → next",  # symbols
]


def view(content: InsightContent, title: str) -> InsightView:
    return InsightView(id="u1-unicode", client_user_id="client-1", coach_user_id=None, coaching_relationship_id=None,
                       is_unpaired=True, status="completed", created_at=NOW, session_title=title, content=content)


def content(quotes: list[str], summary: str, themes: list[str]) -> InsightContent:
    return InsightContent(
        session_summary=summary, overall_session_quality="Good", key_themes=themes,
        celebration=Celebration(description="Kept Fridays free", significance="first time", evidence=quotes),
        action_items=[ActionItem(action="Bloquer les après-midi du vendredi", client_commitment_level="High",
                                 evidence=quotes[:2])],
        metadata=SessionMetadata(transcript_word_count=50, ai_provider="embedded", model_version="t",
                                 processing_time_seconds=0.1, analysis_confidence=0.5))


def pdf_of(quotes: list[str], title: str = TITLE, summary: str = "Zoë chose rest. 田中さんも賛成した。",
           themes: tuple[str, ...] = ("límites", "休息", "쉼")) -> bytes:
    made = content(quotes, summary, list(themes))
    return export.render(view(made, title), msgspec.to_builtins(made), "pdf", NOW)


def text_of(pdf: bytes) -> str:
    """What a reader copies out of the PDF (pdfium: Chromium's PDF engine)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return re.sub(r"\s+", "", "".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


def test_accents_cjk_hangul_emoji_arabic_and_symbols_survive_the_pdf():
    pdf = pdf_of(QUOTES)
    found = text_of(pdf)
    for expected in [TITLE, "田中さんも賛成した。", "límites", "休息", "쉼", *QUOTES]:
        # Arabic is set right to left, so readers extract it in visual order: compare its letters
        want = re.sub(r"\s+", "", expected)
        if any("\u0600" <= c <= "\u06ff" for c in want):
            assert sorted(want) == sorted(c for c in found if "\u0600" <= c <= "\u06ff"), expected
        else:
            assert want in found, expected
    assert "?" not in found  # nothing replaced


def test_an_all_latin_report_embeds_no_fallback_font_and_stays_small():
    assert fallbacks_for("Zoë said “no” — and meant it.") == []
    latin = pdf_of(["J’ai enfin dit « non » à mon équipe."], title="Séance avec Zoë", summary="Zoë chose rest.",
                   themes=("límites",))
    assert b"NotoSansCJK" not in latin and len(latin) < 60_000
    assert {f.family for f in fallbacks_for("".join(QUOTES))} >= {"NotoSansCJK", "NotoEmoji", "NotoSansArabic"}
