"""The services' image (deploy/Dockerfile) run by testcontainers, on NATS and Postgres in
containers: a pasted session goes from upload to a completed insight. Runs only where a Docker
engine answers and the image is built; skipped with the reason elsewhere (no engine here)."""

import os
import time

import httpx
import pytest
from devstack import containers
from devstack.tokens import make_token

TRANSCRIPT = ("Coach: What would you like to focus on today?\n"
              "Client: I want to finish the hiring plan by Friday and feel calmer about it.\n"
              "Coach: What would calmer look like?\n"
              "Client: I would block two mornings and tell my manager on Monday.\n")


@pytest.fixture(scope="module")
def image_system():
    image = os.environ.get(containers.SERVICE_IMAGE_ENV, "session-insights:dev")
    if problem := containers.image_problem(image):
        pytest.skip(problem)
    nats_server, postgres = containers.NatsContainer(), containers.PostgresContainer()
    system = None
    try:
        nats_server.start()
        postgres.start()
        system = containers.ImageSystem(database_url=postgres.url("postgres"), nats_url=nats_server.url)
        system.start()
        yield system
    finally:
        if system:
            system.stop()
        postgres.remove()
        nats_server.remove()


def test_a_pasted_session_is_analysed_by_the_services_image(image_system):
    headers = {"Authorization": f"Bearer {make_token(image_system.jwt_secret, 'client-image')}"}
    base = f"{image_system.gateway_url}/api/v1/session-insights"
    created = httpx.post(f"{base}/unpaired/from-text", headers=headers, timeout=60,
                         json={"transcript_text": TRANSCRIPT, "session_title": "From the image"})
    assert created.status_code == 202, created.text
    deadline = time.monotonic() + 120
    while (status := httpx.get(f"{base}/{created.json()['id']}", headers=headers).json()["status"]) != "completed":
        assert status in ("pending", "processing") and time.monotonic() < deadline, status
        time.sleep(0.5)
