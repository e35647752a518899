"""Subjects (versioned) and the JetStream stream each producer owns."""

RELATIONSHIP_CHANGED_V1 = "platform.v1.relationship.changed"
TRANSCRIPT_RECEIVED_V1 = "insights.v1.transcript.received"
ANALYSIS_COMPLETED_V1 = "insights.v1.analysis.completed"
ANALYSIS_FAILED_V1 = "insights.v1.analysis.failed"
INSIGHT_SHARED_V1 = "insights.v1.sharing.granted"
INSIGHT_SHARE_REVOKED_V1 = "insights.v1.sharing.revoked"
INSIGHT_DELETED_V1 = "insights.v1.insight.deleted"

# Core NATS, no stream: a hint the insights service sends after it commits a change of an
# insight's status, for the gateway's live status streams (contracts.hints). Never an event:
# not stored, not in the catalog, not for other services.
INSIGHT_STATUS_HINT_V1 = "insights.v1.insight.status"
# Likewise after any committed change of what some users may read (a new, finished, failed or
# deleted insight; a share or revocation; a relationship's change): the gateway's read cache
# forgets their answers (contracts.hints.ReadersChangedHint).
READERS_CHANGED_HINT_V1 = "insights.v1.readers.changed"

# One stream per producer: (stream name, subjects it captures).
PLATFORM_STREAM = ("PLATFORM", ["platform.v1.>"])
INGESTION_STREAM = ("INGESTION", [TRANSCRIPT_RECEIVED_V1, INSIGHT_DELETED_V1])
ANALYSIS_STREAM = ("ANALYSIS", ["insights.v1.analysis.>"])
SHARING_STREAM = ("SHARING", ["insights.v1.sharing.>"])

ALL_STREAMS = (PLATFORM_STREAM, INGESTION_STREAM, ANALYSIS_STREAM, SHARING_STREAM)
