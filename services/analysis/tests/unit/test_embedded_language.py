"""The embedded analyzer reads English only, and says so instead of analysing another language."""

import pytest
from analysis.adapters.analyzers.embedded import analyze_transcript
from analysis.domain.errors import TranscriptUnreadable
from analysis.domain.model import readable_reason
from contracts.transcript import Transcript, Turn

from .test_embedded_analyzer import CAREER

SPANISH = Transcript(turns=[Turn(speaker=who, role=who.lower(), text=text) for who, text in (
    ("Coach", "Hola Marta, ¿en qué te gustaría trabajar hoy?"),
    ("Client", "Quiero aprender a delegar. Trabajo sesenta horas a la semana y estoy agotada."),
    ("Coach", "¿Qué te impide delegar ahora mismo?"),
    ("Client", "Creo que nadie lo hará tan bien como yo. Siempre he sido así."),
    ("Coach", "¿Qué pasaría si dejaras que tu equipo se equivocara?"),
    ("Client", "Me doy cuenta de que tengo miedo de perder el control. Eso es nuevo para mí."),
    ("Coach", "¿Qué vas a hacer esta semana?"),
    ("Client", "Voy a pedirle a Luis que dirija la reunión del viernes. Lo haré mañana."),
)])


def test_a_session_in_spanish_is_refused_with_a_reason_the_user_can_read():
    with pytest.raises(TranscriptUnreadable) as refused:
        analyze_transcript(SPANISH)
    reason = readable_reason(refused.value)
    assert "not appear to be in English" in reason and "reads English transcripts only" in reason


def test_an_english_session_with_a_few_words_of_another_language_is_analysed():
    turns = [*CAREER.turns[:2], Turn(speaker="Client", role="client", text="Bueno, ya sabes. Es complicado."),
             *CAREER.turns[2:]]
    content = analyze_transcript(Transcript(turns=turns))
    assert content.action_items and content.powerful_questions


def test_a_few_words_are_too_few_to_judge_the_language():
    short = Transcript(turns=[Turn(speaker="Coach", role="coach", text="¿Qué vas a hacer?"),
                              Turn(speaker="Client", role="client", text="Voy a llamar a Luis mañana.")])
    assert analyze_transcript(short).metadata.ai_provider == "embedded"
