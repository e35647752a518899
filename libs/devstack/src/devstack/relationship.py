"""`just relationship RID COACH_ID CLIENT_ID [COACH_NAME] [CLIENT_NAME]`: publish what the
platform would publish when a coaching relationship becomes active."""

import asyncio
import os
import sys

import msgspec
import nats
from nats.errors import NoServersError
from nats.js.errors import NoStreamResponseError

from contracts import CoachingRelationshipChanged, subject_of

from devstack import nats_auth
from devstack.local import LocalStack


async def publish(url: str, event: CoachingRelationshipChanged) -> None:
    client = await nats.connect(url.split(","), connect_timeout=2, max_reconnect_attempts=0)
    try:
        await client.jetstream().publish(subject_of(event), msgspec.json.encode(event),
                                         headers={"Nats-Msg-Id": event.event_id}, timeout=5)
    finally:
        await client.close()


def main() -> None:
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit("usage: just relationship RELATIONSHIP_ID COACH_ID CLIENT_ID [COACH_NAME] [CLIENT_NAME]")
    names = [*args[3:5], "", ""]
    event = CoachingRelationshipChanged(relationship_id=args[0], coach_user_id=args[1], client_user_id=args[2],
                                        status="active", coach_name=names[0] or None, client_name=names[1] or None)
    # the local stack's NATS, as the platform's user (it may publish relationship changes only)
    url = os.environ.get("PLATFORM_NATS_URL") or LocalStack.from_env().nats_url_as(nats_auth.PLATFORM)
    try:
        asyncio.run(publish(url, event))
    except (NoServersError, NoStreamResponseError, OSError) as exc:
        sys.exit(f"could not publish to NATS ({type(exc).__name__}): is `just up` running?")
    print(f"relationship {event.relationship_id} active: coach {event.coach_user_id}, client {event.client_user_id}")


if __name__ == "__main__":
    main()
