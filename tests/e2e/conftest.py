import pytest
from devstack.system import System


@pytest.fixture
def system(database_url: str, nats_url: str, request):
    stack = System(database_url=database_url, nats_url=nats_url, extra_env={"ANALYSIS_ACK_WAIT": "5"})
    stack.start()
    yield stack
    stack.stop()
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        for name in ("ingestion", "analysis", "insights", "sharing", "gateway"):
            print(f"--- {name} ---\n{stack.log_tail(name)}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
