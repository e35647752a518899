"""Evidence must be the words of whoever the claim is about: the client's for a win, an
intention or a commitment; the coach's for a powerful question and for coach feedback."""

from analysis.adapters.analyzers.openai import LlmSettings, OpenAIAnalyzer
from analysis.domain.model import AnalysisContext

from contracts import Transcript, Turn

from ..fake_llm import action, answer, feedback, insight

CONTEXT = AnalysisContext(insight_id="i-1")
COACH_Q = "What would it take to say no to the extra project?"
COACH_PRAISE = "You finished the board presentation, that is a real win."
CLIENT_WIN = "I finished the board presentation and it went well."
CLIENT_PLAN = "I will tell my manager on Monday that I cannot take it on."
TRANSCRIPT = Transcript(turns=[Turn(speaker="Maya", role="coach", text=COACH_PRAISE),
                               Turn(speaker="Alice", role="client", text=CLIENT_WIN),
                               Turn(speaker="Maya", role="coach", text=COACH_Q),
                               Turn(speaker="Alice", role="client", text=CLIENT_PLAN),
                               Turn(speaker="Sam", role="unknown", text="The room went quiet for a while.")])


def settings(fake) -> LlmSettings:
    return LlmSettings(base_url=fake.url, api_key="k", model="m", max_attempts=1)


def question(text: str, *evidence: str) -> dict:
    return {"question": text, "impact_description": "i", "client_response_summary": "c",
            "breakthrough_level": "Major", "evidence": list(evidence)}


async def test_quotes_from_the_wrong_speaker_are_dropped_and_counted(fake_llm):
    fake_llm.then(answer(insight(
        # The coach's praise is not the client's win; the client's own words are.
        celebration={"description": "Board presentation", "significance": "s", "evidence": [COACH_PRAISE]},
        action_items=[action("Tell the manager", CLIENT_PLAN, COACH_Q)],
        powerful_questions=[question("Asked about saying no", COACH_Q),  # question text from the coach's turn
                            question(COACH_Q, CLIENT_PLAN),  # the client's answer dropped: the question is its evidence
                            question("Paraphrased", "What would it take to say no")],  # no question quoted
        emotional_shifts=[{"initial_state": "tense", "final_state": "calm", "shift_description": "settled",
                           "catalyst": "silence", "direction": "improved",
                           "evidence": ["The room went quiet"]}],  # unknown role: may be anyone
        coach_feedback={"strengths": [feedback("strength", COACH_Q, observation="Open question"),
                                      feedback("strength", CLIENT_WIN, observation="Client's words")],
                        "missed_opportunities": [feedback("missed_opportunity", CLIENT_PLAN)],
                        "quality_rationale": "Clear agreement, one open question."})))
    content = await OpenAIAnalyzer(settings(fake_llm)).analyze(TRANSCRIPT, CONTEXT)

    assert content.celebration is None
    [plan] = content.action_items
    assert plan.evidence == [CLIENT_PLAN]
    assert [(q.question, q.evidence) for q in content.powerful_questions] == [(COACH_Q, [COACH_Q])] * 2
    assert content.emotional_shifts[0].evidence == ["The room went quiet"]
    feedback_ = content.coach_feedback
    assert [s.observation for s in feedback_.strengths] == ["Open question"]
    assert feedback_.missed_opportunities == [] and feedback_.quality_rationale.startswith("Clear agreement")
    # praise, COACH_Q for an action, CLIENT_PLAN for a question, the unquoted question,
    # CLIENT_WIN and CLIENT_PLAN as coach feedback
    assert content.metadata.quotes_dropped == 6


async def test_a_powerful_question_needs_the_coachs_question_itself(fake_llm):
    fake_llm.then(answer(insight(powerful_questions=[
        question("Some paraphrase", "You finished the board presentation"),  # coach words, but no question
        question("What would it take to say no to the extra project", COACH_PRAISE)])))
    content = await OpenAIAnalyzer(settings(fake_llm)).analyze(TRANSCRIPT, CONTEXT)
    [kept] = content.powerful_questions
    assert kept.question == "What would it take to say no to the extra project"
    assert kept.evidence == [COACH_PRAISE]
    assert content.metadata.quotes_dropped == 1
