import pytest

from .fake_llm import FakeLLM


@pytest.fixture
def fake_llm():
    server = FakeLLM().start()
    yield server
    server.stop()
