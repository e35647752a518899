"""Insight content (the spec's section 1), carried by AnalysisCompleted.

Every claim carries `evidence`: verbatim quotes from the transcript. The spec has it
on Celebration and ClientDiscovery only; here it is on every claim (an added,
optional field, so the spec's shape is a subset). Label fields are enums (Literal),
so the JSON Schema, OpenAPI and an LLM's structured output all name the allowed values.
"""

from typing import Literal

import msgspec

InsightStatus = Literal["pending", "processing", "completed", "failed"]
CommitmentStrength = Literal["Strong", "Moderate", "Exploratory"]
DepthLevel = Literal["Surface", "Moderate", "Deep"]
ProgressLevel = Literal["Significant", "Moderate", "Minimal", "Setback"]
EngagementLevel = Literal["High", "Moderate", "Low"]
BreakthroughLevel = Literal["Major", "Moderate", "Minor"]
CommitmentLevel = Literal["High", "Medium", "Low"]
ValueBeliefType = Literal["Core Value", "Limiting Belief", "Empowering Belief"]
ProcessingStyle = Literal["Visual", "Auditory", "Kinesthetic", "Mixed"]
QualityLabel = Literal["Excellent", "Good", "Average", "Needs Improvement"]
# The client's state on one ordinal scale, so a shift has a direction.
EmotionalState = Literal["Distressed", "Uneasy", "Neutral", "Positive", "Optimistic"]
ShiftDirection = Literal["improved", "declined"]
SmartElement = Literal["specific", "measurable", "achievable", "relevant", "time-bound"]
# The ICF core competencies (2019 model) that the PCC markers are grouped under.
IcfCompetency = Literal[
    "Demonstrates Ethics",
    "Embodies a Coaching Mindset",
    "Establishes and Maintains Agreements",
    "Cultivates Trust and Safety",
    "Maintains Presence",
    "Listens Actively",
    "Evokes Awareness",
    "Facilitates Client Growth",
]
FeedbackKind = Literal["strength", "missed_opportunity"]


class Celebration(msgspec.Struct, frozen=True, kw_only=True):
    description: str
    significance: str
    evidence: list[str] = []


class Intention(msgspec.Struct, frozen=True, kw_only=True):
    behavior_change: str
    commitment_level: CommitmentStrength
    timeline: str | None = None
    support_needed: list[str] = []
    evidence: list[str] = []


class ClientDiscovery(msgspec.Struct, frozen=True, kw_only=True):
    insight: str
    depth_level: DepthLevel
    emotional_response: str
    evidence: list[str] = []


class GoalProgress(msgspec.Struct, frozen=True, kw_only=True):
    goal_area: str
    progress_description: str
    progress_level: ProgressLevel
    barriers_identified: list[str] = []
    next_steps: list[str] = []
    evidence: list[str] = []


class CoachingPresence(msgspec.Struct, frozen=True, kw_only=True):
    client_engagement_level: EngagementLevel
    rapport_quality: str
    trust_indicators: list[str] = []
    partnership_dynamics: str
    evidence: list[str] = []


class PowerfulQuestion(msgspec.Struct, frozen=True, kw_only=True):
    question: str
    impact_description: str
    client_response_summary: str
    breakthrough_level: BreakthroughLevel
    evidence: list[str] = []


class ActionItem(msgspec.Struct, frozen=True, kw_only=True):
    action: str
    timeline: str | None = None
    accountability_measure: str | None = None
    client_commitment_level: CommitmentLevel
    # SMART elements the commitment does not state (empty: it states them all).
    missing_smart: list[SmartElement] = []
    evidence: list[str] = []


class EmotionalShift(msgspec.Struct, frozen=True, kw_only=True):
    initial_state: str
    final_state: str
    shift_description: str
    catalyst: str
    direction: ShiftDirection | None = None
    evidence: list[str] = []


class ValuesBeliefs(msgspec.Struct, frozen=True, kw_only=True):
    type: ValueBeliefType
    description: str
    impact_on_goals: str
    exploration_depth: str
    evidence: list[str] = []


class CommunicationPattern(msgspec.Struct, frozen=True, kw_only=True):
    processing_style: ProcessingStyle
    expression_patterns: list[str]
    communication_preferences: list[str]
    notable_changes: list[str] = []
    evidence: list[str] = []


class FeedbackItem(msgspec.Struct, frozen=True, kw_only=True):
    """One observation about the coaching, tied to an ICF competency and PCC marker,
    and to the coach's own verbatim words (evidence)."""

    kind: FeedbackKind
    competency: IcfCompetency
    pcc_marker: str  # e.g. "7.6 Asks clear, direct, primarily open-ended questions, one at a time"
    observation: str
    suggestion: str | None = None
    evidence: list[str] = []


class CoachFeedback(msgspec.Struct, frozen=True, kw_only=True):
    strengths: list[FeedbackItem] = []
    missed_opportunities: list[FeedbackItem] = []
    # Why the session got its overall_session_quality, in a sentence or two.
    quality_rationale: str = ""


class SessionMetadata(msgspec.Struct, frozen=True, kw_only=True):
    session_duration_minutes: int | None = None
    transcript_word_count: int
    ai_provider: str
    model_version: str
    processing_time_seconds: float
    analysis_confidence: float
    fallback_used: bool = False
    fallback_reason: str | None = None
    quotes_dropped: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    estimated_cost_usd: float | None = None


class InsightContent(msgspec.Struct, frozen=True, kw_only=True):
    celebration: Celebration | None = None
    intention: Intention | None = None
    client_discoveries: list[ClientDiscovery] = []
    goal_progress: list[GoalProgress] = []
    coaching_presence: CoachingPresence | None = None
    powerful_questions: list[PowerfulQuestion] = []
    action_items: list[ActionItem] = []
    emotional_shifts: list[EmotionalShift] = []
    values_beliefs: list[ValuesBeliefs] = []
    communication_patterns: CommunicationPattern | None = None
    session_summary: str
    key_themes: list[str] = []
    overall_session_quality: QualityLabel
    coach_feedback: CoachFeedback | None = None
    metadata: SessionMetadata
