from contracts.base import Event
from contracts.catalog import EVENT_OF, SUBJECT_OF, subject_of
from contracts.events import (
    AnalysisCompleted,
    AnalysisFailed,
    CoachingRelationshipChanged,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    SharePermissions,
    TranscriptReceived,
)
from contracts.insight import InsightContent, SessionMetadata
from contracts.transcript import SpeakerRole, Transcript, Turn

__all__ = [
    "EVENT_OF",
    "SUBJECT_OF",
    "AnalysisCompleted",
    "AnalysisFailed",
    "CoachingRelationshipChanged",
    "Event",
    "InsightContent",
    "InsightDeleted",
    "InsightShareRevoked",
    "InsightShared",
    "SessionMetadata",
    "SharePermissions",
    "SpeakerRole",
    "Transcript",
    "TranscriptReceived",
    "Turn",
    "subject_of",
]
