"""Whether a transcript is English, which is all the embedded analyzer reads.

spaCy's English pipeline parses any text without complaint, so a Spanish session would come back
as confident nonsense ("The client talked mainly about delegar and quiero", no questions, quality
"Average"). The test is the share of words that are English function words (spaCy's stop-word
list): they make up over a third of any English conversation (0.38 to 0.65 over the 329 labelled
sessions, the AnnoMI dev set and the samples) and under a tenth of the same coaching exchange in
Spanish, French, German, Italian, Portuguese or Dutch (0.00 to 0.09); a script without spaces
(Chinese, Japanese) has almost no such words at all. A session in English with a few lines in
another language stays well above the bar. Only the question "English or not" is asked, so no
language-identification model is needed.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from analysis.domain.errors import TranscriptUnreadable
from contracts.transcript import Transcript

MIN_SHARE = 0.15
MIN_LETTERS = 200  # below this a few words decide too much: a short transcript is not judged
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def english_share(text: str) -> tuple[float, int]:
    """(share of the words that are English function words, letters in the text)."""
    words = [w.lower() for w in _WORD.findall(text.replace("\u2019", "'"))]
    letters = sum(map(len, words))
    return (sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0), letters


def require_english(transcript: Transcript) -> None:
    """Raises TranscriptUnreadable for a transcript that is clearly not in English."""
    share, letters = english_share("\n".join(turn.text for turn in transcript.turns))
    if letters >= MIN_LETTERS and share < MIN_SHARE:
        raise TranscriptUnreadable(
            f"The transcript does not appear to be in English ({share:.0%} of its words are common English "
            "words; English conversation has over a third). The built-in analyzer reads English transcripts only.")
