"""Shared by the e2e and browser tests: a failed test's report carries the tail of each service's
log, from the system it ran against (the `system` fixture of its module)."""

import pytest
from devstack.system import SERVICES


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    stack = getattr(item, "funcargs", {}).get("system")
    if report.when == "call" and report.failed and hasattr(stack, "log_tail"):
        for name in SERVICES:
            report.sections.append((f"{name} log", stack.log_tail(name)))
    return report
