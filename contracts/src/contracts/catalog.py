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

# Who publishes each subject: one of our services, or the platform around us.
PRODUCER_OF: dict[str, str] = {
    s.RELATIONSHIP_CHANGED_V1: "platform",
    s.TRANSCRIPT_RECEIVED_V1: "ingestion",
    s.ANALYSIS_COMPLETED_V1: "analysis",
    s.ANALYSIS_FAILED_V1: "analysis",
    s.INSIGHT_SHARED_V1: "sharing",
    s.INSIGHT_SHARE_REVOKED_V1: "sharing",
    s.INSIGHT_DELETED_V1: "ingestion",
}
# The durable consumers our own services keep on each subject (a durable's name starts with
# its service's). The e2e catalog test compares this with the consumers a running system has.
DURABLES_OF: dict[str, tuple[str, ...]] = {
    s.RELATIONSHIP_CHANGED_V1: ("ingestion-relationships", "insights-CoachingRelationshipChanged"),
    s.TRANSCRIPT_RECEIVED_V1: ("analysis-workers", "insights-TranscriptReceived", "sharing-ownership"),
    s.ANALYSIS_COMPLETED_V1: ("insights-AnalysisCompleted",),
    s.ANALYSIS_FAILED_V1: ("insights-AnalysisFailed",),
    s.INSIGHT_SHARED_V1: ("insights-InsightShared",),
    s.INSIGHT_SHARE_REVOKED_V1: ("insights-InsightShareRevoked",),
    s.INSIGHT_DELETED_V1: ("ingestion-erasure", "analysis-erasure", "insights-InsightDeleted", "sharing-erasure"),
}


def subject_of(event: Event) -> str:
    return SUBJECT_OF[type(event)]
