import pytest


@pytest.fixture(scope="module")
async def system(shared_systems):
    """The system every module using this fixture shares (starting five services is the slow
    part): its data stays, so each module uses users and ids no other module on it uses, and
    tests filter by the ids they created. A module that stops or reconfigures a server or a
    service for good starts its own (`devstack.testing.started_system`)."""
    return await shared_systems.get(ANALYSIS_ACK_WAIT="5")
