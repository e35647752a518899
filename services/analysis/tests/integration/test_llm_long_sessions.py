"""Long sessions on the LLM path: overlapping parts, one synthesis call, cut-off answers
split rather than retried, the temperature on every request."""

import re

import pytest
from analysis.adapters.analyzers.openai import LlmSettings, OpenAIAnalyzer
from analysis.domain.errors import AnalyzerUnavailable
from analysis.domain.model import AnalysisContext

from contracts import Transcript, Turn

from ..fake_llm import Reply, action, answer, by_schema, cut_off, feedback, insight, synthesis

CONTEXT = AnalysisContext(insight_id="i-1")


def settings(fake, **overrides) -> LlmSettings:
    values = dict(base_url=fake.url, api_key="test-key", model="fake-model", timeout_seconds=5, max_attempts=2,
                  backoff_seconds=0.05, max_wait_seconds=1)
    return LlmSettings(**{**values, **overrides})


def turn(n: int) -> Turn:
    if n % 2:  # odd turns: the client
        return Turn(speaker="Alice", role="client", text=f"Turn {n} marker-{n}: I will plan the quarter with the "
                                                         "team and I feel calmer about it now. " * 2)
    return Turn(speaker="Maya", role="coach", text=f"Turn {n} marker-{n}: what would make the quarter a success "
                                                   "for you and for the team?")


def numbers(user: str) -> list[int]:
    return [int(n) for n in re.findall(r"^\[(\d+)\]", user, re.M)]


def by_part(body: dict) -> Reply:
    """Per client turn: one action (same words in every part) and one discovery worded by part,
    so overlapping parts report the same finding twice; per coach turn a strength."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    seen = numbers(user)
    first, last = seen[0], seen[-1]
    client = [n for n in seen if n % 2]
    coach = [n for n in seen if not n % 2]
    return answer(insight(
        action_items=[action(f"Plan for turn {n}", f"Turn {n} marker-{n}:") for n in client],
        client_discoveries=[{"insight": f"Discovery at turn {n}, seen in part {first}-{last}", "depth_level": "Deep",
                             "emotional_response": "calm", "evidence": [f"Turn {n} marker-{n}:"]} for n in client],
        intention={"behavior_change": f"Intention from part {first}-{last}", "commitment_level": "Strong",
                   "timeline": None, "support_needed": [], "evidence": [f"Turn {client[0]} marker-{client[0]}:"]},
        coach_feedback={"strengths": [feedback("strength", f"Turn {n} marker-{n}:", observation=f"Asked at {n}")
                                      for n in coach],
                        "missed_opportunities": [], "quality_rationale": f"Part {first}-{last} rationale."},
        session_summary=f"Summary of turns {first}-{last}.", overall_session_quality="Average"),
        prompt_tokens=300, completion_tokens=50)


def keep_first_discovery_per_turn(body: dict) -> Reply:
    """The synthesis 'model': of discoveries naming the same turn, keep the first; choose intention 2."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    listing = user.split("client_discoveries:\n", 1)[1].split("\n\n", 1)[0]
    first_by_turn: dict[str, int] = {}
    for line in listing.splitlines():
        number, turn_no = re.match(r"(\d+)\. Discovery at turn (\d+)", line).groups()
        first_by_turn.setdefault(turn_no, int(number))
    return answer(synthesis(keep={"client_discoveries": list(first_by_turn.values())}, intention=2,
                            overall_session_quality="Excellent", session_summary="One story of the whole session."),
                  prompt_tokens=120, completion_tokens=40)


def analyzer_with_part_budget(fake, budget: int, **overrides) -> OpenAIAnalyzer:
    probe = OpenAIAnalyzer(settings(fake, context_tokens=100_000, max_output_tokens=100, **overrides))
    overhead = 100_000 - 100 - probe.part_budget_tokens
    analyzer = OpenAIAnalyzer(settings(fake, context_tokens=overhead + 100 + budget, max_output_tokens=100,
                                       **overrides))
    assert analyzer.part_budget_tokens == budget
    return analyzer


