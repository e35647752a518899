"""Insight content (the spec's section 1), carried by AnalysisCompleted.

Every claim carries `evidence`: verbatim quotes from the transcript. The spec has it
on Celebration and ClientDiscovery only; here it is on every claim (an added,
optional field, so the spec's shape is a subset).
"""

from typing import Literal

import msgspec

InsightStatus = Literal["pending", "processing", "completed", "failed"]


class Celebration(msgspec.Struct, frozen=True, kw_only=True):
    description: str
    significance: str
    evidence: list[str] = []


class Intention(msgspec.Struct, frozen=True, kw_only=True):
    behavior_change: str
    commitment_level: str  # Strong | Moderate | Exploratory
    timeline: str | None = None
    support_needed: list[str] = []
    evidence: list[str] = []


class ClientDiscovery(msgspec.Struct, frozen=True, kw_only=True):
    insight: str
    depth_level: str  # Surface | Moderate | Deep
    emotional_response: str
    evidence: list[str] = []


class GoalProgress(msgspec.Struct, frozen=True, kw_only=True):
    goal_area: str
    progress_description: str
    progress_level: str  # Significant | Moderate | Minimal | Setback
    barriers_identified: list[str] = []
    next_steps: list[str] = []
    evidence: list[str] = []


class CoachingPresence(msgspec.Struct, frozen=True, kw_only=True):
    client_engagement_level: str  # High | Moderate | Low
    rapport_quality: str
    trust_indicators: list[str] = []
    partnership_dynamics: str
    evidence: list[str] = []


class PowerfulQuestion(msgspec.Struct, frozen=True, kw_only=True):
    question: str
    impact_description: str
    client_response_summary: str
    breakthrough_level: str  # Major | Moderate | Minor
    evidence: list[str] = []


class ActionItem(msgspec.Struct, frozen=True, kw_only=True):
    action: str
    timeline: str | None = None
    accountability_measure: str | None = None
    client_commitment_level: str  # High | Medium | Low
    evidence: list[str] = []


class EmotionalShift(msgspec.Struct, frozen=True, kw_only=True):
    initial_state: str
    final_state: str
    shift_description: str
    catalyst: str
    evidence: list[str] = []


class ValuesBeliefs(msgspec.Struct, frozen=True, kw_only=True):
    type: str  # Core Value | Limiting Belief | Empowering Belief
    description: str
    impact_on_goals: str
    exploration_depth: str
    evidence: list[str] = []


class CommunicationPattern(msgspec.Struct, frozen=True, kw_only=True):
    processing_style: str  # Visual | Auditory | Kinesthetic | Mixed
    expression_patterns: list[str]
    communication_preferences: list[str]
    notable_changes: list[str] = []
    evidence: list[str] = []


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
    overall_session_quality: str  # Excellent | Good | Average | Needs Improvement
    metadata: SessionMetadata
