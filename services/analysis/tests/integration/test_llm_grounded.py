"""Grounded-selection mode end to end: the model sees numbered candidate passages (not the
transcript), cites them by number, and every quote in the insight is a passage's text."""

import re

import pytest
from analysis.adapters.analyzers.openai import LlmSettings, OpenAIAnalyzer
from analysis.adapters.analyzers.openai.passages import Passage
from analysis.domain.errors import AnalyzerUnavailable
from analysis.domain.model import AnalysisContext

from contracts import Transcript, Turn

from ..fake_llm import Reply, answer, insight

CONTEXT = AnalysisContext(insight_id="i-1")
TURNS = [("Maya", "coach", "Welcome back. What would you like to focus on today?"),
         ("Alice", "client", "I finally finished the board presentation, and it went really well. I feel proud."),
         ("Maya", "coach", "That took courage. What made the difference this time?"),
         ("Alice", "client", "I realised I don't have to know every answer before I speak."),
         ("Maya", "coach", "You should delegate more. What will you do with that?"),
         ("Alice", "client", "I will share a rough draft with my team by Friday. Ok.")]
TRANSCRIPT = Transcript(turns=[Turn(speaker=s, role=r, text=t) for s, r, t in TURNS])
_PASSAGE = re.compile(r"^\[(\d+)\] (\S+) \((coach|client|unknown)(?:, ([^)]*))?\): (.*)$", re.M)


def settings(fake, **overrides) -> LlmSettings:
    return LlmSettings(**{**dict(base_url=fake.url, api_key="ollama", model="qwen2.5:3b", mode="grounded",
                                 max_attempts=1, temperature=0.0), **overrides})


def small_model(body: dict) -> Reply:
    """Reads the numbered passages and cites them by number, as the schema asks."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    by_hint: dict[str, list[int]] = {}
    for number, _speaker, _role, hints, _text in _PASSAGE.findall(user):
        for hint in hints.split(", "):
            by_hint.setdefault(hint, []).append(int(number))
    first = {hint: numbers[0] for hint, numbers in by_hint.items()}
    return answer(insight(
        celebration={"passages": [first["win"]], "description": "Finished the board presentation",
                     "significance": "A milestone"},
        client_discoveries=[{"passages": [first["realisation"], 99], "insight": "Need not know everything",
                             "depth_level": "Deep", "emotional_response": "relief"},
                            {"passages": [42], "insight": "Invented", "depth_level": "Surface",
                             "emotional_response": "none"}],
        powerful_questions=[{"passages": [by_hint["question"][1]], "impact_description": "opened reflection",
                             "client_response_summary": "a realisation", "breakthrough_level": "Major"}],
        action_items=[{"passages": [first["commitment"]], "action": "Share a draft with the team",
                       "timeline": "Friday", "accountability_measure": None, "client_commitment_level": "High",
                       "missing_smart": ["measurable"]}],
        values_beliefs=[{"passages": [first["advice"]], "type": "Limiting Belief", "description": "coach's words",
                         "impact_on_goals": "x", "exploration_depth": "y"}],  # a coach passage: wrong speaker
        coach_feedback={"strengths": [{"passages": [first["acknowledgement"]], "kind": "strength",
                                       "competency": "Cultivates Trust and Safety",
                                       "pcc_marker": "4.1 Acknowledges the client's work", "observation": "o",
                                       "suggestion": None}],
                        "missed_opportunities": [{"passages": [first["advice"]], "kind": "missed_opportunity",
                                                  "competency": "Evokes Awareness",
                                                  "pcc_marker": "7.6 Asks open-ended questions",
                                                  "observation": "gave advice", "suggestion": "ask instead"}],
                        "quality_rationale": "Warm and mostly client-led."},
        session_summary="A confident client plans to share drafts early."), prompt_tokens=400, completion_tokens=150)


async def test_the_model_picks_numbered_passages_and_every_quote_is_grounded(fake_llm):
    fake_llm.default = small_model
    content = await OpenAIAnalyzer(settings(fake_llm)).analyze(TRANSCRIPT, CONTEXT)

    [request] = fake_llm.requests
    assert request.schema_name == "grounded_insights"
    assert "<passages>" in request.user and "<transcript>" not in request.user
    assert "Ok." not in request.user  # only candidate passages are sent
    assert (request.body["temperature"], request.body["max_tokens"]) == (0.0, 4096)
    schema = str(request.body["response_format"]["json_schema"]["schema"])
    assert "'evidence'" not in schema and "'passages': {'type': 'array', 'items': {'type': 'integer'}}" in schema
    offered = len(re.findall(r"^\[\d+\]", request.user, re.M))
    print(f"grounded prompt: {len(request.system) + len(request.user)} chars, {offered} passages")

    assert content.celebration.evidence == ["I finally finished the board presentation, and it went really well."]
    [discovery] = content.client_discoveries
    assert discovery.evidence == ["I realised I don't have to know every answer before I speak."]
    [question] = content.powerful_questions
    assert question.question == question.evidence[0] == "What made the difference this time?"
    [act] = content.action_items
    assert act.evidence == ["I will share a rough draft with my team by Friday."]
    assert act.missing_smart == ["measurable"]
    assert content.values_beliefs == []
    feedback = content.coach_feedback
    assert feedback.strengths[0].evidence == ["That took courage."]
    assert feedback.missed_opportunities[0].evidence == ["You should delegate more."]
    # 99 and 42 name no passage; the values item cited the coach
    assert content.metadata.quotes_dropped == 3
    for quote in _all_quotes(content):
        assert any(quote in t.text for t in TRANSCRIPT.turns)


class OnePassage:
    """A candidate source plugged in through the port (as the embedded analyzer's will be)."""

    def propose(self, transcript: Transcript) -> list[Passage]:
        turn = transcript.turns[5]
        return [Passage(number=7, turn_index=5, role=turn.role, speaker=turn.speaker, text=turn.text[:50],
                        hint="commitment")]


async def test_any_candidate_source_plugs_in_through_the_port(fake_llm):
    fake_llm.then(answer(insight(action_items=[
        {"passages": [7], "action": "Share a draft", "timeline": None, "accountability_measure": None,
         "client_commitment_level": "High", "missing_smart": []}])))
    content = await OpenAIAnalyzer(settings(fake_llm), candidates=OnePassage()).analyze(TRANSCRIPT, CONTEXT)
    assert "[7] Alice (client, commitment): I will share a rough draft with my team by Friday." in \
        fake_llm.requests[0].user
    assert content.action_items[0].evidence == ["I will share a rough draft with my team by Friday."]


async def test_no_candidate_passages_means_no_call(fake_llm):
    silent = Transcript(turns=[Turn(speaker="A", role="client", text="Hm.")])
    with pytest.raises(AnalyzerUnavailable, match="nothing to analyse"):
        await OpenAIAnalyzer(settings(fake_llm)).analyze(silent, CONTEXT)
    assert fake_llm.requests == []


def _all_quotes(content) -> list[str]:
    claims = [content.celebration, *content.client_discoveries, *content.powerful_questions, *content.action_items,
              *content.coach_feedback.strengths, *content.coach_feedback.missed_opportunities]
    return [q for c in claims if c for q in c.evidence]
