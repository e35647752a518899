"""Request bodies of the public API (the spec's shapes), validated at the front door."""

from typing import Annotated

import msgspec

# No NUL characters: Postgres text cannot hold them (found by the API fuzzer: a 500 in ingestion).
Text = Annotated[str, msgspec.Meta(pattern=r"^[^\x00]*$")]


class SessionInsightCreateRequest(msgspec.Struct, kw_only=True):
    coaching_relationship_id: Text
    transcript_text: Text
    session_date: Text | None = None
    session_title: Text | None = None
    coach_speaker: Text | None = None


class UnpairedSessionInsightCreateRequest(msgspec.Struct, kw_only=True):
    transcript_text: Text
    session_date: Text | None = None
    session_title: Text | None = None
    coach_speaker: Text | None = None


class SharePermissionsBody(msgspec.Struct, kw_only=True):
    view: bool = True
    comment: bool = False
    export: bool = False


class ShareInsightRequest(msgspec.Struct, kw_only=True):
    coach_user_id: Text
    permissions: SharePermissionsBody = msgspec.field(default_factory=SharePermissionsBody)
    expires_at: Text | None = None


class CommentRequest(msgspec.Struct, kw_only=True):
    body: Text
