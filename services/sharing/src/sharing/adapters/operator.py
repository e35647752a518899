"""Operator-only routes: the caller must send X-Operator-Token equal to OPERATOR_TOKEN.
Without OPERATOR_TOKEN set the routes answer 404, as if absent: erasure is never open by
default. (A loopback-address check would not do: behind a proxy every caller is local.)"""

import hmac

from chassis.problems import Problem
from litestar.connection import ASGIConnection


def check_operator(connection: ASGIConnection, expected: str | None) -> None:
    if not expected:
        raise Problem(404, "not_found", "No such route.")
    sent = connection.headers.get("x-operator-token", "")
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Problem(401, "invalid_operator_token", "Send the operator token in X-Operator-Token.")
