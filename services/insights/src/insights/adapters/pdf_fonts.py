"""The fonts of the PDF export, so names and quotes keep every character in any script.

Noto Sans sets Latin, Greek and Cyrillic; Noto faces for every other script follow as
fallbacks (symbols, emoji, Chinese/Japanese/Korean, Arabic, Hebrew, Indic, Thai, ...). All
come from wheels (manimgx-fonts, noto-cjk-sans-otc; SIL Open Font License), nothing is
fetched at run time. A fallback is embedded only when the report uses a character that only
it has: an all-Latin export stays small and quick, and the 19 MB CJK collection is read only
for a report that needs it. fpdf2 embeds just the glyphs used."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import manimgx_fonts
import noto_cjk_sans_otc
from fontTools.ttLib import TTFont

NOTO = Path(manimgx_fonts.__file__).parent
FAMILY = "NotoSans"


@dataclass(frozen=True)
class Face:
    family: str
    path: Path
    index: int = 0  # the face within a collection (.ttc)


REGULAR = Face(FAMILY, NOTO / "NotoSans[wght].ttf")
ITALIC = Face(FAMILY, NOTO / "NotoSans-Italic[wght].ttf")
# the order of preference for a character Noto Sans lacks; CJK face 0 is the Japanese
# design, which also covers Simplified and Traditional Chinese and Hangul
FALLBACKS = (
    Face("NotoSansSymbols", NOTO / "NotoSansSymbols[wght].ttf"),
    Face("NotoEmoji", NOTO / "NotoEmoji[wght].ttf"),
    Face("NotoSansCJK", Path(str(noto_cjk_sans_otc.FONT_PATH)), index=0),
    *(Face(f"NotoSans{script}", NOTO / f"NotoSans{script}[wght].ttf")
      for script in ("Arabic", "Hebrew", "Devanagari", "Bengali", "Tamil", "Telugu", "Kannada", "Malayalam",
                     "Gujarati", "Gurmukhi", "Oriya", "Sinhala", "Thai", "Lao", "Khmer", "Myanmar", "Armenian",
                     "Georgian", "Ethiopic")),
)


@cache
def coverage(face: Face) -> frozenset[int]:
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def fallbacks_for(text: str) -> list[Face]:
    """The fallback faces the text needs, in order of preference, each for characters the
    faces before it lack."""
    missing = {ord(c) for c in set(text) if not c.isspace() and c.isprintable()} - coverage(REGULAR)
    needed = []
    for face in FALLBACKS:
        if not missing:
            break
        if found := missing & coverage(face):
            needed.append(face)
            missing -= found
    return needed
