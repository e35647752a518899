"""Sharing's HTTP API (called by the gateway with the caller's bearer token)."""

from collections.abc import Callable
from datetime import datetime

import msgspec
from chassis.identity import Identity
from litestar import Request, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from sharing.adapters.operator import check_operator
from sharing.app.comments import add_comment, list_comments
from sharing.app.erase_user import erase_user
from sharing.app.list_shares import Shares, list_shares
from sharing.app.revoke_share import revoke_share
from sharing.app.share_insight import ShareInsight, share_insight
from sharing.domain.model import AuditEntry, Comment, Grant, Permissions
from sharing.domain.rules import parse_expiry, parse_page
from sharing.ports import Clock, UnitOfWork


class PermissionsBody(msgspec.Struct, kw_only=True):
    view: bool = True
    comment: bool = False
    export: bool = False


class ShareInsightRequest(msgspec.Struct, kw_only=True):
    """The spec's ShareInsightRequest, plus an optional expiry (ISO 8601)."""

    coach_user_id: str
    permissions: PermissionsBody = msgspec.field(default_factory=PermissionsBody)
    expires_at: str | None = None


class GrantBody(msgspec.Struct, kw_only=True):
    coach_user_id: str
    permissions: PermissionsBody
    expires_at: datetime | None
    granted_at: datetime
    updated_at: datetime


class AuditBody(msgspec.Struct, kw_only=True):
    actor_user_id: str
    action: str
    coach_user_id: str | None
    permissions: PermissionsBody | None
    expires_at: datetime | None
    at: datetime


class SharesBody(msgspec.Struct, kw_only=True):
    insight_id: str
    grants: list[GrantBody]
    audit: list[AuditBody]  # one page (limit, offset), oldest first
    audit_total_count: int


class CommentRequest(msgspec.Struct, kw_only=True):
    body: str


class CommentBody(msgspec.Struct, kw_only=True):
    id: str
    insight_id: str
    author_user_id: str
    body: str
    created_at: datetime


class CommentsBody(msgspec.Struct, kw_only=True):
    insight_id: str
    comments: list[CommentBody]  # one page (limit, offset), oldest first
    total_count: int


class UserErasedBody(msgspec.Struct, kw_only=True):
    user_id: str
    grants_revoked: int
    comments_deleted: int


def comment_body(c: Comment) -> CommentBody:
    return CommentBody(id=c.id, insight_id=c.insight_id, author_user_id=c.author_user_id, body=c.body,
                       created_at=c.created_at)


def permissions_body(p: Permissions | None) -> PermissionsBody | None:
    return PermissionsBody(view=p.view, comment=p.comment, export=p.export) if p else None


def grant_body(g: Grant) -> GrantBody:
    return GrantBody(coach_user_id=g.coach_user_id, permissions=permissions_body(g.permissions),
                     expires_at=g.expires_at, granted_at=g.granted_at, updated_at=g.updated_at)


def audit_body(e: AuditEntry) -> AuditBody:
    return AuditBody(actor_user_id=e.actor_user_id, action=e.action, coach_user_id=e.coach_user_id,
                     permissions=permissions_body(e.permissions), expires_at=e.expires_at, at=e.at)


def shares_body(shares: Shares) -> SharesBody:
    return SharesBody(insight_id=shares.insight_id, grants=[grant_body(g) for g in shares.grants],
                      audit=[audit_body(e) for e in shares.audit], audit_total_count=shares.audit_total_count)


def routes(uow_factory: Callable[[], UnitOfWork], clock: Clock, new_id: Callable[[], str],
           operator_token: str | None = None) -> list:
    # explicit FromPath / JSONBody / NamedDependency: Litestar 3 drops the inferred forms.
    # A SharingError raised below is a chassis Refusal: it becomes problem+json on its own.
    @post("/v1/shares/{insight_id:str}", status_code=200)
    async def share(insight_id: FromPath[str], data: JSONBody[ShareInsightRequest],
                    caller: NamedDependency[Identity]) -> dict[str, str]:
        grant = await share_insight(ShareInsight(
            insight_id=insight_id, owner_user_id=caller.user_id, coach_user_id=data.coach_user_id,
            permissions=Permissions(view=data.permissions.view, comment=data.permissions.comment,
                                    export=data.permissions.export),
            expires_at=parse_expiry(data.expires_at),
        ), uow_factory(), clock)
        return {"message": "Insight shared", "insight_id": insight_id, "coach_user_id": grant.coach_user_id}

    @delete("/v1/shares/{insight_id:str}/{coach_user_id:str}", status_code=200)
    async def revoke(insight_id: FromPath[str], coach_user_id: FromPath[str],
                     caller: NamedDependency[Identity]) -> dict[str, str]:
        await revoke_share(insight_id, coach_user_id, caller.user_id, uow_factory(), clock)
        return {"message": "Sharing revoked", "insight_id": insight_id, "coach_user_id": coach_user_id}

    @get("/v1/shares/{insight_id:str}")
    async def shares(insight_id: FromPath[str], caller: NamedDependency[Identity], limit: str = "20",
                     offset: str = "0") -> SharesBody:
        # paging parsed here, not by Litestar (whose validation answers 400): bad paging is a 422
        page = parse_page(limit, offset)
        return shares_body(await list_shares(insight_id, caller.user_id, uow_factory(), clock, page))

    @post("/v1/comments/{insight_id:str}", status_code=201)
    async def comment(insight_id: FromPath[str], data: JSONBody[CommentRequest],
                      caller: NamedDependency[Identity]) -> CommentBody:
        return comment_body(await add_comment(insight_id, caller.user_id, data.body, uow_factory(), clock, new_id))

    @get("/v1/comments/{insight_id:str}")
    async def comments(insight_id: FromPath[str], caller: NamedDependency[Identity], limit: str = "20",
                       offset: str = "0") -> CommentsBody:
        page = parse_page(limit, offset)
        thread = await list_comments(insight_id, caller.user_id, uow_factory(), clock, page)
        return CommentsBody(insight_id=insight_id, comments=[comment_body(c) for c in thread.comments],
                            total_count=thread.total_count)

    @post("/internal/v1/users/{user_id:str}/erase", status_code=200, include_in_schema=False)
    async def erase(user_id: FromPath[str], request: Request) -> UserErasedBody:
        check_operator(request, operator_token)
        done = await erase_user(user_id, uow_factory(), clock)
        return UserErasedBody(user_id=user_id, grants_revoked=done.grants_revoked,
                              comments_deleted=done.comments_deleted)

    return [share, revoke, shares, comment, comments, erase]
