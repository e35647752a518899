import pytest
from devstack.testing import started_system

SERVICES = ("ingestion", "analysis", "insights", "sharing", "gateway")


@pytest.fixture(scope="module")
async def system(postgres_server, nats_server):
    """One system per module (starting five services is the slow part): tests in a module share
    it, so each uses its own users or filters by the ids it created."""
    stack = await started_system(postgres_server, nats_server, ANALYSIS_ACK_WAIT="5")
    yield stack
    stack.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    stack = getattr(item, "funcargs", {}).get("system")
    if report.when == "call" and report.failed and hasattr(stack, "log_tail"):
        for name in SERVICES:
            report.sections.append((f"{name} log", stack.log_tail(name)))
    return report
