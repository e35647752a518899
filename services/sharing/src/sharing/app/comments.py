"""Comments on an insight: its owner, the relationship's coach (paired), and coaches whose
live grant includes comment write and read one thread. Revoking a coach hides the thread
from them; it stays for the owner."""

from collections.abc import Callable
from dataclasses import dataclass

from sharing.domain.model import Comment, Page
from sharing.domain.rules import check_comment, may_comment
from sharing.ports import Clock, UnitOfWork


async def add_comment(insight_id: str, author_user_id: str, body: str, uow: UnitOfWork, clock: Clock,
                      new_id: Callable[[], str]) -> Comment:
    text = check_comment(body)
    now = clock()
    async with uow:
        may_comment(await uow.insights.get(insight_id), await uow.grants.get(insight_id, author_user_id),
                    author_user_id, now)
        comment = Comment(id=new_id(), insight_id=insight_id, author_user_id=author_user_id, body=text,
                          created_at=now)
        await uow.comments.add(comment)
        await uow.commit()
    return comment


@dataclass(frozen=True)
class Thread:
    comments: list[Comment]  # one page, oldest first
    total_count: int


async def list_comments(insight_id: str, user_id: str, uow: UnitOfWork, clock: Clock,
                        page: Page = Page()) -> Thread:
    async with uow:
        may_comment(await uow.insights.get(insight_id), await uow.grants.get(insight_id, user_id), user_id, clock())
        return Thread(*await uow.comments.for_insight(insight_id, page))