async def test_a_long_session_is_analysed_in_overlapping_parts_then_synthesised_without_duplicates(fake_llm):
    transcript = Transcript(turns=[turn(n) for n in range(1, 16)])
    fake_llm.default = by_schema(session_insights=by_part, session_synthesis=keep_first_discovery_per_turn)
    content = await analyzer_with_part_budget(fake_llm, 256).analyze(transcript, CONTEXT)

    kinds = [r.schema_name for r in fake_llm.requests]
    parts = [numbers(r.user) for r in fake_llm.requests if r.schema_name == "session_insights"]
    print(f"parts: {len(parts)} {parts}")
    assert len(parts) >= 3 and kinds == ["session_insights"] * len(parts) + ["session_synthesis"]
    assert {n for p in parts for n in p} == set(range(1, 16))
    assert all(p[0] < q[0] and p[-1] >= q[0] for p, q in zip(parts, parts[1:], strict=False))  # they overlap
    for coach_turn in range(2, 15, 2):  # every question meets its answer in some part
        assert any(coach_turn in p and coach_turn + 1 in p for p in parts), coach_turn

    # No duplicates: the same action merged; differently worded discoveries chosen by the synthesis.
    assert [a.action for a in content.action_items] == [f"Plan for turn {n}" for n in range(1, 16, 2)]
    discovered = [re.match(r"Discovery at turn (\d+)", d.insight)[1] for d in content.client_discoveries]
    assert discovered == [str(n) for n in range(1, 16, 2)]
    strengths = content.coach_feedback.strengths
    assert [s.evidence for s in strengths] == [[f"Turn {n} marker-{n}:"] for n in range(2, 15, 2)]
    # Whole-session fields come from the synthesis.
    assert content.session_summary == "One story of the whole session."
    assert content.overall_session_quality == "Excellent"
    assert content.coach_feedback.quality_rationale == "Open questions, client-led actions."
    assert content.intention.behavior_change == f"Intention from part {parts[1][0]}-{parts[1][-1]}"
    synthesis_request = fake_llm.requests[-1]
    print(f"synthesis request: {len(synthesis_request.user)} chars; part request: {len(fake_llm.requests[0].user)}")
    assert "<findings>" in synthesis_request.user and "[1]" not in synthesis_request.user
    meta = content.metadata
    assert (meta.prompt_tokens, meta.completion_tokens) == (300 * len(parts) + 120, 50 * len(parts) + 40)


async def test_a_failed_synthesis_keeps_the_merged_parts(fake_llm):
    transcript = Transcript(turns=[turn(n) for n in range(1, 10)])
    fake_llm.default = by_schema(session_insights=by_part, session_synthesis=answer("not json"))
    content = await analyzer_with_part_budget(fake_llm, 256).analyze(transcript, CONTEXT)
    assert fake_llm.requests[-1].schema_name == "session_synthesis"
    assert [a.action for a in content.action_items] == [f"Plan for turn {n}" for n in range(1, 10, 2)]
    assert content.session_summary.startswith("Summary of turns 1-")


def cut_off_above(lines: int, inner=by_part):
    def reply(body: dict) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        return cut_off() if len(numbers(user)) > lines else inner(body)

    return reply


