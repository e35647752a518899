"""One transcript end to end through all five services, on real NATS and Postgres."""

import time
from pathlib import Path

import asyncpg
import httpx

SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()
API = "/api/v1/session-insights"
SECTIONS = ("celebration", "intention", "client_discoveries", "goal_progress", "coaching_presence",
            "powerful_questions", "action_items", "emotional_shifts", "values_beliefs", "communication_patterns",
            "session_summary", "key_themes", "overall_session_quality", "metadata")


def wait_for_status(client: httpx.Client, insight_id: str, headers: dict, statuses=("completed", "failed"),
                    timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(f"{API}/{insight_id}", headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        if body["status"] in statuses:
            return body
        time.sleep(0.1)
    raise AssertionError(f"insight {insight_id} still {body['status']} after {timeout}s")


def quotes(detail: dict) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "evidence":
                    found.extend(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(detail)
    return found


def test_unpaired_text_upload_completes_with_every_section_and_verbatim_quotes(system):
    alice = system.headers("client-alice")
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        created = client.post(f"{API}/unpaired/from-text", headers=alice, json={
            "transcript_text": SAMPLE, "session_title": "Offsite debrief", "session_date": "2026-11-20"})
        assert created.status_code == 202, created.text
        accepted = created.json()
        assert accepted["status"] == "pending" and accepted["is_unpaired"] is True
        assert accepted["client_user_id"] == "client-alice"

        detail = wait_for_status(client, accepted["id"], alice)

        assert detail["status"] == "completed", detail.get("processing_error")
        for section in SECTIONS:
            assert section in detail, section
        assert detail["session_summary"] and detail["overall_session_quality"]
        assert detail["action_items"], "the client's commitments were not found"
        assert detail["powerful_questions"], "no powerful question found"
        evidence = quotes(detail)
        assert evidence, "no evidence quotes at all"
        for quote in evidence:
            assert quote in SAMPLE, f"not verbatim: {quote!r}"
        assert detail["session_title"] == "Offsite debrief"
        assert detail["metadata"]["transcript_word_count"] > 500

        listed = client.get(f"{API}/my-insights", headers=alice).json()
        assert [i["id"] for i in listed["unpaired_insights"]] == [accepted["id"]]
        assert listed["paired_insights"] == [] and listed["total_count"] == 1
        assert listed["unpaired_insights"][0]["action_item_count"] == len(detail["action_items"])


SPANISH = "\n".join(f"{who}: {text}" for who, text in [
    ("Coach", "Hola Marta, ¿en qué te gustaría trabajar hoy?"),
    ("Cliente", "Quiero aprender a delegar. Trabajo sesenta horas a la semana y estoy agotada."),
    ("Coach", "¿Qué te impide delegar ahora mismo?"),
    ("Cliente", "Creo que nadie lo hará tan bien como yo. Siempre he sido así, desde muy joven."),
    ("Coach", "¿Qué pasaría si dejaras que tu equipo se equivocara de vez en cuando?"),
    ("Cliente", "Me doy cuenta de que tengo miedo de perder el control. Eso es nuevo para mí."),
    ("Coach", "¿Qué vas a hacer esta semana?"),
    ("Cliente", "Voy a pedirle a Luis que dirija la reunión del viernes. Lo haré mañana por la mañana."),
])


def test_a_session_in_another_language_fails_at_once_and_says_why(system):
    bea = system.headers("client-bea")
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        created = client.post(f"{API}/unpaired/from-text", headers=bea, json={"transcript_text": SPANISH})
        assert created.status_code == 202, created.text
        detail = wait_for_status(client, created.json()["id"], bea)
    assert detail["status"] == "failed"
    assert "not appear to be in English" in detail["processing_error"]


def test_someone_elses_insight_is_not_found_and_no_token_is_401(system):
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        created = client.post(f"{API}/unpaired/from-text", headers=system.headers("client-alice"),
                              json={"transcript_text": SAMPLE}).json()
        other = client.get(f"{API}/{created['id']}", headers=system.headers("client-bob"))
        assert other.status_code == 404
        assert other.headers["content-type"].startswith("application/problem+json")
        anonymous = client.get(f"{API}/my-insights")
        assert anonymous.status_code == 401
        assert anonymous.headers["content-type"].startswith("application/problem+json")
        forged = client.get(f"{API}/my-insights", headers={"Authorization": "Bearer not.a.jwt"})
        assert forged.status_code == 401
        assert client.get(f"{API}/my-insights", headers=system.headers("client-bob")).json()["total_count"] == 0


def test_every_service_answers_health_and_ready(system):
    for name in ("ingestion", "analysis", "insights", "sharing", "gateway"):
        assert httpx.get(f"{system.url(name)}/health").status_code == 200
        ready = httpx.get(f"{system.url(name)}/ready")
        assert ready.status_code == 200, ready.text


async def test_analysis_killed_with_work_queued_loses_nothing_and_duplicates_nothing(system):
    system.kill("analysis")
    alice = system.headers("client-alice")
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        ids = [client.post(f"{API}/unpaired/from-text", headers=alice,
                           json={"transcript_text": SAMPLE, "session_title": f"session {n}"}).json()["id"]
               for n in range(3)]
        time.sleep(0.5)
        assert {client.get(f"{API}/{i}", headers=alice).json()["status"] for i in ids} <= {"pending", "processing"}

        system.start("analysis")
        for insight_id in ids:
            assert wait_for_status(client, insight_id, alice)["status"] == "completed"

    conn = await asyncpg.connect(system.database_url.replace("+asyncpg", ""))
    try:  # the module's other tests share the system: only these three uploads count
        runs = await conn.fetch("select insight_id, count(*) as n from analysis.analysis_runs "
                                "where outcome = 'completed' and insight_id = any($1) group by insight_id", ids)
        completed_events = await conn.fetchval(
            "select count(*) from analysis.outbox where subject = 'insights.v1.analysis.completed' "
            "and convert_from(payload, 'UTF8')::jsonb ->> 'insight_id' = any($1)", ids)
        projected = await conn.fetchval("select count(*) from insights.insights where status = 'completed' "
                                        "and id = any($1)", ids)
    finally:
        await conn.close()
    assert {r["insight_id"]: r["n"] for r in runs} == {i: 1 for i in ids}
    assert completed_events == 3 and projected == 3


async def test_the_request_id_travels_from_the_upload_to_every_event_it_causes(system):
    import nats

    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        created = client.post(f"{API}/unpaired/from-text", headers={**system.headers("client-alice"),
                              "X-Request-ID": "trace-upload-42"}, json={"transcript_text": SAMPLE})
        assert created.headers["x-request-id"] == "trace-upload-42"
        wait_for_status(client, created.json()["id"], system.headers("client-alice"))

    connection = await nats.connect(system.nats_url)
    try:
        js = connection.jetstream()
        for subject in ("insights.v1.transcript.received", "insights.v1.analysis.completed"):
            message = await js.get_last_msg("INGESTION" if "transcript" in subject else "ANALYSIS", subject)
            assert (message.headers or {}).get("x-request-id") == "trace-upload-42", subject
    finally:
        await connection.close()


async def test_relationships_list_for_coach_and_client_only(system):
    from devstack.relationship import publish

    from contracts import CoachingRelationshipChanged

    await publish(system.nats_url, CoachingRelationshipChanged(
        relationship_id="rel-list", coach_user_id="coach-ann", client_user_id="client-bo", status="active",
        coach_name="Ann Coach", client_name="Bo Client"))
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        for _ in range(100):
            listed = client.get(f"{API}/relationships", headers=system.headers("coach-ann")).json()
            if listed["relationships"]:
                break
            time.sleep(0.05)
        assert [(r["relationship_id"], r["role"], r["client_name"]) for r in listed["relationships"]] == [
            ("rel-list", "coach", "Bo Client")]
        as_client = client.get(f"{API}/relationships", headers=system.headers("client-bo")).json()
        assert [r["role"] for r in as_client["relationships"]] == ["client"]
        assert client.get(f"{API}/relationships", headers=system.headers("coach-zed")).json() == {
            "relationships": []}
