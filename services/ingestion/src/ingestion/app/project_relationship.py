from contracts.subjects import RELATIONSHIP_CHANGED_V1

from contracts import CoachingRelationshipChanged
from ingestion.domain.model import Relationship
from ingestion.ports import UnitOfWork


async def project_relationship(event: CoachingRelationshipChanged, uow: UnitOfWork) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, RELATIONSHIP_CHANGED_V1):
            return
        await uow.relationships.upsert(Relationship(
            relationship_id=event.relationship_id,
            coach_user_id=event.coach_user_id,
            client_user_id=event.client_user_id,
            status=event.status,
            coach_name=event.coach_name,
            client_name=event.client_name,
            changed_at=event.occurred_at,
        ))
        await uow.commit()