async def test_a_cut_off_answer_is_split_in_halves_never_resent(fake_llm):
    transcript = Transcript(turns=[turn(n) for n in range(1, 7)])
    fake_llm.default = by_schema(session_insights=cut_off_above(3), session_synthesis=answer(synthesis()))
    content = await OpenAIAnalyzer(settings(fake_llm)).analyze(transcript, CONTEXT)

    asked = [numbers(r.user) for r in fake_llm.requests if r.schema_name == "session_insights"]
    print(f"requests: {asked}")
    assert asked == [[1, 2, 3, 4, 5, 6], [1, 2, 3], [3, 4, 5, 6], [3, 4], [4, 5, 6]]
    bodies = [str(r.body) for r in fake_llm.requests]
    assert len(set(bodies)) == len(bodies)  # no request sent twice
    assert fake_llm.requests[-1].schema_name == "session_synthesis"
    assert [a.action for a in content.action_items] == ["Plan for turn 1", "Plan for turn 3", "Plan for turn 5"]
    assert content.metadata.completion_tokens == 2 * 4096 + 3 * 50 + 200  # cut-off answers cost too


async def test_cutting_stops_at_the_split_depth(fake_llm):
    transcript = Transcript(turns=[turn(n) for n in range(1, 7)])
    fake_llm.default = cut_off()
    with pytest.raises(AnalyzerUnavailable, match="cut off") as caught:
        await OpenAIAnalyzer(settings(fake_llm, max_split_depth=1)).analyze(transcript, CONTEXT)
    assert len(fake_llm.requests) == 2  # the whole, then its first half, which may not be halved again
    assert caught.value.completion_tokens == 2 * 4096


async def test_a_single_over_long_turn_cut_off_is_cut_in_two(fake_llm):
    long_turn = Turn(speaker="Alice", role="client", text=" ".join(f"w{i}" for i in range(400)))
    fake_llm.default = by_schema(
        session_insights=lambda body: cut_off() if "(part" not in body["messages"][1]["content"] else answer(insight()),
        session_synthesis=answer(synthesis()))
    await OpenAIAnalyzer(settings(fake_llm)).analyze(Transcript(turns=[long_turn]), CONTEXT)
    users = [r.user for r in fake_llm.requests if r.schema_name == "session_insights"]
    assert len(users) == 3 and "(part 1/2): w0 w1" in users[1] and "(part 2/2):" in users[2]
    assert "w399" in users[2] and "w399" not in users[1]


async def test_the_temperature_is_sent_on_every_request(fake_llm):
    transcript = Transcript(turns=[turn(n) for n in range(1, 10)])
    fake_llm.default = by_schema(session_insights=by_part, session_synthesis=answer(synthesis()))
    await analyzer_with_part_budget(fake_llm, 256).analyze(transcript, CONTEXT)
    assert len(fake_llm.requests) > 2
    assert all(r.body["temperature"] == 0.2 for r in fake_llm.requests)
    assert all(r.body["max_completion_tokens"] == 100 for r in fake_llm.requests)

    fake_llm.requests.clear()
    await OpenAIAnalyzer(settings(fake_llm, temperature=None)).analyze(transcript, CONTEXT)
    assert all("temperature" not in r.body for r in fake_llm.requests)


def test_settings_from_the_environment():
    env = {"INSIGHTS_LLM_BASE_URL": "http://localhost:11434/v1", "INSIGHTS_LLM_API_KEY": "ollama",
           "INSIGHTS_LLM_MODEL": "qwen2.5:3b", "INSIGHTS_LLM_MODE": "grounded", "INSIGHTS_LLM_TEMPERATURE": "0",
           "INSIGHTS_LLM_OVERLAP_TURNS": "3"}
    s = LlmSettings.from_env(lambda name, default: env.get(name, default))
    assert (s.mode, s.temperature, s.overlap_turns, s.max_split_depth) == ("grounded", 0.0, 3, 3)
    env.pop("INSIGHTS_LLM_MODE"), env.pop("INSIGHTS_LLM_TEMPERATURE")
    s = LlmSettings.from_env(lambda name, default: env.get(name, default))
    assert (s.mode, s.temperature) == ("full", 0.2)
    env["INSIGHTS_LLM_MODE"] = "tiny"
    with pytest.raises(ValueError, match="INSIGHTS_LLM_MODE"):
        LlmSettings.from_env(lambda name, default: env.get(name, default))
