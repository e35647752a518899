"""API fuzzing: schemathesis generates requests (valid and invalid) for every operation of the
gateway's OpenAPI document and sends them, with valid tokens of several users, to the whole
system. No answer may be a server error (5xx), and every error must be problem+json.

`just test` runs a short round (SI_FUZZ_EXAMPLES per operation, default 6); `just fuzz` a long
one (>= 1,000 cases) and prints the figures. Some path parameters are swapped for real ids
(seeded below) so the fuzzer reaches the services' data, not only their 404s.
(Schemathesis' own pytest integration needs pytest < 9, hence its Python API here.)"""

import asyncio
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import schemathesis
from contracts import CoachingRelationshipChanged
from devstack.relationship import publish
from devstack.system import System
from devstack.testing import started_system
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.core.result import Ok
from schemathesis.generation.modes import GenerationMode

API = "/api/v1/session-insights"
EXAMPLES = int(os.environ.get("SI_FUZZ_EXAMPLES", "6"))
USERS = ("client-daniel", "coach-maya", "coach-sam", "client-alice")
SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()[:4000]


@dataclass
class Tally:
    real: dict[str, list[str]] = field(default_factory=dict)  # path parameter -> real values
    cases: int = 0
    operations: set[str] = field(default_factory=set)
    statuses: dict[int, int] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    not_problem_json: list[str] = field(default_factory=list)

    def record(self, case, response) -> None:
        self.cases += 1
        self.operations.add(f"{case.method.upper()} {case.operation.path}")
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        what = f"{case.method} {response.request.url} -> {response.status_code} {response.text[:200]!r}"
        if response.status_code >= 500:
            self.server_errors.append(what)
        content_type = next((v[0] if isinstance(v, list) else v for k, v in response.headers.items()
                             if k.lower() == "content-type"), "")
        if response.status_code >= 400 and not content_type.startswith("application/problem+json"):
            self.not_problem_json.append(f"{what} ({content_type})")

    def summary(self) -> str:
        statuses = ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items()))
        return (f"fuzz: {self.cases} cases over {len(self.operations)} operations, "
                f"{len(self.server_errors)} server errors, "
                f"{len(self.not_problem_json)} errors not problem+json (statuses {statuses})")


TALLY = Tally()


def seed(system: System) -> dict[str, list[str]]:
    """Once the relationship (Maya coaches Daniel) is known: a paired and an unpaired insight, a share."""
    with httpx.Client(base_url=system.gateway_url, timeout=30) as http:
        deadline = time.monotonic() + 30
        while True:  # until ingestion has the relationship
            paired = http.post(f"{API}/from-text", headers=system.headers("coach-maya"),
                               json={"coaching_relationship_id": "rel-fuzz", "transcript_text": SAMPLE})
            if paired.status_code == 202 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert paired.status_code == 202, paired.text
        unpaired = http.post(f"{API}/unpaired/from-text", headers=system.headers("client-alice"),
                             json={"transcript_text": SAMPLE, "session_title": "Fuzz"})
        assert unpaired.status_code == 202, unpaired.text
        ids = [paired.json()["id"], unpaired.json()["id"]]
        for insight_id, owner in zip(ids, ("coach-maya", "client-alice"), strict=True):
            deadline = time.monotonic() + 60
            while http.get(f"{API}/{insight_id}", headers=system.headers(owner)).json().get("status") != "completed":
                assert time.monotonic() < deadline, "seeded insight not analysed"
                time.sleep(0.2)
        deadline = time.monotonic() + 30
        while True:  # 409 not_ready until sharing has projected the upload
            shared = http.post(f"{API}/{ids[1]}/share", headers=system.headers("client-alice"),
                               json={"coach_user_id": "coach-sam", "permissions": {"view": True, "comment": True}})
            if shared.status_code != 409 or time.monotonic() > deadline:
                break
            time.sleep(float(shared.headers["Retry-After"]) / 4)
        assert shared.status_code == 200, shared.text
    return {"insight_id": ids, "relationship_id": ["rel-fuzz"], "coach_user_id": ["coach-sam", "coach-maya"]}


@pytest.fixture(scope="module")
async def fuzz_stack(postgres_server, nats_server):
    # limits high enough that the fuzzer reaches the services behind the gateway
    system = await started_system(postgres_server, nats_server, GATEWAY_CREATE_PER_MINUTE="100000",
                                  GATEWAY_COMMENTS_PER_MINUTE="100000")
    try:
        await publish(system.nats_url, CoachingRelationshipChanged(
            relationship_id="rel-fuzz", coach_user_id="coach-maya", client_user_id="client-daniel", status="active",
            coach_name="Maya", client_name="Daniel"))
        TALLY.real = await asyncio.to_thread(seed, system)
        yield system
    finally:
        system.stop()


def fuzz_operation(system: System, operation, mode: GenerationMode) -> None:
    """EXAMPLES cases of one operation; about half aim at real data instead of generated ids."""

    @given(case=operation.as_strategy(generation_mode=mode), aim=st.integers(0, 1 << 16))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    def run(case, aim: int) -> None:
        for name in list(case.path_parameters or {}):
            choices = TALLY.real.get(name)
            if choices and aim % 2:
                case.path_parameters[name] = choices[aim // 2 % len(choices)]
        user = USERS[TALLY.cases % len(USERS)]
        response = case.call(base_url=system.gateway_url, timeout=60,
                             headers={"Authorization": f"Bearer {system.token(user)}"})
        TALLY.record(case, response)

    run()


def test_no_server_errors_and_every_error_is_problem_json(fuzz_stack):
    schema = schemathesis.openapi.from_url(f"{fuzz_stack.gateway_url}/schema/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz_operation(fuzz_stack, operation, mode)
            except Unsatisfiable:  # nothing negative to say about an operation without inputs
                pass
    print("\n" + TALLY.summary())
    for line in TALLY.server_errors[:20] + TALLY.not_problem_json[:20]:
        print("  ", line)
    assert TALLY.operations == {f"{op.method.upper()} {op.path}" for op in operations}  # every one was fuzzed
    assert not TALLY.server_errors, TALLY.summary()
    assert not TALLY.not_problem_json, TALLY.summary()
