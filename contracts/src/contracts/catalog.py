"""Which event travels on which subject: the single table producers and consumers share."""

from contracts import subjects as s
from contracts.base import Event
from contracts.events import (
    AnalysisCompleted,
    AnalysisFailed,
    CoachingRelationshipChanged,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    TranscriptReceived,
)

SUBJECT_OF: dict[type[Event], str] = {
    CoachingRelationshipChanged: s.RELATIONSHIP_CHANGED_V1,
    TranscriptReceived: s.TRANSCRIPT_RECEIVED_V1,
    AnalysisCompleted: s.ANALYSIS_COMPLETED_V1,
    AnalysisFailed: s.ANALYSIS_FAILED_V1,
    InsightShared: s.INSIGHT_SHARED_V1,
    InsightShareRevoked: s.INSIGHT_SHARE_REVOKED_V1,
    InsightDeleted: s.INSIGHT_DELETED_V1,
}
EVENT_OF: dict[str, type[Event]] = {subject: cls for cls, subject in SUBJECT_OF.items()}


def subject_of(event: Event) -> str:
    return SUBJECT_OF[type(event)]
