"""Who may share what, and which requests make sense."""

from datetime import UTC, datetime

from sharing.domain.errors import (
    InvalidCoach,
    InvalidComment,
    InvalidExpiry,
    InvalidPage,
    NotFound,
    NotPermitted,
    NotShareable,
)
from sharing.domain.model import Grant, OwnedInsight, Page

MAX_USER_ID_CHARS = 200
MAX_COMMENT_CHARS = 5000
MAX_PAGE_LIMIT = 100  # as every other list of the API
PAIRED_NOT_SHAREABLE = ("paired insights are visible to the relationship's coach already; "
                        "only unpaired insights can be shared")


def owned_by(insight: OwnedInsight | None, user_id: str) -> OwnedInsight:
    # unknown and someone else's look the same to the caller
    if insight is None or insight.owner_user_id != user_id:
        raise NotFound("no insight of yours has that id")
    return insight


def shareable(insight: OwnedInsight) -> OwnedInsight:
    if not insight.is_unpaired:
        raise NotShareable(PAIRED_NOT_SHAREABLE)
    return insight


def check_coach(owner_user_id: str, coach_user_id: str) -> str:
    coach = coach_user_id.strip()
    if not coach:
        raise InvalidCoach("coach_user_id is empty")
    if len(coach) > MAX_USER_ID_CHARS:
        raise InvalidCoach(f"coach_user_id is longer than {MAX_USER_ID_CHARS} characters")
    if coach == owner_user_id:
        raise InvalidCoach("you cannot share an insight with yourself")
    return coach


def parse_expiry(value: str | None) -> datetime | None:
    if value is None or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidExpiry(f"expires_at {value!r} is not an ISO 8601 date-time") from None
    return parsed


def check_expiry(expires_at: datetime | None, now: datetime) -> datetime | None:
    if expires_at is None:
        return None
    if expires_at.tzinfo is None:  # a time without zone is read as UTC, like every other time here
        expires_at = expires_at.replace(tzinfo=UTC)
    if expires_at <= now:
        raise InvalidExpiry("expires_at must be in the future")
    return expires_at


def may_comment(insight: OwnedInsight | None, grant: Grant | None, user_id: str, now: datetime) -> OwnedInsight:
    """The owner, the relationship's coach (paired), or a coach whose live grant includes
    comment. A live grant without it is 403; anyone else (revoked, expired, stranger) 404."""
    if insight is not None:
        if user_id == insight.owner_user_id or (not insight.is_unpaired and user_id == insight.coach_user_id):
            return insight
        if insight.is_unpaired and grant is not None and grant.active_at(now):
            if grant.permissions.comment:
                return insight
            raise NotPermitted("your share of this insight does not include comments")
    raise NotFound("no insight of yours has that id")


def check_comment(body: str) -> str:
    text = body.strip()
    if not text:
        raise InvalidComment("the comment is empty")
    if len(text) > MAX_COMMENT_CHARS:
        raise InvalidComment(f"the comment is longer than {MAX_COMMENT_CHARS} characters")
    return text


def parse_page(limit: object = 20, offset: object = 0) -> Page:
    try:
        limit_n, offset_n = int(str(limit)), int(str(offset))
    except ValueError:
        raise InvalidPage("limit and offset must be whole numbers") from None
    if not 1 <= limit_n <= MAX_PAGE_LIMIT:
        raise InvalidPage(f"limit must be between 1 and {MAX_PAGE_LIMIT}")
    if offset_n < 0:
        raise InvalidPage("offset must be 0 or more")
    return Page(limit_n, offset_n)
