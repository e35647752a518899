"""Request bodies of the public API (the spec's shapes), validated at the front door."""

import msgspec


class SessionInsightCreateRequest(msgspec.Struct, kw_only=True):
    coaching_relationship_id: str
    transcript_text: str
    session_date: str | None = None
    session_title: str | None = None
    coach_speaker: str | None = None


class UnpairedSessionInsightCreateRequest(msgspec.Struct, kw_only=True):
    transcript_text: str
    session_date: str | None = None
    session_title: str | None = None
    coach_speaker: str | None = None


class SharePermissionsBody(msgspec.Struct, kw_only=True):
    view: bool = True
    comment: bool = False
    export: bool = False


class ShareInsightRequest(msgspec.Struct, kw_only=True):
    coach_user_id: str
    permissions: SharePermissionsBody = msgspec.field(default_factory=SharePermissionsBody)
    expires_at: str | None = None


class CommentRequest(msgspec.Struct, kw_only=True):
    body: str
