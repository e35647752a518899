"""Who may do what on NATS: one user per service, allowed to publish only the events it
produces and to read only through its own durable consumers; everything else is denied.
Both come from the event catalog (`contracts.catalog`: PRODUCER_OF, DURABLES_OF, which an e2e
test compares with the consumers a running system has). This one definition produces the `authorization` block of every nats-server config devstack
writes (`just up`, the test fixtures, the three-node cluster), and deployments copy it.

The JetStream API is reached by publishing requests to `$JS.API.<verb>.<stream>[.<consumer>]`
(answers come back on `_INBOX.>`) and acks are published to `$JS.ACK.<stream>.<consumer>.>`,
so each permission names its stream and consumer:
- every service may look up, create and update our four streams (each ensures them at start,
  so services start in any order), and list their consumers (the fullness check);
- a consumer's owner may create it, look it up, pull from it and ack its messages;
- ingestion and analysis may delete messages from their own stream (erasure);
- no service may delete or purge a stream, delete a consumer, or touch another's consumer.

Besides the events, two core-NATS hints (no stream): insights publishes `insights.v1.insight.status`
after it commits a status change and `insights.v1.readers.changed` after any change of what some
users read, and the gateway, whose user may do nothing else, subscribes to them to wake its live
status streams and to forget cached answers (contracts.hints).

Local passwords are derived from one secret (HMAC-SHA256 of the user name), so a test
harness holding the admin URL can hand each service its own password.
"""

import base64
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from contracts.catalog import DURABLES_OF, PRODUCER_OF
from contracts.subjects import ALL_STREAMS, INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1

ADMIN = "devstack"  # full rights: the test harness and the operator's tools, never a service
PLATFORM = "platform"  # what the coaching platform would hold: publishes relationship changes only
INBOX = "_INBOX.>"  # replies to JetStream API requests and publish acks
STREAMS = tuple(name for name, _ in ALL_STREAMS)


@dataclass(frozen=True)
class Grants:
    publishes: tuple[str, ...] = ()  # event subjects
    consumes: tuple[tuple[str, str], ...] = ()  # (durable consumer, subject)
    erases_own: bool = False  # deletes messages it published (erasure)
    hints: tuple[str, ...] = ()  # core-NATS hint subjects it publishes (no stream)


def grants_of(service: str) -> Grants:
    """From the event catalog: the subjects `service` produces, and its durable consumers
    (a durable's name starts with its service's)."""
    return Grants(publishes=tuple(subject for subject, producer in PRODUCER_OF.items() if producer == service),
                  consumes=tuple((durable, subject) for subject, durables in DURABLES_OF.items()
                                 for durable in durables if durable.startswith(f"{service}-")),
                  erases_own=service in ERASE_THEIR_OWN_MESSAGES, hints=HINTS_OF.get(service, ()))


ERASE_THEIR_OWN_MESSAGES = ("ingestion", "analysis", "sharing")  # erasure deletes what they published from their stream
HINTS = (INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1)
HINTS_OF = {"insights": HINTS}  # who publishes which hint
SERVICE_GRANTS: dict[str, Grants] = {
    service: grants_of(service) for service in ("ingestion", "analysis", "insights", "sharing")
}
# Users that only listen to hints: no JetStream, no publishing at all. The gateway reaches the
# services over HTTP; on NATS it only hears that an insight's status, or what someone reads, changed.
LISTENERS: dict[str, tuple[str, ...]] = {"gateway": HINTS}


def stream_of(subject: str) -> str:
    for name, subjects in ALL_STREAMS:
        if any(subject == s or (s.endswith(">") and subject.startswith(s[:-1])) for s in subjects):
            return name
    raise LookupError(f"no stream captures {subject}")


def permissions(grants: Grants) -> dict:
    """nats-server `permissions` for one service."""
    api = "$JS.API"
    publish = [*grants.publishes, *grants.hints]
    for stream in STREAMS:
        publish += [f"{api}.STREAM.INFO.{stream}", f"{api}.STREAM.CREATE.{stream}",
                    f"{api}.STREAM.UPDATE.{stream}", f"{api}.CONSUMER.LIST.{stream}"]
    for durable, subject in grants.consumes:
        stream = stream_of(subject)
        publish += [f"{api}.CONSUMER.INFO.{stream}.{durable}", f"{api}.CONSUMER.CREATE.{stream}.{durable}",
                    f"{api}.CONSUMER.CREATE.{stream}.{durable}.>", f"{api}.CONSUMER.DURABLE.CREATE.{stream}.{durable}",
                    f"{api}.CONSUMER.MSG.NEXT.{stream}.{durable}", f"$JS.ACK.{stream}.{durable}.>"]
    if grants.erases_own:
        publish += sorted({f"{api}.STREAM.MSG.DELETE.{stream_of(s)}" for s in grants.publishes})
    return {"publish": {"allow": publish}, "subscribe": {"allow": [INBOX]}}


def listener_permissions(subjects: Iterable[str]) -> dict:
    """nats-server `permissions` for a user that only subscribes to these core-NATS subjects."""
    return {"publish": {"deny": [">"]}, "subscribe": {"allow": list(subjects)}}


PLATFORM_PERMISSIONS = {"publish": {"allow": [subject for subject, producer in PRODUCER_OF.items()
                                               if producer == PLATFORM]},
                        "subscribe": {"allow": [INBOX]}}


def password_for(secret: str, user: str) -> str:
    """The local password of `user`: the admin's is the secret itself, every other one is
    derived from it."""
    if user == ADMIN:
        return secret
    digest = hmac.new(secret.encode(), user.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def users(secret: str, services: Iterable[str] = SERVICE_GRANTS,
          listeners: Iterable[str] = LISTENERS) -> list[dict]:
    """The `authorization.users` list: the admin, the platform, one user per service and one
    per listener (the gateway)."""
    found = [{"user": ADMIN, "password": password_for(secret, ADMIN)},
             {"user": PLATFORM, "password": password_for(secret, PLATFORM), "permissions": PLATFORM_PERMISSIONS}]
    found += [{"user": name, "password": password_for(secret, name), "permissions": permissions(SERVICE_GRANTS[name])}
              for name in services]
    found += [{"user": name, "password": password_for(secret, name),
               "permissions": listener_permissions(LISTENERS[name])} for name in listeners]
    return found


def service_environment(secret: str) -> dict[str, str]:
    """`<SERVICE>_NATS_USER` / `<SERVICE>_NATS_PASSWORD` for every service with a NATS user
    (the gateway's included)."""
    env = {}
    for name in (*SERVICE_GRANTS, *LISTENERS):
        env[f"{name.upper()}_NATS_USER"] = name
        env[f"{name.upper()}_NATS_PASSWORD"] = password_for(secret, name)
    return env


def system_environment(url: str) -> dict[str, str]:
    """What a local System hands its services for a NATS URL (several, comma-separated, for
    a cluster). On the admin's URL: the URL without the admin's credentials, and each
    service's own user; any other URL as it is."""
    parts = [urlsplit(u.strip()) for u in url.split(",") if u.strip()]
    if not parts or parts[0].username != ADMIN or not parts[0].password:
        return {"NATS_URL": url}
    bare = ",".join(urlunsplit(p._replace(netloc=p.netloc.rsplit("@", 1)[-1])) for p in parts)
    return {"NATS_URL": bare, **service_environment(parts[0].password)}
