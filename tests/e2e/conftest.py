import pytest
from devstack.testing import started_system


@pytest.fixture(scope="module")
async def system(postgres_server, nats_server):
    """One system per module (starting five services is the slow part): tests in a module share
    it, so each uses its own users or filters by the ids it created."""
    stack = await started_system(postgres_server, nats_server, ANALYSIS_ACK_WAIT="5")
    yield stack
    stack.stop()
